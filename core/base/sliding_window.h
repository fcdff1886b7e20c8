// Output size of a sliding window (convolution, pooling) along one axis, PyTorch's floor rule:
// (in + 2 * padding - kernel) / stride + 1, or 0 when the padded input is smaller than the kernel.
#pragma once

#include <string>

#include "core/base/error.h"
#include "core/base/tensor.h"

namespace normlab {

// Integer is int in the layers and std::int64_t where specs are validated (no overflow there).
template <typename Integer>
constexpr Integer slidingWindowOutput(Integer in, int kernel, int stride, int padding) {
  return in + 2 * Integer(padding) >= kernel ? (in + 2 * Integer(padding) - kernel) / stride + 1 : 0;
}

// Output shape of a K x K window with stride and padding over `in`, with `channels` output
// channels; throws NormLabError (prefixed with `where`, e.g. "layer 'conv2': ") when it does not fit.
inline Shape slidingWindowShape(const Shape& in, int channels, int kernel, int stride, int padding,
                                const std::string& where) {
  const int ho = slidingWindowOutput(in.h, kernel, stride, padding);
  const int wo = slidingWindowOutput(in.w, kernel, stride, padding);
  if (in.c < 1 || ho < 1 || wo < 1)
    throw NormLabError(where + "input " + in.str() + " does not fit kernel " + std::to_string(kernel) + " (stride " +
                       std::to_string(stride) + ", padding " + std::to_string(padding) + "): the output would be " +
                       std::to_string(ho) + "x" + std::to_string(wo));
  return {channels, ho, wo};
}

}  // namespace normlab
