// Small folders of generated images for the image-folder tests: one shape per class (circle,
// square, cross) at a jittered place and size, saved as PNG, JPEG and BMP in turn.
#pragma once

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QString>
#include <QtTest>

namespace normlab::test {

// A shape of class `label` (0 circle, 1 square, 2 cross) at a jittered place and size, w x h.
inline QImage shapeImage(int label, int index, int w = 40, int h = 32) {
  QImage image(w, h, QImage::Format_RGB32);
  image.fill(Qt::black);
  QPainter p(&image);
  p.setRenderHint(QPainter::Antialiasing);
  const int s = 10 + index % 6, cx = w / 2 - 3 + index % 7, cy = h / 2 - 3 + (index / 7) % 7;
  p.setPen(QPen(Qt::white, 3));
  p.setBrush(label == 2 ? Qt::NoBrush : QBrush(QColor(200 + index % 50, 200, 255)));
  if (label == 0) p.drawEllipse(QPoint(cx, cy), s, s);
  if (label == 1) p.drawRect(cx - s, cy - s, 2 * s, 2 * s);
  if (label == 2) {
    p.drawLine(cx - s, cy - s, cx + s, cy + s);
    p.drawLine(cx - s, cy + s, cx + s, cy - s);
  }
  return image;
}

inline const char* const kShapeClasses[] = {"circle", "square", "cross"};
inline const char* const kShapeFormats[] = {"png", "jpg", "bmp"};

// root/<split>/<class>/<i>.<fmt> (root/<class>/... when split is ""): `perClass` images of each
// of `classes` classes, numbered from `first` for the jitter.
inline void writeShapeSplit(const QString& root, const QString& split, int perClass, int classes = 3, int first = 0) {
  for (int c = 0; c < classes; ++c) {
    const QString dir = split.isEmpty() ? root + "/" + kShapeClasses[c] : root + "/" + split + "/" + kShapeClasses[c];
    QVERIFY(QDir().mkpath(dir));
    for (int i = 0; i < perClass; ++i)
      QVERIFY(shapeImage(c, first + i).save(dir + QString("/%1.%2").arg(i).arg(kShapeFormats[i % 3])));
  }
}

}  // namespace normlab::test
