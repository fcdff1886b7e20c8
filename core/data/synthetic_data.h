// A built-in image set that needs no files: ten classes of shapes and textures at random
// positions, sizes, contrasts and rotations, with pixel noise. Generated from the seed, so the
// same seed gives the same images. Hard enough that normalization choices matter (contrast and
// brightness vary per image). Must not depend on Qt.
#pragma once

#include <cstdint>

#include "core/data/dataset.h"

namespace normlab {

struct SyntheticConfig {
  int classes = 10;  // 2..10
  int train = 6000;
  int test = 1000;
  int size = 28;     // images are 1 x size x size, size >= 8
};

Dataset makeSyntheticDataset(const SyntheticConfig& config, std::uint64_t seed);

}  // namespace normlab
