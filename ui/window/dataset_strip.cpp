#include "ui/window/dataset_strip.h"

#include <memory>
#include <mutex>

#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QThread>
#include <QVBoxLayout>

#include <exception>

#include "ui/window/language.h"

namespace normlab {

// What the loader thread produced (one of the two), guarded by its mutex.
struct DatasetStrip::LoadResult {
  std::mutex mutex;
  std::shared_ptr<Dataset> data;
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
  message_->setStyleSheet("");
  message_->setText(tr("Loading sample images…"));
  message_->show();
  // The loader hands its result over through a mutex of our own (not a queued call made on the
  // loader thread), so the hand-over is visible to ThreadSanitizer; the strip picks it up when
  // the thread has finished. The destructor waits for the thread.
  auto result = std::make_shared<LoadResult>();
  thread_ = QThread::create([result, config, seed] {
    std::shared_ptr<Dataset> data;
    QString error;
    try {
      LoadedData loaded = loadData(config, seed);
      data = std::make_shared<Dataset>(std::move(loaded.dataset));
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const std::lock_guard lock(result->mutex);
    result->data = std::move(data);
    result->error = std::move(error);
  });
  connect(thread_, &QThread::finished, this, [this, result] {
    std::shared_ptr<Dataset> data;
    QString error;
    {
      const std::lock_guard lock(result->mutex);
      data = std::move(result->data);
      error = std::move(result->error);
    }
    thread_->deleteLater();
    thread_ = nullptr;
    if (data) setDataset(*data); else showError(error);
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
  message_->setStyleSheet("color: #B00020;");
  message_->setText(tr("Cannot load the data: %1").arg(message));
  message_->show();
  emit loaded();
}

void DatasetStrip::setDataset(const Dataset& dataset) {
  if (pending_) return;
  clearGrid();
  const ImageSet& set = dataset.train.size() > 0 ? dataset.train : dataset.test;
  const auto indices = previewIndices(set, dataset.classes, 1);
  int cell = 0;
  for (int k = 0; k < int(indices.size()); ++k) {
    if (indices[std::size_t(k)].empty()) continue;
    const QImage image = toImage(set, indices[std::size_t(k)][0]);
    const int side = kThumbnail;
    auto* picture = new QLabel(this);
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
                                                     .arg(datasetTitle(dataset.name), locale.toString(dataset.train.size()),
                                                          locale.toString(dataset.test.size()))
                                                     .arg(dataset.classes));
  message_->setStyleSheet("");
  emit loaded();
}

}  // namespace normlab
