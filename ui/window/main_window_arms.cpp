// The main window's arms while an experiment trains (issue 15): the side panel's edits become
// arms added live (ticking a norm type, a new Vary value), hidden arms (unticking), and, for a
// change the training arms cannot take (batch size, dropout, optimizer), a bar that offers it as
// a new arm or as a branch of a chosen arm. The arm key's context menu hides, stops, removes and
// branches an arm; Edit > Undo takes back hides, stops and removals until the next Start. Hidden arms
// keep training: the views are handed the snapshot without them (view_), every file gets all.
#include "ui/window/main_window.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

#include "core/base/error.h"
#include "ui/window/branch_dialog.h"
#include "ui/window/control_panel.h"
#include "ui/window/live_arms.h"

namespace normlab {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

// What the bar says a change is: "batch size 8, dropout 0".
QString describeChanges(const nlohmann::json& changes) {
  QStringList parts;
  for (const auto& [key, value] : changes.items()) {
    if (key == "batch_size") parts << MainWindow::tr("batch size %1").arg(value.get<int>());
    else if (key == "dropout") parts << MainWindow::tr("dropout %1").arg(value.get<double>());
    else if (key == "optimizer") parts << MainWindow::tr("optimizer %1").arg(qs(value.get<std::string>()));
    else if (key == "momentum") parts << MainWindow::tr("momentum %1").arg(value.get<double>());
  }
  return parts.join(", ");
}

}  // namespace

void MainWindow::buildArmUi(QMenu* run) {
  QMenu* edit = new QMenu(tr("&Edit"), this);
  menuBar()->insertMenu(run->menuAction(), edit);
  undoAct_ = edit->addAction(tr("&Undo"), QKeySequence::Undo, this, &MainWindow::undo);
  undoAct_->setEnabled(false);
  undoAct_->setToolTip(tr("Takes back the last hide, show, stop or removal of an arm (until the next Start)."));
  branchAct_ = new QAction(tr("&Branch Here…"), this);
  branchAct_->setToolTip(tr("Continue an arm from its current state with other settings (dropout, batch size, learning "
                            "rate, optimizer, norm): parent and branch then train side by side."));
  connect(branchAct_, &QAction::triggered, this, [this] {
    QString parent;
    if (highlightedArms_.size() == 1 && last_)
      for (const RunRecord& r : last_->runs)
        if (r.arm == *highlightedArms_.begin()) parent = qs(r.label);
    branchHere(parent);
  });
  run->addSeparator();
  run->addAction(branchAct_);
  QMenu* arms = run->addMenu(tr("&Arms"));
  arms->setToolTipsVisible(true);
  connect(arms, &QMenu::aboutToShow, this, [this, arms] {
    arms->clear();
    QMenu* all = createArmMenu(-1, arms);
    for (QAction* a : all->actions()) arms->addAction(a);
  });

  // The change bar, above the charts: a change the training arms cannot take.
  auto* layout = qobject_cast<QVBoxLayout*>(centralWidget()->layout());
  changeBar_ = new QFrame;
  changeBar_->setObjectName("ChangeBar");
  changeBar_->setStyleSheet("#ChangeBar { background: #E8F1FB; border: 1px solid #0a58a8; border-radius: 4px; }");
  auto* bar = new QHBoxLayout(changeBar_);
  bar->setContentsMargins(8, 4, 8, 4);
  changeText_ = new QLabel;
  changeText_->setWordWrap(true);
  bar->addWidget(changeText_, 1);
  changeArm_ = new QComboBox;
  changeArm_->setToolTip(tr("The arm the new arm copies its other settings from, or the arm to branch."));
  bar->addWidget(changeArm_);
  changeAdd_ = new QPushButton(tr("Add as a new arm"));
  changeAdd_->setToolTip(tr("A new arm with these settings, trained from the start on the same images: it catches up "
                         "with the others, then trains alongside."));
  changeBranch_ = new QPushButton(tr("Branch it here"));
  changeBranch_->setToolTip(tr("A copy of the chosen arm as it is now, going on with these settings: its curve starts "
                            "where the arm stands and a marker shows the branch."));
  changeKeep_ = new QPushButton(tr("Only for the next Start"));
  changeKeep_->setToolTip(tr("Leave the training arms as they are; the settings apply when you press Reset and Start."));
  for (QPushButton* b : {changeAdd_, changeBranch_, changeKeep_}) bar->addWidget(b);
  changeBar_->hide();
  layout->insertWidget(layout->indexOf(tabs_), changeBar_);
  connect(changeAdd_, &QPushButton::clicked, this, [this] {
    if (!last_ || !last_->config) return;
    const int i = armIndex(*last_->config, changeArm_->currentText().toStdString());
    if (i >= 0) addArm(newArmWithChanges(*last_->config, i, pendingChanges_));
    acknowledgeChanges();
  });
  connect(changeBranch_, &QPushButton::clicked, this, [this] {
    branchArm(changeArm_->currentText(), pendingChanges_);
    acknowledgeChanges();
  });
  connect(changeKeep_, &QPushButton::clicked, this, &MainWindow::acknowledgeChanges);

  timeline_ = new QLabel;
  timeline_->setObjectName("ArmTimeline");
  timeline_->setWordWrap(true);
  timeline_->setStyleSheet("color: #333; padding: 2px 4px;");
  timeline_->setToolTip(tr("When each arm started, was added, branched or changed, by training step."));
  timeline_->hide();
  layout->addWidget(timeline_);
}

