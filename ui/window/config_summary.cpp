#include "ui/window/config_summary.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

#include "core/model/model_spec.h"
#include "ui/window/language.h"

namespace normlab {

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ConfigSummary)
};

QString number(double v) { return QString::number(v, 'g', 8); }
QString count(std::int64_t v) { return displayLocale().toString(qlonglong(v)); }

QString normWords(const NormConfig& n) {
  switch (n.kind) {
    case NormKind::None: return Tr::tr("no norm");
    case NormKind::Batch: return Tr::tr("batch norm");
    case NormKind::Layer: return Tr::tr("layer norm");
    case NormKind::Instance: return Tr::tr("instance norm");
    case NormKind::Group: return Tr::tr("group norm (%1 groups)").arg(n.groups);
    case NormKind::LocalResponse: return Tr::tr("local response norm (size %1)").arg(n.lrnSize);
  }
  return {};
}

QString inputWords(Preprocess p) {
  switch (p) {
    case Preprocess::Raw: return Tr::tr("raw pixels (0 to 255)");
    case Preprocess::MinMax: return Tr::tr("pixels scaled to 0 to 1 (min-max)");
    case Preprocess::ZScore: return Tr::tr("pixels z-scored (mean 0, sd 1)");
  }
  return {};
}

QString lengthWords(const TrainSettings& t) {
  if (t.steps > 0) return Tr::tr("%1 steps").arg(count(t.steps));
  return t.epochs == 1 ? Tr::tr("1 epoch") : Tr::tr("%n epochs", "", t.epochs);
}

// One "train" key an arm set itself, in words.
QString overrideWords(const std::string& key, const TrainSettings& t) {
  if (key == "batch_size") return Tr::tr("batch size %1").arg(t.batchSize);
  if (key == "lr") return Tr::tr("learning rate %1").arg(number(t.optimizer.lr));
  if (key == "dropout" && t.dropout) return Tr::tr("dropout %1").arg(number(*t.dropout));
  if (key == "momentum") return Tr::tr("momentum %1").arg(number(t.optimizer.momentum));
  if (key == "epochs" || key == "steps") return lengthWords(t);
  if (key == "seed") return Tr::tr("its own seed %1").arg(t.seed);
  if (key == "activation" && t.activation) return QString::fromStdString(activationKindName(*t.activation));
  return Tr::tr("%1 of its own").arg(QString::fromStdString(key).replace('_', ' '));
}

}  // namespace

ConfigSummary summarizeConfig(const ExperimentConfig& c) {
  ConfigSummary out;
  out.setup << Tr::tr("Model: %1").arg(c.modelName.empty() ? Tr::tr("a model of its own") : QString::fromStdString(c.modelName));
  QString data = QString::fromStdString(c.data.name == "fashion-mnist" ? "Fashion-MNIST" : c.data.name);
  if (c.data.trainSubset > 0) data += Tr::tr(", %1 training images").arg(count(c.data.trainSubset));
  if (c.data.testSubset > 0) data += Tr::tr(", %1 test images").arg(count(c.data.testSubset));
  out.setup << Tr::tr("Data: %1").arg(data);
  const TrainSettings& t = c.train;
  QString train = t.optimizer.kind == OptimizerKind::Adam ? "Adam" : "SGD";
  train += Tr::tr(", learning rate %1").arg(number(t.optimizer.lr));
  if (t.optimizer.kind == OptimizerKind::Sgd && t.optimizer.momentum > 0)
    train += Tr::tr(", momentum %1").arg(number(t.optimizer.momentum));
  train += Tr::tr(", batch size %1, %2").arg(t.batchSize).arg(lengthWords(t));
  out.setup << Tr::tr("Training: %1").arg(train);
  if (c.seeds.size() > 1) {
    QStringList seeds;
    for (std::uint64_t s : c.seeds) seeds << QString::number(s);
    out.setup << Tr::tr("Seeds: %1 (each arm trains once per seed)").arg(seeds.join(", "));
  }
  for (const ArmConfig& arm : c.arms) {
    QStringList what{normWords(arm.norm)};
    // In the order a reader compares them (the config lists its keys alphabetically).
    std::vector<std::string> keys;
    for (const char* key : {"batch_size", "lr", "momentum", "dropout", "activation", "epochs", "steps", "seed"})
      if (arm.isOverridden(key)) keys.push_back(key);
    for (const std::string& key : arm.overrides)
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    for (const std::string& key : keys) what << overrideWords(key, arm.train);
    if (arm.inputNorm) what << Tr::tr("input: %1").arg(inputWords(*arm.inputNorm));
    // A branch goes on from its parent's state: the settings above apply from there on.
    if (arm.isBranch())
      what << Tr::tr("branched from %1 at step %2").arg(QString::fromStdString(arm.branchFrom), count(arm.atStep));
    // A Stop recorded in the config ("stop_at"): its runs end there, whatever their length.
    if (arm.stopAt == 0) what << Tr::tr("stopped before its first step");
    else if (arm.stopAt > 0) what << Tr::tr("stopped at step %1").arg(count(arm.stopAt));
    out.arms << QString::fromStdString(arm.label) + ": " + what.join(", ");
  }
  return out;
}

}  // namespace normlab
