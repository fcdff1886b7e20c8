// SGD (momentum, Nesterov, weight decay) and Adam with PyTorch's update rules (torch.optim.SGD with
// dampening 0, torch.optim.Adam with amsgrad off). Arithmetic per element in T, like PyTorch's
// float tensors; the bias corrections are scalars computed in double, like PyTorch's Python floats.
// Must not depend on Qt.
#include "core/model/optimizer.h"

#include <cmath>
#include <sstream>

namespace normlab {
namespace {

[[noreturn]] void invalid(const std::string& what, double value) {
  std::ostringstream s;
  s << "optimizer: invalid " << what << " " << value;
  throw NormLabError(s.str());
}

}  // namespace

// Validates the configuration as torch.optim does and allocates the state buffers.
template <typename T>
Optimizer<T>::Optimizer(const OptimizerConfig& config, std::vector<Param<T>*> params)
    : config_(config), params_(std::move(params)) {
  if (!(config_.lr >= 0)) invalid("learning rate", config_.lr);
  if (!(config_.weightDecay >= 0)) invalid("weight decay", config_.weightDecay);
  if (config_.kind == OptimizerKind::Sgd) {
    if (!(config_.momentum >= 0)) invalid("momentum", config_.momentum);
    if (config_.nesterov && !(config_.momentum > 0))
      invalid("momentum for Nesterov (needs momentum > 0):", config_.momentum);
  } else {
    if (!(config_.beta1 >= 0 && config_.beta1 < 1)) invalid("Adam beta1 (needs [0, 1)):", config_.beta1);
    if (!(config_.beta2 >= 0 && config_.beta2 < 1)) invalid("Adam beta2 (needs [0, 1)):", config_.beta2);
    if (!(config_.eps >= 0)) invalid("Adam eps", config_.eps);
  }
  for (std::size_t i = 0; i < params_.size(); ++i)
    if (!params_[i]) throw NormLabError("optimizer: parameter " + std::to_string(i) + " is null");
  const bool needFirst = config_.kind == OptimizerKind::Adam || config_.momentum != 0;
  const bool needSecond = config_.kind == OptimizerKind::Adam;
  first_.resize(params_.size());
  second_.resize(params_.size());
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (needFirst) first_[i].assign(params_[i]->size(), T(0));
    if (needSecond) second_[i].assign(params_[i]->size(), T(0));
  }
  updateNorms_.assign(params_.size(), 0.0);
  // Blocks of at most kBlock elements: enough parts to share out, few enough to dispatch cheaply.
  constexpr std::size_t kBlock = 32768;
  for (std::size_t k = 0; k < params_.size(); ++k)
    for (std::size_t b = 0; b < params_[k]->size(); b += kBlock)
      blocks_.push_back({k, b, std::min(params_[k]->size(), b + kBlock)});
  blockNorm2_.assign(blocks_.size(), 0.0);
}

