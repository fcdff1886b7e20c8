#include "core/data/dataset.h"

#include <cmath>

#include "core/base/error.h"
#include "core/files/file_kind.h"
#include "core/data/idx_file.h"
#include "core/base/random.h"

namespace normlab {

namespace {

// "dir/stem" or "dir/stem.gz", whichever exists.
std::string findIdx(const std::string& dir, const std::string& stem) {
  for (const std::string& candidate : {dir + "/" + stem, dir + "/" + stem + ".gz"})
    if (describePath(candidate) != "missing") return candidate;  // readIdx says what it is if not a file
  throw NormLabError("'" + dir + "' has no " + stem + " (nor " + stem + ".gz)");
}

ImageSet loadSplit(const std::string& dir, const std::string& prefix) {
  const std::string imagePath = findIdx(dir, prefix + "-images-idx3-ubyte");
  const std::string labelPath = findIdx(dir, prefix + "-labels-idx1-ubyte");
  IdxArray images = readIdx(imagePath, 3);
  IdxArray labels = readIdx(labelPath, 1);
  if (images.dims[0] != labels.dims[0])
    throw NormLabError("'" + imagePath + "' holds " + std::to_string(images.dims[0]) + " images but '" +
                       labelPath + "' holds " + std::to_string(labels.dims[0]) + " labels");
  ImageSet set;
  set.shape = {1, images.dims[1], images.dims[2]};
  set.pixels = std::move(images.data);
  set.labels.assign(labels.data.begin(), labels.data.end());
  return set;
}

}  // namespace

Dataset loadIdxFolder(const std::string& dir, const std::string& name) {
  requireFolder(dir, "dataset folder");
  Dataset d;
  d.name = name;
  d.train = loadSplit(dir, "train");
  d.test = loadSplit(dir, "t10k");
  if (!(d.train.shape == d.test.shape))
    throw NormLabError("'" + dir + "': training images are " + d.train.shape.str() + " but test images are " +
                       d.test.shape.str());
  int maxLabel = 0;
  for (const ImageSet* s : {&d.train, &d.test})
    for (int l : s->labels) maxLabel = std::max(maxLabel, l);
  d.classes = maxLabel + 1;
  for (int c = 0; c < d.classes; ++c) d.classNames.push_back(std::to_string(c));
  return d;
}

Dataset loadFashionMnist(const std::string& dir) {
  Dataset d = loadIdxFolder(dir, "fashion-mnist");
  const std::vector<std::string> names{"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                       "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
  if (d.classes > int(names.size()))
    throw NormLabError("'" + dir + "': Fashion-MNIST has 10 classes, the labels go up to " +
                       std::to_string(d.classes - 1));
  d.classes = 10;
  d.classNames = names;
  return d;
}

InputTransform fitInputTransform(const ImageSet& train, Preprocess mode) {
  const int channels = train.shape.c, spatial = train.shape.spatial();
  InputTransform t;
  t.mode = mode;
  t.shift.assign(channels, 0.f);
  t.scale.assign(channels, 1.f);
  if (mode == Preprocess::MinMax) {
    t.scale.assign(channels, 1.f / 255.f);
  } else if (mode == Preprocess::ZScore) {
    for (int c = 0; c < channels; ++c) {
      double sum = 0, sumSq = 0;
      for (int i = 0; i < train.size(); ++i) {
        const std::uint8_t* p = train.image(i) + std::size_t(c) * spatial;
        for (int j = 0; j < spatial; ++j) {
          sum += p[j];
          sumSq += double(p[j]) * p[j];
        }
      }
      const double count = double(train.size()) * spatial;
      const double mean = count > 0 ? sum / count : 0;
      const double var = count > 0 ? sumSq / count - mean * mean : 1;
      t.shift[c] = float(mean);
      t.scale[c] = float(1.0 / std::sqrt(std::max(var, 1e-12)));
    }
  }
  return t;
}

void fillBatch(const ImageSet& set, const int* indices, int n, const InputTransform& transform,
               Tensor<float>& x, int* labels, const Augmentation* augment, std::int64_t position) {
  const int channels = set.shape.c, height = set.shape.h, width = set.shape.w, spatial = set.shape.spatial();
  for (int i = 0; i < n; ++i) {
    const std::uint8_t* src = set.image(indices[i]);
    float* dst = x.sample(i);
    int shiftX = 0, shiftY = 0;
    bool flip = false;
    if (augment) {
      Random rng(mix64(augment->key + std::uint64_t(position + i)));
      const int span = 2 * augment->padding + 1;
      shiftX = int(rng.below(std::uint64_t(span))) - augment->padding;
      shiftY = int(rng.below(std::uint64_t(span))) - augment->padding;
      flip = augment->flip && rng.uniform() < 0.5;
    }
    for (int c = 0; c < channels; ++c) {
      const float shift = transform.shift[c], scale = transform.scale[c];
      const std::uint8_t* plane = src + std::size_t(c) * spatial;
      float* out = dst + std::size_t(c) * spatial;
      if (!augment) {
        for (int j = 0; j < spatial; ++j) out[j] = (float(plane[j]) - shift) * scale;
        continue;
      }
      for (int y = 0; y < height; ++y)
        for (int xo = 0; xo < width; ++xo) {
          const int sy = y + shiftY, sx = (flip ? width - 1 - xo : xo) + shiftX;
          const bool inside = sy >= 0 && sy < height && sx >= 0 && sx < width;
          out[y * width + xo] = ((inside ? float(plane[sy * width + sx]) : 0.f) - shift) * scale;
        }
    }
    labels[i] = set.labels[indices[i]];
  }
  x.n = n;
}

}  // namespace normlab
