// The "dataset" object of an experiment config, and loading it into memory ready for training:
// source (fashion-mnist, idx folder, cifar10, a folder of images (image_folder.h), synthetic), subsets,
// validation split, preprocessing and augmentation. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/data/dataset.h"
#include "core/data/image_folder.h"
#include "core/data/synthetic_data.h"

namespace normlab {

struct DataConfig {
  std::string name = "fashion-mnist";  // fashion-mnist | idx | cifar10 | images | synthetic
  std::string path;                    // idx, cifar10, images (fashion-mnist: optional override)
  SyntheticConfig synthetic;
  ImageFolderConfig images;            // images: size, channels, test_fraction, skip_bad_images
  int trainSubset = 0;                 // 0: all; else the first N (or N per class if stratified)
  int testSubset = 0;
  bool stratified = false;
  double validation = 0;               // fraction of the training split held out
  Preprocess preprocess = Preprocess::ZScore;
  bool augment = false;                // random crop with padding + horizontal flip
  int augmentPadding = 2;
  bool augmentFlip = true;
  bool dropLast = true;                // drop the last partial batch of an epoch
};

// Throws NormLabError naming the key ("dataset.train_subset") and what is wrong.
DataConfig parseDataConfig(const nlohmann::json& j);
nlohmann::json toJson(const DataConfig& c);

struct LoadedData {
  Dataset dataset;           // train (after subset and validation split) and test
  ImageSet validation;       // empty unless validation > 0
  InputTransform transform;  // fitted on the training split
  std::string warning;       // e.g. Fashion-MNIST missing: fell back to the synthetic set
};

// Loads and prepares the data. If Fashion-MNIST is requested without a "path" and is not installed
// (no folder at the default place), falls back to the synthetic set and says so in `warning`;
// every other failure throws NormLabError (a "path" that does not exist included). A folder of
// images reports its reading to `progress` (which may cancel it, image_folder.h).
LoadedData loadData(const DataConfig& config, std::uint64_t seed, const ImageLoadProgress& progress = {});

// Where Fashion-MNIST without a "path" is looked for (kFashionMnistDir). Tests point it at a
// missing folder to see the fallback. Safe to call while loaders run on other threads.
void setDefaultFashionMnistDir(const std::string& dir);

// The first `perClass` indices of each class in `set` (fewer where a class has fewer).
std::vector<std::vector<int>> previewIndices(const ImageSet& set, int classes, int perClass);

}  // namespace normlab
