// The key every chart tab shows above its charts: one labelled entry per arm (not per seed), in
// the arm's colour, grouped by normalization type and ordered by the varied setting within a
// type (ArmPalette's order), wrapping onto more lines instead of eliding. Clicking an entry asks
// for the arm to be highlighted on every tab (SnapshotView::armClicked); "show all" clears it.
// Qt's own chart legends stay hidden on screen (a row of 24 entries elided to bare squares);
// exported charts show them (chart_export).
#pragma once

#include <QColor>
#include <QLabel>
#include <QList>
#include <QSet>

#include "ui/views/arm_palette.h"

namespace normlab {

struct Snapshot;

class ArmLegend : public QLabel {
  Q_OBJECT
 public:
  struct Entry {
    int arm = 0;
    QString label;  // "BN 2", "wild – diverged at step 3"
    QColor color;
  };
  explicit ArmLegend(QWidget* parent = nullptr);
  // Entries for the snapshot's arms (call when the runs or their state change; cheap when not).
  // `only`: the arms the view draws (all when empty), e.g. the batch-norm arms.
  void setRuns(const Snapshot& snapshot, const ArmPalette& palette, const QSet<int>& only = {});
  void setHighlighted(const QSet<int>& arms);
  const QList<Entry>& entries() const { return entries_; }
  // Text after the entries, in grey ("line: mean of the seeds"), plain text.
  void setNote(const QString& note);

 signals:
  void armClicked(int arm);
  void showAllClicked();
  // A right click: on an entry (arm), or beside them (-1).
  void armMenuRequested(int arm, const QPoint& globalPos);

 protected:
  void contextMenuEvent(QContextMenuEvent* event) override;
  void changeEvent(QEvent* event) override;

 private:
  void render();
  // An empty key still takes one line of entries' height, so the first entries do not push the
  // charts down: that re-laid out every chart of the tab in the middle of the first snapshot.
  void reserveOneLine();
  QList<Entry> entries_;
  QList<int> groupStarts_;  // indices of entries that begin a new type
  QSet<int> highlighted_;
  QString note_, html_;
  int hoveredArm_ = -1;  // the entry under the mouse (QLabel::linkHovered), -1 none
};

// "BN 2" for an arm, with " – diverged at step k" when all its runs diverged and
// " – 2 of 3 seeds diverged" when some did; likewise for failed runs.
QString armDisplayName(const Snapshot& snapshot, int arm);

}  // namespace normlab
