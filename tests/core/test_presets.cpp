// Built-in presets: the list, lookup errors, each preset's structure (bench-net exactly as
// BENCHNET.md), round trips, and a real training step for every preset and norm kind.
#include <QtTest>

#include <chrono>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/model/model_spec.h"
#include "core/model/presets.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

std::vector<std::string> names(const ModelSpec& s) {
  std::vector<std::string> out;
  for (const auto& l : s.layers) out.push_back(l.name);
  return out;
}

// Random inputs and labels for one batch (seeded).
struct Batch {
  std::vector<float> x;
  std::vector<int> y;
};
Batch randomBatch(int n, const Shape& shape, int classes, std::uint64_t seed) {
  Batch b;
  Random r(streamKey(seed, Purpose::Data));
  b.x.resize(std::size_t(n) * shape.size());
  for (auto& v : b.x) v = float(r.normal());
  for (int i = 0; i < n; ++i) b.y.push_back(int(r.below(std::uint64_t(classes))));
  return b;
}

const NormKind kAllNorms[] = {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance,
                              NormKind::Group, NormKind::LocalResponse};

}  // namespace

class TestPresets : public QObject {
  Q_OBJECT
 private slots:
  void listHasEveryPresetWithADescription() {
    const auto list = presetList();
    std::vector<std::string> got;
    for (const auto& p : list) {
      got.push_back(p.name);
      QVERIFY2(p.description.size() > 20, p.name.c_str());
      QVERIFY2(p.description.find('\n') == std::string::npos, p.name.c_str());
      QCOMPARE(preset(p.name).name, p.name);  // the file name and the "name" field agree
    }
    const std::vector<std::string> expected{"bench-net", "mlp-deep", "small-cnn", "tiny", "vgg-small"};
    QCOMPARE(got, expected);
    QCOMPARE(preset(defaultPresetName()).name, std::string("small-cnn"));
  }

  void unknownPresetListsValidNames() {
    try {
      preset("resnet");
      QFAIL("no error");
    } catch (const NormLabError& e) {
      const std::string msg = e.what();
      QVERIFY2(msg.find("unknown model preset 'resnet'") != std::string::npos, msg.c_str());
      QVERIFY2(msg.find("bench-net, mlp-deep, small-cnn, tiny, vgg-small") != std::string::npos, msg.c_str());
    }
  }

  void roundTrips_data() {
    QTest::addColumn<QString>("name");
    for (const auto& p : presetList()) QTest::newRow(p.name.c_str()) << QString::fromStdString(p.name);
  }
  void roundTrips() {
    QFETCH(QString, name);
    const ModelSpec s = preset(name.toStdString());
    QVERIFY(parseModelSpec(toJson(s)) == s);
    QVERIFY(parseModelSpec(presetJson(name.toStdString())) == s);
    // Every layer is named in the file itself, so names never depend on automatic numbering.
    const auto j = nlohmann::json::parse(presetJson(name.toStdString()));
    for (const auto& l : j.at("layers")) QVERIFY(l.contains("name"));
  }

  void benchNetIsBenchmarkNet() {
    const ModelSpec s = preset("bench-net");
    const std::vector<std::string> expected{"conv1", "norm1", "relu1", "pool1", "conv2", "norm2", "relu2",
                                            "pool2", "flatten", "fc1", "relu3", "dropout", "fc2"};
    QCOMPARE(names(s), expected);
    QVERIFY(s.input == (Shape{1, 28, 28}));
    QCOMPARE(s.classes, 10);
    QVERIFY(s.activation == ActivationKind::ReLU);
    const auto& c1 = s.layers[0];
    QVERIFY(c1.type == LayerType::Conv2d && c1.outChannels == 16 && c1.kernel == 3 && c1.stride == 1 &&
            c1.padding == 1 && c1.bias);
    const auto& c2 = s.layers[4];
    QVERIFY(c2.type == LayerType::Conv2d && c2.outChannels == 32 && c2.kernel == 3 && c2.padding == 1 && c2.bias);
    for (int i : {3, 7}) QVERIFY(s.layers[i].type == LayerType::MaxPool && s.layers[i].kernel == 2 &&
                                 s.layers[i].stride == 2 && s.layers[i].padding == 0);
    QVERIFY(s.layers[9].type == LayerType::Dense && s.layers[9].outFeatures == 128);
    QVERIFY(s.layers[11].type == LayerType::Dropout && s.layers[11].p == 0.25);
    QVERIFY(s.layers[12].type == LayerType::Dense && s.layers[12].outFeatures == 10);
    const auto shapes = specOutputShapes(s);
    QVERIFY(shapes[7] == (Shape{32, 7, 7}));
    QVERIFY(shapes[8] == (Shape{1568, 1, 1}));
  }

