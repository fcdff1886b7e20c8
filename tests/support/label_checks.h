// "No label cut short": three small trained experiments shaped like what a class opens (the
// default six-norm comparison, lesson 4's one batch-norm arm at batch 4, and a many-run sweep of
// 4 arms x 3 seeds over batch sizes), and the check that a chart's drawn text has no elided
// label: Qt Charts cuts an axis label, axis title or chart title that does not fit to "..."
// (some styles "…").
#pragma once

#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QStringList>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>

#include "core/experiment/experiment.h"
#include "core/experiment/experiment_config.h"
#include "core/files/experiment_file.h"

namespace normlab::test {

inline constexpr const char* kDefaultLikeConfig = R"({"name": "default-like",
  "dataset": {"name": "synthetic", "train": 160, "test": 40}, "model": "small-cnn",
  "train": {"lr": 0.05, "steps": 8, "batch_size": 8, "eval_every": 4},
  "arms": [{"label": "none", "norm": "none"}, {"label": "BN", "norm": "batch"}, {"label": "LN", "norm": "layer"},
           {"label": "IN", "norm": "instance"}, {"label": "GN", "norm": "group", "groups": 4}, {"label": "LRN", "norm": "lrn"}],
  "probe_every": 4})";
inline constexpr const char* kLesson4LikeConfig = R"({"name": "lesson-4-like",
  "dataset": {"name": "synthetic", "train": 160, "test": 40}, "model": "small-cnn",
  "train": {"lr": 0.00625, "momentum": 0.9, "steps": 12, "batch_size": 4, "eval_every": 4},
  "arms": [{"label": "batch norm, batch 4", "norm": "batch"}], "probe_every": 4})";
inline constexpr const char* kManyRunsConfig = R"({"name": "many runs",
  "dataset": {"name": "synthetic", "train": 160, "test": 40}, "model": "tiny",
  "train": {"lr": 0.05, "steps": 6, "batch_size": 8, "eval_every": 3},
  "arms": [{"label": "BN 2", "norm": "batch", "batch_size": 2}, {"label": "BN 32", "norm": "batch", "batch_size": 32},
           {"label": "GN 2", "norm": "group", "groups": 2, "batch_size": 2}, {"label": "GN 32", "norm": "group", "groups": 2, "batch_size": 32}],
  "seeds": [1, 2, 3], "probe_every": 3})";

inline ExperimentResults trainedResults(const char* config) {
  Experiment e(parseExperimentConfig(config), 1);
  e.prepare();
  while (e.advance()) {
  }
  return snapshotResults(e);
}

// Whether a text was cut short (Qt Charts' elision, either spelling).
inline bool isCut(const QString& text) { return text.contains("...") || text.contains(QChar(0x2026)); }

// The drawn texts of the chart's axes (labels, titles) and its title that were cut short. The
// legend's entries are left out: labelling them is another part of the issue (section 2).
inline QStringList cutTexts(QChart* chart) {
  QStringList cut;
  if (!chart || !chart->scene()) return cut;
  for (QGraphicsItem* item : chart->scene()->items()) {
    auto* text = dynamic_cast<QGraphicsTextItem*>(item);
    if (!text || !text->isVisible() || chart->legend()->isAncestorOf(text)) continue;
    if (isCut(text->toPlainText()))
      cut.append(text->toPlainText() + QString(" (at %1, %2)").arg(text->scenePos().x()).arg(text->scenePos().y()));
  }
  return cut;
}

// Every visible text the chart draws.
inline QStringList drawnTexts(QChart* chart) {
  QStringList texts;
  if (!chart || !chart->scene()) return texts;
  for (QGraphicsItem* item : chart->scene()->items())
    if (auto* text = dynamic_cast<QGraphicsTextItem*>(item); text && text->isVisible()) texts.append(text->toPlainText());
  return texts;
}

}  // namespace normlab::test