bool MainWindow::liveState() const {
  return runnerOwnsView_ && last_ && (last_->state == RunnerState::Running || last_->state == RunnerState::Paused);
}

std::int64_t MainWindow::currentStep() const {
  std::int64_t step = 0;
  if (last_)
    for (const RunRecord& r : last_->runs) step = std::max(step, r.step);
  return step;
}

void MainWindow::startLiveArms(const ExperimentConfig& config) {
  hidden_.clear();
  undo_.clear();
  guiEvents_.clear();
  armOfPanel_.clear();
  panelNamed_.clear();
  notice_.clear();
  noticeError_ = false;
  shownChanges_ = pendingChanges_ = nlohmann::json::object();
  if (changeBar_) changeBar_->hide();
  if (undoAct_) undoAct_->setEnabled(false);
  for (const nlohmann::json& arm : panelArms(controls_->settings())) {
    const std::string label = arm.value("label", std::string());
    panelNamed_.insert(label);
    if (armIndex(config, label) >= 0) armOfPanel_[label] = label;
  }
  commandsSeen_ = last_ ? last_->commandsDone : 0;
  wasLive_ = false;
  view_.reset();
  timelineConfig_ = last_ && last_->config ? last_->config.get() : nullptr;  // the previous run's
}

void MainWindow::applyPanelLive() {
  if (!liveState() || !last_->config || controls_->showsSummary()) return;
  const LivePlan plan = livePlan(controls_->settings(), *last_->config, armOfPanel_, panelNamed_, hidden_);
  panelNamed_ = plan.named;
  for (const std::string& label : plan.hide) hideArm(qs(label));
  for (const std::string& label : plan.show) showArm(qs(label));
  for (const LivePlan::Add& add : plan.add) {
    armOfPanel_[add.panelLabel] = add.arm.value("label", std::string());
    addArm(add.arm);
  }
  updateChangeBar(plan.changes);
}

void MainWindow::updateChangeBar(const nlohmann::json& changes) {
  pendingChanges_ = changes;
  if (changes.empty() || changes == shownChanges_ || !liveState()) {
    if (changes.empty()) shownChanges_ = nlohmann::json::object();
    changeBar_->hide();
    return;
  }
  const QString what = describeChanges(changes);
  changeText_->setText(tr("<b>%1</b> cannot change arms that are already training. Add it as a new arm "
                               "(trained from the start) or branch an arm here (it goes on from its current state)?")
                           .arg(what.toHtmlEscaped()));
  const QString keep = changeArm_->currentText();
  changeArm_->clear();
  for (const ArmConfig& a : last_->config->arms)
    if (!hidden_.count(a.label)) changeArm_->addItem(qs(a.label));
  QString preferred = keep;
  if (highlightedArms_.size() == 1)
    for (const RunRecord& r : last_->runs)
      if (r.arm == *highlightedArms_.begin()) preferred = qs(r.label);
  if (changeArm_->findText(preferred) >= 0) changeArm_->setCurrentIndex(changeArm_->findText(preferred));
  changeBar_->show();
}

