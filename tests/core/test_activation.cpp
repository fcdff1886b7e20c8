// Activations: gradient checks (double) for every kind, and hand-computed values.
#include <QtTest>

#include "core/layers/activation.h"
#include "support/grad_check.h"

using namespace normlab;

class TestActivation : public QObject {
  Q_OBJECT
 private slots:
  void gradients_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("relu") << int(ActivationKind::ReLU);
    QTest::newRow("leaky_relu") << int(ActivationKind::LeakyReLU);
    QTest::newRow("sigmoid") << int(ActivationKind::Sigmoid);
    QTest::newRow("tanh") << int(ActivationKind::Tanh);
  }
  void gradients() {
    QFETCH(int, kind);
    Activation<double> layer({ActivationKind(kind), 0.1});
    test::GradCheckOptions opt;
    opt.range = 3.0;
    opt.avoid = [](double v) { return std::abs(v) < 1e-3; };  // the ReLU kink
    const auto r = test::gradCheck(layer, {3, 4, 5}, 2, opt);
    QVERIFY2(r.ok, r.message.c_str());
    QCOMPARE(r.checked, 2 * 3 * 4 * 5);
  }
  void handValues() {
    ThreadPool pool(1);
    StepContext ctx{&pool};
    std::vector<double> x{-2.0, 0.0, 3.0}, y(3);
    Tensor<double> tx{x.data(), 1, {3}}, ty{y.data(), 1, {3}};
    Activation<double> leaky({ActivationKind::LeakyReLU, 0.1});
    leaky.plan({3}, 1);
    leaky.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[0], -0.2);  // 0.1 * -2
    QCOMPARE(y[2], 3.0);
    Activation<double> sigmoid({ActivationKind::Sigmoid});
    sigmoid.plan({3}, 1);
    sigmoid.forward(tx, ty, Mode::Train, ctx);
    QCOMPARE(y[1], 0.5);                         // 1 / (1 + e^0)
    QVERIFY(std::abs(y[0] - 0.11920292202211755) < 1e-15);  // 1 / (1 + e^2)
  }
};

QTEST_APPLESS_MAIN(TestActivation)
#include "test_activation.moc"
