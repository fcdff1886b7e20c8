// The way back from a config to the side panel: every config the panel builds comes back as
// settings that build it again; configs the panel cannot express (several seeds, an inline model,
// an arm overriding its own learning rate) give nullopt.
#include <QtTest>

#include <nlohmann/json.hpp>

#include "core/model/model_spec.h"
#include "ui/window/experiment_builder.h"
#include "ui/window/settings_from_config.h"

using namespace normlab;
using nlohmann::json;

Q_DECLARE_METATYPE(ControlSettings)

class TestSettingsFromConfig : public QObject {
  Q_OBJECT
 private slots:
  void panelConfigsComeBack_data();
  void panelConfigsComeBack();
  void configsThePanelCannotShow_data();
  void configsThePanelCannotShow();
};

void TestSettingsFromConfig::panelConfigsComeBack_data() {
  QTest::addColumn<ControlSettings>("settings");
  ControlSettings base;
  base.dataset = "synthetic";
  base.preset = "small-cnn";
  QTest::newRow("every norm") << base;
  ControlSettings some = base;
  some.norms = {NormKind::Group, NormKind::None};
  some.groups = 2;
  some.steps = 300;
  QTest::newRow("two norms, steps") << some;
  ControlSettings adam = base;
  adam.optimizer = "adam";
  adam.lr = 0.001;
  adam.activation = "tanh";
  adam.seed = 7;
  QTest::newRow("adam, tanh, seed 7") << adam;
  ControlSettings batch = base;
  batch.vary = VarySetting::BatchSize;
  batch.varyNorm = NormKind::Layer;
  batch.varyBatchSizes = {4, 64};
  QTest::newRow("vary batch size") << batch;
  ControlSettings dropout = base;
  dropout.vary = VarySetting::Dropout;
  dropout.varyDropouts = {0.1, 0.5};
  QTest::newRow("vary dropout") << dropout;
}

void TestSettingsFromConfig::panelConfigsComeBack() {
  QFETCH(ControlSettings, settings);
  const ExperimentConfig config = buildExperiment(settings);
  const std::optional<ControlSettings> back = settingsForConfig(config, ControlSettings());
  QVERIFY(back.has_value());
  QVERIFY(sameConfig(buildExperiment(*back), config));
  QCOMPARE(back->vary, settings.vary);
  QCOMPARE(back->seed, settings.seed);
}

void TestSettingsFromConfig::configsThePanelCannotShow_data() {
  QTest::addColumn<QString>("change");
  QTest::newRow("two seeds") << "seeds";
  QTest::newRow("arm overrides lr") << "arm-lr";
  QTest::newRow("inline model") << "inline";
  QTest::newRow("other name") << "name";
}

void TestSettingsFromConfig::configsThePanelCannotShow() {
  QFETCH(QString, change);
  ControlSettings s;
  s.dataset = "synthetic";
  s.preset = "tiny";
  s.norms = {NormKind::Batch, NormKind::None};
  json j = experimentJson(s);
  if (change == "seeds") {
    j["train"].erase("seed");
    j["seeds"] = {1, 2};
  }
  if (change == "arm-lr") j["arms"][0]["lr"] = 0.5;
  if (change == "inline") j["model"] = toJson(buildExperiment(s).model);  // the preset written out
  if (change == "name") j["name"] = "my comparison";
  const ExperimentConfig config = parseExperimentConfig(j);
  QVERIFY(!settingsForConfig(config, ControlSettings()).has_value());
}

QTEST_MAIN(TestSettingsFromConfig)
#include "test_settings_from_config.moc"
