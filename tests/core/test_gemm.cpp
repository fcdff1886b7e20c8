// gemm(): the chunked product used by conv2d and dense must equal a plain Eigen product for every
// way it cuts the work (depth split, output tiles), with and without accumulation.
#include <QtTest>

#include "core/base/gemm.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

using Mat = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic>;

Mat randomMatrix(int rows, int cols, std::uint64_t key) {
  Random rng(key);
  Mat m(rows, cols);
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < cols; ++j) m(i, j) = rng.uniform(-1, 1);
  return m;
}

}  // namespace

class TestGemm : public QObject {
  Q_OBJECT
 private slots:
  void matchesEigen_data() {
    QTest::addColumn<int>("m");
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("n");
    // For double, pieces are at most 256 deep and 64 wide once k * max(m, n) is large.
    QTest::newRow("small, one piece") << 3 << 4 << 5;
    QTest::newRow("depth split") << 10 << 700 << 12;
    QTest::newRow("depth split and tiles") << 70 << 300 << 130;
    QTest::newRow("tiles only") << 200 << 100 << 170;
    QTest::newRow("vector result") << 1 << 1000 << 1;
    QTest::newRow("empty depth") << 4 << 0 << 3;
  }
  void matchesEigen() {
    QFETCH(int, m);
    QFETCH(int, k);
    QFETCH(int, n);
    const Mat a = randomMatrix(m, k, 1), b = randomMatrix(k, n, 2), c0 = randomMatrix(m, n, 3);
    const Mat expected = a * b;
    // Row-major maps as the layers use them; B given transposed (like W^T).
    std::vector<double> av(std::size_t(m) * k), btv(std::size_t(n) * k), cv(std::size_t(m) * n);
    MapR<double>(av.data(), m, k) = a;
    MapR<double>(btv.data(), n, k) = b.transpose();
    MapR<double> c(cv.data(), m, n);
    c = c0;
    gemm(c, CMapR<double>(av.data(), m, k), CMapR<double>(btv.data(), n, k).transpose(), false);
    QVERIFY((Mat(c) - expected).cwiseAbs().maxCoeff() < 1e-12 * std::max(1, k));
    gemm(c, CMapR<double>(av.data(), m, k), CMapR<double>(btv.data(), n, k).transpose(), true);
    QVERIFY((Mat(c) - 2 * expected).cwiseAbs().maxCoeff() < 1e-12 * std::max(1, k));
    // Destination with a row stride (a column block of a wider matrix): neighbours untouched.
    std::vector<double> wide(std::size_t(m) * (n + 2), 7.0);
    StrideMapR<double> block(wide.data() + 1, m, n, Eigen::OuterStride<>(n + 2));
    gemm(block, CMapR<double>(av.data(), m, k), CMapR<double>(btv.data(), n, k).transpose(), false);
    QVERIFY((Mat(block) - expected).cwiseAbs().maxCoeff() < 1e-12 * std::max(1, k));
    for (int i = 0; i < m; ++i) {
      QCOMPARE(wide[std::size_t(i) * (n + 2)], 7.0);
      QCOMPARE(wide[std::size_t(i) * (n + 2) + n + 1], 7.0);
    }
  }
};

QTEST_APPLESS_MAIN(TestGemm)
#include "test_gemm.moc"
