// Finite-difference gradient checking for layers, in double precision (central differences,
// relative error |a-n| / max(|a|,|n|) with an absolute floor). The loss is L = sum(y * r) for a
// fixed random r, so dL/dy = r. Test-only helper; shared by every layer test.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "core/layers/layer.h"
#include "core/base/random.h"
#include "core/base/thread_pool.h"

namespace normlab::test {

struct GradCheckResult {
  bool ok = true;
  double worst = 0;        // worst scaled error seen
  std::string message;     // describes the worst offender
  int checked = 0;
};

struct GradCheckOptions {
  double step = 1e-6;
  double relTol = 1e-5;
  double absTol = 1e-7;
  Mode mode = Mode::Train;
  std::uint64_t seed = 42;
  // Input values are drawn uniform in [-range, range]; `avoid` rejects values (e.g. near a kink).
  double range = 1.0;
  std::function<bool(double)> avoid;
  // Skips input element i when this returns true (e.g. max-pool near-ties).
  std::function<bool(const std::vector<double>& x, std::size_t i)> skipInput;
  // Parameters are set to random values in [-paramRange, paramRange] after planning (so that
  // gamma != 1 and beta != 0 are exercised); 0 keeps the layer's own initial values.
  double paramRange = 1.0;
};

template <typename Vector>
inline void fillUniform(Vector& v, std::uint64_t key, double range,
                        const std::function<bool(double)>& avoid = {}) {
  Random rng(key);
  for (auto& x : v) {
    do x = rng.uniform(-range, range);
    while (avoid && avoid(x));
  }
}

// Sets every parameter of `layer` to deterministic random values in [-range, range] (so that
// gamma != 1 and beta != 0 are exercised too).
inline void randomizeParams(Layer<double>& layer, std::uint64_t seed, double range = 1.0) {
  int k = 0;
  for (auto* p : layer.params()) fillUniform(p->value, streamKey(seed, Purpose::Init, 99, k++), range);
}

// Plans `layer` for (inShape, n), fills x and the parameters deterministically, and compares the
// analytic input and parameter gradients with central differences.
inline GradCheckResult gradCheck(Layer<double>& layer, const Shape& inShape, int n,
                                 const GradCheckOptions& opt = {}) {
  ThreadPool pool(1);
  StepContext ctx{&pool, opt.seed, 3};
  layer.plan(inShape, n);
  if (opt.paramRange > 0) randomizeParams(layer, opt.seed, opt.paramRange);
  const Shape outShape = layer.outShape();
  std::vector<double> x(std::size_t(n) * inShape.size()), y(std::size_t(n) * outShape.size()),
      r(y.size()), dx(x.size()), dy;
  fillUniform(x, streamKey(opt.seed, Purpose::Data, 1), opt.range, opt.avoid);
  fillUniform(r, streamKey(opt.seed, Purpose::Data, 2), 1.0);
  dy = r;
  Tensor<double> tx{x.data(), n, inShape}, ty{y.data(), n, outShape}, tdy{dy.data(), n, outShape},
      tdx{dx.data(), n, inShape};

  auto lossAt = [&]() {
    layer.forward(tx, ty, opt.mode, ctx);
    double l = 0;
    for (std::size_t i = 0; i < y.size(); ++i) l += y[i] * r[i];
    return l;
  };

  // Analytic gradients. Parameter gradients accumulate, so zero them first.
  for (auto* p : layer.params()) std::fill(p->grad.begin(), p->grad.end(), 0.0);
  layer.forward(tx, ty, opt.mode, ctx);
  layer.backward(tx, ty, tdy, tdx, ctx);

  GradCheckResult result;
  auto compare = [&](double analytic, double& value, const std::string& what) {
    const double saved = value;
    value = saved + opt.step;
    const double plus = lossAt();
    value = saved - opt.step;
    const double minus = lossAt();
    value = saved;
    const double numeric = (plus - minus) / (2 * opt.step);
    const double err = std::abs(analytic - numeric);
    const double allowed = opt.absTol + opt.relTol * std::max(std::abs(analytic), std::abs(numeric));
    ++result.checked;
    const double scaled = err / allowed;
    if (scaled > result.worst) {
      result.worst = scaled;
      std::ostringstream s;
      s << layer.kind() << " " << what << ": analytic " << analytic << " numeric " << numeric
        << " (error " << err << ", allowed " << allowed << ")";
      result.message = s.str();
    }
    if (err > allowed) result.ok = false;
  };

  for (std::size_t i = 0; i < x.size(); ++i) {
    if (opt.skipInput && opt.skipInput(x, i)) continue;
    compare(dx[i], x[i], "dL/dx[" + std::to_string(i) + "]");
  }
  for (auto* p : layer.params()) {
    const auto analytic = p->grad;
    for (std::size_t i = 0; i < p->value.size(); ++i)
      compare(analytic[i], p->value[i], "dL/d" + p->name + "[" + std::to_string(i) + "]");
  }
  return result;
}

}  // namespace normlab::test
