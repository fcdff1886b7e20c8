// The interface between the main window and the chart views. The window pulls the runner's
// latest snapshot about 30 times a second and hands it to every visible view; views render it
// and own no training logic. Each arm keeps one colour everywhere (arm_palette.h).
#pragma once

#include <QList>
#include <QString>
#include <QWidget>

#include "core/experiment/experiment_runner.h"

class QChartView;

namespace normlab {

class SnapshotView : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  // Called with the latest snapshot when its version changed (and once when the view is shown).
  virtual void showSnapshot(const Snapshot& snapshot) = 0;
  // Presentation mode: large fonts and thick lines for a projector.
  virtual void setPresentationMode(bool on) = 0;
  // The charts this view shows (for export and screenshots).
  virtual QList<QChartView*> chartViews() const = 0;
};

struct NamedView {
  QString title;       // tab title, e.g. "Loss & accuracy"
  SnapshotView* view;  // parented to the given parent
};

// Every chart view, in tab order: loss and accuracy, activations, gradient flow, batch-norm
// statistics, per-layer table, model, sweep, results per arm. Defined in chart_views.cpp.
QList<NamedView> createChartViews(QWidget* parent);

}  // namespace normlab
