// core/base/: what every other part stands on: shapes and tensor views (this file), aligned
// memory, errors, the thread pool and its fixed partition, deterministic random streams and
// sums, the GEMM kernel. Nothing here knows about layers or experiments.
//
// Shapes and tensor views. A Tensor is a non-owning float/double view over memory owned by the
// network (activations) or by a layer (parameters). Layout is NCHW; dense tensors are N x C with
// H = W = 1. Must not depend on Qt.
//
// Shape letters used throughout core/:
//   N batch size, C channels (features), H height, W width,
//   G groups (group norm), K kernel size, P number of fixed work parts (see partition.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace normlab {

// Per-sample shape C x H x W (a dense activation is C x 1 x 1).
struct Shape {
  int c = 0, h = 1, w = 1;
  // Multiplied in 64 bits: a shape read from a file cannot overflow here (readers refuse shapes
  // above 2^24 values, model specs above their own limits, so the result fits an int).
  int size() const { return int(std::int64_t(c) * h * w); }
  int spatial() const { return int(std::int64_t(h) * w); }
  bool operator==(const Shape&) const = default;
  std::string str() const {
    return h == 1 && w == 1 ? std::to_string(c)
                            : std::to_string(c) + "x" + std::to_string(h) + "x" + std::to_string(w);
  }
};

enum class Mode { Train, Eval };

template <typename T>
struct Tensor {
  T* data = nullptr;
  int n = 0;    // batch
  Shape shape;  // per sample

  int sampleSize() const { return shape.size(); }
  std::size_t size() const { return std::size_t(n) * std::size_t(shape.size()); }
  T* sample(int i) const { return data + std::size_t(i) * std::size_t(shape.size()); }
  T* channel(int i, int c) const { return sample(i) + std::size_t(c) * std::size_t(shape.spatial()); }
  T& at(int i, int c, int y = 0, int x = 0) const {
    return data[((std::size_t(i) * shape.c + c) * shape.h + y) * shape.w + x];
  }
  bool empty() const { return data == nullptr; }
};

}  // namespace normlab
