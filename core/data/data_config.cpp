#include "core/data/data_config.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "core/data/cifar10.h"
#include "core/base/error.h"
#include "core/files/file_kind.h"
#include "core/files/json_fields.h"
#include "core/base/random.h"

namespace normlab {

namespace {

const char* preprocessName(Preprocess p) {
  switch (p) {
    case Preprocess::Raw: return "raw";
    case Preprocess::MinMax: return "minmax";
    case Preprocess::ZScore: return "zscore";
  }
  return "zscore";
}

// Keeps the images at `keep` (in that order).
ImageSet select(const ImageSet& set, const std::vector<int>& keep) {
  ImageSet out;
  out.shape = set.shape;
  out.pixels.resize(keep.size() * std::size_t(set.shape.size()));
  out.labels.resize(keep.size());
  for (std::size_t i = 0; i < keep.size(); ++i) {
    std::copy_n(set.image(keep[i]), set.shape.size(), out.pixels.data() + i * std::size_t(set.shape.size()));
    out.labels[i] = set.labels[keep[i]];
  }
  return out;
}

// The first `count` images, or the first `count` of each class when stratified. Takes the set by
// value so that "no subset" moves it through instead of holding it twice.
ImageSet subset(ImageSet set, int count, bool stratified, int classes) {
  if (count <= 0) return set;
  std::vector<int> keep;
  if (stratified) {
    std::vector<int> taken(std::size_t(classes), 0);
    for (int i = 0; i < set.size(); ++i)
      if (taken[std::size_t(set.labels[i])]++ < count) keep.push_back(i);
  } else {
    for (int i = 0; i < std::min(count, set.size()); ++i) keep.push_back(i);
  }
  return select(set, keep);
}

// Read by loader threads (the runner, the GUI's dataset strip) while a test may set it.
std::mutex gDefaultDirMutex;
std::string gDefaultDir = kFashionMnistDir;

std::string defaultFashionMnistDir() {
  const std::lock_guard lock(gDefaultDirMutex);
  return gDefaultDir;
}

// Only the default install may be missing (then the synthetic set stands in, with a warning); a
// "path" the user gave must exist, so a typo is an error, not a silent change of dataset.
Dataset loadSource(const DataConfig& c, std::uint64_t seed, std::string& warning, const ImageLoadProgress& progress) {
  if (c.name == "synthetic") return makeSyntheticDataset(c.synthetic, seed);
  if (c.name == "cifar10") return loadCifar10(c.path);
  if (c.name == "idx") return loadIdxFolder(c.path, "idx");
  if (c.name == "images") {
    ImageFolderConfig images = c.images;
    images.path = c.path;
    // A plain subset keeps the first N of the shuffled order: the rest need not be decoded.
    ImageReading reading{progress, c.stratified ? 0 : c.trainSubset, c.stratified ? 0 : c.testSubset};
    return loadImageFolder(images, seed, warning, reading);
  }
  if (!c.path.empty()) return loadFashionMnist(c.path);
  const std::string dir = defaultFashionMnistDir();
  if (describePath(dir) == "missing") {
    warning = "Fashion-MNIST is not installed (no folder " + dir +
              "; install the dataset-fashion-mnist package): training on the built-in synthetic set instead";
    return makeSyntheticDataset(c.synthetic, seed);
  }
  return loadFashionMnist(dir);
}

}  // namespace

void setDefaultFashionMnistDir(const std::string& dir) {
  const std::lock_guard lock(gDefaultDirMutex);
  gDefaultDir = dir;
}

DataConfig parseDataConfig(const nlohmann::json& j) {
  JsonFields f(j, "dataset");
  f.allowOnly({"name", "path", "classes", "train", "test", "size", "channels", "test_fraction", "skip_bad_images",
               "train_subset", "test_subset", "stratified", "validation", "preprocess", "augment", "augment_padding",
               "augment_flip", "drop_last"});
  DataConfig c;
  c.name = f.getChoice("name", c.name, {"fashion-mnist", "idx", "cifar10", "images", "synthetic"});
  if (c.name == "synthetic" && f.has("path"))
    f.fail("path", "does not apply to the synthetic dataset, which is generated, not read from a folder");
  c.path = f.getString("path", "", kMaxTextBytes);
  if ((c.name == "idx" || c.name == "cifar10" || c.name == "images") && c.path.empty())
    f.fail("path", "is required for the " + c.name + " dataset (the folder holding its files)");
  if (c.name != "synthetic")
    for (const char* k : {"classes", "train", "test"})
      if (f.has(k)) f.fail(k, "only applies to the synthetic dataset");
  if (c.name != "synthetic" && c.name != "images" && f.has("size"))
    f.fail("size", "only applies to the synthetic and images datasets");
  if (c.name != "images")
    for (const char* k : {"channels", "test_fraction", "skip_bad_images"})
      if (f.has(k)) f.fail(k, "only applies to the images dataset (a folder of the class's own pictures)");
  c.synthetic.classes = f.getInt("classes", c.synthetic.classes, 2, 10);
  c.synthetic.train = f.getInt("train", c.synthetic.train, 1, 1000000);
  c.synthetic.test = f.getInt("test", c.synthetic.test, 1, 1000000);
  if (c.name == "images") {
    c.images.size = f.getInt("size", c.images.size, 8, 256);
    c.images.channels = f.getInt("channels", c.images.channels, 1, 3);
    if (c.images.channels == 2) f.fail("channels", "must be 1 (grayscale) or 3 (RGB)");
    c.images.testFraction = f.getNumber("test_fraction", 0, 0, 0.9);
    c.images.skipBadImages = f.getBool("skip_bad_images", false);
  } else {
    c.synthetic.size = f.getInt("size", c.synthetic.size, 8, 256);
  }
  c.trainSubset = f.getInt("train_subset", 0, 0, 100000000);
  c.testSubset = f.getInt("test_subset", 0, 0, 100000000);
  c.stratified = f.getBool("stratified", false);
  if (c.stratified && c.trainSubset == 0 && c.testSubset == 0)
    f.fail("stratified", "only applies with \"dataset.train_subset\" or \"dataset.test_subset\"");
  c.validation = f.getNumber("validation", 0, 0, 0.9);
  const std::string pre = f.getChoice("preprocess", "zscore", {"raw", "minmax", "zscore"});
  c.preprocess = pre == "raw" ? Preprocess::Raw : pre == "minmax" ? Preprocess::MinMax : Preprocess::ZScore;
  c.augment = f.getBool("augment", false);
  for (const char* k : {"augment_padding", "augment_flip"})
    if (f.has(k) && !c.augment) f.fail(k, "only applies when \"dataset.augment\" is true");
  c.augmentPadding = f.getInt("augment_padding", 2, 0, 16);
  c.augmentFlip = f.getBool("augment_flip", true);
  c.dropLast = f.getBool("drop_last", true);
  return c;
}

nlohmann::json toJson(const DataConfig& c) {
  nlohmann::json j{{"name", c.name}};
  if (!c.path.empty()) j["path"] = c.path;
  if (c.name == "synthetic") {
    j["classes"] = c.synthetic.classes;
    j["train"] = c.synthetic.train;
    j["test"] = c.synthetic.test;
    j["size"] = c.synthetic.size;
  }
  if (c.name == "images") {
    j["size"] = c.images.size;
    j["channels"] = c.images.channels;
    if (c.images.testFraction > 0) j["test_fraction"] = c.images.testFraction;
    if (c.images.skipBadImages) j["skip_bad_images"] = true;
  }
  if (c.trainSubset) j["train_subset"] = c.trainSubset;
  if (c.testSubset) j["test_subset"] = c.testSubset;
  if (c.stratified) j["stratified"] = true;
  if (c.validation > 0) j["validation"] = c.validation;
  j["preprocess"] = preprocessName(c.preprocess);
  if (c.augment) {
    j["augment"] = true;
    j["augment_padding"] = c.augmentPadding;
    j["augment_flip"] = c.augmentFlip;
  }
  if (!c.dropLast) j["drop_last"] = false;
  return j;
}

LoadedData loadData(const DataConfig& c, std::uint64_t seed, const ImageLoadProgress& progress) {
  LoadedData out;
  out.dataset = loadSource(c, seed, out.warning, progress);
  Dataset& d = out.dataset;
  d.train = subset(std::move(d.train), c.trainSubset, c.stratified, d.classes);
  d.test = subset(std::move(d.test), c.testSubset, c.stratified, d.classes);
  if (c.validation > 0) {
    std::vector<int> order(std::size_t(d.train.size()));
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = int(i);
    Random rng(streamKey(seed, Purpose::Shuffle, 0xFA11D));
    for (std::size_t i = order.size() - 1; i > 0; --i) std::swap(order[i], order[rng.below(i + 1)]);
    const std::size_t held = std::size_t(std::lround(c.validation * double(order.size())));
    std::vector<int> val(order.begin(), order.begin() + std::ptrdiff_t(held)), train(order.begin() + std::ptrdiff_t(held), order.end());
    std::sort(val.begin(), val.end());
    std::sort(train.begin(), train.end());
    out.validation = select(d.train, val);
    d.train = select(d.train, train);
  }
  if (d.train.size() == 0) throw NormLabError("dataset \"" + d.name + "\": no training images left after the subset and validation split");
  if (d.test.size() == 0) throw NormLabError("dataset \"" + d.name + "\": no test images left after the subset");
  out.transform = fitInputTransform(d.train, c.preprocess);
  return out;
}

std::vector<std::vector<int>> previewIndices(const ImageSet& set, int classes, int perClass) {
  std::vector<std::vector<int>> out(std::size_t(std::max(classes, 0)));
  for (int i = 0; i < set.size(); ++i) {
    const int l = set.labels[i];
    if (l >= 0 && l < classes && int(out[std::size_t(l)].size()) < perClass) out[std::size_t(l)].push_back(i);
  }
  return out;
}

}  // namespace normlab
