// The GEMM-like and shape layers (conv2d, dense, pool, flatten) must not allocate in forward() or
// backward() (HELPERS_COMMON rule), even at sizes where Eigen would take its packing buffers from
// the heap. Counts calls to malloc by interposing it (glibc); skipped under sanitizers, which
// interpose malloc themselves.
#include <QtTest>

#include <atomic>

#include "core/layers/conv2d.h"
#include "core/layers/dense.h"
#include "core/layers/flatten.h"
#include "core/layers/pool.h"

#include "support/allocation_counter.h"

using namespace normlab;

namespace {

// GCC 12 flags the vectors' deallocation below as freeing a non-heap pointer once malloc is
// defined in this file (a false positive: they are ordinary heap vectors).
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"

// Plans the layer, then counts mallocs during forward (train, eval) and backward (with and
// without an input gradient).
long countMallocs(Layer<float>& l, const Shape& in, int batch) {
  l.plan(in, batch);
  const Shape out = l.outShape();
  std::vector<float> x(std::size_t(batch) * in.size(), 0.5f), y(std::size_t(batch) * out.size()),
      dy(y.size(), 0.25f), dx(x.size());
  Tensor<float> tx{x.data(), batch, in}, ty{y.data(), batch, out}, tdy{dy.data(), batch, out},
      tdx{dx.data(), batch, in}, none{nullptr, batch, in};
  ThreadPool pool(2);
  StepContext ctx{&pool};
  const long before = test::heapAllocations();
  l.forward(tx, ty, Mode::Train, ctx);
  l.backward(tx, ty, tdy, tdx, ctx);
  l.backward(tx, ty, tdy, none, ctx);
  l.forward(tx, ty, Mode::Eval, ctx);
  return test::heapAllocations() - before;
}

}  // namespace

class TestLayerAlloc : public QObject {
  Q_OBJECT
 private slots:
  void noAllocation_data() {
    QTest::addColumn<QString>("layer");
    QTest::addColumn<int>("batch");
    for (int n : {1, 32, 128}) {
      for (const char* l : {"conv1", "conv2", "conv_big", "conv_1x1", "fc1", "dense_big", "max_pool",
                            "avg_pool", "flatten"})
        QTest::addRow("%s batch %d", l, n) << QString(l) << n;
    }
  }
  void noAllocation() {
    if (!test::kCountsAllocations) QSKIP("malloc is interposed by the sanitizer");
    QFETCH(QString, layer);
    QFETCH(int, batch);
    LayerPtr<float> l;
    Shape in;
    if (layer == "conv1") l = makeConv2d<float>({16, 3, 1, 1, true}), in = {1, 28, 28};
    if (layer == "conv2") l = makeConv2d<float>({32, 3, 1, 1, true}), in = {16, 14, 14};
    if (layer == "conv_big") l = makeConv2d<float>({64, 5, 2, 2, true}), in = {32, 28, 28};
    if (layer == "conv_1x1") l = makeConv2d<float>({8, 1, 1, 0, false}), in = {300, 10, 10};
    if (layer == "fc1") l = makeDense<float>({128, true}), in = {32, 7, 7};
    if (layer == "dense_big") l = makeDense<float>({1000, true}), in = {4000};
    if (layer == "max_pool") l = makePool<float>({PoolKind::Max, 3, 2, 1}), in = {16, 28, 28};
    if (layer == "avg_pool") l = makePool<float>({PoolKind::Average, 2, 2, 0}), in = {16, 28, 28};
    if (layer == "flatten") l = makeFlatten<float>(), in = {16, 7, 7};
    QVERIFY(l);
    QCOMPARE(countMallocs(*l, in, batch), 0L);
  }
};

QTEST_APPLESS_MAIN(TestLayerAlloc)
#include "test_layer_alloc.moc"