// For every parameter tensor w, g (same size):
//   SGD:  g' = g + wd w;  v = g' (first step) or m v + g';  d = nesterov ? g' + m v : v (or g' if
//         m = 0);  w = w - lr d
//   Adam: g' = g + wd w;  m1 = lerp(m1, g', 1 - b1);  s = b2 s + (1 - b2) g'^2;
//         w = w - (lr / (1 - b1^t)) m1 / (sqrt(s) / sqrt(1 - b2^t) + eps)
template <typename T>
void Optimizer<T>::step(bool measureUpdates, ThreadPool* pool) {
  const T wd = T(config_.weightDecay);
  const bool first = steps_ == 0;
  const std::int64_t t = steps_ + 1;
  // Adam's scalar factors (double, as Python floats in torch.optim.Adam).
  const double bias1 = 1.0 - std::pow(config_.beta1, double(t));
  const double bias2Sqrt = std::sqrt(1.0 - std::pow(config_.beta2, double(t)));
  const T stepSize = T(config_.lr / bias1);
  auto updateBlock = [&](int b) {
    const Block& block = blocks_[std::size_t(b)];
    Param<T>& param = *params_[block.param];
    T* w = param.value.data();
    const T* grad = param.grad.data();
    double norm2 = 0;
    if (config_.kind == OptimizerKind::Sgd) {
      const T lr = T(config_.lr), m = T(config_.momentum);
      T* v = m != T(0) ? first_[block.param].data() : nullptr;
      for (std::size_t i = block.begin; i < block.end; ++i) {
        T g = grad[i];
        if (wd != T(0)) g = g + wd * w[i];
        if (m != T(0)) {
          v[i] = first ? g : m * v[i] + g;
          g = config_.nesterov ? g + m * v[i] : v[i];
        }
        const T old = w[i];
        w[i] = old - lr * g;
        if (measureUpdates) {
          const double d = double(w[i]) - double(old);
          norm2 += d * d;
        }
      }
    } else {
      const T oneMinusB1 = T(1.0 - config_.beta1), b2 = T(config_.beta2),
              oneMinusB2 = T(1.0 - config_.beta2), eps = T(config_.eps), b2s = T(bias2Sqrt);
      T* m1 = first_[block.param].data();
      T* s = second_[block.param].data();
      for (std::size_t i = block.begin; i < block.end; ++i) {
        T g = grad[i];
        if (wd != T(0)) g = g + wd * w[i];
        m1[i] = m1[i] + oneMinusB1 * (g - m1[i]);  // torch lerp_ with weight 1 - b1 < 0.5
        s[i] = b2 * s[i] + oneMinusB2 * g * g;
        const T denom = std::sqrt(s[i]) / b2s + eps;
        const T old = w[i];
        w[i] = old - stepSize * (m1[i] / denom);
        if (measureUpdates) {
          const double d = double(w[i]) - double(old);
          norm2 += d * d;
        }
      }
    }
    blockNorm2_[std::size_t(b)] = norm2;
  };
  if (pool) pool->run(int(blocks_.size()), updateBlock);
  else
    for (int b = 0; b < int(blocks_.size()); ++b) updateBlock(b);
  if (measureUpdates) {
    std::fill(updateNorms_.begin(), updateNorms_.end(), 0.0);
    for (std::size_t b = 0; b < blocks_.size(); ++b) updateNorms_[blocks_[b].param] += blockNorm2_[b];
    for (double& n : updateNorms_) n = std::sqrt(n);
  }
  ++steps_;
}

template <typename T>
OptimizerState<T> Optimizer<T>::state() const {
  return {steps_, config_.lr, first_, second_};
}

template <typename T>
void Optimizer<T>::restore(const OptimizerState<T>& state) {
  if (state.steps < 0) invalid("step count", double(state.steps));
  if (!(state.lr >= 0) || !std::isfinite(state.lr)) invalid("learning rate", state.lr);
  auto check = [&](const std::vector<std::vector<T>>& saved, const std::vector<std::vector<T>>& mine, const char* what) {
    if (saved.size() != mine.size())
      throw NormLabError(std::string("optimizer: the saved ") + what + " lists " + std::to_string(saved.size()) +
                         " parameter tensors, this model has " + std::to_string(mine.size()));
    for (std::size_t i = 0; i < mine.size(); ++i)
      if (saved[i].size() != mine[i].size())
        throw NormLabError(std::string("optimizer: the saved ") + what + " of parameter " + std::to_string(i) + " ('" +
                           params_[i]->name + "') holds " + std::to_string(saved[i].size()) + " values, expected " +
                           std::to_string(mine[i].size()));
  };
  const char* firstName = config_.kind == OptimizerKind::Adam ? "first moment" : "momentum buffer";
  check(state.first, first_, firstName);
  check(state.second, second_, "second moment");
  first_ = state.first;
  second_ = state.second;
  steps_ = state.steps;
  config_.lr = state.lr;
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace normlab