void MainWindow::acknowledgeChanges() {
  shownChanges_ = pendingChanges_;
  changeBar_->hide();
}

void MainWindow::pushUndo(const QString& text, std::function<void()> undo) {
  if (undoing_) return;
  undo_.push_back({text, std::move(undo)});
  undoAct_->setText(tr("&Undo %1").arg(text));
  undoAct_->setEnabled(true);
}

void MainWindow::undo() {
  if (undo_.empty()) return;
  UndoItem item = std::move(undo_.back());
  undo_.pop_back();
  undoing_ = true;
  item.undo();
  undoing_ = false;
  undoAct_->setText(undo_.empty() ? tr("&Undo") : tr("&Undo %1").arg(undo_.back().text));
  undoAct_->setEnabled(!undo_.empty());
}

void MainWindow::setArmHidden(const std::string& label, bool hidden) {
  if (hidden ? !hidden_.insert(label).second : hidden_.erase(label) == 0) return;
  guiEvents_.push_back({currentStep(), (hidden ? tr("%1 hidden") : tr("%1 shown")).arg(qs(label))});
  refreshViewSnapshot(true);
}

// An arm the panel names with a norm box: hiding it unticks the box (and showing ticks it), so
// the panel and the charts agree.
void MainWindow::hideArm(const QString& label) {
  const std::string name = label.toStdString();
  if (hidden_.count(name)) return;
  setArmHidden(name, true);
  pushUndo(tr("Hide %1").arg(label), [this, label] { showArm(label); });
  for (const auto& [panel, arm] : armOfPanel_)
    if (arm == name)
      for (NormKind k : {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group,
                         NormKind::LocalResponse})
        if (normShortLabel(k) == panel && controls_->normCheckBox(k)->isChecked()) {
          const bool was = undoing_;
          undoing_ = true;  // the untick is this hide's, not a new step
          controls_->normCheckBox(k)->setChecked(false);
          undoing_ = was;
        }
}

void MainWindow::showArm(const QString& label) {
  const std::string name = label.toStdString();
  if (!hidden_.count(name)) return;
  setArmHidden(name, false);
  pushUndo(tr("Show %1").arg(label), [this, label] { hideArm(label); });
  for (const auto& [panel, arm] : armOfPanel_)
    if (arm == name)
      for (NormKind k : {NormKind::None, NormKind::Batch, NormKind::Layer, NormKind::Instance, NormKind::Group,
                         NormKind::LocalResponse})
        if (normShortLabel(k) == panel && !controls_->normCheckBox(k)->isChecked()) {
          const bool was = undoing_;
          undoing_ = true;
          controls_->normCheckBox(k)->setChecked(true);
          undoing_ = was;
        }
}

void MainWindow::stopArm(const QString& label) {
  if (!liveState()) return;
  runner_->stopArm(label.toStdString());
  guiEvents_.push_back({currentStep(), tr("%1 stopped").arg(label)});
  pushUndo(tr("Stop %1").arg(label), [this, label] {
    runner_->resumeArm(label.toStdString());
    guiEvents_.push_back({currentStep(), tr("%1 resumed").arg(label)});
  });
}

