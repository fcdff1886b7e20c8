// core/layers/: the layers (this interface, convolution, dense, pooling, activations,
// dropout, the normalizations and LRN), their initialisation and the losses. Each follows
// PyTorch's definition and is gradient-checked in double precision (tests/core).
//
// The Layer interface: forward and backward side by side, train and eval modes, parameters
// owned by the layer. Templated on the scalar (float for training, double for gradient checks);
// each layer's .cpp explicitly instantiates float and double. Must not depend on Qt.
//
// Contract every layer follows:
// - plan(in, maxBatch) is called once before use (and again if the input shape or the maximum
//   batch changes). It checks that the input shape fits (throwing NormLabError naming the layer
//   and the value otherwise) and allocates all scratch for batches up to maxBatch. Parameters
//   are created here too (their shapes may depend on the input) and keep their values when
//   plan() is called again with the same input shape. forward() and backward() never allocate
//   and accept any batch 1 <= n <= maxBatch.
// - forward(x -> y) caches what backward needs (mean, inverse std, masks, argmax).
// - backward(dy -> dx) OVERWRITES dx and ACCUMULATES parameter gradients. dx.data may be null
//   when the input gradient is not needed (first layer); skip that work then.
// - backward() is called after a forward() on the same x, in the same mode (gradient checks
//   also differentiate Eval mode); layers whose math differs by mode remember the last mode.
// - Work is split with ctx.pool over a fixed partition (partition.h) so results do not depend
//   on the thread count.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/base/aligned_vector.h"
#include "core/base/error.h"
#include "core/base/tensor.h"
#include "core/base/thread_pool.h"

namespace normlab {

// The thread pool a step runs on, as a pointer that checks itself: `ctx.pool->run(...)` on a
// context without a pool (a default-constructed StepContext) throws NormLabError saying what is
// missing instead of dereferencing null. Converts to and from ThreadPool*, so StepContext{&pool}
// and optional-pool APIs (Optimizer::step) take it as they took the raw pointer.
class StepPool {
 public:
  StepPool(ThreadPool* pool = nullptr) : pool_(pool) {}  // NOLINT: implicit on purpose
  ThreadPool* operator->() const { return &get(); }
  ThreadPool& get() const {
    if (!pool_) missing();
    return *pool_;
  }
  operator ThreadPool*() const { return pool_; }  // NOLINT: implicit on purpose

 private:
  [[noreturn, gnu::cold]] static void missing() {
    throw NormLabError(
        "StepContext has no thread pool (StepContext::pool is null): layers and networks run on "
        "one; pass it as StepContext{&pool, seed, step}");
  }
  ThreadPool* pool_;
};

// What a layer may need to know about the step it runs in.
struct StepContext {
  StepPool pool;           // required by every layer and network pass; null gives NormLabError
  std::uint64_t seed = 0;  // experiment (arm) seed: random streams derive from it
  std::int64_t step = 0;   // training step: dropout masks derive from it
};

enum class ParamRole { Weight, Bias, NormScale, NormShift };

template <typename T>
struct Param {
  std::string name;        // "weight", "bias", "gamma", "beta"
  ParamRole role = ParamRole::Weight;
  std::vector<int> dims;   // e.g. {Cout, Cin, K, K} or {out, in} or {C}
  int fanIn = 1, fanOut = 1;  // for initialisation
  AlignedVector<T> value, grad;  // 64-byte aligned: see aligned_vector.h

  Param() = default;
  Param(std::string n, ParamRole r, std::vector<int> d, int in, int out)
      : name(std::move(n)), role(r), dims(std::move(d)), fanIn(in), fanOut(out) {
    std::size_t count = 1;
    for (int v : dims) count *= std::size_t(v);
    value.assign(count, T(0));
    grad.assign(count, T(0));
  }
  std::size_t size() const { return value.size(); }
};

template <typename T>
class Layer {
 public:
  virtual ~Layer() = default;

  // Kind as written in model specs: "conv2d", "dense", "batch_norm", ...
  virtual const char* kind() const = 0;

  // Output shape for an input shape; throws NormLabError (naming the layer) if it does not fit.
  virtual Shape outputShape(const Shape& in) const = 0;

  virtual void plan(const Shape& in, int maxBatch) {
    inShape_ = in;
    outShape_ = outputShape(in);
    maxBatch_ = maxBatch;
  }

  virtual void forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) = 0;
  virtual void backward(const Tensor<T>& x, const Tensor<T>& y, const Tensor<T>& dy, Tensor<T>& dx,
                        const StepContext& ctx) = 0;

  // Trainable parameters (empty for parameter-free layers).
  virtual std::vector<Param<T>*> params() { return {}; }
  // Non-trainable state that must be saved with the model (batch-norm running statistics).
  virtual std::vector<Param<T>*> buffers() { return {}; }

  const std::string& name() const { return name_; }
  void setName(std::string n) { name_ = std::move(n); }
  const Shape& inputShape() const { return inShape_; }
  const Shape& outShape() const { return outShape_; }
  int maxBatch() const { return maxBatch_; }

 protected:
  // "layer 'conv2': " prefix for error messages.
  std::string where() const { return "layer '" + (name_.empty() ? std::string(kind()) : name_) + "': "; }

  std::string name_;
  Shape inShape_, outShape_;
  int maxBatch_ = 0;
};

template <typename T>
using LayerPtr = std::unique_ptr<Layer<T>>;

}  // namespace normlab
