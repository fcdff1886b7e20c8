#include "ui/views/arm_legend.h"

#include <QContextMenuEvent>

#include "core/experiment/experiment_runner.h"

namespace normlab {

QString armDisplayName(const Snapshot& snapshot, int arm) {
  QString label;
  int runs = 0, diverged = 0, failed = 0;
  std::int64_t firstDiverged = -1;
  for (const RunRecord& run : snapshot.runs) {
    if (run.arm != arm) continue;
    if (runs++ == 0) label = QString::fromStdString(run.label);
    if (run.diverged) {
      ++diverged;
      if (firstDiverged < 0 || run.divergedAtStep < firstDiverged) firstDiverged = run.divergedAtStep;
    }
    if (run.failed) ++failed;
  }
  if (diverged > 0 && diverged == runs) label += ArmLegend::tr(" – diverged at step %1").arg(firstDiverged);
  else if (diverged > 0) label += ArmLegend::tr(" – %1 of %2 seeds diverged").arg(diverged).arg(runs);
  if (failed > 0 && failed == runs) label += ArmLegend::tr(" – failed");
  else if (failed > 0) label += ArmLegend::tr(" – %1 of %2 seeds failed").arg(failed).arg(runs);
  return label;
}

namespace {
// One entry: a swatch in the arm's colour and its name (HTML), linked to the arm.
QString entryHtml(int arm, const QString& nameHtml, const QColor& swatch, bool dim) {
  return QString("<a href='arm:%1' style='text-decoration:none; color:%2'>"
                 "<span style='color:%3; font-size:large'>&#9632;</span>&nbsp;%4</a>")
      .arg(arm)
      .arg(dim ? "#9a9a9a" : "#202020", swatch.name(), nameHtml);
}
}  // namespace

ArmLegend::ArmLegend(QWidget* parent) : QLabel(parent) {
  setTextFormat(Qt::RichText);
  setWordWrap(true);
  setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
  setToolTip(tr("Click an arm to highlight it on every tab (click more to compare); “show all” draws every arm alike "
             "again. Right-click an arm to hide, stop, remove or branch it."));
  connect(this, &QLabel::linkActivated, this, [this](const QString& link) {
    if (link == "all") emit showAllClicked();
    else if (link.startsWith("arm:")) emit armClicked(link.mid(4).toInt());
  });
  reserveOneLine();
  connect(this, &QLabel::linkHovered, this, [this](const QString& link) {
    hoveredArm_ = link.startsWith("arm:") ? link.mid(4).toInt() : -1;
  });
}

void ArmLegend::changeEvent(QEvent* event) {
  QLabel::changeEvent(event);
  if (event->type() == QEvent::FontChange) reserveOneLine();
}

void ArmLegend::reserveOneLine() {
  QLabel line;
  line.setTextFormat(Qt::RichText);
  line.setFont(font());
  line.setText(entryHtml(0, "BN", Qt::black, false));
  setMinimumHeight(line.sizeHint().height());
}

void ArmLegend::contextMenuEvent(QContextMenuEvent* event) {
  emit armMenuRequested(hoveredArm_, event->globalPos());
  event->accept();
}

void ArmLegend::setRuns(const Snapshot& snapshot, const ArmPalette& palette, const QSet<int>& only) {
  QList<Entry> entries;
  QList<int> starts;
  NormKind type = NormKind::None;
  for (const ArmColour& c : palette.arms()) {
    if (!only.isEmpty() && !only.contains(c.arm)) continue;
    if (entries.isEmpty() || c.type != type) starts.append(int(entries.size()));
    type = c.type;
    entries.append({c.arm, armDisplayName(snapshot, c.arm), toQColor(c.rgb)});
  }
  bool same = entries.size() == entries_.size() && starts == groupStarts_;
  for (qsizetype i = 0; same && i < entries.size(); ++i)
    same = entries[i].arm == entries_[i].arm && entries[i].label == entries_[i].label && entries[i].color == entries_[i].color;
  if (same) return;  // most frames: nothing changed, no relayout
  entries_ = entries;
  groupStarts_ = starts;
  render();
}

void ArmLegend::setHighlighted(const QSet<int>& arms) {
  if (arms == highlighted_) return;
  highlighted_ = arms;
  render();
}

void ArmLegend::setNote(const QString& note) {
  if (note == note_) return;
  note_ = note;
  render();
}

void ArmLegend::render() {
  QString html;
  for (qsizetype i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    const bool dim = !highlighted_.isEmpty() && !highlighted_.contains(e.arm);
    const bool lit = highlighted_.contains(e.arm);
    // Types are set apart by a wider gap and a bar; entries wrap between, never inside.
    if (i > 0) html += groupStarts_.contains(int(i)) ? " &nbsp;<span style='color:#999'>|</span>&nbsp; " : " &nbsp; ";
    QString name = e.label.toHtmlEscaped().replace(" ", "&nbsp;");
    if (lit) name = "<b>" + name + "</b>";
    const QColor swatch = dim ? QColor::fromRgbF(0.3f * e.color.redF() + 0.7f, 0.3f * e.color.greenF() + 0.7f,
                                                 0.3f * e.color.blueF() + 0.7f)
                              : e.color;
    html += entryHtml(e.arm, name, swatch, dim);
  }
  if (!highlighted_.isEmpty())
    html += " &nbsp;&nbsp; <a href='all' style='color:#0a58a8'>" + tr("show&nbsp;all") + "</a>";
  if (!note_.isEmpty()) html += " &nbsp;&nbsp; <span style='color:#555'>" + note_.toHtmlEscaped() + "</span>";
  if (html == html_) return;
  html_ = html;
  setText(html);
}

}  // namespace normlab