bool MainWindow::removeArm(const QString& label) {
  if (!liveState() || !last_->config) return false;
  const ExperimentConfig& config = *last_->config;
  const int i = armIndex(config, label.toStdString());
  if (i < 0) return false;
  for (const ArmConfig& a : config.arms)
    if (a.isBranch() && a.branchFrom == config.arms[std::size_t(i)].label) {
      notice_ = tr("%1 cannot be removed: %2 branches from it (remove the branch first, or hide it).")
                    .arg(label, qs(a.label));
      noticeError_ = true;
      return false;
    }
  if (!maybeSaveResults(tr("removing %1", "Save them before %1?").arg(label),
                        tr("(Edit > Undo, Ctrl+Z, brings it back until the next Start.)")))
    return false;
  runner_->removeArm(label.toStdString());
  const bool wasHidden = hidden_.erase(label.toStdString()) > 0;
  guiEvents_.push_back({currentStep(), tr("%1 removed").arg(label)});
  // The core keeps the removed arm: it comes back as it was and catches up from there.
  pushUndo(tr("Remove %1").arg(label), [this, label, wasHidden] {
    runner_->restoreArm(label.toStdString());
    if (wasHidden) hidden_.insert(label.toStdString());
    guiEvents_.push_back({currentStep(), tr("%1 brought back").arg(label)});
  });
  return true;
}

void MainWindow::addArm(const nlohmann::json& arm) {
  if (!liveState()) return;
  const QString label = qs(arm.value("label", std::string()));
  runner_->addArm(arm);
  if (arm.contains("branch_from"))
    guiEvents_.push_back({currentStep(), tr("%1 branched from %2").arg(label, qs(arm["branch_from"].get<std::string>()))});
  else
    guiEvents_.push_back({currentStep(), tr("%1 added").arg(label)});
  notice_ = arm.contains("branch_from")
                ? tr("%1 goes on from %2's current state with its changed settings (marked on the charts).")
                      .arg(label, qs(arm["branch_from"].get<std::string>()))
                : tr("%1 added: it trains from the start on the same images and catches up with the others.").arg(label);
  noticeError_ = false;
}

void MainWindow::branchArm(const QString& parent, const nlohmann::json& changes, const QString& label) {
  if (!liveState() || !last_->config) return;
  try {
    addArm(normlab::branchArm(*last_->config, parent.toStdString(), changes, label.toStdString()));
  } catch (const std::exception& e) {
    notice_ = tr("Cannot branch: %1").arg(QString::fromUtf8(e.what()));
    noticeError_ = true;
  }
}

void MainWindow::branchHere(const QString& parent) {
  if (!liveState() || !last_->config || last_->config->arms.empty()) return;
  BranchDialog dialog(*last_->config, parent.isEmpty() ? last_->config->arms.front().label : parent.toStdString(), this);
  if (dialog.exec() != QDialog::Accepted) return;
  branchArm(qs(dialog.parentLabel()), dialog.changes(), qs(dialog.label()));
}

QMenu* MainWindow::createArmMenu(int arm, QWidget* parent) {
  auto* menu = new QMenu(parent);
  menu->setToolTipsVisible(true);
  if (!last_ || !last_->config || !runnerOwnsView_) {
    menu->addAction(tr("No experiment is training"))->setEnabled(false);
    return menu;
  }
  QStringList labels;
  if (arm >= 0) {
    for (const RunRecord& r : last_->runs)
      if (r.arm == arm) labels = {qs(r.label)};
  } else {
    for (const ArmConfig& a : last_->config->arms) labels << qs(a.label);
  }
  const bool live = liveState();
  for (const QString& label : labels) {
    QMenu* target = menu;
    if (arm < 0) target = menu->addMenu(label);
    else menu->addSection(label);
    const bool hidden = hidden_.count(label.toStdString()) > 0;
    QAction* hide = target->addAction(hidden ? tr("Show") : tr("Hide"), this, [this, label, hidden] {
      if (hidden) showArm(label);
      else hideArm(label);
    });
    hide->setToolTip(tr("Leave the arm out of the charts; it keeps training and its data is kept (Undo: Ctrl+Z)."));
    QAction* stop = target->addAction(tr("Stop"), this, [this, label] { stopArm(label); });
    stop->setToolTip(tr("End the arm's training now; its results stay (Undo, Ctrl+Z, resumes it where it stopped, until "
                        "the next Start)."));
    stop->setEnabled(live);
    QAction* remove = target->addAction(tr("Remove…"), this, [this, label] { removeArm(label); });
    remove->setToolTip(tr("Remove the arm and its results (unsaved results are offered for saving first; Undo, Ctrl+Z, "
                          "brings it back as it was until the next Start, and it catches up)."));
    remove->setEnabled(live && last_->config->arms.size() > 1);
    QAction* branch = target->addAction(tr("Branch Here…"), this, [this, label] { branchHere(label); });
    branch->setToolTip(branchAct_->toolTip());
    branch->setEnabled(live);
  }
  return menu;
}

