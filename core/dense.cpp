#include "dense.h"

// GCC 12 reports -Wmaybe-uninitialized inside its own AVX-512 intrinsics when Eigen's GEMM packing
// is inlined (a known false positive in system headers); keep our build output clean.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Core>
#pragma GCC diagnostic pop

#include "partition.h"

namespace normlab {

namespace {

template <typename T>
using MatR = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename T>
using MapR = Eigen::Map<MatR<T>>;
template <typename T>
using CMapR = Eigen::Map<const MatR<T>>;
template <typename T>
using StrideMapR = Eigen::Map<MatR<T>, 0, Eigen::OuterStride<>>;
template <typename T>
using CStrideMapR = Eigen::Map<const MatR<T>, 0, Eigen::OuterStride<>>;

}  // namespace

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

// x: N x in -> y: N x out, parts over batch rows.
//   Y [n x out] = X [n x in] * W^T [in x out] + b (per column)
template <typename T>
void Dense<T>::forward(const Tensor<T>& x, Tensor<T>& y, Mode, const StepContext& ctx) {
  const int nIn = this->inShape_.size(), nOut = config_.outFeatures;
  const int parts = batchParts(x.n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(x.n, parts, p);
    CMapR<T> w(weight_.value.data(), nOut, nIn);
    CMapR<T> in(x.sample(r.begin), r.size(), nIn);
    MapR<T> out(y.sample(r.begin), r.size(), nOut);
    if (config_.bias) {
      out.rowwise() = Eigen::Map<const Eigen::Matrix<T, 1, Eigen::Dynamic>>(bias_.value.data(), nOut);
      out.noalias() += in * w.transpose();
    } else {
      out.noalias() = in * w.transpose();
    }
  });
}

// dy: N x out -> dx: N x in (overwritten, skipped when null); accumulates
//   dW [out x in] += dY^T [out x n] * X [n x in]   (parts over blocks of output features)
//   db [out]      += column sums of dY
//   dX [n x in]    = dY [n x out] * W [out x in]   (parts over batch rows)
template <typename T>
void Dense<T>::backward(const Tensor<T>& x, const Tensor<T>&, const Tensor<T>& dy, Tensor<T>& dx,
                        const StepContext& ctx) {
  const int nIn = this->inShape_.size(), nOut = config_.outFeatures, n = x.n;
  const int featureParts = std::min(nOut, kMaxBatchParts);
  ctx.pool->run(featureParts, [&](int p) {
    const Range f = partRange(nOut, featureParts, p);
    CStrideMapR<T> dY(dy.data + f.begin, n, f.size(), Eigen::OuterStride<>(nOut));
    CMapR<T> in(x.data, n, nIn);
    MapR<T> dW(weight_.grad.data() + std::size_t(f.begin) * nIn, f.size(), nIn);
    dW.noalias() += dY.transpose() * in;
    if (config_.bias)
      for (int j = 0; j < f.size(); ++j) {
        T sum = T(0);
        for (int i = 0; i < n; ++i) sum += dY(i, j);
        bias_.grad[f.begin + j] += sum;
      }
  });
  if (dx.empty()) return;
  const int parts = batchParts(n);
  ctx.pool->run(parts, [&](int p) {
    const Range r = partRange(n, parts, p);
    CMapR<T> w(weight_.value.data(), nOut, nIn);
    CMapR<T> dY(dy.sample(r.begin), r.size(), nOut);
    MapR<T> dX(dx.sample(r.begin), r.size(), nIn);
    dX.noalias() = dY * w;
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
