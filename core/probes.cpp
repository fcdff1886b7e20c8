#include "probes.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "normalization.h"

namespace normlab {

namespace {

enum class Saturation { None, Sigmoid, Tanh };

Saturation saturationOf(const std::string& kind) {
  if (kind == "sigmoid") return Saturation::Sigmoid;
  if (kind == "tanh") return Saturation::Tanh;
  return Saturation::None;
}

// Percentile q (0..100) of sorted values, linear interpolation between ranks (numpy's default).
float percentileOfSorted(const std::vector<float>& sorted, double q) {
  if (sorted.empty()) return 0.f;
  const double rank = q / 100.0 * double(sorted.size() - 1);
  const std::size_t lo = std::size_t(std::floor(rank));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double t = rank - double(lo);
  return float(sorted[lo] * (1 - t) + sorted[hi] * t);
}

}  // namespace

ActivationStats activationStats(const Tensor<float>& y, const std::string& layerKind, int bins,
                                ProbeScratch& scratch) {
  ActivationStats s;
  const std::size_t count = y.size();
  s.histogram.assign(std::size_t(std::max(bins, 1)), 0.f);
  if (count == 0) return s;
  const Saturation sat = saturationOf(layerKind);
  double sum = 0, sumSq = 0;
  std::size_t zeros = 0, saturated = 0, finite = 0;
  float lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < count; ++i) {
    const float v = y.data[i];
    if (!std::isfinite(v)) continue;
    ++finite;
    sum += v;
    sumSq += double(v) * v;
    zeros += v == 0.f;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    if (sat == Saturation::Sigmoid) saturated += v < 0.01f || v > 0.99f;
    else if (sat == Saturation::Tanh) saturated += std::abs(v) > 0.99f;
  }
  if (finite == 0) return s;
  s.mean = sum / double(finite);
  s.std = std::sqrt(std::max(0.0, sumSq / double(finite) - s.mean * s.mean));
  s.zeroFraction = double(zeros) / double(count);
  s.saturatedFraction = double(saturated) / double(count);

  // Evenly strided sample for percentiles and the histogram.
  const std::size_t stride = std::max<std::size_t>(1, (count + kProbeSampleLimit - 1) / kProbeSampleLimit);
  scratch.sample.clear();
  for (std::size_t i = 0; i < count; i += stride)
    if (std::isfinite(y.data[i])) scratch.sample.push_back(y.data[i]);
  std::sort(scratch.sample.begin(), scratch.sample.end());
  for (std::size_t k = 0; k < kProbePercentiles.size(); ++k)
    s.percentiles[k] = percentileOfSorted(scratch.sample, kProbePercentiles[k]);
  s.percentiles.front() = lo;  // exact min and max over all values
  s.percentiles.back() = hi;

  const float p1 = percentileOfSorted(scratch.sample, 1), p99 = percentileOfSorted(scratch.sample, 99);
  float width = p99 - p1;
  if (!(width > 0)) width = std::max(1e-6f, std::abs(p1) * 1e-3f);
  s.histLo = std::max(lo, p1 - 0.25f * width);
  s.histHi = std::min(hi, p99 + 0.25f * width);
  if (!(s.histHi > s.histLo)) {
    s.histLo = lo - 0.5f * width;
    s.histHi = hi + 0.5f * width;
  }
  const float scale = float(bins) / (s.histHi - s.histLo);
  for (float v : scratch.sample) {
    const int b = std::clamp(int((v - s.histLo) * scale), 0, bins - 1);
    s.histogram[std::size_t(b)] += 1.f;
  }
  for (float& h : s.histogram) h /= float(scratch.sample.size());
  return s;
}

ProbeRecord probeNetwork(Network<float>& net, const Optimizer<float>& optimizer, int bins,
                         ProbeScratch& scratch) {
  ProbeRecord record;
  record.layers.reserve(net.size());
  std::size_t paramIndex = 0;
  for (std::size_t i = 0; i < net.size(); ++i) {
    Layer<float>& layer = net.layer(i);
    LayerStats ls;
    ls.name = layer.name();
    ls.kind = layer.kind();
    ls.shape = layer.outShape();
    ls.activation = activationStats(net.output(i), ls.kind, bins, scratch);
    const Tensor<float> g = net.outputGrad(i);
    double gsum = 0, gmax = 0;
    for (std::size_t k = 0; k < g.size(); ++k) {
      const double a = std::abs(double(g.data[k]));
      gsum += a;
      gmax = std::max(gmax, a);
    }
    ls.gradMeanAbs = g.size() ? gsum / double(g.size()) : 0;
    ls.gradMaxAbs = gmax;
    for (Param<float>* p : layer.params()) {
      ParamStats ps;
      ps.name = p->name;
      double sum = 0, mx = 0, sq = 0, wsq = 0;
      for (std::size_t k = 0; k < p->size(); ++k) {
        const double a = std::abs(double(p->grad[k]));
        sum += a;
        mx = std::max(mx, a);
        sq += a * a;
        wsq += double(p->value[k]) * p->value[k];
      }
      ps.meanAbsGrad = p->size() ? sum / double(p->size()) : 0;
      ps.maxAbsGrad = mx;
      ps.gradNorm = std::sqrt(sq);
      const double wnorm = std::sqrt(wsq);
      ps.updateRatio = wnorm > 0 && paramIndex < optimizer.params().size()
                           ? optimizer.lastUpdateNorm(paramIndex) / wnorm
                           : 0;
      ++paramIndex;
      ls.params.push_back(std::move(ps));
    }
    if (auto* norm = dynamic_cast<Normalization<float>*>(&layer); norm && !norm->batchMean().empty()) {
      ls.hasBatchNorm = true;
      const std::size_t c = norm->batchMean().size();
      for (std::size_t k = 0; k < c; ++k) {
        ls.batchNorm.batchMean += norm->batchMean()[k] / double(c);
        ls.batchNorm.batchVar += norm->batchVar()[k] / double(c);
        ls.batchNorm.runningMean += double(norm->runningMean()[k]) / double(c);
        ls.batchNorm.runningVar += double(norm->runningVar()[k]) / double(c);
      }
    }
    record.layers.push_back(std::move(ls));
  }
  return record;
}

}  // namespace normlab
