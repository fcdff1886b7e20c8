// Optimizers with PyTorch's exact update rules (DESIGN.md, Conventions):
//   SGD:  g += wd*w;  v = m*v + g (v = g on the first step);  nesterov: g = g + m*v;  w -= lr*g_or_v
//   Adam: g += wd*w;  m = b1*m + (1-b1)g;  s = b2*s + (1-b2)g^2;
//         w -= lr * (m / (1-b1^t)) / (sqrt(s / (1-b2^t)) + eps)
// State is allocated at construction; step() never allocates. state()/restore() copy it out and
// back in (a saved experiment continues exactly: core/files/experiment_file.h). Must not depend on Qt.
#pragma once

#include <cstdint>
#include <vector>

#include "core/layers/layer.h"
#include "core/base/thread_pool.h"

namespace normlab {

enum class OptimizerKind { Sgd, Adam };

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::Sgd;
  double lr = 0.01;
  double momentum = 0.0;  // SGD
  bool nesterov = false;  // SGD; needs momentum > 0
  double weightDecay = 0.0;
  double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;  // Adam
};

// What an optimizer carries from one step to the next, besides the parameters themselves.
template <typename T>
struct OptimizerState {
  std::int64_t steps = 0;  // steps taken (Adam's t; SGD: whether momentum has started)
  double lr = 0;           // the current learning rate (it may have been changed mid-run)
  // Per parameter tensor, in the optimizer's order: SGD's momentum buffer / Adam's first and
  // second moments, each as long as its parameter, or empty where the rule keeps none.
  std::vector<std::vector<T>> first, second;
};

template <typename T>
class Optimizer {
 public:
  Optimizer(const OptimizerConfig& config, std::vector<Param<T>*> params);

  // Applies one update from the parameters' current gradients (it does not zero them).
  // With measureUpdates, records ||update||_2 of each parameter tensor (for the
  // update-to-weight ratio probe). With a pool, fixed blocks of elements are updated in parallel
  // (element-wise math: the same result on any thread count).
  void step(bool measureUpdates = false, ThreadPool* pool = nullptr);

  const OptimizerConfig& config() const { return config_; }
  void setLearningRate(double lr) { config_.lr = lr; }
  std::int64_t steps() const { return steps_; }
  // ||update||_2 of parameter i at the last measured step.
  double lastUpdateNorm(std::size_t i) const { return updateNorms_[i]; }
  const std::vector<Param<T>*>& params() const { return params_; }

  OptimizerState<T> state() const;
  // Continues from a saved state. Throws NormLabError, changing nothing, when it does not fit this
  // optimizer: a negative step count, a learning rate that is not a non-negative number, or a
  // buffer whose length is not what this rule keeps for that parameter (naming the parameter).
  void restore(const OptimizerState<T>& state);

 private:
  OptimizerConfig config_;
  std::vector<Param<T>*> params_;
  std::vector<std::vector<T>> first_, second_;  // momentum buffer / Adam moments
  std::vector<double> updateNorms_;
  struct Block {
    std::size_t param, begin, end;
  };
  std::vector<Block> blocks_;       // fixed partition of all elements, in parameter order
  std::vector<double> blockNorm2_;  // per block: sum of squared updates (reduced in block order)
  std::int64_t steps_ = 0;
};

}  // namespace normlab
