// The main window: the side panel of controls (ControlPanel), a toolbar with Start / Pause /
// Step / Reset and the speed, the chart views in tabs, a banner for warnings and errors, and a
// status bar (state, step, samples seen, images/s per arm, diverged arms). The GUI thread never
// trains: it sends commands to the ExperimentRunner and pulls its latest snapshot on a timer
// (about 30 per second), handing it to the visible view only when its version changed.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>

#include <cstdint>
#include <memory>

#include "core/experiment_runner.h"
#include "snapshot_view.h"

class QAction;
class QComboBox;
class QLabel;
class QTabWidget;
class QDockWidget;
class QToolBar;
class QTimer;

namespace normlab {

class ControlPanel;
class StallMonitor;

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  // threads for training (0 = all cores).
  explicit MainWindow(QWidget* parent = nullptr, int threads = 0);
  ~MainWindow() override;

  // Start or resume (Space toggles with pause). Building the experiment from the controls can
  // fail (no arm ticked): the banner says why.
  void startOrResume();
  void pause();
  void togglePlay();
  void stepOnce();
  void resetExperiment();
  void setPresentationMode(bool on);
  bool presentationMode() const { return presentation_; }
  // Pulls the runner's latest snapshot and updates the views, status bar and banner (the timer
  // calls it; tests call it directly).
  void pullSnapshot();

  // For tests and measurements.
  ControlPanel* controls() const { return controls_; }
  ExperimentRunner& runner() { return *runner_; }
  QTabWidget* tabs() const { return tabs_; }
  const QList<NamedView>& views() const { return views_; }
  StallMonitor* stallMonitor() const { return stall_; }
  int viewIntervalMs() const { return viewIntervalMs_; }
  QString statusText() const;
  QString bannerText() const;
  bool bannerVisible() const;
  std::shared_ptr<const Snapshot> lastSnapshot() const { return last_; }
  QAction* startAction() const { return startAct_; }
  QAction* pauseAction() const { return pauseAct_; }
  QAction* stepAction() const { return stepAct_; }
  QAction* resetAction() const { return resetAct_; }

 protected:
  void closeEvent(QCloseEvent* event) override;
  bool event(QEvent* event) override;

 private:
  void buildMenus();
  void buildToolBar();
  void updateActions(RunnerState state);
  void updateStatus(const Snapshot& s);
  void showBanner(const QString& text, bool error);
  void hideBanner();
  void showCurrentView(bool force);
  void applySpeed();
  void about();
  void saveSettings();

  std::unique_ptr<ExperimentRunner> runner_;
  ControlPanel* controls_;
  QDockWidget* dock_;
  QToolBar* toolBar_;
  QTabWidget* tabs_;
  QList<NamedView> views_;
  std::vector<std::uint64_t> shownVersion_;
  QLabel *banner_, *stateLabel_, *stepLabel_, *speedLabel_, *divergedLabel_;
  QComboBox* speed_;
  QAction *startAct_, *pauseAct_, *stepAct_, *resetAct_, *presentAct_, *speedAct_, *speedLabelAct_;
  QTimer* pullTimer_;
  StallMonitor* stall_;
  std::shared_ptr<const Snapshot> last_;
  std::uint64_t lastVersion_ = 0;
  QString localError_;  // a config the controls could not build (shown until the next start)
  // Redraw pacing: the visible view is redrawn at most every viewIntervalMs_ (33 ms, about 30
  // per second); when updating and painting the views takes more than 15% of the time, the
  // interval grows (up to 200 ms) so that training keeps the cores; it shrinks again when cheap.
  QElapsedTimer sinceViewUpdate_, sincePacing_;
  qint64 drawNs_ = 0;  // time spent in showSnapshot and painting since the last pacing decision
  int viewIntervalMs_ = 33;
  // NORMLAB_STALL_REPORT=1: print every update or paint that takes over 30 ms.
  const bool traceSlowFrames_ = qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1;
  bool presentation_ = false;
  bool wasMaximized_ = false;
  QFont normalFont_;
};

}  // namespace normlab