  void smallCnnIsBenchNetPlusNorm3() {
    ModelSpec small = preset("small-cnn");
    const ModelSpec bench = preset("bench-net");
    QCOMPARE(small.layers[10].name, std::string("norm3"));
    QVERIFY(small.layers[10].type == LayerType::Norm);
    QCOMPARE(small.layers[9].name, std::string("fc1"));    // after fc1 ...
    QCOMPARE(small.layers[11].name, std::string("relu3"));  // ... before its ReLU
    small.layers.erase(small.layers.begin() + 10);
    QVERIFY(small.layers == bench.layers);
  }

  void tinyVggMlpStructure() {
    const ModelSpec tiny = preset("tiny");
    QVERIFY(tiny.input == (Shape{1, 28, 28}));
    const auto ts = specOutputShapes(tiny);
    QVERIFY(ts[0] == (Shape{4, 14, 14}));  // (28 + 2 - 3)/2 + 1 = 14

    const ModelSpec vgg = preset("vgg-small");
    int convs = 0;
    for (std::size_t i = 0; i < vgg.layers.size(); ++i) {
      if (vgg.layers[i].type != LayerType::Conv2d) continue;
      ++convs;
      QVERIFY(vgg.layers[i + 1].type == LayerType::Norm);
      QVERIFY(vgg.layers[i + 2].type == LayerType::Activation);
    }
    QVERIFY(convs >= 4);
    QVERIFY(vgg.layers.back().type == LayerType::Dense);

    const ModelSpec mlp = preset("mlp-deep");
    QVERIFY(mlp.activation == ActivationKind::Sigmoid);
    QVERIFY(mlp.layers[0].type == LayerType::Flatten);
    int hidden = 0;
    for (std::size_t i = 1; i + 1 < mlp.layers.size(); i += 3) {
      QVERIFY(mlp.layers[i].type == LayerType::Dense && mlp.layers[i].outFeatures == 100);
      QVERIFY(mlp.layers[i + 1].type == LayerType::Norm);
      QVERIFY(mlp.layers[i + 2].type == LayerType::Activation);
      ++hidden;
    }
    QCOMPARE(hidden, 8);
    QCOMPARE(mlp.layers.back().outFeatures, 10);
  }

  // Every preset trains with every norm: a few SGD steps on random data, finite losses.
  void trainsWithEveryNorm_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    for (const auto& p : presetList())
      for (NormKind k : kAllNorms)
        QTest::newRow((p.name + "/" + normKindName(k)).c_str()) << QString::fromStdString(p.name) << int(k);
  }
  void trainsWithEveryNorm() {
    QFETCH(QString, name);
    QFETCH(int, kind);
    const ModelSpec spec = preset(name.toStdString());
    ArmSettings arm;
    arm.norm.kind = NormKind(kind);
    arm.seed = 3;
    const int batch = 4;
    validateTrainingBatch(spec, arm, batch);
    auto model = buildModel<float>(spec, arm, batch);
    OptimizerConfig oc;
    oc.lr = 0.01;
    oc.momentum = 0.9;
    Optimizer<float> opt(oc, model.network.params());
    auto loss = makeLoss<float>(LossKind::CrossEntropy);
    ThreadPool pool(1);
    Batch b = randomBatch(batch, spec.input, spec.classes, 1);
    Tensor<float> x{b.x.data(), batch, spec.input};
    double first = 0, last = 0;
    for (int step = 0; step < 5; ++step) {
      StepContext ctx{&pool, arm.seed, step};
      const StepResult r = trainStep(model.network, *loss, opt, x, b.y.data(), ctx);
      QVERIFY2(std::isfinite(r.loss), name.toUtf8().constData());
      (step == 0 ? first : last) = r.loss;
    }
    QVERIFY(std::abs(first - std::log(10.0)) < 1.5);  // starts near ln(10)
    QVERIFY2(last < first, (std::to_string(first) + " -> " + std::to_string(last)).c_str());  // memorises one batch
  }

  void tinyTrainingStepIsFast() {
    const ModelSpec spec = preset("tiny");
    ArmSettings arm;
    arm.norm.kind = NormKind::Batch;
    auto model = buildModel<float>(spec, arm, 8);
    Optimizer<float> opt(OptimizerConfig{}, model.network.params());
    auto loss = makeLoss<float>(LossKind::CrossEntropy);
    ThreadPool pool(1);
    Batch b = randomBatch(8, spec.input, spec.classes, 2);
    Tensor<float> x{b.x.data(), 8, spec.input};
    double best = 1e9;
    for (int step = 0; step < 50; ++step) {
      const auto t0 = std::chrono::steady_clock::now();
      trainStep(model.network, *loss, opt, x, b.y.data(), StepContext{&pool, 0, step});
      best = std::min(best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    qInfo("tiny, batch 8: best training step %.3f ms", best);
    // A time budget holds only on a known machine: checked on request (NORMLAB_CHECK_SPEED=1),
    // so the suite passes on a slow or loaded one.
#if defined(NDEBUG) && !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
    if (qEnvironmentVariableIntValue("NORMLAB_CHECK_SPEED") == 1) QVERIFY2(best < 0.5, std::to_string(best).c_str());
#endif
  }
};

QTEST_APPLESS_MAIN(TestPresets)
#include "test_presets.moc"
