#include "ui/window/config_summary.h"

#include <QLocale>

#include <algorithm>

#include "core/model/model_spec.h"

namespace normlab {

namespace {

QString number(double v) { return QString::number(v, 'g', 8); }
QString count(std::int64_t v) { return QLocale(QLocale::English).toString(qlonglong(v)); }

QString normWords(const NormConfig& n) {
  switch (n.kind) {
    case NormKind::None: return "no norm";
    case NormKind::Batch: return "batch norm";
    case NormKind::Layer: return "layer norm";
    case NormKind::Instance: return "instance norm";
    case NormKind::Group: return QString("group norm (%1 groups)").arg(n.groups);
    case NormKind::LocalResponse: return QString("local response norm (size %1)").arg(n.lrnSize);
  }
  return {};
}

QString inputWords(Preprocess p) {
  switch (p) {
    case Preprocess::Raw: return "raw pixels (0 to 255)";
    case Preprocess::MinMax: return "pixels scaled to 0 to 1 (min-max)";
    case Preprocess::ZScore: return "pixels z-scored (mean 0, sd 1)";
  }
  return {};
}

QString lengthWords(const TrainSettings& t) {
  if (t.steps > 0) return QString("%1 steps").arg(count(t.steps));
  return t.epochs == 1 ? QString("1 epoch") : QString("%1 epochs").arg(t.epochs);
}

// One "train" key an arm set itself, in words.
QString overrideWords(const std::string& key, const TrainSettings& t) {
  if (key == "batch_size") return QString("batch size %1").arg(t.batchSize);
  if (key == "lr") return "learning rate " + number(t.optimizer.lr);
  if (key == "dropout" && t.dropout) return "dropout " + number(*t.dropout);
  if (key == "momentum") return "momentum " + number(t.optimizer.momentum);
  if (key == "epochs" || key == "steps") return lengthWords(t);
  if (key == "seed") return QString("its own seed %1").arg(t.seed);
  if (key == "activation" && t.activation) return QString::fromStdString(activationKindName(*t.activation));
  return QString::fromStdString(key).replace('_', ' ') + " of its own";
}

}  // namespace

ConfigSummary summarizeConfig(const ExperimentConfig& c) {
  ConfigSummary out;
  out.setup << "Model: " + QString::fromStdString(c.modelName.empty() ? "a model of its own" : c.modelName);
  QString data = QString::fromStdString(c.data.name == "fashion-mnist" ? "Fashion-MNIST" : c.data.name);
  if (c.data.trainSubset > 0) data += QString(", %1 training images").arg(count(c.data.trainSubset));
  if (c.data.testSubset > 0) data += QString(", %1 test images").arg(count(c.data.testSubset));
  out.setup << "Data: " + data;
  const TrainSettings& t = c.train;
  QString train = t.optimizer.kind == OptimizerKind::Adam ? "Adam" : "SGD";
  train += ", learning rate " + number(t.optimizer.lr);
  if (t.optimizer.kind == OptimizerKind::Sgd && t.optimizer.momentum > 0)
    train += ", momentum " + number(t.optimizer.momentum);
  train += QString(", batch size %1, %2").arg(t.batchSize).arg(lengthWords(t));
  out.setup << "Training: " + train;
  if (c.seeds.size() > 1) {
    QStringList seeds;
    for (std::uint64_t s : c.seeds) seeds << QString::number(s);
    out.setup << QString("Seeds: %1 (each arm trains once per seed)").arg(seeds.join(", "));
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
    if (arm.inputNorm) what << "input: " + inputWords(*arm.inputNorm);
    out.arms << QString::fromStdString(arm.label) + ": " + what.join(", ");
  }
  return out;
}

}  // namespace normlab
