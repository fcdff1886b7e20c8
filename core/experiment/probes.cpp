#include "core/experiment/probes.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/layers/normalization.h"

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

  // Exact min and max over every finite value: a branch-free pass first (NaN never wins a
  // comparison), and a careful one only when an infinity showed up.
  float lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < count; ++i) {
    const float v = y.data[i];
    lo = v < lo ? v : lo;
    hi = v > hi ? v : hi;
  }
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    lo = INFINITY;
    hi = -INFINITY;
    for (std::size_t i = 0; i < count; ++i)
      if (std::isfinite(y.data[i])) {
        lo = std::min(lo, y.data[i]);
        hi = std::max(hi, y.data[i]);
      }
  }

  // An evenly strided sample of the finite values carries every other statistic.
  const std::size_t stride = std::max<std::size_t>(1, (count + kProbeSampleLimit - 1) / kProbeSampleLimit);
  scratch.sample.clear();
  for (std::size_t i = 0; i < count; i += stride)
    if (std::isfinite(y.data[i])) scratch.sample.push_back(y.data[i]);
  if (scratch.sample.empty()) return s;
  const Saturation sat = saturationOf(layerKind);
  double sum = 0, sumSq = 0;
  std::size_t zeros = 0, saturated = 0;
  for (float v : scratch.sample) {
    sum += v;
    sumSq += double(v) * v;
    zeros += v == 0.f;
    if (sat == Saturation::Sigmoid) saturated += v < 0.01f || v > 0.99f;
    else if (sat == Saturation::Tanh) saturated += std::abs(v) > 0.99f;
  }
  const double n = double(scratch.sample.size());
  s.mean = sum / n;
  s.std = std::sqrt(std::max(0.0, sumSq / n - s.mean * s.mean));
  s.zeroFraction = double(zeros) / n;
  s.saturatedFraction = double(saturated) / n;

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

namespace {

// Sums over every value of a tensor, in 8 independent float lanes per chunk (so the compiler
// can vectorize; a single running sum is one long dependency chain), chunks added in double.
struct AbsSums {
  double sumAbs = 0, maxAbs = 0, sumSquares = 0, otherSumSquares = 0;
};

// |a| sum, max and square sum of a; square sum of b (may be null: the weights of a gradient).
AbsSums absSums(const float* a, const float* b, std::size_t count) {
  AbsSums out;
  constexpr std::size_t kChunk = 2048;
  for (std::size_t start = 0; start < count; start += kChunk) {
    const std::size_t end = std::min(count, start + kChunk);
    float sum[8] = {}, top[8] = {}, sq[8] = {}, bsq[8] = {};
    std::size_t i = start;
    for (; i + 8 <= end; i += 8)
      for (std::size_t k = 0; k < 8; ++k) {
        const float v = a[i + k], x = std::abs(v);
        sum[k] += x;
        top[k] = x > top[k] ? x : top[k];
        sq[k] += v * v;
        if (b) bsq[k] += b[i + k] * b[i + k];
      }
    for (; i < end; ++i) {
      const float v = a[i], x = std::abs(v);
      sum[0] += x;
      top[0] = x > top[0] ? x : top[0];
      sq[0] += v * v;
      if (b) bsq[0] += b[i] * b[i];
    }
    for (int k = 0; k < 8; ++k) {
      out.sumAbs += sum[k];
      out.maxAbs = std::max(out.maxAbs, double(top[k]));
      out.sumSquares += sq[k];
      out.otherSumSquares += bsq[k];
    }
  }
  return out;
}

}  // namespace

ProbeRecord probeNetwork(Network<float>& net, const Optimizer<float>& optimizer, int bins,
                         ProbeScratch& scratch, ThreadPool* pool) {
  ProbeRecord record;
  record.layers.resize(net.size());
  scratch.layers.resize(net.size());
  // Index of each layer's first parameter in the optimizer's list (same order as net.params()).
  std::vector<std::size_t> firstParam(net.size() + 1, 0);
  for (std::size_t i = 0; i < net.size(); ++i) firstParam[i + 1] = firstParam[i] + net.layer(i).params().size();
  auto probeLayer = [&](int index) {
    const std::size_t i = std::size_t(index);
    Layer<float>& layer = net.layer(i);
    LayerStats& ls = record.layers[i];
    ls.name = layer.name();
    ls.kind = layer.kind();
    ls.shape = layer.outShape();
    ls.activation = activationStats(net.output(i), ls.kind, bins, scratch.layers[i]);
    const Tensor<float> grad = net.outputGrad(i);
    const AbsSums g = absSums(grad.data, nullptr, grad.size());
    ls.gradMeanAbs = grad.size() ? g.sumAbs / double(grad.size()) : 0;
    ls.gradMaxAbs = g.maxAbs;
    std::size_t paramIndex = firstParam[i];
    for (Param<float>* p : layer.params()) {
      ParamStats ps;
      ps.name = p->name;
      const AbsSums sums = absSums(p->grad.data(), p->value.data(), p->size());
      ps.meanAbsGrad = p->size() ? sums.sumAbs / double(p->size()) : 0;
      ps.maxAbsGrad = sums.maxAbs;
      ps.gradNorm = std::sqrt(sums.sumSquares);
      const double wnorm = std::sqrt(sums.otherSumSquares);
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
  };
  if (pool) pool->run(int(net.size()), probeLayer);
  else
    for (int i = 0; i < int(net.size()); ++i) probeLayer(i);
  return record;
}

void captureBlock(const Tensor<float>& y, const std::string& layer, int maxN, int maxC, int maxHW, ProbeRecord& record) {
  const int n = std::min(maxN, y.n), c = std::min(maxC, y.shape.c);
  const int h = std::min(maxHW, y.shape.h), w = std::min(maxHW, y.shape.w);
  const int top = (y.shape.h - h) / 2, left = (y.shape.w - w) / 2;
  record.blockLayer = layer;
  record.blockN = n;
  record.blockC = c;
  record.blockH = h;
  record.blockW = w;
  record.block.resize(std::size_t(n) * c * h * w);
  std::size_t k = 0;
  for (int i = 0; i < n; ++i)
    for (int ch = 0; ch < c; ++ch)
      for (int r = 0; r < h; ++r)
        for (int col = 0; col < w; ++col)
          record.block[k++] = y.data[((std::size_t(i) * y.shape.c + ch) * y.shape.h + top + r) * y.shape.w + left + col];
}

}  // namespace normlab
