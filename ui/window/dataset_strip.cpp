#include "ui/window/dataset_strip.h"

#include <memory>
#include <mutex>

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <exception>

#include "ui/window/language.h"

namespace normlab {

// What the loader thread produced (one of the two), guarded by its mutex.
struct DatasetStrip::LoadResult {
  std::mutex mutex;
  std::shared_ptr<Dataset> data;
  std::shared_ptr<ImageFolderPreview> preview;  // a folder of images
  QString error;
};

namespace {
constexpr int kColumns = 5;
constexpr int kThumbnail = 48;  // pixels; 5 columns fit the side panel

QString datasetTitle(const std::string& name) {
  if (name == "fashion-mnist") return "Fashion-MNIST";
  if (name == "synthetic") return DatasetStrip::tr("Synthetic shapes");
  if (name == "cifar10") return "CIFAR-10";
  if (name == "idx") return DatasetStrip::tr("IDX folder");
  if (name == "images") return DatasetStrip::tr("Image folder");
  return QString::fromStdString(name);
}
}

DatasetStrip::DatasetStrip(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->hide();
  layout->addWidget(message_);
  grid_ = new QGridLayout;
  grid_->setSpacing(4);
  layout->addLayout(grid_);
  setToolTip(tr("One training image of each class, with its name: what the network learns to tell apart."));
}

DatasetStrip::~DatasetStrip() {
  pending_.reset();
  if (thread_) {
    thread_->wait();
    delete thread_;
  }
}

QString DatasetStrip::message() const { return message_->isVisible() || !message_->text().isEmpty() ? message_->text() : QString(); }

QImage DatasetStrip::toImage(const ImageSet& set, int i) {
  const int c = set.shape.c, h = set.shape.h, w = set.shape.w;
  const std::uint8_t* p = set.image(i);
  if (c == 3) {
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x)
        image.setPixel(x, y, qRgb(p[y * w + x], p[h * w + y * w + x], p[2 * h * w + y * w + x]));
    return image;
  }
  QImage image(w, h, QImage::Format_Grayscale8);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) image.scanLine(y)[x] = p[y * w + x];
  return image;
}

void DatasetStrip::showDataset(const DataConfig& config, std::uint64_t seed) {
  pending_ = std::make_unique<DataConfig>(config);
  pendingSeed_ = seed;
  if (!thread_) launch();
}

