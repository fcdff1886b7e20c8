// Losses: cross-entropy and MSE hand values, large logits, batch mean, finite-difference gradient
// checks in double, label range errors, countCorrect's first-maximum rule, and MSE against a
// real-valued target tensor (hand values, agreement with the one-hot form, gradients, shapes).
#include <QtTest>

#include <cmath>
#include <limits>

#include "core/base/error.h"
#include "core/layers/loss.h"
#include "support/grad_check.h"

using namespace normlab;

Q_DECLARE_METATYPE(std::vector<double>)

namespace {

double evalLoss(LossKind kind, std::vector<double> pred, int classes, const std::vector<int>& labels,
                std::vector<double>* grad = nullptr) {
  const int n = int(labels.size());
  Tensor<double> tp{pred.data(), n, {classes}};
  Tensor<double> tg;
  if (grad) {
    grad->assign(pred.size(), -7.0);  // garbage: the loss must overwrite it
    tg = {grad->data(), n, {classes}};
  }
  return makeLoss<double>(kind)->evaluate(tp, labels.data(), grad ? &tg : nullptr);
}

}  // namespace

class TestLoss : public QObject {
  Q_OBJECT
 private slots:
  // One sample, C classes: value and gradient. CE = log(sum_c e^z_c) - z_label,
  // dCE/dz = softmax(z) - onehot. MSE = sum_c (p_c - onehot_c)^2 / C, dMSE/dp = 2 (p - onehot) / C.
  void handValues_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<std::vector<double>>("pred");
    QTest::addColumn<int>("label");
    QTest::addColumn<double>("expected");
    QTest::addColumn<std::vector<double>>("expectedGrad");
    const int ce = int(LossKind::CrossEntropy), mse = int(LossKind::MeanSquaredError);
    const double s1 = std::exp(1.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
    const double s2 = std::exp(2.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
    const double s3 = std::exp(3.0) / (std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
    // log(e^1 + e^2 + e^3) - 3 = 0.40760596444438...
    QTest::newRow("ce [1,2,3] label 2") << ce << std::vector<double>{1, 2, 3} << 2
                                        << 0.40760596444438013 << std::vector<double>{s1, s2, s3 - 1};
    // log(e^1 + e^2 + e^3) - 1 = 2.40760596444438...
    QTest::newRow("ce [1,2,3] label 0") << ce << std::vector<double>{1, 2, 3} << 0
                                        << 2.40760596444438013 << std::vector<double>{s1 - 1, s2, s3};
    // Equal logits: log(4), softmax 1/4 everywhere.
    QTest::newRow("ce uniform") << ce << std::vector<double>{0, 0, 0, 0} << 1 << std::log(4.0)
                                << std::vector<double>{0.25, -0.75, 0.25, 0.25};
    // log(e^1000 + e^-1000) - (-1000) = 1000 + log(1 + e^-2000) + 1000 = 2000 exactly in double.
    QTest::newRow("ce +-1000 wrong") << ce << std::vector<double>{1000, -1000} << 1 << 2000.0
                                     << std::vector<double>{1, -1};
    // log(e^1000 + e^-1000) - 1000 = log(1 + e^-2000) = 0 in double.
    QTest::newRow("ce +-1000 right") << ce << std::vector<double>{1000, -1000} << 0 << 0.0
                                     << std::vector<double>{0, 0};
    // ((0.5 - 1)^2 + 0.2^2) / 2 = (0.25 + 0.04) / 2 = 0.145; grad 2 (p - onehot) / 2 = [-0.5, 0.2].
    QTest::newRow("mse [0.5,0.2] label 0") << mse << std::vector<double>{0.5, 0.2} << 0 << 0.145
                                           << std::vector<double>{-0.5, 0.2};
    // (1^2 + (2-1)^2 + 3^2 + 0^2) / 4 = 11 / 4 = 2.75; grad 2 (p - onehot) / 4 = [0.5, 0.5, 1.5, 0].
    QTest::newRow("mse [1,2,3,0] label 1") << mse << std::vector<double>{1, 2, 3, 0} << 1 << 2.75
                                           << std::vector<double>{0.5, 0.5, 1.5, 0};
  }
  void handValues() {
    QFETCH(int, kind);
    QFETCH(std::vector<double>, pred);
    QFETCH(int, label);
    QFETCH(double, expected);
    QFETCH(std::vector<double>, expectedGrad);
    std::vector<double> grad;
    const double value = evalLoss(LossKind(kind), pred, int(pred.size()), {label}, &grad);
    QVERIFY2(std::abs(value - expected) <= 1e-14 * std::max(1.0, std::abs(expected)),
             qPrintable(QString("loss %1, expected %2").arg(value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    for (std::size_t c = 0; c < grad.size(); ++c)
      QVERIFY2(std::abs(grad[c] - expectedGrad[c]) <= 1e-15,
               qPrintable(QString("grad[%1] = %2, expected %3").arg(c).arg(grad[c]).arg(expectedGrad[c])));
    // Without a gradient buffer the value is the same.
    QCOMPARE(evalLoss(LossKind(kind), pred, int(pred.size()), {label}), value);
  }

  // Huge logits in float stay finite and exact: the max is subtracted before exp.
  void largeLogitsFloat() {
    std::vector<float> z{1000.f, -1000.f, 500.f, -1000.f, 1000.f, 0.f}, g(6);
    const int labels[2] = {1, 0};
    Tensor<float> tz{z.data(), 2, {3}}, tg{g.data(), 2, {3}};
    const double value = makeLoss<float>(LossKind::CrossEntropy)->evaluate(tz, labels, &tg);
    // Sample 0: 2000 + log(1 + e^-500 + e^-2000) = 2000; sample 1: 1000 - (-1000) = 2000. Mean 2000.
    QCOMPARE(value, 2000.0);
    for (float v : g) QVERIFY(std::isfinite(v));
    QCOMPARE(g[0], 0.5f);   // (1 - 0) / N
    QCOMPARE(g[1], -0.5f);  // (0 - 1) / N
    QCOMPARE(g[3], -0.5f);  // (0 - 1) / N
    QCOMPARE(g[4], 0.5f);
  }

  // The loss is the mean over the batch; N = 3 rows with per-row values computed by hand.
  void batchMean_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("expected");
    // Rows (z, label): ([1,2,3], 2) -> 0.4076059644443806, ([0.5,-1,2], 0) -> 1.7413112966571571,
    // ([3,3,-2], 1) -> 0.696510491782079; mean 0.9484759176278722.
    QTest::newRow("ce") << int(LossKind::CrossEntropy) << 0.9484759176278722;
    // (1 + 4 + 4 + 0.25 + 1 + 4 + 9 + 4 + 4) / 9 = 31.25 / 9.
    QTest::newRow("mse") << int(LossKind::MeanSquaredError) << 31.25 / 9;
  }
  void batchMean() {
    QFETCH(int, kind);
    QFETCH(double, expected);
    const std::vector<double> z{1, 2, 3, 0.5, -1, 2, 3, 3, -2};
    const double value = evalLoss(LossKind(kind), z, 3, {2, 0, 1});
    QVERIFY2(std::abs(value - expected) < 1e-14,
             qPrintable(QString("%1 vs %2").arg(value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
  }

  // Central differences in double on every input of a 4 x 5 batch.
  void gradients_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("range");
    QTest::newRow("ce") << int(LossKind::CrossEntropy) << 3.0;
    QTest::newRow("ce large logits") << int(LossKind::CrossEntropy) << 40.0;
    QTest::newRow("mse") << int(LossKind::MeanSquaredError) << 2.0;
  }
  void gradients() {
    QFETCH(int, kind);
    QFETCH(double, range);
    const int n = 4, classes = 5;
    const std::vector<int> labels{0, 4, 2, 2};
    std::vector<double> z(n * classes), grad;
    test::fillUniform(z, 77, range);
    evalLoss(LossKind(kind), z, classes, labels, &grad);
    const double h = 1e-6 * std::max(1.0, range / 3);
    for (std::size_t i = 0; i < z.size(); ++i) {
      std::vector<double> plus = z, minus = z;
      plus[i] += h;
      minus[i] -= h;
      const double numeric = (evalLoss(LossKind(kind), plus, classes, labels) -
                              evalLoss(LossKind(kind), minus, classes, labels)) / (2 * h);
      const double err = std::abs(numeric - grad[i]);
      QVERIFY2(err <= 1e-7 + 1e-5 * std::abs(numeric),
               qPrintable(QString("dL/dz[%1]: analytic %2 numeric %3").arg(i).arg(grad[i]).arg(numeric)));
    }
  }

  // A label outside [0, C) is a NormLabError naming the label, for both losses and countCorrect.
  void labelOutOfRange_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("label");
    QTest::newRow("ce -1") << int(LossKind::CrossEntropy) << -1;
    QTest::newRow("ce C") << int(LossKind::CrossEntropy) << 3;
    QTest::newRow("mse 17") << int(LossKind::MeanSquaredError) << 17;
  }
  void labelOutOfRange() {
    QFETCH(int, kind);
    QFETCH(int, label);
    std::vector<double> z{1, 2, 3, 4, 5, 6};
    try {
      evalLoss(LossKind(kind), z, 3, {0, label});
      QFAIL("no error for a label out of range");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("label " + QString::number(label)), e.what());
    }
    const int labels[2] = {0, label};
    QVERIFY_THROWS_EXCEPTION(NormLabError, normlab::countCorrect(Tensor<double>{z.data(), 2, {3}}, labels));
  }

  // Arg-max hits: the first maximum wins a tie (torch.argmax); a NaN row is never correct.
  void countCorrect_data() {
    QTest::addColumn<std::vector<double>>("row");
    QTest::addColumn<int>("label");
    QTest::addColumn<int>("expected");
    QTest::newRow("max at 1, label 1") << std::vector<double>{0.1, 0.7, 0.2} << 1 << 1;
    QTest::newRow("max at 1, label 2") << std::vector<double>{0.1, 0.7, 0.2} << 2 << 0;
    QTest::newRow("tie, first wins") << std::vector<double>{0.5, 0.5, 0.1} << 0 << 1;
    QTest::newRow("tie, second loses") << std::vector<double>{0.5, 0.5, 0.1} << 1 << 0;
    QTest::newRow("all equal, label 0") << std::vector<double>{2, 2, 2} << 0 << 1;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("nan row, label 0") << std::vector<double>{nan, nan, nan} << 0 << 0;
    QTest::newRow("nan entry") << std::vector<double>{0.9, nan, 0.1} << 0 << 0;
  }
  void countCorrect() {
    QFETCH(std::vector<double>, row);
    QFETCH(int, label);
    QFETCH(int, expected);
    // Batch of two: the row under test and a row that is always correct.
    std::vector<double> z = row;
    z.insert(z.end(), {0.0, 0.0, 9.0});
    const int labels[2] = {label, 2};
    QCOMPARE(normlab::countCorrect(Tensor<double>{z.data(), 2, {3}}, labels), expected + 1);
  }

  // MSE against a target tensor, mean over every element (nn.MSELoss, reduction='mean'):
  //   2 x 3: pred [1, 2, 3 | 4, 5, 6], target [1.5, 2, 2 | 4, 3, 6.5]: d = [-0.5, 0, 1 | 0, 2, -0.5],
  //     L = (0.25 + 0 + 1 + 0 + 4 + 0.25) / 6 = 5.5 / 6 = 11/12; dL/dpred = 2 d / 6 = d / 3.
  //   1 x 2x1x2: pred [0, 1, 2, 3], target 1: d = [-1, 0, 1, 2], L = 6 / 4 = 1.5, grad 2 d / 4.
  //   (the mean is over numel, not over N: a per-sample mean would give 3 and 6 here)
  void targetHandValues_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("c");
    QTest::addColumn<int>("h");
    QTest::addColumn<int>("w");
    QTest::addColumn<std::vector<double>>("pred");
    QTest::addColumn<std::vector<double>>("target");
    QTest::addColumn<double>("expected");
    QTest::addColumn<std::vector<double>>("expectedGrad");
    QTest::newRow("2 x 3") << 2 << 3 << 1 << 1 << std::vector<double>{1, 2, 3, 4, 5, 6}
                           << std::vector<double>{1.5, 2, 2, 4, 3, 6.5} << 11.0 / 12.0
                           << std::vector<double>{-0.5 / 3, 0, 1.0 / 3, 0, 2.0 / 3, -0.5 / 3};
    QTest::newRow("1 x 2x1x2") << 1 << 2 << 1 << 2 << std::vector<double>{0, 1, 2, 3}
                               << std::vector<double>{1, 1, 1, 1} << 1.5 << std::vector<double>{-0.5, 0, 0.5, 1};
  }
  void targetHandValues() {
    QFETCH(int, n);
    QFETCH(int, c);
    QFETCH(int, h);
    QFETCH(int, w);
    QFETCH(std::vector<double>, pred);
    QFETCH(std::vector<double>, target);
    QFETCH(double, expected);
    QFETCH(std::vector<double>, expectedGrad);
    const Shape shape{c, h, w};
    std::vector<double> grad(pred.size(), -7.0);
    Tensor<double> tp{pred.data(), n, shape}, tt{target.data(), n, shape}, tg{grad.data(), n, shape};
    const double value = meanSquaredError(tp, tt, &tg);
    QVERIFY2(std::abs(value - expected) <= 1e-15,
             qPrintable(QString("loss %1, expected %2").arg(value, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    for (std::size_t i = 0; i < grad.size(); ++i)
      QVERIFY2(std::abs(grad[i] - expectedGrad[i]) <= 1e-15,
               qPrintable(QString("grad[%1] = %2, expected %3").arg(i).arg(grad[i]).arg(expectedGrad[i])));
    QCOMPARE(meanSquaredError(tp, tt), value);  // no gradient buffer, same value
    // float tensors: the sum is taken in double, so the value is the double one for these
    // exactly representable inputs.
    std::vector<float> pf(pred.begin(), pred.end()), tf(target.begin(), target.end()), gf(pred.size());
    Tensor<float> tpf{pf.data(), n, shape}, ttf{tf.data(), n, shape}, tgf{gf.data(), n, shape};
    QCOMPARE(meanSquaredError(tpf, ttf, &tgf), value);
    for (std::size_t i = 0; i < gf.size(); ++i) QCOMPARE(gf[i], float(expectedGrad[i]));
  }

  // A one-hot target tensor gives exactly the label-based MSE, value and gradient.
  void targetAgreesWithOneHot() {
    const int n = 3, classes = 4;
    const std::vector<int> labels{2, 0, 3};
    std::vector<double> z(n * classes), onehot(z.size(), 0.0), gradLabels, gradTarget(z.size());
    test::fillUniform(z, 5, 2.0);
    for (int i = 0; i < n; ++i) onehot[std::size_t(i) * classes + labels[i]] = 1.0;
    const double byLabels = evalLoss(LossKind::MeanSquaredError, z, classes, labels, &gradLabels);
    Tensor<double> tz{z.data(), n, {classes}}, tt{onehot.data(), n, {classes}}, tg{gradTarget.data(), n, {classes}};
    QCOMPARE(meanSquaredError(tz, tt, &tg), byLabels);
    QCOMPARE(gradTarget, gradLabels);
  }

  // Central differences in double on every prediction of a 3 x 2x3x4 batch with a random target.
  void targetGradients() {
    const int n = 3;
    const Shape shape{2, 3, 4};
    std::vector<double> pred(std::size_t(n) * shape.size()), target(pred.size()), grad(pred.size());
    test::fillUniform(pred, 11, 2.0);
    test::fillUniform(target, 12, 2.0);
    const Tensor<double> tt{target.data(), n, shape};
    Tensor<double> tg{grad.data(), n, shape};
    meanSquaredError(Tensor<double>{pred.data(), n, shape}, tt, &tg);
    const double h = 1e-6;
    for (std::size_t i = 0; i < pred.size(); ++i) {
      std::vector<double> plus = pred, minus = pred;
      plus[i] += h;
      minus[i] -= h;
      const double numeric = (meanSquaredError(Tensor<double>{plus.data(), n, shape}, tt) -
                              meanSquaredError(Tensor<double>{minus.data(), n, shape}, tt)) / (2 * h);
      QVERIFY2(std::abs(numeric - grad[i]) <= 1e-9 + 1e-6 * std::abs(numeric),
               qPrintable(QString("dL/dpred[%1]: analytic %2 numeric %3").arg(i).arg(grad[i]).arg(numeric)));
    }
  }

  // A target or gradient buffer of another shape is a NormLabError naming both shapes, also when
  // the element counts agree (no silent reshaping or broadcasting).
  void targetShapeMismatch_data() {
    QTest::addColumn<int>("targetN");
    QTest::addColumn<int>("targetC");
    QTest::addColumn<int>("targetH");
    QTest::addColumn<bool>("inGradient");
    QTest::addColumn<QString>("text");
    QTest::newRow("other batch") << 3 << 6 << 1 << false << "mse: the target is 3 x 6 but the prediction is 2 x 6";
    QTest::newRow("same count, other shape") << 2 << 2 << 3 << false
                                             << "mse: the target is 2 x 2x3x1 but the prediction is 2 x 6";
    QTest::newRow("gradient") << 1 << 12 << 1 << true << "mse: the gradient is 1 x 12 but the prediction is 2 x 6";
  }
  void targetShapeMismatch() {
    QFETCH(int, targetN);
    QFETCH(int, targetC);
    QFETCH(int, targetH);
    QFETCH(bool, inGradient);
    QFETCH(QString, text);
    std::vector<double> pred(12, 1.0), other(std::size_t(targetN) * targetC * targetH, 0.0), same(12, 0.0);
    const Tensor<double> tp{pred.data(), 2, {6}}, tsame{same.data(), 2, {6}};
    Tensor<double> tother{other.data(), targetN, {targetC, targetH, 1}};
    try {
      if (inGradient)
        meanSquaredError(tp, tsame, &tother);
      else
        meanSquaredError(tp, tother, nullptr);
      QFAIL("no error for mismatched shapes");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains(text), e.what());
    }
  }

  // No elements: the mean of nothing is NaN, as in PyTorch.
  void targetEmpty() {
    Tensor<double> empty{nullptr, 0, {3}};
    QVERIFY(std::isnan(meanSquaredError(empty, empty, &empty)));
  }

  void kinds() {
    QCOMPARE(makeLoss<float>(LossKind::CrossEntropy)->kind(), "cross_entropy");
    QCOMPARE(makeLoss<float>(LossKind::MeanSquaredError)->kind(), "mse");
  }
};

QTEST_APPLESS_MAIN(TestLoss)
#include "test_loss.moc"
