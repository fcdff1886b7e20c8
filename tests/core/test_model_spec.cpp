// Model specs: parsing, automatic names, validation errors (each names the layer, key and value),
// norm placement per arm, the batch-norm training-batch check, and building a Network per arm.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/layers/activation.h"
#include "core/layers/dropout.h"
#include "core/model/model_spec.h"
#include "core/model/presets.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

// A small valid spec; tests mutate its JSON.
nlohmann::json smallJson() {
  return nlohmann::json::parse(R"({
    "name": "t", "input": [1, 8, 8], "classes": 3,
    "layers": [
      {"type": "conv2d", "name": "c", "out_channels": 4, "kernel": 3, "padding": 1},
      {"type": "norm", "name": "n1"},
      {"type": "activation"},
      {"type": "max_pool"},
      {"type": "flatten"},
      {"type": "dense", "name": "fc", "out_features": 6},
      {"type": "norm", "name": "n2"},
      {"type": "relu"},
      {"type": "dropout", "p": 0.25},
      {"type": "dense", "name": "out", "out_features": 3}
    ]})");
}

std::string errorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const NormLabError& e) {
    return e.what();
  }
  return "";
}

ArmSettings armWith(NormKind kind, std::uint64_t seed = 7) {
  ArmSettings arm;
  arm.norm.kind = kind;
  arm.seed = seed;
  return arm;
}

std::vector<std::string> layerNames(Network<float>& net) {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < net.size(); ++i) names.push_back(net.layer(i).name());
  return names;
}

Layer<float>* findLayer(Network<float>& net, const std::string& name) {
  for (std::size_t i = 0; i < net.size(); ++i)
    if (net.layer(i).name() == name) return &net.layer(i);
  return nullptr;
}

}  // namespace

class TestModelSpec : public QObject {
  Q_OBJECT
 private slots:
  void parsesFieldsAndDefaults() {
    const ModelSpec s = parseModelSpec(smallJson());
    QCOMPARE(s.name, std::string("t"));
    QVERIFY(s.input == (Shape{1, 8, 8}));
    QCOMPARE(s.classes, 3);
    QVERIFY(s.activation == ActivationKind::ReLU);  // default
    QCOMPARE(s.layers.size(), std::size_t(10));
    const LayerSpec& conv = s.layers[0];
    QVERIFY(conv.type == LayerType::Conv2d);
    QCOMPARE(conv.outChannels, 4);
    QCOMPARE(conv.stride, 1);  // PyTorch default
    QCOMPARE(conv.padding, 1);
    QVERIFY(conv.bias);
    const LayerSpec& pool = s.layers[3];
    QCOMPARE(pool.kernel, 2);  // default kernel 2, stride defaults to the kernel
    QCOMPARE(pool.stride, 2);
    QCOMPARE(s.layers[8].p, 0.25);
    const auto shapes = specOutputShapes(s);
    QVERIFY(shapes[0] == (Shape{4, 8, 8}));  // (8 + 2*1 - 3)/1 + 1 = 8
    QVERIFY(shapes[3] == (Shape{4, 4, 4}));  // (8 - 2)/2 + 1 = 4
    QVERIFY(shapes[4] == (Shape{64, 1, 1})); // 4*4*4
    QVERIFY(shapes.back() == (Shape{3, 1, 1}));
  }

