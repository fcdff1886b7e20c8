// core/data/: images: datasets in memory (this file), Fashion-MNIST and CIFAR-10 readers,
// the synthetic set, the dataset config and the sample stream every arm shares.
//
// In-memory image datasets: pixels stay uint8 (Fashion-MNIST as float32 would be 188 MB) and are
// converted per batch with the chosen preprocessing. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/base/tensor.h"

namespace normlab {

struct ImageSet {
  Shape shape;                       // per image: C x H x W
  std::vector<std::uint8_t> pixels;  // N x C x H x W
  std::vector<int> labels;           // N class indices
  int size() const { return int(labels.size()); }
  const std::uint8_t* image(int i) const { return pixels.data() + std::size_t(i) * shape.size(); }
};

struct Dataset {
  std::string name;
  int classes = 0;
  std::vector<std::string> classNames;
  ImageSet train, test;
};

inline constexpr const char* kFashionMnistDir = "/usr/share/datasets/fashion-mnist";

// An MNIST-format folder: train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-... (each plain
// or .gz). Checks counts agree and labels are in range; throws NormLabError naming the file.
Dataset loadIdxFolder(const std::string& dir, const std::string& name = "idx");
Dataset loadFashionMnist(const std::string& dir = kFashionMnistDir);

enum class Preprocess { Raw, MinMax, ZScore };

// Per-channel affine map pixel -> (pixel - shift) * scale, fixed from the training split.
struct InputTransform {
  Preprocess mode = Preprocess::ZScore;
  std::vector<float> shift, scale;  // per channel
};
InputTransform fitInputTransform(const ImageSet& train, Preprocess mode);

// Random crop with zero padding (in raw pixel space, as torchvision pads) and horizontal flip.
// Sample i of a batch draws from (key, position + i): position is the sample's place in the
// training stream, so arms that see the same stream see the same augmented images.
struct Augmentation {
  int padding = 2;
  bool flip = true;
  std::uint64_t key = 0;
};

// Writes images indices[0..n) of `set` into x (n x C x H x W, float; sets x.n = n) and their
// labels, optionally augmented.
void fillBatch(const ImageSet& set, const int* indices, int n, const InputTransform& transform,
               Tensor<float>& x, int* labels, const Augmentation* augment = nullptr,
               std::int64_t position = 0);

}  // namespace normlab
