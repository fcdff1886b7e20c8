// A strip of sample images, one per class, each with its class name: what the network is asked
// to tell apart. Loads the data on a background thread (Fashion-MNIST takes a moment to unpack),
// so the window never freezes; a missing or corrupt dataset shows its error message instead.
#pragma once

#include <QImage>
#include <QWidget>

#include <memory>

#include "core/data/data_config.h"

class QGridLayout;
class QLabel;
class QThread;

namespace normlab {

class DatasetStrip : public QWidget {
  Q_OBJECT
 public:
  explicit DatasetStrip(QWidget* parent = nullptr);
  ~DatasetStrip() override;

  // Loads `config` in the background and shows one sample per class when done. A folder of
  // images is only previewed (listed, one image per class decoded): reading it all is Start's job.
  void showDataset(const DataConfig& config, std::uint64_t seed);
  // Shows samples of an already loaded dataset at once.
  void setDataset(const Dataset& dataset);
  // Number of thumbnails shown (0 while loading or after an error).
  int thumbnailCount() const { return thumbnails_; }
  QString message() const;
  // Bad files the last image-folder preview found (files that are not images, samples that do
  // not decode); 0 for other datasets.
  std::int64_t badFiles() const { return badFiles_; }
  // Image i of `set` as a QImage (grey or RGB).
  static QImage toImage(const ImageSet& set, int i);

 signals:
  void loaded();  // thumbnails (or an error message) are shown

 private:
  void launch();
  void clearGrid();
  void showError(const QString& message);
  bool showSamples(const Dataset& dataset, std::int64_t trainImages, std::int64_t testImages);
  void showPreview(const ImageFolderPreview& preview, const DataConfig& config);

  QGridLayout* grid_;
  QLabel* message_;
  int thumbnails_ = 0;
  std::int64_t badFiles_ = 0;
  QThread* thread_ = nullptr;
  struct LoadResult;
  std::unique_ptr<DataConfig> pending_;
  std::uint64_t pendingSeed_ = 1;
};

}  // namespace normlab
