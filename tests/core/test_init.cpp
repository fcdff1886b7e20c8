// Weight initialisation: bounds of the uniform schemes, the std of Kaiming normal, biases, norm
// scale/shift, determinism per stream key, and scheme names.
#include <QtTest>

#include <algorithm>
#include <cmath>

#include "core/layers/init.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

struct Stats {
  double min = 0, max = 0, mean = 0, std = 0;
};

template <typename Vector>
Stats stats(const Vector& v) {
  Stats s;
  s.min = double(*std::min_element(v.begin(), v.end()));
  s.max = double(*std::max_element(v.begin(), v.end()));
  double sum = 0, sq = 0;
  for (auto x : v) sum += double(x);
  s.mean = sum / double(v.size());
  for (auto x : v) sq += (double(x) - s.mean) * (double(x) - s.mean);
  s.std = std::sqrt(sq / double(v.size() - 1));
  return s;
}

// A conv weight 64 x 16 x 3 x 3: fan_in = 16*9 = 144, fan_out = 64*9 = 576 (9216 values).
Param<float> convWeight() { return Param<float>("weight", ParamRole::Weight, {64, 16, 3, 3}, 144, 576); }

}  // namespace

class TestInit : public QObject {
  Q_OBJECT
 private slots:
  // Uniform schemes fill [-b, b]: every value within the bound, the extremes close to it (so a
  // too-small bound fails), mean near 0, std near b / sqrt(3).
  void uniformBounds_data() {
    QTest::addColumn<int>("scheme");
    QTest::addColumn<int>("role");
    QTest::addColumn<double>("bound");
    const int w = int(ParamRole::Weight), b = int(ParamRole::Bias);
    QTest::newRow("pytorch weight") << int(InitScheme::PyTorchDefault) << w << 1.0 / 12;  // 1/sqrt(144)
    QTest::newRow("pytorch bias") << int(InitScheme::PyTorchDefault) << b << 1.0 / 12;    // 1/sqrt(fan_in)
    QTest::newRow("kaiming uniform") << int(InitScheme::KaimingUniform) << w
                                     << std::sqrt(6.0 / 144);  // sqrt(6/fan_in) = 0.2041
    QTest::newRow("xavier") << int(InitScheme::Xavier) << w
                            << std::sqrt(6.0 / (144 + 576));  // sqrt(6/(fan_in+fan_out)) = 0.0913
  }
  void uniformBounds() {
    QFETCH(int, scheme);
    QFETCH(int, role);
    QFETCH(double, bound);
    Param<float> p = convWeight();
    p.role = ParamRole(role);
    initParam(p, InitScheme(scheme), streamKey(1, Purpose::Init, hashName("conv2"), 0));
    const Stats s = stats(p.value);
    QVERIFY2(s.min >= -bound && s.max <= bound, qPrintable(QString("[%1, %2] outside +-%3").arg(s.min).arg(s.max).arg(bound)));
    QVERIFY2(s.min < -0.99 * bound && s.max > 0.99 * bound,
             qPrintable(QString("[%1, %2] does not reach +-%3").arg(s.min).arg(s.max).arg(bound)));
    // U(-b, b): std b/sqrt(3); the mean's standard error is b/sqrt(3*9216) = 0.006 b.
    QVERIFY(std::abs(s.mean) < 0.03 * bound);
    QVERIFY(std::abs(s.std - bound / std::sqrt(3.0)) < 0.03 * bound);
  }

  // Kaiming normal: N(0, 2/fan_in). 100,000 draws with fan_in = 50: std 0.2; the sample std's
  // standard error is 0.2/sqrt(2e5) = 0.00045, allow 1% (4.5 SE); the mean's is 0.00063, allow 0.004.
  void kaimingNormalStd() {
    Param<double> p("weight", ParamRole::Weight, {400, 250}, 50, 400);
    initParam(p, InitScheme::KaimingNormal, streamKey(3, Purpose::Init, hashName("fc1"), 0));
    const Stats s = stats(p.value);
    QVERIFY2(std::abs(s.std - 0.2) < 0.002, qPrintable(QString("std %1").arg(s.std)));
    QVERIFY2(std::abs(s.mean) < 0.004, qPrintable(QString("mean %1").arg(s.mean)));
    // Normal, not uniform: about 4.55% of the draws lie beyond 2 std.
    const auto tails = std::count_if(p.value.begin(), p.value.end(), [](double v) { return std::abs(v) > 0.4; });
    QVERIFY2(std::abs(double(tails) / 1e5 - 0.0455) < 0.004, qPrintable(QString("tails %1").arg(tails)));
  }

