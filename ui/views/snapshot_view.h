// The interface between the main window and the chart views. The window pulls the runner's
// latest snapshot about 30 times a second and hands it to every visible view; views render it
// and own no training logic. Each arm keeps one colour everywhere (arm_palette.h).
//
// Highlighting is shared by every tab: clicking an arm's legend entry (armClicked) asks the
// window to toggle that arm's highlight, and the window hands the set to every view
// (setHighlightedArms). With no arm highlighted every arm is drawn alike; with some, the others
// are drawn pale (their lines stay as context, their bands go) until "show all" clears the set.
#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QWidget>

#include "core/experiment/experiment_runner.h"

class QChartView;

namespace normlab {

// How long the Loss tab's first build may hold the GUI thread in the event that starts it, in
// ms: the slices it predicts to fit (one at least; each is two runs' series). The first
// snapshot after Start also lays out and paints the window in the same stretch, so little.
inline constexpr int kBuildSliceMs = 3;

class SnapshotView : public QWidget {
  Q_OBJECT
 public:
  using QWidget::QWidget;
  // Called with the latest snapshot when its version changed (and once when the view is shown).
  virtual void showSnapshot(const Snapshot& snapshot) = 0;
  // A view with many runs may build its charts in slices, so that no single event holds the GUI
  // thread for long: showSnapshot() then starts the build (and draws nothing until it is done),
  // and the window calls buildMore() from its event loop until building() is false, then hands
  // the view the latest snapshot again. buildMore() returns whether more remains.
  virtual bool building() const { return false; }
  virtual bool buildMore() { return false; }
  // Presentation mode: large fonts and thick lines for a projector.
  virtual void setPresentationMode(bool on) = 0;
  // The charts this view shows (for export and screenshots).
  virtual QList<QChartView*> chartViews() const = 0;

  // The highlighted arms (RunRecord::arm); empty: none, every arm drawn alike.
  void setHighlightedArms(const QSet<int>& arms) {
    if (arms == highlighted_) return;
    highlighted_ = arms;
    highlightChanged();
  }
  const QSet<int>& highlightedArms() const { return highlighted_; }
  // Whether the arm is drawn pale (others are highlighted).
  bool armDimmed(int arm) const { return !highlighted_.isEmpty() && !highlighted_.contains(arm); }

 signals:
  void armClicked(int arm);      // a legend entry was clicked: toggle the arm's highlight
  void showAllArmsClicked();     // "show all": clear the highlight
  // A right click on the key: the window offers Hide / Stop / Remove / Branch here for `arm`
  // (-1: the click was beside every entry; the menu then lists each arm).
  void armMenuRequested(int arm, const QPoint& globalPos);

 protected:
  virtual void highlightChanged() {}

 private:
  QSet<int> highlighted_;
};

// Shows the snapshot with every chart built in one go, with no slices (exports and tests, where
// no event loop continues a build).
inline void showWhole(SnapshotView& view, const Snapshot& snapshot) {
  view.showSnapshot(snapshot);
  if (!view.building()) return;
  while (view.buildMore()) {
  }
  view.showSnapshot(snapshot);
}

struct NamedView {
  QString title;       // tab title, e.g. "Loss & accuracy"
  SnapshotView* view;  // parented to the given parent
};

// Every chart view, in tab order: loss and accuracy, activations, gradient flow, batch-norm
// statistics, per-layer table, model, sweep, results per arm. Defined in chart_views.cpp.
QList<NamedView> createChartViews(QWidget* parent);

}  // namespace normlab
