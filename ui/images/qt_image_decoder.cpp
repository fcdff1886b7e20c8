#include "ui/images/qt_image_decoder.h"

#include <QImage>
#include <QImageReader>
#include <QPainter>

#include <cstring>

#include "core/base/error.h"

namespace normlab {

namespace {
// A larger picture is refused before it is decoded (a 100-megapixel photo is not a class's
// 28 x 28 sample, and decoding it would take hundreds of MB).
constexpr qint64 kMaxPixels = 64LL * 1000 * 1000;
}  // namespace

DecodedImage decodeImageWithQt(const std::string& path) {
  QImageReader reader(QString::fromStdString(path));
  reader.setAutoTransform(true);  // a photo's EXIF orientation
  if (!reader.canRead())
    throw NormLabError("not an image NormLab can read (" + reader.errorString().toStdString() + ")");
  const QSize size = reader.size();
  if (size.isValid() && qint64(size.width()) * size.height() > kMaxPixels)
    throw NormLabError("the image is " + std::to_string(size.width()) + " x " + std::to_string(size.height()) +
                       " pixels; NormLab reads images of at most 64 megapixels");
  QImage image = reader.read();
  if (image.isNull()) throw NormLabError("cannot decode it (" + reader.errorString().toStdString() + ")");
  if (image.hasAlphaChannel()) {
    QImage flat(image.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter painter(&flat);
    painter.drawImage(0, 0, image);
    painter.end();
    image = flat;
  }
  DecodedImage out;
  out.width = image.width();
  out.height = image.height();
  out.channels = image.isGrayscale() ? 1 : 3;
  image = image.convertToFormat(out.channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
  const std::size_t row = std::size_t(out.width) * std::size_t(out.channels);
  out.pixels.resize(row * std::size_t(out.height));
  for (int y = 0; y < out.height; ++y) std::memcpy(out.pixels.data() + row * std::size_t(y), image.constScanLine(y), row);
  return out;
}

void installQtImageDecoder() { setImageDecoder(decodeImageWithQt); }

}  // namespace normlab