  // Biases: U(+-1/sqrt(fan_in)) for the PyTorch default (checked above), 0 for the other schemes.
  void biasZero_data() {
    QTest::addColumn<int>("scheme");
    QTest::newRow("kaiming_normal") << int(InitScheme::KaimingNormal);
    QTest::newRow("kaiming_uniform") << int(InitScheme::KaimingUniform);
    QTest::newRow("xavier") << int(InitScheme::Xavier);
  }
  void biasZero() {
    QFETCH(int, scheme);
    Param<float> b("bias", ParamRole::Bias, {32}, 144, 576);
    std::fill(b.value.begin(), b.value.end(), 3.0f);
    initParam(b, InitScheme(scheme), 17);
    QCOMPARE(b.value, AlignedVector<float>(32, 0.0f));
  }

  // Norm layers start at gamma = 1, beta = 0 whatever the scheme.
  void normScaleShift_data() {
    QTest::addColumn<int>("scheme");
    QTest::newRow("pytorch") << int(InitScheme::PyTorchDefault);
    QTest::newRow("kaiming_normal") << int(InitScheme::KaimingNormal);
    QTest::newRow("kaiming_uniform") << int(InitScheme::KaimingUniform);
    QTest::newRow("xavier") << int(InitScheme::Xavier);
  }
  void normScaleShift() {
    QFETCH(int, scheme);
    Param<double> gamma("gamma", ParamRole::NormScale, {16}, 1, 1), beta("beta", ParamRole::NormShift, {16}, 1, 1);
    std::fill(beta.value.begin(), beta.value.end(), 5.0);
    initParam(gamma, InitScheme(scheme), 11);
    initParam(beta, InitScheme(scheme), 12);
    QCOMPARE(gamma.value, AlignedVector<double>(16, 1.0));
    QCOMPARE(beta.value, AlignedVector<double>(16, 0.0));
  }

  // The values are a pure function of the key: same key -> same values (in float and double up to
  // rounding), different key -> different values.
  void determinism_data() {
    QTest::addColumn<int>("scheme");
    QTest::newRow("pytorch") << int(InitScheme::PyTorchDefault);
    QTest::newRow("kaiming_normal") << int(InitScheme::KaimingNormal);
    QTest::newRow("kaiming_uniform") << int(InitScheme::KaimingUniform);
    QTest::newRow("xavier") << int(InitScheme::Xavier);
  }
  void determinism() {
    QFETCH(int, scheme);
    const std::uint64_t key = streamKey(7, Purpose::Init, hashName("conv1"), 0);
    Param<float> a = convWeight(), b = convWeight(), c = convWeight();
    initParam(a, InitScheme(scheme), key);
    initParam(b, InitScheme(scheme), key);
    initParam(c, InitScheme(scheme), streamKey(7, Purpose::Init, hashName("conv1"), 1));
    QCOMPARE(a.value, b.value);
    QVERIFY(a.value != c.value);
    Param<double> d("weight", ParamRole::Weight, {64, 16, 3, 3}, 144, 576);
    initParam(d, InitScheme(scheme), key);
    for (std::size_t i = 0; i < a.size(); ++i) QCOMPARE(a.value[i], float(d.value[i]));
  }

  void names_data() {
    QTest::addColumn<int>("scheme");
    QTest::addColumn<QString>("name");
    QTest::newRow("pytorch") << int(InitScheme::PyTorchDefault) << "pytorch";
    QTest::newRow("kaiming_normal") << int(InitScheme::KaimingNormal) << "kaiming_normal";
    QTest::newRow("kaiming_uniform") << int(InitScheme::KaimingUniform) << "kaiming_uniform";
    QTest::newRow("xavier") << int(InitScheme::Xavier) << "xavier";
  }
  void names() {
    QFETCH(int, scheme);
    QFETCH(QString, name);
    QCOMPARE(QString(initSchemeName(InitScheme(scheme))), name);
    QCOMPARE(int(parseInitScheme(name.toStdString())), scheme);
  }

  // An unknown name is a NormLabError naming it and listing the valid names.
  void unknownName() {
    try {
      parseInitScheme("he_normal");
      QFAIL("no error for an unknown scheme");
    } catch (const NormLabError& e) {
      const QString message = e.what();
      QVERIFY2(message.contains("'he_normal'"), e.what());
      QVERIFY2(message.contains("kaiming_normal") && message.contains("xavier"), e.what());
    }
  }

  // A weight without a fan-in cannot be scaled: NormLabError naming the parameter.
  void badFanIn() {
    Param<float> p("weight", ParamRole::Weight, {4}, 0, 4);
    try {
      initParam(p, InitScheme::PyTorchDefault, 1);
      QFAIL("no error for fan_in 0");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("'weight'") && QString(e.what()).contains("fan_in 0"), e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestInit)
#include "test_init.moc"
