#include "core/model/network.h"

#include <algorithm>

#include "core/base/denormals.h"
#include "core/experiment/memory_estimate.h"

namespace normlab {

template <typename T>
void Network<T>::add(LayerPtr<T> layer) {
  layers_.push_back(std::move(layer));
  maxBatch_ = 0;  // needs planning again
}

template <typename T>
void Network<T>::plan(const Shape& input, int maxBatch) {
  if (maxBatch < 1) throw NormLabError("batch size must be at least 1, got " + std::to_string(maxBatch));
  if (layers_.empty()) throw NormLabError("the network has no layers");
  Shape shape = input;
  outputs_.resize(layers_.size());
  grads_.resize(layers_.size());
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    try {
      layers_[i]->plan(shape, maxBatch);
    } catch (const std::bad_alloc&) {
      throwOutOfMemory("planning layer '" + layers_[i]->name() + "' (its parameters and scratch) for input " +
                           shape.str() + " and batches of " + std::to_string(maxBatch),
                       0);
    }
    shape = layers_[i]->outShape();
    const std::size_t count = std::size_t(maxBatch) * std::size_t(shape.size());
    try {
      outputs_[i].assign(count, T(0));
      grads_[i].assign(count, T(0));
    } catch (const std::bad_alloc&) {
      throwOutOfMemory("allocating the output and gradient of layer '" + layers_[i]->name() + "' (" + shape.str() +
                           " per sample) for batches of " + std::to_string(maxBatch),
                       2 * count * sizeof(T));
    }
  }
  inputShape_ = input;
  maxBatch_ = maxBatch;
  params_.clear();
  for (auto& l : layers_)
    for (auto* p : l->params()) params_.push_back(p);
  batch_ = 0;
}

template <typename T>
Tensor<T> Network<T>::forward(const Tensor<T>& x, Mode mode, const StepContext& ctx) {
  if (!planned()) throw NormLabError("the network must be planned before forward()");
  if (x.n < 1 || x.n > maxBatch_)
    throw NormLabError("batch of " + std::to_string(x.n) + " does not fit the planned maximum of " +
                       std::to_string(maxBatch_));
  if (!(x.shape == inputShape_))
    throw NormLabError("input of shape " + x.shape.str() + " does not fit the network's input " +
                       inputShape_.str());
  batch_ = x.n;
  input_ = x;
  Tensor<T> in = x;
  for (std::size_t i = 0; i < layers_.size(); ++i) {
    Tensor<T> out = output(i);
    layers_[i]->forward(in, out, mode, ctx);
    in = out;
  }
  return in;
}

template <typename T>
void Network<T>::backward(const StepContext& ctx) {
  for (std::size_t i = layers_.size(); i-- > 0;) {
    const Tensor<T> x = i == 0 ? input_ : output(i - 1);
    Tensor<T> dx = i == 0 ? Tensor<T>{nullptr, batch_, inputShape_} : outputGrad(i - 1);
    layers_[i]->backward(x, output(i), outputGrad(i), dx, ctx);
  }
}

template <typename T>
void Network<T>::zeroGrad() {
  for (auto* p : params_) std::fill(p->grad.begin(), p->grad.end(), T(0));
}

template <typename T>
std::vector<Param<T>*> Network<T>::params() {
  std::vector<Param<T>*> all;
  for (auto& l : layers_)
    for (auto* p : l->params()) all.push_back(p);
  return all;
}

template <typename T>
std::vector<Param<T>*> Network<T>::buffers() {
  std::vector<Param<T>*> all;
  for (auto& l : layers_)
    for (auto* p : l->buffers()) all.push_back(p);
  return all;
}

template <typename T>
std::size_t Network<T>::parameterCount() const {
  std::size_t count = 0;
  for (auto& l : layers_)
    for (auto* p : l->params()) count += p->size();
  return count;
}

template <typename T>
StepResult trainStep(Network<T>& net, const Loss<T>& loss, Optimizer<T>& optimizer,
                     const Tensor<T>& x, const int* labels, const StepContext& ctx,
                     bool measureUpdates) {
  const FlushDenormals flush;
  net.zeroGrad();
  const Tensor<T> out = net.forward(x, Mode::Train, ctx);
  Tensor<T> grad = net.outputGradBuffer();
  StepResult result;
  result.loss = loss.evaluate(out, labels, &grad);
  result.correct = countCorrect(out, labels);
  net.backward(ctx);
  optimizer.step(measureUpdates, ctx.pool);
  return result;
}

template <typename T>
StepResult evaluateBatch(Network<T>& net, const Loss<T>& loss, const Tensor<T>& x,
                         const int* labels, Mode mode, const StepContext& ctx) {
  const FlushDenormals flush;
  const Tensor<T> out = net.forward(x, mode, ctx);
  return {loss.evaluate(out, labels, nullptr), countCorrect(out, labels)};
}

#define NORMLAB_INSTANTIATE(T)                                                                  \
  template class Network<T>;                                                                    \
  template StepResult trainStep<T>(Network<T>&, const Loss<T>&, Optimizer<T>&, const Tensor<T>&, \
                                   const int*, const StepContext&, bool);                       \
  template StepResult evaluateBatch<T>(Network<T>&, const Loss<T>&, const Tensor<T>&, const int*, \
                                       Mode, const StepContext&);
NORMLAB_INSTANTIATE(float)
NORMLAB_INSTANTIATE(double)
#undef NORMLAB_INSTANTIATE

}  // namespace normlab
