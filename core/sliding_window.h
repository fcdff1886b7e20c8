// Output size of a sliding window (convolution, pooling) along one axis, PyTorch's floor rule:
// (in + 2 * padding - kernel) / stride + 1, or 0 when the padded input is smaller than the kernel.
#pragma once

namespace normlab {

// Integer is int in the layers and std::int64_t where specs are validated (no overflow there).
template <typename Integer>
constexpr Integer slidingWindowOutput(Integer in, int kernel, int stride, int padding) {
  return in + 2 * Integer(padding) >= kernel ? (in + 2 * Integer(padding) - kernel) / stride + 1 : 0;
}

}  // namespace normlab
