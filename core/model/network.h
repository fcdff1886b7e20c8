// core/model/: models: the spec a config describes, the built-in presets, the network built
// from a spec (this file), its summary (shapes, parameter counts) and the optimizers.
//
// A sequential network: an ordered list of layers, the activation and gradient memory planned for
// a maximum batch, and the forward/backward passes. Layer outputs and output gradients stay
// readable after a pass so probes can summarise them. Must not depend on Qt.
#pragma once

#include <cstdint>
#include <vector>

#include "core/layers/layer.h"
#include "core/layers/loss.h"
#include "core/model/optimizer.h"

namespace normlab {

template <typename T>
class Network {
 public:
  void add(LayerPtr<T> layer);
  std::size_t size() const { return layers_.size(); }
  Layer<T>& layer(std::size_t i) { return *layers_[i]; }
  const Layer<T>& layer(std::size_t i) const { return *layers_[i]; }

  // Plans every layer for inputs of `input` shape and batches up to maxBatch and allocates the
  // activation memory. Throws NormLabError naming the first layer that does not fit.
  void plan(const Shape& input, int maxBatch);
  bool planned() const { return maxBatch_ > 0; }
  const Shape& inputShape() const { return inputShape_; }
  Shape outputShape() const { return layers_.empty() ? inputShape_ : layers_.back()->outShape(); }
  int maxBatch() const { return maxBatch_; }

  // Runs all layers on x (1 <= x.n <= maxBatch). The returned view (network output) stays valid
  // until the next forward. x's memory must stay alive until backward().
  Tensor<T> forward(const Tensor<T>& x, Mode mode, const StepContext& ctx);

  // Where the loss writes dL/d(network output) for the current batch, before backward().
  Tensor<T> outputGradBuffer() { return outputGrad(layers_.size() - 1); }
  // Back-propagates the gradient in outputGradBuffer(); accumulates parameter gradients. The input
  // gradient of the first layer is not computed.
  void backward(const StepContext& ctx);

  void zeroGrad();
  std::vector<Param<T>*> params();
  std::vector<Param<T>*> buffers();
  std::size_t parameterCount() const;

  // Output of layer i, and dL/d(output of layer i), from the last forward/backward.
  Tensor<T> output(std::size_t i) const { return view(outputs_[i], i); }
  Tensor<T> outputGrad(std::size_t i) const { return view(grads_[i], i); }
  int lastBatch() const { return batch_; }

 private:
  Tensor<T> view(const AlignedVector<T>& buf, std::size_t i) const {
    return {const_cast<T*>(buf.data()), batch_, layers_[i]->outShape()};
  }

  std::vector<LayerPtr<T>> layers_;
  std::vector<AlignedVector<T>> outputs_, grads_;
  std::vector<Param<T>*> params_;  // cached at plan(): zeroGrad() must not allocate
  Shape inputShape_;
  int maxBatch_ = 0;
  int batch_ = 0;
  Tensor<T> input_;
};

struct StepResult {
  double loss = 0;  // mean over the batch
  int correct = 0;  // arg-max hits in the batch
};

// One training step: zero grads, forward (Train), loss, backward, optimizer update.
template <typename T>
StepResult trainStep(Network<T>& net, const Loss<T>& loss, Optimizer<T>& optimizer,
                     const Tensor<T>& x, const int* labels, const StepContext& ctx,
                     bool measureUpdates = false);

// Evaluation of one batch in the given mode (no gradients).
template <typename T>
StepResult evaluateBatch(Network<T>& net, const Loss<T>& loss, const Tensor<T>& x,
                         const int* labels, Mode mode, const StepContext& ctx);

}  // namespace normlab
