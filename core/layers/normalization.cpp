// Batch, layer, instance and group norm: the shared reduction (forward statistics, normalization,
// backward) written once over statistics sets, and the layer around it. Must not depend on Qt.
#include "core/layers/normalization.h"

#include <algorithm>
#include <cmath>

#include "core/base/partition.h"

namespace normlab {

namespace {

// Geometry of the statistics sets of one batch (see normalization.h).
//   set k: group g = k % G of Cg = C/G consecutive channels, over the samples of samples(k)
//   (all N for batch norm, sample k / G otherwise) and all S = H*W positions.
struct SetView {
  int n = 0, c = 0, s = 0, groups = 1;
  bool acrossBatch = false;

  int channelsPerGroup() const { return c / groups; }
  int count() const { return acrossBatch ? groups : n * groups; }
  int firstChannel(int k) const { return (k % groups) * channelsPerGroup(); }
  Range samples(int k) const { return acrossBatch ? Range{0, n} : Range{k / groups, k / groups + 1}; }
  // M: number of elements in a set.
  double elements() const { return double(acrossBatch ? n : 1) * channelsPerGroup() * s; }
  std::size_t offset(int sample, int channel) const {
    return (std::size_t(sample) * c + std::size_t(channel)) * std::size_t(s);
  }
  // A fixed partition of the sets: depends on sizes only, never on the thread count.
  int parts() const { return std::max(1, std::min(count(), kMaxBatchParts)); }
};

// Sums over one contiguous run with kLanes independent double accumulators (so the compiler can
// vectorize), combined in a fixed order: the result depends only on the data and the run length.
constexpr int kLanes = 8;

inline double combineLanes(const double* acc) {
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

// sum_j p[j] over a run of len elements.
template <typename T>
double runSum(const T* p, int len) {
  double acc[kLanes] = {};
  int j = 0;
  for (; j + kLanes <= len; j += kLanes)
    for (int l = 0; l < kLanes; ++l) acc[l] += double(p[j + l]);
  for (int l = 0; j < len; ++j, ++l) acc[l] += double(p[j]);
  return combineLanes(acc);
}

// sum_j (p[j] - mean)^2 over a run.
template <typename T>
double runSquares(const T* p, int len, double mean) {
  double acc[kLanes] = {};
  int j = 0;
  for (; j + kLanes <= len; j += kLanes)
    for (int l = 0; l < kLanes; ++l) {
      const double d = double(p[j + l]) - mean;
      acc[l] += d * d;
    }
  for (int l = 0; j < len; ++j, ++l) {
    const double d = double(p[j]) - mean;
    acc[l] += d * d;
  }
  return combineLanes(acc);
}

// sum_j g[j] and sum_j g[j] * (x[j] - mean) over a run.
template <typename T>
void runGradSums(const T* x, const T* g, int len, double mean, double& sumG, double& sumGX) {
  double a[kLanes] = {}, b[kLanes] = {};
  int j = 0;
  for (; j + kLanes <= len; j += kLanes)
    for (int l = 0; l < kLanes; ++l) {
      a[l] += double(g[j + l]);
      b[l] += double(g[j + l]) * (double(x[j + l]) - mean);
    }
  for (int l = 0; j < len; ++j, ++l) {
    a[l] += double(g[j]);
    b[l] += double(g[j]) * (double(x[j]) - mean);
  }
  sumG += combineLanes(a);
  sumGX += combineLanes(b);
}

// Mean and biased variance of set k (x: N x C x S), two passes with double accumulators.
template <typename T>
void setStatistics(const T* x, const SetView& v, int k, double& mean, double& var) {
  const Range samples = v.samples(k);
  const int c0 = v.firstChannel(k), c1 = c0 + v.channelsPerGroup();
  double sum = 0;
  for (int c = c0; c < c1; ++c)
    for (int i = samples.begin; i < samples.end; ++i) sum += runSum(x + v.offset(i, c), v.s);
  mean = sum / v.elements();
  double squares = 0;
  for (int c = c0; c < c1; ++c)
    for (int i = samples.begin; i < samples.end; ++i) squares += runSquares(x + v.offset(i, c), v.s, mean);
  var = squares / v.elements();
}

// gamma and beta as the sets see them: per channel (gamma[c]) or per element (gamma[c * S + j]);
// null without affine.
template <typename T>
struct AffineView {
  const T* gamma = nullptr;
  const T* beta = nullptr;
  bool perElement = false;
};

template <typename T>
AffineView<T> affineOf(const NormConfig& config, const Param<T>& gamma, const Param<T>& beta) {
  if (!config.affine) return {};
  return {gamma.value.data(), beta.value.data(), config.affineShape == AffineShape::Element};
}

// y = gamma * (x - mean) * invstd + beta over set k (x, y: N x C x S). The mean is split into
// m = mean rounded to T and lo = mean - m. x - m is exact for x near the mean (Sterbenz), so a
// constant set (x == m, lo == 0) gives exactly beta and a near-constant one keeps its small
// deviations; the form x * a + (beta - mean * a) cancels two large terms instead (a constant row
// of 10 missed beta by 1.2e-4 in float, of 100 by 1.7e-3).
//   per channel: y = (x - m) * a_c + b_c,  a_c = gamma_c * invstd,  b_c = beta_c - lo * a_c
//   per element: y = ((x - m) - lo) * invstd * gamma_e + beta_e
template <typename T>
void normalizeSet(const T* x, T* y, const SetView& v, int k, double mean, double invStd,
                  const AffineView<T>& af) {
  const Range samples = v.samples(k);
  const int c0 = v.firstChannel(k), c1 = c0 + v.channelsPerGroup();
  const T m = T(mean);
  const double lo = mean - double(m);
  for (int c = c0; c < c1; ++c) {
    if (af.perElement) {
      const T s = T(invStd), l = T(lo);
      const T* g = af.gamma + std::size_t(c) * v.s;
      const T* b = af.beta + std::size_t(c) * v.s;
      for (int i = samples.begin; i < samples.end; ++i) {
        const T* in = x + v.offset(i, c);
        T* out = y + v.offset(i, c);
        for (int j = 0; j < v.s; ++j) out[j] = ((in[j] - m) - l) * s * g[j] + b[j];
      }
      continue;
    }
    const double scale = af.gamma ? double(af.gamma[c]) * invStd : invStd;
    const double shift = (af.beta ? double(af.beta[c]) : 0.0) - lo * scale;
    const T a = T(scale), b = T(shift);
    for (int i = samples.begin; i < samples.end; ++i) {
      const T* in = x + v.offset(i, c);
      T* out = y + v.offset(i, c);
      for (int j = 0; j < v.s; ++j) out[j] = (in[j] - m) * a + b;
    }
  }
}

// Per-element affine, one run of len elements e (x, g = dy, gamma: the run's elements):
//   dbeta_e += g_e,  dgamma_e += g_e * xhat_e,  sum1 += gamma_e * g_e,  sum2 += gamma_e * g_e * xhat_e
template <typename T>
void runElementGradSums(const T* x, const T* g, const T* gamma, int len, double mean, double invStd,
                        double* dbeta, double* dgamma, double& sum1, double& sum2) {
  double a[kLanes] = {}, b[kLanes] = {};
  for (int j = 0; j < len; ++j) {
    const double gj = double(g[j]), xhat = (double(x[j]) - mean) * invStd;
    dbeta[j] += gj;
    dgamma[j] += gj * xhat;
    a[j % kLanes] += double(gamma[j]) * gj;
    b[j % kLanes] += double(gamma[j]) * gj * xhat;
  }
  sum1 += combineLanes(a);
  sum2 += combineLanes(b);
}

// Backward over set k (x, dy, dx: N x C x S; gamma: C, C x S or null; dbeta, dgamma: partial sums
// of this part, shaped as gamma, accumulated). With M elements, xhat = (x - mean) * invstd and
// gamma_e the scale of element e (gamma_c per channel):
//   1. dbeta_e  += sum_{set, e} dy
//   2. dgamma_e += sum_{set, e} dy * xhat
//   3. dxhat     = gamma_e * dy
//   4. sum1 = sum_set dxhat;  sum2 = sum_set dxhat * xhat  (per channel from the step 1, 2 sums)
//   5. dx = invstd / M * (M * dxhat - sum1 - xhat * sum2)
//        = gamma_e * invstd * dy - invstd * sum1 / M - (x - mean) * invstd^2 * sum2 / M
// With frozen statistics (batch norm in Eval mode, mean and invstd are constants) step 5 is the
// plain affine map dx = gamma_c * invstd * dy.
template <typename T>
void backwardSet(const T* x, const T* dy, T* dx, const SetView& v, int k, double mean,
                 double invStd, const AffineView<T>& af, bool frozen, double* dbeta, double* dgamma) {
  const Range samples = v.samples(k);
  const int c0 = v.firstChannel(k), c1 = c0 + v.channelsPerGroup();
  double sum1 = 0, sum2 = 0;
  for (int c = c0; c < c1; ++c) {  // steps 1, 2 and 4
    if (af.perElement) {
      const std::size_t e = std::size_t(c) * v.s;
      for (int i = samples.begin; i < samples.end; ++i)
        runElementGradSums(x + v.offset(i, c), dy + v.offset(i, c), af.gamma + e, v.s, mean, invStd,
                           dbeta + e, dgamma + e, sum1, sum2);
      continue;
    }
    double sumDy = 0, sumDyCentered = 0;
    for (int i = samples.begin; i < samples.end; ++i)
      runGradSums(x + v.offset(i, c), dy + v.offset(i, c), v.s, mean, sumDy, sumDyCentered);
    const double sumDyXhat = sumDyCentered * invStd;
    if (dbeta) dbeta[c] += sumDy;
    if (dgamma) dgamma[c] += sumDyXhat;
    const double gc = af.gamma ? double(af.gamma[c]) : 1.0;
    sum1 += gc * sumDy;
    sum2 += gc * sumDyXhat;
  }
  if (!dx) return;
  // Step 5 as dx = a_e * dy + b * x + d with a_e = gamma_e * invstd, b = -invstd * k2,
  // d = -mean * b - k1, k1 = invstd * sum1 / M and k2 = invstd * sum2 / M. Unlike forward this
  // runs in double, where b * x + d cancels only |x / (x - mean)| * 1e-16 relative (3e-12 for a
  // set at 1000 +- 0.05): far below float, and 4% faster than (x - mean) * b - k1 (measured).
  const double k1 = frozen ? 0.0 : invStd * sum1 / v.elements();
  const double k2 = frozen ? 0.0 : invStd * sum2 / v.elements();
  const double b = -invStd * k2, d = -mean * b - k1;
  for (int c = c0; c < c1; ++c) {  // steps 3 and 5
    const double a = (af.gamma && !af.perElement ? double(af.gamma[c]) : 1.0) * invStd;
    const T* ge = af.perElement ? af.gamma + std::size_t(c) * v.s : nullptr;
    for (int i = samples.begin; i < samples.end; ++i) {
      const T* in = x + v.offset(i, c);
      const T* g = dy + v.offset(i, c);
      T* out = dx + v.offset(i, c);
      if (ge)
        for (int j = 0; j < v.s; ++j)
          out[j] = T(double(ge[j]) * invStd * double(g[j]) + b * double(in[j]) + d);
      else
        for (int j = 0; j < v.s; ++j) out[j] = T(a * double(g[j]) + b * double(in[j]) + d);
    }
  }
}

}  // namespace

template <typename T>
Normalization<T>::Normalization(const NormConfig& config) : config_(config) {
  if (config_.kind == NormKind::None || config_.kind == NormKind::LocalResponse)
    throw NormLabError("Normalization: kind must be batch, layer, instance or group");
  if (perElement() && config_.kind != NormKind::Layer)
    throw NormLabError("Normalization: a per-element affine (gamma/beta of C x H x W) is for layer norm only");
}

template <typename T>
const char* Normalization<T>::kind() const {
  switch (config_.kind) {
    case NormKind::Batch: return "batch_norm";
    case NormKind::Layer: return "layer_norm";
    case NormKind::Instance: return "instance_norm";
    case NormKind::Group: return "group_norm";
    default: return "norm";
  }
}

template <typename T>
NormGrouping Normalization<T>::grouping() const {
  switch (config_.kind) {
    case NormKind::Batch: return {this->inShape_.c, true};
    case NormKind::Layer: return {1, false};
    case NormKind::Instance: return {this->inShape_.c, false};
    default: return {config_.groups, false};
  }
}

// in: C x H x W -> same.
template <typename T>
Shape Normalization<T>::outputShape(const Shape& in) const {
  if (in.c < 1 || in.h < 1 || in.w < 1)
    throw NormLabError(this->where() + kind() + " needs a non-empty input; got " + in.str());
  if (const std::string problem = normShapeProblem(config_, in); !problem.empty())
    throw NormLabError(this->where() + problem);
  if (!(config_.eps >= 0))
    throw NormLabError(this->where() + "eps must be >= 0; got " + std::to_string(config_.eps));
  return in;
}

// in: C x H x W; statistics scratch for maxBatch samples; gamma, beta: C (or C x H x W per
// element); running stats: C.
template <typename T>
void Normalization<T>::plan(const Shape& in, int maxBatch) {
  if (maxBatch < 1) throw NormLabError(this->where() + "maxBatch must be >= 1; got " + std::to_string(maxBatch));
  const int c = in.c, affineSize = perElement() ? in.size() : c;
  // nn.LayerNorm([C, H, W]) holds C x H x W (a dense layer's output: C)
  const std::vector<int> dims = perElement() && in.spatial() > 1 ? std::vector<int>{c, in.h, in.w}
                                                                 : std::vector<int>{affineSize};
  // Re-planning for the same parameter shapes keeps the values.
  const bool sameChannels = gamma_.dims == dims || runningMean_.size() == std::size_t(c);
  Layer<T>::plan(in, maxBatch);
  if (!sameChannels) {
    if (config_.affine) {
      gamma_ = Param<T>("gamma", ParamRole::NormScale, dims, affineSize, affineSize);
      beta_ = Param<T>("beta", ParamRole::NormShift, dims, affineSize, affineSize);
      std::fill(gamma_.value.begin(), gamma_.value.end(), T(1));
    }
    if (config_.kind == NormKind::Batch) {
      runningMean_ = Param<T>("running_mean", ParamRole::NormShift, {c}, c, c);
      runningVar_ = Param<T>("running_var", ParamRole::NormScale, {c}, c, c);
      std::fill(runningVar_.value.begin(), runningVar_.value.end(), T(1));
      batchMean_.assign(c, 0.0);
      batchVar_.assign(c, 1.0);
    }
  }
  const NormGrouping gr = grouping();
  const std::size_t sets = gr.acrossBatch ? std::size_t(gr.groups) : std::size_t(maxBatch) * gr.groups;
  setMean_.assign(sets, 0.0);
  setInvStd_.assign(sets, 0.0);
  setVar_.assign(sets, 0.0);
  partSums_.assign(std::size_t(kMaxBatchParts) * 2 * affineSize, 0.0);
}

// x, y: N x C x H x W.
template <typename T>
void Normalization<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode mode, const StepContext& ctx) {
  if (x.n < 1 || x.n > this->maxBatch_ || !(x.shape == this->inShape_))
    throw NormLabError(this->where() + "input " + std::to_string(x.n) + " x " + x.shape.str() +
                       " does not match the planned " + this->inShape_.str() + " (batch <= " +
                       std::to_string(this->maxBatch_) + ")");
  const NormGrouping gr = grouping();
  const SetView v{x.n, x.shape.c, x.shape.spatial(), gr.groups, gr.acrossBatch};
  const bool isBatch = config_.kind == NormKind::Batch;
  const AffineView<T> af = affineOf(config_, gamma_, beta_);
  const int parts = v.parts();
  const int sets = v.count();
  frozen_ = isBatch && mode == Mode::Eval;

  if (frozen_) {  // Eval batch norm: normalize with the running statistics.
    for (int k = 0; k < sets; ++k) {
      setMean_[k] = double(runningMean_.value[k]);
      setInvStd_[k] = 1.0 / std::sqrt(double(runningVar_.value[k]) + config_.eps);
    }
    ctx.pool->run(parts, [&](int p) {
      const Range r = partRange(sets, parts, p);
      for (int k = r.begin; k < r.end; ++k)
        normalizeSet(x.data, y.data, v, k, setMean_[k], setInvStd_[k], af);
    });
    return;
  }

  if (isBatch && v.elements() < 2)
    throw NormLabError(this->where() + "batch norm needs more than one value per channel in training; got a batch of N = " +
                       std::to_string(x.n) + " over " + std::to_string(x.shape.h) + "x" + std::to_string(x.shape.w) +
                       " positions (N*H*W = 1)");

  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(sets, parts, p);
    for (int k = r.begin; k < r.end; ++k) {
      double mean = 0, var = 0;
      setStatistics(x.data, v, k, mean, var);
      setMean_[k] = mean;
      setVar_[k] = var;
      setInvStd_[k] = 1.0 / std::sqrt(var + config_.eps);
      normalizeSet(x.data, y.data, v, k, mean, setInvStd_[k], af);
    }
  });

  if (isBatch) {  // running = (1 - m) running + m batch, unbiased variance M / (M - 1)
    const double m = populationBatches_ >= 0 ? 1.0 / ++populationBatches_ : config_.momentum;
    const double unbias = v.elements() / (v.elements() - 1.0);
    for (int c = 0; c < sets; ++c) {
      batchMean_[c] = setMean_[c];
      batchVar_[c] = setVar_[c];
      runningMean_.value[c] = T((1.0 - m) * double(runningMean_.value[c]) + m * setMean_[c]);
      runningVar_.value[c] = T((1.0 - m) * double(runningVar_.value[c]) + m * setVar_[c] * unbias);
    }
  }
}

