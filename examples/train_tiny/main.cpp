// Trains NormLab's built-in "tiny" preset (conv, batch norm, ReLU, max pool, dense) for a few
// steps on the built-in synthetic images, through the core library alone: no Qt, no files (the
// presets are compiled into the library). Prints one line per step and exits 1 when a loss is not
// finite or anything throws. Usage: train_tiny [steps, default 5]
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "core/data/dataset.h"
#include "core/base/error.h"
#include "core/layers/loss.h"
#include "core/model/model_spec.h"
#include "core/model/network.h"
#include "core/model/optimizer.h"
#include "core/model/presets.h"
#include "core/data/synthetic_data.h"
#include "core/base/thread_pool.h"

int main(int argc, char** argv) {
  using namespace normlab;
  const int steps = argc > 1 ? std::atoi(argv[1]) : 5;
  const int batch = 16;
  if (steps < 1) {
    std::fprintf(stderr, "train_tiny: steps must be at least 1\n");
    return 2;
  }
  try {
    const ModelSpec spec = preset("tiny");
    ArmSettings arm;
    arm.norm.kind = NormKind::Batch;
    arm.seed = 1;
    BuiltModel<float> model = buildModel<float>(spec, arm, batch);
    OptimizerConfig sgd;
    sgd.lr = 0.05;
    sgd.momentum = 0.9;
    Optimizer<float> optimizer(sgd, model.network.params());
    const auto loss = makeLoss<float>(LossKind::CrossEntropy);

    // One fresh batch of synthetic 1 x 28 x 28 images per step, z-scored like the app does.
    SyntheticConfig images;
    images.train = steps * batch;
    images.test = 1;
    const Dataset data = makeSyntheticDataset(images, arm.seed);
    const InputTransform transform = fitInputTransform(data.train, Preprocess::ZScore);
    std::vector<float> pixels(std::size_t(batch) * std::size_t(spec.input.size()));
    std::vector<int> labels(batch), indices(batch);

    ThreadPool pool(1);
    for (int step = 0; step < steps; ++step) {
      for (int i = 0; i < batch; ++i) indices[i] = step * batch + i;
      Tensor<float> x{pixels.data(), batch, spec.input};
      fillBatch(data.train, indices.data(), batch, transform, x, labels.data());
      const StepContext ctx{&pool, arm.seed, step};
      const StepResult r = trainStep(model.network, *loss, optimizer, x, labels.data(), ctx);
      std::printf("step %d: loss %.6f, %d of %d correct\n", step + 1, r.loss, r.correct, batch);
      if (!std::isfinite(r.loss)) {
        std::fprintf(stderr, "train_tiny: the loss at step %d is not finite\n", step + 1);
        return 1;
      }
    }
  } catch (const NormLabError& e) {
    std::fprintf(stderr, "train_tiny: %s\n", e.what());
    return 1;
  }
  return 0;
}