  void automaticNames() {
    const ModelSpec s = parseModelSpec(smallJson());
    std::vector<std::string> names;
    for (const auto& l : s.layers) names.push_back(l.name);
    const std::vector<std::string> expected{"c", "n1", "act1", "pool1", "flatten1", "fc", "n2", "relu1", "dropout1", "out"};
    QCOMPARE(names, expected);

    // The k-th relu is relu<k>; a name already taken is skipped, explicit names win.
    auto j = nlohmann::json::parse(R"({"input": [4], "classes": 4, "layers": [
        {"type": "relu", "name": "relu2"}, {"type": "relu"}, {"type": "relu"}, {"type": "tanh"}]})");
    const ModelSpec t = parseModelSpec(j);
    QCOMPARE(t.layers[0].name, std::string("relu2"));
    QCOMPARE(t.layers[1].name, std::string("relu3"));  // would be relu2: taken
    QCOMPARE(t.layers[2].name, std::string("relu4"));  // would be relu3: taken by the previous one
    QCOMPARE(t.layers[3].name, std::string("tanh1"));
  }

  void roundTrip() {
    const ModelSpec s = parseModelSpec(smallJson());
    const ModelSpec again = parseModelSpec(toJson(s).dump());
    QVERIFY(again == s);
    auto j = smallJson();
    j["activation"] = "leaky_relu";
    j["layers"][7] = {{"type", "leaky_relu"}, {"negative_slope", 0.2}};
    j["layers"][3] = {{"type", "avg_pool"}, {"kernel", 3}, {"stride", 2}, {"padding", 1}};
    const ModelSpec u = parseModelSpec(j);
    QCOMPARE(u.layers[7].negativeSlope, 0.2);
    QVERIFY(parseModelSpec(toJson(u)) == u);
  }

  void errors_data() {
    QTest::addColumn<QString>("pointer");  // JSON pointer to change ("" = replace the whole spec)
    QTest::addColumn<QString>("value");    // JSON text of the new value; "DELETE" removes the key
    QTest::addColumn<QStringList>("expected");  // substrings of the message

    QTest::newRow("unknown layer type") << "/layers/0/type" << R"("conv3d")"
        << QStringList{"layers[0] 'c'", "unknown layer type \"conv3d\"", "conv2d, dense"};
    QTest::newRow("unknown key") << "/layers/0/kernal" << "3"
        << QStringList{"layers[0] 'c' (conv2d)", "unknown key \"kernal\"", "out_channels"};
    QTest::newRow("unknown key for type") << "/layers/7/p" << "0.5"
        << QStringList{"layers[7] (relu)", "unknown key \"p\" for a relu layer"};
    QTest::newRow("missing required") << "/layers/0/out_channels" << "DELETE"
        << QStringList{"layers[0] 'c' (conv2d)", "missing required key 'out_channels'"};
    QTest::newRow("missing type") << "/layers/1/type" << "DELETE"
        << QStringList{"layers[1]", "missing required key 'type'"};
    QTest::newRow("string for int") << "/layers/0/kernel" << R"("3")"
        << QStringList{"'kernel' must be an integer, got string \"3\""};
    QTest::newRow("float for int") << "/layers/0/kernel" << "2.5"
        << QStringList{"'kernel' must be an integer", "2.5"};
    QTest::newRow("int for bool") << "/layers/5/bias" << "1"
        << QStringList{"layers[5] 'fc' (dense)", "'bias' must be true or false, got number 1"};
    QTest::newRow("string for p") << "/layers/8/p" << R"("high")"
        << QStringList{"layers[8] (dropout)", "'p' must be a number"};
    QTest::newRow("kernel 0") << "/layers/0/kernel" << "0"
        << QStringList{"layers[0] 'c' (conv2d)", "'kernel' must be at least 1, got 0"};
    QTest::newRow("stride 0") << "/layers/0/stride" << "0" << QStringList{"'stride' must be at least 1, got 0"};
    QTest::newRow("padding -1") << "/layers/0/padding" << "-1" << QStringList{"'padding' must be at least 0, got -1"};
    QTest::newRow("out_channels 0") << "/layers/0/out_channels" << "0"
        << QStringList{"'out_channels' must be at least 1, got 0"};
    QTest::newRow("out_features 0") << "/layers/5/out_features" << "0"
        << QStringList{"layers[5] 'fc' (dense)", "'out_features' must be at least 1, got 0"};
    QTest::newRow("pool kernel 0") << "/layers/3/kernel" << "0"
        << QStringList{"layers[3] (max_pool)", "'kernel' must be at least 1, got 0"};
    QTest::newRow("pool padding > kernel/2") << "/layers/3/padding" << "2"
        << QStringList{"layers[3] (max_pool)", "'padding' = 2 must be at most half of 'kernel' = 2"};
    QTest::newRow("dropout p 1") << "/layers/8/p" << "1.0"
        << QStringList{"layers[8] (dropout)", "'p' = 1.000000 must be in [0, 1)"};
    QTest::newRow("dropout p negative") << "/layers/8/p" << "-0.1" << QStringList{"'p' = -0.100000 must be in [0, 1)"};
    QTest::newRow("duplicate names") << "/layers/6/name" << R"("fc")"
        << QStringList{"layers[6] 'fc' (norm)", "duplicate layer name 'fc'"};
    QTest::newRow("empty name") << "/layers/2/name" << R"("")" << QStringList{"layers[2]", "'name' must not be empty"};
    QTest::newRow("name not string") << "/layers/2/name" << "5" << QStringList{"'name' must be a string, got number 5"};
    QTest::newRow("kernel larger than input") << "/layers/0/kernel" << "11"
        << QStringList{"layers[0] 'c' (conv2d)", "kernel 11 does not fit the input 1x8x8 with padding 1"};
    QTest::newRow("pool after flatten") << "/layers/5" << R"({"type": "max_pool", "kernel": 2})"
        << QStringList{"layers[5] 'pool2' (max_pool)", "kernel 2 does not fit the input 64 with padding 0",
                       "put this layer before the flatten"};
    QTest::newRow("dense on feature maps") << "/layers/4" << R"({"type": "relu"})"
        << QStringList{"layers[5] 'fc' (dense)", "needs flat input, got 4x4x4", "add a flatten layer"};
    QTest::newRow("classes mismatch") << "/classes" << "5"
        << QStringList{"layers[9] 'out' (dense)", "the last layer outputs 3 values but 'classes' is 5"};
    QTest::newRow("huge out_features") << "/layers/5/out_features" << "1000000000000"
        << QStringList{"'out_features' = 1000000000000 is too large"};
    QTest::newRow("too many parameters") << "/layers/5/out_features" << "1000000"
        << QStringList{"layers[5] 'fc' (dense)", "exceeds 50000000 parameters"};
    QTest::newRow("unknown top key") << "/optimizer" << R"("sgd")" << QStringList{"model spec 't'", "unknown key \"optimizer\""};
    QTest::newRow("missing input") << "/input" << "DELETE" << QStringList{"missing required key 'input'"};
    QTest::newRow("input length 2") << "/input" << "[28, 28]" << QStringList{"'input' must be an array [C, H, W]"};
    QTest::newRow("input zero") << "/input/1" << "0" << QStringList{"'input[1]' must be at least 1, got 0"};
    QTest::newRow("classes 0") << "/classes" << "0" << QStringList{"'classes' must be at least 1, got 0"};
    QTest::newRow("classes string") << "/classes" << R"("10")" << QStringList{"'classes' must be an integer"};
    QTest::newRow("unknown activation") << "/activation" << R"("gelu")"
        << QStringList{"'activation'", "unknown activation 'gelu'", "relu, leaky_relu, sigmoid or tanh"};
    QTest::newRow("layers not array") << "/layers" << "{}" << QStringList{"'layers' must be an array"};
    QTest::newRow("layers empty") << "/layers" << "[]" << QStringList{"'layers' must not be empty"};
    QTest::newRow("layer not object") << "/layers/2" << "\"relu\"" << QStringList{"layers[2]", "must be a JSON object"};
    QTest::newRow("not an object") << "" << "[1, 2]" << QStringList{"model spec: must be a JSON object"};
  }
  void errors() {
    QFETCH(QString, pointer);
    QFETCH(QString, value);
    QFETCH(QStringList, expected);
    nlohmann::json j = smallJson();
    if (pointer.isEmpty()) {
      j = nlohmann::json::parse(value.toStdString());
    } else {
      const nlohmann::json::json_pointer ptr(pointer.toStdString());
      if (value == "DELETE")
        j[ptr.parent_pointer()].erase(ptr.back());
      else
        j[ptr] = nlohmann::json::parse(value.toStdString());
    }
    const std::string msg = errorOf([&] { parseModelSpec(j); });
    QVERIFY2(!msg.empty(), "no error was thrown");
    for (const QString& e : expected)
      QVERIFY2(msg.find(e.toStdString()) != std::string::npos, (e.toStdString() + " <- not in: " + msg).c_str());
    // The text form reports the same error.
    QCOMPARE(errorOf([&] { parseModelSpec(std::string_view(j.dump())); }), msg);
  }

  void invalidJsonText() {
    const std::string msg = errorOf([] { parseModelSpec(std::string_view("{\"name\": ")); });
    QVERIFY2(msg.find("model spec: invalid JSON") != std::string::npos, msg.c_str());
  }

  // Strict text and short quotes: a repeated key, deep nesting and long strings are refused with a
  // short message.
  void untrustedText() {
    const std::string repeated = R"({"name": "t", "input": [4], "classes": 2,
      "layers": [{"type": "dense", "out_features": 2, "out_features": 3}]})";
    std::string msg = errorOf([&] { parseModelSpec(std::string_view(repeated)); });
    QVERIFY2(msg.find("the key \"out_features\" appears twice in \"layers[0]\"") != std::string::npos, msg.c_str());
    const std::string deep = R"({"name": "t", "input": )" + std::string(50000, '[') + std::string(50000, ']') + "}";
    msg = errorOf([&] { parseModelSpec(std::string_view(deep)); });
    QVERIFY2(msg.find("more than 64 levels deep") != std::string::npos && msg.size() < 300, msg.c_str());
    nlohmann::json j = smallJson();
    j["layers"][0]["type"] = std::string(100000, 'x');
    msg = errorOf([&] { parseModelSpec(j); });
    QVERIFY2(msg.find("'type' is 100000 bytes long (at most 200): \"xxxx") != std::string::npos && msg.size() < 400,
             msg.c_str());
    j = smallJson();
    j["description"] = std::string(5000, 'd');
    msg = errorOf([&] { parseModelSpec(j); });
    QVERIFY2(msg.find("'description' is 5000 bytes long (at most 4096)") != std::string::npos, msg.c_str());
  }

  void validateProgrammaticSpec() {
    ModelSpec s = parseModelSpec(smallJson());
    s.layers[1].name = s.layers[0].name;  // "c"
    QVERIFY(errorOf([&] { validateModelSpec(s); }).find("duplicate layer name 'c'") != std::string::npos);
    s = parseModelSpec(smallJson());
    s.layers[2].name.clear();
    QVERIFY(errorOf([&] { validateModelSpec(s); }).find("layers[2] (activation): the layer has no name") != std::string::npos);
    s = parseModelSpec(smallJson());
    s.layers[8].p = 1.5;
    QVERIFY(errorOf([&] { validateModelSpec(s); }).find("'p' = 1.500000 must be in [0, 1)") != std::string::npos);
  }

  void normPlacement_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("denseNormPresent");
    QTest::addColumn<QString>("reason");
    QTest::newRow("none") << int(NormKind::None) << false << "no normalization in this arm";
    QTest::newRow("batch") << int(NormKind::Batch) << true << "";
    QTest::newRow("layer") << int(NormKind::Layer) << true << "";
    QTest::newRow("group") << int(NormKind::Group) << true << "";
    QTest::newRow("instance") << int(NormKind::Instance) << false << "instance norm has no meaning on a dense layer's output";
    QTest::newRow("lrn") << int(NormKind::LocalResponse) << false << "local response norm needs channels with spatial extent";
  }
  void normPlacement() {
    QFETCH(int, kind);
    QFETCH(bool, denseNormPresent);
    QFETCH(QString, reason);
    const auto norms = planNorms(preset("small-cnn"), armWith(NormKind(kind)));
    QCOMPARE(norms.size(), std::size_t(3));
    QCOMPARE(norms[0].name, std::string("norm1"));
    QCOMPARE(norms[0].follows, std::string("conv1"));
    QVERIFY(norms[0].shape == (Shape{16, 28, 28}));
    QCOMPARE(norms[1].follows, std::string("conv2"));
    QVERIFY(norms[1].shape == (Shape{32, 14, 14}));
    QCOMPARE(norms[2].name, std::string("norm3"));
    QCOMPARE(norms[2].follows, std::string("fc1"));
    QVERIFY(norms[2].shape == (Shape{128, 1, 1}));
    const bool convPresent = NormKind(kind) != NormKind::None;
    QCOMPARE(norms[0].present(), convPresent);
    QCOMPARE(norms[1].present(), convPresent);
    QCOMPARE(norms[2].present(), denseNormPresent);
    if (denseNormPresent) {
      QVERIFY(norms[2].kind == NormKind(kind));
      QVERIFY(norms[2].absentReason.empty());
    } else {
      QVERIFY2(norms[2].absentReason.find(reason.toStdString()) != std::string::npos, norms[2].absentReason.c_str());
    }
  }

  void groupsMustDivideChannels() {
    ArmSettings arm = armWith(NormKind::Group);
    arm.norm.groups = 3;  // 16 % 3 != 0
    const std::string msg = errorOf([&] { planNorms(preset("bench-net"), arm); });
    for (const char* part : {"layers[1] 'norm1' (norm)", "G = 3", "C = 16", "after 'conv1'"})
      QVERIFY2(msg.find(part) != std::string::npos, msg.c_str());
    QCOMPARE(errorOf([&] { buildModel<float>(preset("bench-net"), arm, 4); }), msg);
    arm.norm.groups = 8;  // divides 16, 32 and 128
    QCOMPARE(planNorms(preset("small-cnn"), arm).size(), std::size_t(3));
    // mlp-deep: 100 features; 8 does not divide 100.
    const std::string mlp = errorOf([&] { planNorms(preset("mlp-deep"), arm); });
    QVERIFY2(mlp.find("'norm1'") != std::string::npos && mlp.find("C = 100") != std::string::npos, mlp.c_str());
  }

  void badArmSettings() {
    ArmSettings arm = armWith(NormKind::Batch);
    arm.dropout = 1.0;
    QVERIFY(errorOf([&] { planNorms(preset("tiny"), arm); }).find("dropout p = 1.000000 must be in [0, 1)") != std::string::npos);
    arm = armWith(NormKind::Group);
    arm.norm.groups = 0;
    QVERIFY(errorOf([&] { planNorms(preset("tiny"), arm); }).find("groups must be at least 1, got 0") != std::string::npos);
    arm = armWith(NormKind::Layer);
    arm.norm.eps = -1;
    QVERIFY(errorOf([&] { planNorms(preset("tiny"), arm); }).find("eps must be positive") != std::string::npos);
  }

  // A norm whose statistics set would hold one value is refused when the arm is planned, naming
  // the norm layer, in the layer's own words (normShapeProblem).
  void oneValuePerSetIsRefused() {
    auto spec = [](int inputs, int features) {
      return parseModelSpec(R"({"name": "flat", "input": [)" + std::to_string(inputs) + R"(], "classes": 3, "layers": [
          {"type": "dense", "name": "fc", "out_features": )" + std::to_string(features) + R"(},
          {"type": "norm", "name": "n1"}, {"type": "relu"}, {"type": "dense", "name": "out", "out_features": 3}]})");
    };
    ArmSettings group = armWith(NormKind::Group);
    group.norm.groups = 4;  // 4 features in 4 groups: one value per group
    const std::string msg = errorOf([&] { planNorms(spec(5, 4), group); });
    for (const char* part : {"model spec 'flat': layers[1] 'n1' (norm): ", "group norm needs more than one value per group",
                             "(C/G*H*W = 1)", "after 'fc'"})
      QVERIFY2(msg.find(part) != std::string::npos, msg.c_str());
    QCOMPARE(errorOf([&] { buildModel<float>(spec(5, 4), group, 2); }), msg);
    group.norm.groups = 2;
    QCOMPARE(planNorms(spec(5, 4), group).size(), std::size_t(1));
    const std::string layer = errorOf([&] { planNorms(spec(5, 1), armWith(NormKind::Layer)); });
    for (const char* part : {"layers[1] 'n1' (norm): ", "layer norm needs more than one value per sample", "(C*H*W = 1)"})
      QVERIFY2(layer.find(part) != std::string::npos, layer.c_str());
    QCOMPARE(planNorms(spec(5, 2), armWith(NormKind::Layer)).size(), std::size_t(1));
    QCOMPARE(planNorms(spec(5, 1), armWith(NormKind::Batch)).size(), std::size_t(1));  // a batch matter
  }

  // Layer norm with per-element gamma/beta (nn.LayerNorm([C, H, W])): parameters of C x H x W at
  // gamma = 1, beta = 0, every other layer's weights identical to the other arms' (twin runs).
  // bench-net: norm1 16x28x28 = 12544, norm2 32x14x14 = 6272: 206922 + 2 * (12544 + 6272) = 244554.
  void layerNormPerElementAffine() {
    ArmSettings element = armWith(NormKind::Layer, 11);
    element.norm.affineShape = AffineShape::Element;
    auto model = buildModel<float>(preset("bench-net"), element, 2);
    QCOMPARE(int(model.network.parameterCount()), 244554);
    auto norm1 = findLayer(model.network, "norm1")->params();
    QCOMPARE(norm1.size(), std::size_t(2));
    QVERIFY((norm1[0]->dims == std::vector<int>{16, 28, 28}));
    QVERIFY((norm1[0]->value == AlignedVector<float>(12544, 1.0f)));
    QVERIFY((norm1[1]->value == AlignedVector<float>(12544, 0.0f)));
    auto channel = buildModel<float>(preset("bench-net"), armWith(NormKind::Layer, 11), 2);
    auto none = buildModel<float>(preset("bench-net"), armWith(NormKind::None, 11), 2);
    for (const char* name : {"conv1", "conv2", "fc1", "fc2"}) {
      auto a = findLayer(model.network, name)->params();
      auto b = findLayer(channel.network, name)->params();
      auto c = findLayer(none.network, name)->params();
      for (std::size_t k = 0; k < a.size(); ++k) {
        QVERIFY2(a[k]->value == b[k]->value, name);
        QVERIFY2(a[k]->value == c[k]->value, name);
      }
    }
    QVERIFY((findLayer(channel.network, "norm1")->params()[0]->dims == std::vector<int>{16}));
    // Only layer norm has it.
    for (NormKind kind : {NormKind::Batch, NormKind::Instance, NormKind::Group}) {
      ArmSettings other = armWith(kind);
      other.norm.affineShape = AffineShape::Element;
      const std::string msg = errorOf([&] { planNorms(preset("bench-net"), other); });
      QVERIFY2(msg.find("per-element affine") != std::string::npos && msg.find("layer norm only") != std::string::npos,
               msg.c_str());
    }
    // Without affine the shape does not matter.
    element.norm.affine = false;
    QCOMPARE(int(buildModel<float>(preset("bench-net"), element, 2).network.parameterCount()), 206922);
  }

  void trainingBatchForBatchNorm() {
    const ModelSpec cnn = preset("small-cnn");
    // norm3 sees 128 features x 1x1: batch 1 gives 1 * 1 * 1 = 1 value per channel.
    const std::string msg = errorOf([&] { validateTrainingBatch(cnn, armWith(NormKind::Batch), 1); });
    for (const char* part : {"batch norm 'norm3'", "after 'fc1'", "one value per channel", "batch size 1"})
      QVERIFY2(msg.find(part) != std::string::npos, msg.c_str());
    validateTrainingBatch(cnn, armWith(NormKind::Batch), 2);       // 2 values per channel: fine
    validateTrainingBatch(cnn, armWith(NormKind::Layer), 1);       // not batch norm: fine
    validateTrainingBatch(cnn, armWith(NormKind::Instance), 1);
    validateTrainingBatch(preset("bench-net"), armWith(NormKind::Batch), 1);  // only conv maps: 1 x 28x28
    QVERIFY(!errorOf([&] { validateTrainingBatch(cnn, armWith(NormKind::Batch), 0); }).empty());
  }

  // --- building (needs the layers) ---

  void benchNetParameterCounts_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<int>("params");
    QTest::addColumn<int>("buffers");
    QTest::addColumn<int>("layers");
    // conv1 16*1*9+16 = 160, conv2 32*16*9+32 = 4640, fc1 1568*128+128 = 200832, fc2 128*10+10 = 1290
    // sum 206922; affine norms add 2*(16+32) = 96; batch norm has 2*(16+32) = 96 running statistics.
    QTest::newRow("none") << int(NormKind::None) << 206922 << 0 << 11;
    QTest::newRow("lrn") << int(NormKind::LocalResponse) << 206922 << 0 << 13;
    QTest::newRow("batch") << int(NormKind::Batch) << 207018 << 96 << 13;
    QTest::newRow("layer") << int(NormKind::Layer) << 207018 << 0 << 13;
    QTest::newRow("instance") << int(NormKind::Instance) << 207018 << 0 << 13;
    QTest::newRow("group") << int(NormKind::Group) << 207018 << 0 << 13;
  }
  void benchNetParameterCounts() {
    QFETCH(int, kind);
    QFETCH(int, params);
    QFETCH(int, buffers);
    QFETCH(int, layers);
    auto model = buildModel<float>(preset("bench-net"), armWith(NormKind(kind)), 4);
    QCOMPARE(int(model.network.parameterCount()), params);
    std::size_t bufferCount = 0;
    for (auto* b : model.network.buffers()) bufferCount += b->size();
    QCOMPARE(int(bufferCount), buffers);
    QCOMPARE(int(model.network.size()), layers);
    QVERIFY(model.network.planned());
    QVERIFY(model.network.outputShape() == (Shape{10, 1, 1}));
  }

  void layerNamesAndShapesMatchTheSpec() {
    auto none = buildModel<float>(preset("bench-net"), armWith(NormKind::None), 2);
    const std::vector<std::string> expectedNone{"conv1", "relu1", "pool1", "conv2", "relu2", "pool2",
                                                "flatten", "fc1", "relu3", "dropout", "fc2"};
    QCOMPARE(layerNames(none.network), expectedNone);
    // Every built layer's planned shape agrees with the spec's own shape walk.
    for (const char* name : {"bench-net", "small-cnn", "tiny", "vgg-small", "mlp-deep"}) {
      const ModelSpec spec = preset(name);
      const auto shapes = specOutputShapes(spec);
      auto model = buildModel<float>(spec, armWith(NormKind::Batch), 3);
      std::size_t k = 0;
      for (std::size_t i = 0; i < spec.layers.size(); ++i) {
        QCOMPARE(model.network.layer(k).name(), spec.layers[i].name);
        QVERIFY2(model.network.layer(k).outShape() == shapes[i], (std::string(name) + " " + spec.layers[i].name).c_str());
        ++k;
      }
      QCOMPARE(k, model.network.size());
    }
    auto inst = buildModel<float>(preset("small-cnn"), armWith(NormKind::Instance), 2);
    QVERIFY(findLayer(inst.network, "norm1") != nullptr);
    QVERIFY(findLayer(inst.network, "norm3") == nullptr);  // absent on the dense output
    QCOMPARE(std::string(findLayer(inst.network, "norm1")->kind()), std::string("instance_norm"));
  }

  void armsShareWeightsLayerByLayer() {
    auto none = buildModel<float>(preset("small-cnn"), armWith(NormKind::None, 11), 2);
    auto batch = buildModel<float>(preset("small-cnn"), armWith(NormKind::Batch, 11), 2);
    auto other = buildModel<float>(preset("small-cnn"), armWith(NormKind::None, 12), 2);
    for (const char* name : {"conv1", "conv2", "fc1", "fc2"}) {
      auto a = findLayer(none.network, name)->params();
      auto b = findLayer(batch.network, name)->params();
      auto c = findLayer(other.network, name)->params();
      QCOMPARE(a.size(), std::size_t(2));
      for (std::size_t k = 0; k < a.size(); ++k) {
        QVERIFY2(a[k]->value == b[k]->value, name);  // same seed: identical in both arms
        QVERIFY2(a[k]->value != c[k]->value, name);  // another seed: different
        // PyTorch default: U(-1/sqrt(fan_in), 1/sqrt(fan_in)), not all zero.
        const float bound = 1.0f / std::sqrt(float(a[k]->fanIn));
        float maxAbs = 0;
        for (float v : a[k]->value) maxAbs = std::max(maxAbs, std::abs(v));
        QVERIFY(maxAbs > 0.5f * bound && maxAbs <= bound);
      }
    }
    // Weight and bias use different streams.
    auto p = findLayer(none.network, "fc2")->params();
    QVERIFY(p[0]->value[0] != p[1]->value[0]);
    // Norm layers start at gamma = 1, beta = 0.
    auto g = findLayer(batch.network, "norm3")->params();
    QCOMPARE(g.size(), std::size_t(2));
    QCOMPARE(g[0]->value[5], 1.0f);
    QCOMPARE(g[1]->value[5], 0.0f);
  }

  void activationAndDropoutOverrides() {
    ArmSettings arm = armWith(NormKind::None);
    auto plain = buildModel<float>(preset("small-cnn"), arm, 2);
    QCOMPARE(std::string(findLayer(plain.network, "relu1")->kind()), std::string("relu"));
    QCOMPARE(dynamic_cast<Dropout<float>*>(findLayer(plain.network, "dropout"))->config().p, 0.25);
    arm.activation = ActivationKind::Tanh;
    arm.dropout = 0.5;
    auto changed = buildModel<float>(preset("small-cnn"), arm, 2);
    QCOMPARE(std::string(findLayer(changed.network, "relu1")->kind()), std::string("tanh"));
    QCOMPARE(std::string(findLayer(changed.network, "relu3")->kind()), std::string("tanh"));
    QCOMPARE(dynamic_cast<Dropout<float>*>(findLayer(changed.network, "dropout"))->config().p, 0.5);
    // An explicit activation layer is not a placeholder: the override leaves it alone.
    auto j = smallJson();
    auto spec = parseModelSpec(j);
    auto m = buildModel<double>(spec, arm, 2);
    QCOMPARE(m.network.layer(1).name(), std::string("act1"));
    QCOMPARE(std::string(m.network.layer(1).kind()), std::string("tanh"));   // placeholder
    QCOMPARE(m.network.layer(5).name(), std::string("relu1"));
    QCOMPARE(std::string(m.network.layer(5).kind()), std::string("relu"));   // explicit relu
    // mlp-deep defaults to sigmoid.
    auto mlp = buildModel<float>(preset("mlp-deep"), armWith(NormKind::None), 2);
    QCOMPARE(std::string(findLayer(mlp.network, "act8")->kind()), std::string("sigmoid"));
  }

  // Random edits of a valid spec: each is either rejected with a NormLabError or builds and runs a
  // forward pass with finite outputs in every arm. Nothing crashes.
  void fuzzedSpecsFailCleanly() {
    Random rng(streamKey(99, Purpose::Data));
    const std::vector<std::string> keys{"kernel", "stride", "padding", "out_channels", "out_features", "p", "type"};
    const std::vector<nlohmann::json> values{1, 2, 3, 4, 1, 2, 3, 9, 0, -1, 0.5, 1.0, "relu", "flatten", "max_pool", true, nullptr};
    ThreadPool pool(1);
    int accepted = 0;
    for (int trial = 0; trial < 300; ++trial) {
      nlohmann::json j = smallJson();
      for (int e = 0, edits = 1 + int(rng.below(2)); e < edits; ++e) {
        auto& layer = j["layers"][rng.below(j["layers"].size())];
        std::vector<std::string> present;  // mostly edit keys the layer has, sometimes add one
        for (auto it = layer.begin(); it != layer.end(); ++it)
          if (it.key() != "name") present.push_back(it.key());
        const std::string key = rng.below(4) == 0 ? keys[rng.below(keys.size())] : present[rng.below(present.size())];
        layer[key] = values[rng.below(values.size())];
      }
      ModelSpec spec;
      try {
        spec = parseModelSpec(j);
      } catch (const NormLabError&) {
        continue;
      }
      ++accepted;
      for (NormKind kind : {NormKind::None, NormKind::Batch, NormKind::Group, NormKind::LocalResponse}) {
        ArmSettings arm = armWith(kind);
        try {
          validateTrainingBatch(spec, arm, 2);
          auto model = buildModel<float>(spec, arm, 2);
          std::vector<float> x(std::size_t(2) * spec.input.size(), 0.5f);
          const Tensor<float> y = model.network.forward({x.data(), 2, spec.input}, Mode::Train, StepContext{&pool, 1, 0});
          for (std::size_t i = 0; i < y.size(); ++i) QVERIFY(std::isfinite(y.data[i]));
        } catch (const NormLabError&) {
        }
      }
    }
    QVERIFY2(accepted > 15, std::to_string(accepted).c_str());
  }

  // --- norm position ---

  void normAfterActivationSwapsEachNormWithItsActivation() {
    const ModelSpec spec = parseModelSpec(smallJson());
    ArmSettings before = armWith(NormKind::Batch), after = before;
    after.normPosition = NormPosition::AfterActivation;
    BuiltModel<float> b = buildModel<float>(spec, before, 4), a = buildModel<float>(spec, after, 4);
    const std::vector<std::string> inOrder = layerNames(b.network);
    QCOMPARE(inOrder, (std::vector<std::string>{"c", "n1", "act1", "pool1", "flatten1", "fc", "n2", "relu1",
                                                "dropout1", "out"}));
    QCOMPARE(layerNames(a.network), (std::vector<std::string>{"c", "act1", "n1", "pool1", "flatten1", "fc",
                                                              "relu1", "n2", "dropout1", "out"}));
    // Moving a norm changes no parameter: the same tensors, the same sizes, the same values.
    auto paramSizes = [](Network<float>& net) {
      std::vector<std::size_t> sizes;
      std::size_t total = 0;
      for (auto* p : net.params()) {
        sizes.push_back(p->value.size());
        total += p->value.size();
      }
      sizes.push_back(total);
      return sizes;
    };
    QCOMPARE(paramSizes(a.network), paramSizes(b.network));
    QVERIFY(findLayer(a.network, "c")->params()[0]->value == findLayer(b.network, "c")->params()[0]->value);
    // The placements report what each norm now follows.
    QCOMPARE(a.norms[0].follows, std::string("act1"));
    QCOMPARE(a.norms[1].follows, std::string("relu1"));
    QCOMPARE(b.norms[0].follows, std::string("c"));
    QCOMPARE(normPositionName(NormPosition::AfterActivation), "after_activation");
    QVERIFY(parseNormPosition("before_activation") == NormPosition::BeforeActivation);
    QVERIFY(errorOf([] { parseNormPosition("behind"); }).find("before_activation, after_activation") != std::string::npos);
  }

  void normAfterActivationNeedsAnActivation() {
    nlohmann::json j = smallJson();
    j["layers"].erase(2);  // n1 is now followed by the max pool
    const ModelSpec spec = parseModelSpec(j);
    ArmSettings arm = armWith(NormKind::Layer);
    arm.normPosition = NormPosition::AfterActivation;
    const std::string msg = errorOf([&] { planNorms(spec, arm); });
    for (const char* part : {"layers[1] 'n1' (norm)", "after_activation", "followed by 'pool1' (max_pool)"})
      QVERIFY2(msg.find(part) != std::string::npos, msg.c_str());
    QCOMPARE(errorOf([&] { buildModel<float>(spec, arm, 4); }), msg);
    arm.normPosition = NormPosition::BeforeActivation;  // the spec's own order needs nothing
    QCOMPARE(planNorms(spec, arm).size(), std::size_t(2));
    // A norm as the last layer.
    nlohmann::json last = smallJson();
    last["layers"].push_back({{"type", "norm"}, {"name", "n3"}});
    last["classes"] = 3;
    const std::string end = errorOf([&] { arrangeNorms(parseModelSpec(last), NormPosition::AfterActivation); });
    QVERIFY2(end.find("'n3'") != std::string::npos && end.find("it is the last layer") != std::string::npos, end.c_str());
  }

  void buildErrors() {
    QVERIFY(errorOf([] { buildModel<float>(preset("tiny"), armWith(NormKind::None), 0); })
                .find("batch size must be at least 1, got 0") != std::string::npos);
    ModelSpec bad = preset("tiny");
    bad.classes = 7;
    QVERIFY(errorOf([&] { buildModel<float>(bad, armWith(NormKind::None), 2); })
                .find("'classes' is 7") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestModelSpec)
#include "test_model_spec.moc"