template <typename T>
void Normalization<T>::startPopulationEstimate() {
  std::fill(runningMean_.value.begin(), runningMean_.value.end(), T(0));
  std::fill(runningVar_.value.begin(), runningVar_.value.end(), T(1));
  populationBatches_ = 0;
}

// x, dy, dx: N x C x H x W; gamma/beta gradients: C or C x H x W (accumulated).
template <typename T>
void Normalization<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                                const StepContext& ctx) {
  const NormGrouping gr = grouping();
  const SetView v{x.n, x.shape.c, x.shape.spatial(), gr.groups, gr.acrossBatch};
  const int parts = v.parts(), sets = v.count();
  const AffineView<T> af = affineOf(config_, gamma_, beta_);
  const bool affine = config_.affine;
  const std::size_t a = affine ? gamma_.size() : 0;  // gradient sums per part: dbeta, dgamma
  if (!affine && dx.empty()) return;  // nothing to compute
  std::fill(partSums_.begin(), partSums_.begin() + std::size_t(parts) * 2 * a, 0.0);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(sets, parts, p);
    double* dbeta = affine ? partSums_.data() + std::size_t(p) * 2 * a : nullptr;
    double* dgamma = affine ? dbeta + a : nullptr;
    for (int k = r.begin; k < r.end; ++k)
      backwardSet(x.data, dy.data, dx.data, v, k, setMean_[k], setInvStd_[k], af, frozen_, dbeta, dgamma);
  });
  if (!affine) return;
  for (std::size_t e = 0; e < a; ++e) {  // reduce the parts in part order
    double sb = 0, sg = 0;
    for (int p = 0; p < parts; ++p) {
      sb += partSums_[std::size_t(p) * 2 * a + e];
      sg += partSums_[std::size_t(p) * 2 * a + a + e];
    }
    beta_.grad[e] += T(sb);
    gamma_.grad[e] += T(sg);
  }
}

template <typename T>
std::vector<Param<T>*> Normalization<T>::params() {
  if (!config_.affine || gamma_.size() == 0) return {};
  return {&gamma_, &beta_};
}

template <typename T>
std::vector<Param<T>*> Normalization<T>::buffers() {
  if (config_.kind != NormKind::Batch || runningMean_.size() == 0) return {};
  return {&runningMean_, &runningVar_};
}

template class Normalization<float>;
template class Normalization<double>;

}  // namespace normlab
