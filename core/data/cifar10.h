// CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin): records of one label byte and
// 3 x 32 x 32 pixel bytes (R, G, B planes). Must not depend on Qt.
#pragma once

#include <string>

#include "core/data/dataset.h"

namespace normlab {

// Throws NormLabError naming the file: missing, unreadable, size not a whole number of records,
// label out of range.
Dataset loadCifar10(const std::string& dir);

}  // namespace normlab
