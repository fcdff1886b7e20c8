// The side panel's read-only summary of a config (ui/window/config_summary.h), as text: one line
// per arm saying what makes it different, a Stop recorded in the config ("stop_at") included, in
// English and in German.
#include <QtTest>

#include "core/experiment/experiment_config.h"
#include "ui/window/config_summary.h"
#include "ui/window/language.h"

using namespace normlab;

namespace {

ExperimentConfig stoppedArms() {
  return parseExperimentConfig(R"({"name": "stops", "dataset": {"name": "synthetic", "train": 300, "test": 60},
    "model": "tiny", "train": {"lr": 0.05, "steps": 2000, "batch_size": 8},
    "arms": [{"label": "BN", "norm": "batch", "stop_at": 240},
             {"label": "GN", "norm": "group", "groups": 2, "batch_size": 12, "stop_at": 1240},
             {"label": "LN", "norm": "layer", "stop_at": 0},
             {"label": "none", "norm": "none"}]})");
}

// Lesson 9's arms: a branch continues its parent with dropout switched off.
ExperimentConfig branchedArms() {
  return parseExperimentConfig(R"({"name": "branch", "dataset": {"name": "synthetic", "train": 300, "test": 60},
    "model": "small-cnn", "train": {"lr": 0.05, "steps": 2000, "batch_size": 8, "dropout": 0.5},
    "arms": [{"label": "kept", "norm": "none"},
             {"label": "off", "branch_from": "kept", "at_step": 1240, "dropout": 0}]})");
}

}  // namespace

class TestConfigSummary : public QObject {
  Q_OBJECT
 private slots:
  void cleanup() { installTranslations(QLocale(QLocale::English)); }

  // A stopped arm says where it stopped, after what else sets it apart; an arm never stopped
  // says nothing of it.
  void anArmsLineSaysWhereItStopped() {
    installTranslations(QLocale(QLocale::English));
    const ConfigSummary s = summarizeConfig(stoppedArms());
    QCOMPARE(s.arms, (QStringList{"BN: batch norm, stopped at step 240",
                                  "GN: group norm (2 groups), batch size 12, stopped at step 1,240",
                                  "LN: layer norm, stopped before its first step", "none: no norm"}));
    QVERIFY2(s.setup.contains("Training: SGD, learning rate 0.05, batch size 8, 2,000 steps"), qPrintable(s.setup.join(" | ")));
  }

  // A branch says which arm it goes on from and after which step, after its own settings.
  void aBranchSaysWhereItBranched() {
    installTranslations(QLocale(QLocale::English));
    const ConfigSummary s = summarizeConfig(branchedArms());
    QCOMPARE(s.arms, (QStringList{"kept: no norm", "off: no norm, dropout 0, branched from kept at step 1,240"}));
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    const ConfigSummary de = summarizeConfig(branchedArms());
    QVERIFY2(de.arms[1].endsWith(", verzweigt von kept bei Schritt 1.240"), qPrintable(de.arms[1]));
    QVERIFY2(!de.arms[0].contains("verzweigt"), qPrintable(de.arms[0]));
  }

  void germanSaysItInGerman() {
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    const ConfigSummary s = summarizeConfig(stoppedArms());
    QCOMPARE(s.arms.size(), 4);
    QVERIFY2(s.arms[0] == "BN: Batch-Normalisierung, gestoppt bei Schritt 240", qPrintable(s.arms[0]));
    QVERIFY2(s.arms[1].endsWith(", gestoppt bei Schritt 1.240"), qPrintable(s.arms[1]));
    QVERIFY2(s.arms[2].endsWith(", vor dem ersten Schritt gestoppt"), qPrintable(s.arms[2]));
    QVERIFY2(!s.arms[3].contains("gestoppt"), qPrintable(s.arms[3]));
  }
};

QTEST_GUILESS_MAIN(TestConfigSummary)
#include "test_config_summary.moc"