void MainWindow::noteArmCommands(const Snapshot& s) {
  // The config on show is the experiment's as it stands (arms added, branched or removed and the
  // rate changes made while it ran): Save writes it and Run Again trains it.
  if (s.config && runnerOwnsView_ && s.config.get() != timelineConfig_ &&
      (s.state == RunnerState::Running || s.state == RunnerState::Paused || s.state == RunnerState::Finished)) {
    timelineConfig_ = s.config.get();
    config_ = *s.config;
  }
  if (changeBar_ && !changeBar_->isHidden() && !liveState()) changeBar_->hide();  // finished or reset meanwhile
  // Edits made while the data loaded apply once it trains.
  const bool live = liveState(), becameLive = live && !wasLive_;
  wasLive_ = live;
  if (becameLive) applyPanelLive();
  if (s.commandsDone == commandsSeen_) return;
  commandsSeen_ = s.commandsDone;
  if (!s.commandError.empty()) {
    notice_ = tr("Not applied: %1").arg(qs(s.commandError));
    noticeError_ = true;
  }
}

// The views get the snapshot without the hidden arms' runs (a copy only when some are hidden).
void MainWindow::refreshViewSnapshot(bool redraw) {
  if (!last_) return;
  if (hidden_.empty() || !runnerOwnsView_) {
    view_ = last_;
  } else {
    auto copy = std::make_shared<Snapshot>(*last_);
    copy->runs.erase(std::remove_if(copy->runs.begin(), copy->runs.end(),
                                    [this](const RunRecord& r) { return hidden_.count(r.label) > 0; }),
                     copy->runs.end());
    view_ = copy;
  }
  if (redraw) {
    shownVersion_.assign(std::size_t(views_.size()), ~std::uint64_t(0));
    showCurrentView(true);
  }
}

void MainWindow::updateTimeline(const Snapshot& s) {
  if (!timeline_) return;
  std::vector<TimelineEntry> entries;
  if (s.config) {
    for (const ArmConfig& a : s.config->arms)
      if (a.isBranch()) entries.push_back({a.atStep, tr("%1 branched from %2").arg(qs(a.label), qs(a.branchFrom))});
    std::set<int> changes;
    for (const LearningRateEvent& e : s.config->events)
      if (changes.insert(e.change).second)
        entries.push_back({e.atStep, e.arm.empty() ? tr("lr %1").arg(e.lr) : tr("lr %1 for %2").arg(e.lr).arg(qs(e.arm))});
  }
  entries.insert(entries.end(), guiEvents_.begin(), guiEvents_.end());
  // GUI branch entries repeat the config's: keep the config's (exact step).
  std::vector<TimelineEntry> shown;
  for (const TimelineEntry& e : entries) {
    const bool dup = e.text.contains(tr("%1 branched from %2").section("%1", 1).section("%2", 0, 0)) &&
                     std::any_of(shown.begin(), shown.end(), [&](const TimelineEntry& o) { return o.text == e.text; });
    if (!dup) shown.push_back(e);
  }
  std::stable_sort(shown.begin(), shown.end(), [](const TimelineEntry& a, const TimelineEntry& b) { return a.step < b.step; });
  QStringList parts;
  for (const TimelineEntry& e : shown) parts << tr("step %1: %2").arg(e.step).arg(e.text);
  const QString text = parts.isEmpty() ? QString() : "<b>" + tr("Timeline") + "</b>  " + parts.join("  ·  ").toHtmlEscaped();
  if (timeline_->text() != text) timeline_->setText(text);
  timeline_->setVisible(!parts.isEmpty() && runnerOwnsView_);
}

QString MainWindow::timelineText() const {
  QString t = timeline_ ? timeline_->text() : QString();
  t.remove("<b>").remove("</b>");
  return t;
}

}  // namespace normlab
