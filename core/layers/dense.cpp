#include "core/layers/dense.h"

#include <algorithm>

#include "core/base/gemm.h"
#include "core/base/partition.h"

namespace normlab {

// Config check only; parameters come in plan() once the input size is known.
template <typename T>
Dense<T>::Dense(const DenseConfig& config) : config_(config) {
  if (config.outFeatures < 1)
    throw NormLabError("dense: invalid configuration: out features " + std::to_string(config.outFeatures) +
                       " < 1");
}

// in: C x H x W (flattened to C*H*W features) -> out.
template <typename T>
Shape Dense<T>::outputShape(const Shape& in) const {
  if (in.c < 1 || in.h < 1 || in.w < 1)
    throw NormLabError(this->where() + "input " + in.str() + " has no features");
  return {config_.outFeatures, 1, 1};
}

// Creates weight (out x in) and bias (out) if the input size changed.
template <typename T>
void Dense<T>::plan(const Shape& in, int maxBatch) {
  if (maxBatch < 1) throw NormLabError(this->where() + "maximum batch " + std::to_string(maxBatch) + " < 1");
  Layer<T>::plan(in, maxBatch);
  const int nIn = in.size(), nOut = config_.outFeatures;
  if (weight_.dims != std::vector<int>{nOut, nIn}) {
    weight_ = Param<T>("weight", ParamRole::Weight, {nOut, nIn}, nIn, nOut);
    if (config_.bias) bias_ = Param<T>("bias", ParamRole::Bias, {nOut}, nIn, nOut);
  }
}

template <typename T>
std::vector<Param<T>*> Dense<T>::params() {
  std::vector<Param<T>*> out;
  if (!weight_.value.empty()) out.push_back(&weight_);
  if (!bias_.value.empty()) out.push_back(&bias_);
  return out;
}

// Work is split over fixed blocks of features (never over the batch): every part then reads the
// weight block it needs once, instead of every part re-reading all of W. The blocks depend only on
// the layer's sizes.
static int featureParts(int features) { return std::max(1, std::min(features / 16, kMaxBatchParts)); }

// x: N x in -> y: N x out, parts over blocks of output features.
//   Y[:, f] [n x |f|] = X [n x in] * W[f, :]^T [in x |f|] + b[f] (per column)
//
//              in            |f|               |f|
//          +---------+     +---+             +---+
//        n |    X    |  x  |   |  in   =   n | Y |   (one part: the output-feature block f)
//          +---------+     |W^T|             +---+
//                          +---+
template <typename T>
void Dense<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const int nIn = this->inShape_.size(), nOut = config_.outFeatures, n = x.n;
  const int parts = featureParts(nOut);
  ctx.pool->run(parts, [&](int p) {
    const Range f = partRange(nOut, parts, p);
    CMapR<T> w(weight_.value.data() + std::size_t(f.begin) * nIn, f.size(), nIn);
    CMapR<T> in(x.data, n, nIn);
    StrideMapR<T> out(y.data + f.begin, n, f.size(), Eigen::OuterStride<>(nOut));
    if (config_.bias) {
      out.rowwise() = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(bias_.value.data() + f.begin, f.size());
      gemm(out, in, w.transpose(), true);
    } else {
      gemm(out, in, w.transpose(), false);
    }
  });
}

// dy: N x out -> dx: N x in (overwritten, skipped when null); accumulates
//   dW[f, :] [|f| x in] += dY[:, f]^T [|f| x n] * X [n x in]   (parts over output features f)
//   db[f]               += column sums of dY[:, f]
//   dX[:, e] [n x |e|]   = dY [n x out] * W[:, e] [out x |e|]  (parts over input features e)
template <typename T>
void Dense<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                        const StepContext& ctx) {
  const int nIn = this->inShape_.size(), nOut = config_.outFeatures, n = x.n;
  const int outParts = featureParts(nOut);
  ctx.pool->run(outParts, [&](int p) {
    const Range f = partRange(nOut, outParts, p);
    CStrideMapR<T> dY(dy.data + f.begin, n, f.size(), Eigen::OuterStride<>(nOut));
    CMapR<T> in(x.data, n, nIn);
    MapR<T> dW(weight_.grad.data() + std::size_t(f.begin) * nIn, f.size(), nIn);
    gemm(dW, dY.transpose(), in, true);
    if (config_.bias)
      for (int j = 0; j < f.size(); ++j) {
        T sum = T(0);
        for (int i = 0; i < n; ++i) sum += dY(i, j);
        bias_.grad[f.begin + j] += sum;
      }
  });
  if (dx.empty()) return;
  const int inParts = featureParts(nIn);
  ctx.pool->run(inParts, [&](int p) {
    const Range e = partRange(nIn, inParts, p);
    CStrideMapR<T> w(weight_.value.data() + e.begin, nOut, e.size(), Eigen::OuterStride<>(nIn));
    CMapR<T> dY(dy.data, n, nOut);
    StrideMapR<T> dX(dx.data + e.begin, n, e.size(), Eigen::OuterStride<>(nIn));
    gemm(dX, dY, w, false);
  });
}

template <typename T>
LayerPtr<T> makeDense(const DenseConfig& config) {
  return std::make_unique<Dense<T>>(config);
}

template class Dense<float>;
template class Dense<double>;
template LayerPtr<float> makeDense<float>(const DenseConfig&);
template LayerPtr<double> makeDense<double>(const DenseConfig&);

}  // namespace normlab