void DatasetStrip::launch() {
  if (!pending_) return;
  DataConfig config = *pending_;
  pending_.reset();
  const std::uint64_t seed = pendingSeed_;
  clearGrid();
  badFiles_ = 0;
  if (config.name == "images" && config.path.empty()) {
    showError(QString());
    return;
  }
  message_->setStyleSheet("");
  message_->setText(tr("Loading sample images…"));
  message_->show();
  // The loader hands its result over through a mutex of our own (not a queued call made on the
  // loader thread), so the hand-over is visible to ThreadSanitizer; the strip picks it up when
  // the thread has finished. The destructor waits for the thread.
  auto result = std::make_shared<LoadResult>();
  thread_ = QThread::create([result, config, seed] {
    std::shared_ptr<Dataset> data;
    std::shared_ptr<ImageFolderPreview> preview;
    QString error;
    try {
      if (config.name == "images") {
        preview = std::make_shared<ImageFolderPreview>(previewImageFolder(config.images, seed));
      } else {
        LoadedData loaded = loadData(config, seed);
        data = std::make_shared<Dataset>(std::move(loaded.dataset));
      }
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const std::lock_guard lock(result->mutex);
    result->data = std::move(data);
    result->preview = std::move(preview);
    result->error = std::move(error);
  });
  connect(thread_, &QThread::finished, this, [this, result, config] {
    std::shared_ptr<Dataset> data;
    std::shared_ptr<ImageFolderPreview> preview;
    QString error;
    {
      const std::lock_guard lock(result->mutex);
      data = std::move(result->data);
      preview = std::move(result->preview);
      error = std::move(result->error);
    }
    thread_->deleteLater();
    thread_ = nullptr;
    if (data) setDataset(*data);
    else if (preview) showPreview(*preview, config);
    else showError(error);
    launch();  // a newer request arrived while loading
  });
  thread_->start(QThread::LowPriority);
}

void DatasetStrip::clearGrid() {
  while (QLayoutItem* item = grid_->takeAt(0)) {
    delete item->widget();
    delete item;
  }
  thumbnails_ = 0;
}

void DatasetStrip::showError(const QString& message) {
  if (pending_) return;  // a newer request will replace this
  clearGrid();
  if (message.isEmpty()) {  // no folder chosen yet: a hint, not an error
    message_->setStyleSheet("");
    message_->setText(tr("Choose a folder of images with Browse…, or drop one on the window: one sub-folder of "
                         "pictures per class (the folder names are the class names), or train/ and test/ folders "
                         "that each hold such sub-folders."));
  } else {
    message_->setStyleSheet("color: #B00020;");
    message_->setText(tr("Cannot load the data: %1").arg(message));
  }
  message_->show();
  emit loaded();
}

void DatasetStrip::setDataset(const Dataset& dataset) {
  if (showSamples(dataset, dataset.train.size(), dataset.test.size())) emit loaded();
}

void DatasetStrip::showPreview(const ImageFolderPreview& preview, const DataConfig& config) {
  if (!showSamples(preview.samples, preview.trainImages, preview.testImages)) return;
  QString text = message_->text();
  if (config.images.testFraction > 0)
    text += "\n" + tr("One folder per class: %1% of each class's images are held out for testing (chosen by the seed).")
                       .arg(std::lround(config.images.testFraction * 100));
  badFiles_ = preview.badFiles;
  if (preview.badFiles > 0) {
    text += "\n" + tr("Bad files found so far: %n. The first: %1", "", int(std::min<std::int64_t>(preview.badFiles, 1 << 30)))
                       .arg(QString::fromStdString(preview.firstBad));
    text += "\n" + (config.images.skipBadImages ? tr("They are skipped: training goes on without them.")
                                                : tr("Tick “Skip bad images” to train without them, or fix them."));
    message_->setStyleSheet(config.images.skipBadImages ? "" : "color: #B00020;");
  }
  message_->setText(text);
  // Several wrapped lines: the form above takes the label's height for its width only as a minimum.
  message_->setMinimumHeight(message_->heightForWidth(std::max(message_->width(), kColumns * kThumbnail)));
  emit loaded();
}

// False when a newer request will replace this one (nothing shown).
bool DatasetStrip::showSamples(const Dataset& dataset, std::int64_t trainImages, std::int64_t testImages) {
  if (pending_) return false;
  clearGrid();
  message_->setMinimumHeight(0);
  const ImageSet& set = dataset.train.size() > 0 ? dataset.train : dataset.test;
  const auto indices = previewIndices(set, dataset.classes, 1);
  int cell = 0;
  for (int k = 0; k < int(indices.size()); ++k) {
    if (indices[std::size_t(k)].empty()) continue;
    const QImage image = toImage(set, indices[std::size_t(k)][0]);
    const int side = kThumbnail;
    auto* picture = new QLabel(this);
    picture->setMinimumSize(side, side);  // a long message above must not squeeze the pictures
    picture->setPixmap(QPixmap::fromImage(image.scaled(side, side, Qt::KeepAspectRatio, Qt::FastTransformation)));
    picture->setAlignment(Qt::AlignCenter);
    const QString name = k < int(dataset.classNames.size()) ? translatedCoreText(dataset.classNames[std::size_t(k)])
                                                            : tr("class %1").arg(k);
    picture->setToolTip(tr("Class %1: %2").arg(k).arg(name));
    auto* caption = new QLabel(name, this);
    caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    caption->setWordWrap(true);
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    caption->setFont(small);
    const int row = (cell / kColumns) * 2, column = cell % kColumns;
    grid_->addWidget(picture, row, column);
    grid_->addWidget(caption, row + 1, column);
    ++cell;
  }
  thumbnails_ = cell;
  const QLocale locale = displayLocale();
  message_->setText(tr("%1: %2 training and %3 test images, %4 classes")
                        .arg(datasetTitle(dataset.name), locale.toString(qlonglong(trainImages)),
                             locale.toString(qlonglong(testImages)))
                                                     .arg(dataset.classes));
  message_->setStyleSheet("");
  return true;
}

}  // namespace normlab
