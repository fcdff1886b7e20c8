// The main window: the side panel of controls (ControlPanel), a toolbar with Start / Pause /
// Step / Reset and the speed, the chart views in tabs, a banner for warnings and errors, and a
// status bar (state, step, samples seen, images/s per arm, diverged arms). The GUI thread never
// trains: it sends commands to the ExperimentRunner and pulls its latest snapshot on a timer
// (about 30 per second), handing it to the visible view only when its version changed.
// File menu (main_window_files.cpp): Save / Save As / Open / Open Recent a .normlab file, Run
// again, and exporting charts, figures and data. An opened file is shown in every chart without
// retraining, until Start, Run again or Reset hands the charts back to the runner. An opened file
// that holds its runs' training states (whyNotResumable) turns Start into Continue: training
// goes on from where the file left off.
#pragma once

#include <QElapsedTimer>
#include <QMainWindow>
#include <QSet>
#include <QPointer>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/files/experiment_file.h"
#include "core/experiment/experiment_runner.h"
#include "ui/classroom/explainers.h"
#include "ui/views/snapshot_view.h"
#include "ui/window/timed_application.h"
#include "ui/window/user_prompts.h"

class QAction;
class QChartView;
class QComboBox;
class QFrame;
class QMenu;
class QPushButton;
class QLabel;
class QTabWidget;
class QDockWidget;
class QToolBar;
class QTimer;

namespace normlab {

class ControlPanel;
class LoadProgressBar;
class SteadyLabel;
class LessonBanner;
class NormAxesExplainer;
class LessonsPage;
class StallMonitor;
class PacedChartPainter;

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
  PacedChartPainter* chartPainter() const { return painter_; }
  // Hidden tabs still waiting to build their charts for the current run (for tests).
  std::size_t viewsWaitingToWarm() const { return warmQueue_.size(); }
  int viewIntervalMs() const { return viewIntervalMs_; }
  QString statusText() const;
  QString bannerText() const;
  bool bannerVisible() const;
  std::shared_ptr<const Snapshot> lastSnapshot() const { return last_; }
  // Arms highlighted by legend clicks, the same on every tab (snapshot_view.h); cleared when
  // another experiment is shown.
  const QSet<int>& highlightedArms() const { return highlightedArms_; }
  void toggleArmHighlight(int arm);
  void showAllArms();
  QAction* startAction() const { return startAct_; }
  QAction* pauseAction() const { return pauseAct_; }
  QAction* stepAction() const { return stepAct_; }
  QAction* resetAction() const { return resetAct_; }
  LoadProgressBar* loadProgressBar() const { return loadBar_; }

  // --- Files (main_window_files.cpp). Each returns false when cancelled or failed; a failure is
  // shown in a message (prompts().warn) and the banner, naming the file and the problem.
  // File > Save: to the results' file, or Save As when they have none yet.
  bool saveExperimentFile();
  bool saveExperimentFileAs();
  bool saveExperimentTo(const QString& path);
  bool openExperimentFile();  // asks for the file
  bool openExperimentFrom(const QString& path);
  // Trains the experiment on show again from scratch, with its config as it is (determinism: the
  // same curves).
  void runAgain();
  // Whether the opened file on show can continue (Start reads "Continue" then); editing the side
  // panel's settings withdraws the offer (Start then trains the panel's settings, as before).
  bool canContinueOpened() const;
  // Trains the opened file's runs on from their saved state (Start on such a file): to the end
  // they were set to when they were stopped or saved mid-run, else as many steps again as they
  // had trained. The new results belong to no file yet.
  void continueOpenedExperiment();
  // The chart under the mouse, else the first chart of the current tab.
  void exportChart();
  void exportChartView(QChartView* chart);
  void copyChart(QChartView* chart);
  // Every chart of the current tab as one figure.
  void exportFigure();
  // CSV of every series and one JSON file with everything, into a folder.
  void exportData();
  // The context menu of a chart: Export chart..., Copy chart.
  QMenu* createChartMenu(QChartView* chart, QWidget* parent);

  // The results on show (a finished, paused or opened experiment); nullopt when there are none.
  std::optional<ExperimentResults> currentResults() const;
  QString experimentFilePath() const { return filePath_; }
  // Results that were trained here and not saved since (the title shows "*").
  bool hasUnsavedResults() const;
  // The charts show an opened file (not the runner).
  bool showsOpenedFile() const { return !runnerOwnsView_; }
  // Whether the controls could show the opened experiment's settings (else Run again uses them
  // as they are, and the title says "loaded experiment").
  bool openedConfigInControls() const { return openedConfigInControls_; }
  const UserPrompts& prompts() const { return prompts_; }
  void setPrompts(UserPrompts prompts) { prompts_ = std::move(prompts); }
  QMenu* fileMenu() const { return fileMenu_; }
  QMenu* recentMenu() const { return recentMenu_; }
  QAction* saveAction() const { return saveAct_; }
  QAction* openAction() const { return openAct_; }
  QAction* runAgainAction() const { return runAgainAct_; }
  QAction* exportChartAction() const { return exportChartAct_; }
  QAction* exportFigureAction() const { return exportFigureAct_; }
  QAction* exportDataAction() const { return exportDataAct_; }

  // --- Arms while it trains (main_window_arms.cpp, issue 15). Arms are named by label.
  // Hidden arms keep training and keep their data (a save holds them); the charts leave them out.
  void hideArm(const QString& label);
  void showArm(const QString& label);
  const std::set<std::string>& hiddenArms() const { return hidden_; }
  // Ends the arm's runs now (their results stay). Undo resumes them where they stopped; they
  // catch up with the others.
  void stopArm(const QString& label);
  // Removes the arm and its results, after offering to save unsaved results (false: cancelled or
  // refused, e.g. another arm branches from it). Undo brings it back as it was (a branch too);
  // it catches up from where it was removed.
  bool removeArm(const QString& label);
  // Adds an arm (an object of the config's "arms" list) to the running or paused experiment.
  void addArm(const nlohmann::json& arm);
  // A branch of `parent` at its current step with `changes` (keys of a branch arm).
  void branchArm(const QString& parent, const nlohmann::json& changes, const QString& label = QString());
  // Asks for the changes (BranchDialog), then branchArm.
  void branchHere(const QString& parent = QString());
  // Edit > Undo (Ctrl+Z): the last hide, show, stop or remove since Start.
  void undo();
  QAction* undoAction() const { return undoAct_; }
  QAction* branchAction() const { return branchAct_; }
  // The arm key's context menu: Hide / Show, Stop, Remove, Branch here (for the arm with that
  // index in the snapshot; -1: a submenu per arm).
  QMenu* createArmMenu(int arm, QWidget* parent);
  // The bar that offers a change the running arms cannot take as a new arm or a branch.
  QFrame* changeBar() const { return changeBar_; }
  QPushButton* changeAddButton() const { return changeAdd_; }
  QPushButton* changeBranchButton() const { return changeBranch_; }
  QComboBox* changeArmBox() const { return changeArm_; }
  // When each arm started, branched or changed ("step 0: started …"), one entry per line.
  QString timelineText() const;
  // The snapshot the charts are shown (the last one without its hidden arms).
  std::shared_ptr<const Snapshot> viewSnapshot() const { return view_; }

  // --- Classroom (main_window_lessons.cpp).
  // Loads built-in lesson `index` (into the panel when it can show it), starts it, shows its text
  // over the charts and switches to the chart it is about.
  void openLesson(int index);
  void openExplainer(ExplainerKind kind);
  // Run > Recompute population statistics (batch-norm runs of the live experiment).
  void recomputePopulationStatistics();
  // Switches to the chart tab with this title.
  void showTab(const QString& title);
  LessonsPage* lessonsPage() const { return lessonsPage_; }
  LessonBanner* lessonBanner() const { return lessonBanner_; }
  int lessonsTabIndex() const { return lessonsTab_; }
  QAction* recomputeAction() const { return recomputeAct_; }
  NormAxesExplainer* liveAxesExplainer() const;

 protected:
  void closeEvent(QCloseEvent* event) override;
  // A .normlab file dragged onto the window opens like File > Open; a folder becomes the image
  // folder to train on (ControlPanel::selectImageFolder); anything else is refused, saying why.
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
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
  // Starts `config` on the runner and hands the charts back to it; with `from`, continues those
  // saved results `moreSteps` further instead (config: continuedConfig(*from, moreSteps)).
  void startExperiment(ExperimentConfig config, bool paused, const ExperimentResults* from = nullptr,
                       std::int64_t moreSteps = 0);
  void buildFileMenu(QMenu* file);
  void useDroppedPath(const QString& path);  // a dropped file or folder (dropEvent)
  void updateFileActions();
  void updateWindowTitle();
  void refreshRecentMenu();
  // Unsaved results: asks Save / Discard / Cancel; true to go on. `note` follows the question.
  bool maybeSaveResults(const QString& before, const QString& note = QString());
  void showOpenedResults(const ExperimentResults& results);
  void addChartMenus();
  QString captionForExport() const;
  void reportFileError(const QString& title, const QString& text);
  void buildLessonUi();
  void updateLessonActions();
  void closeLesson();
  void feedLiveBlock();

  // Arms while it trains (main_window_arms.cpp)
  void buildArmUi(QMenu* run);
  void startLiveArms(const ExperimentConfig& config);
  void applyPanelLive();
  void updateChangeBar(const nlohmann::json& changes);
  void acknowledgeChanges();
  void refreshViewSnapshot(bool redraw);
  void noteArmCommands(const Snapshot& s);
  void updateTimeline(const Snapshot& s);
  void setArmHidden(const std::string& label, bool hidden);
  void pushUndo(const QString& text, std::function<void()> undo);
  bool liveState() const;
  std::int64_t currentStep() const;
  std::shared_ptr<const Snapshot> view_;
  std::set<std::string> hidden_;
  std::map<std::string, std::string> armOfPanel_;  // the panel's arm label -> the experiment's
  std::set<std::string> panelNamed_;              // the panel's arm labels at the last edit
  nlohmann::json shownChanges_ = nlohmann::json::object();  // changes the bar offered or was told to keep
  nlohmann::json pendingChanges_ = nlohmann::json::object();
  struct UndoItem {
    QString text;
    std::function<void()> undo;
  };
  std::vector<UndoItem> undo_;
  bool undoing_ = false;
  bool wasLive_ = false;  // the last snapshot was running or paused
  QAction *undoAct_ = nullptr, *branchAct_ = nullptr;
  QFrame* changeBar_ = nullptr;
  QLabel* changeText_ = nullptr;
  QComboBox* changeArm_ = nullptr;
  QPushButton *changeAdd_ = nullptr, *changeBranch_ = nullptr, *changeKeep_ = nullptr;
  QLabel* timeline_ = nullptr;
  struct TimelineEntry {
    std::int64_t step = 0;
    QString text;
  };
  std::vector<TimelineEntry> guiEvents_;  // added, hidden, stopped, removed (what the config does not say)
  QString notice_;           // a note in the banner: a rate change, an arm added, a refused command
  bool noticeError_ = false;
  std::uint64_t commandsSeen_ = 0;
  const ExperimentConfig* timelineConfig_ = nullptr;  // the snapshot config last copied into config_

  std::unique_ptr<ExperimentRunner> runner_;
  ControlPanel* controls_;
  QDockWidget* dock_;
  QToolBar* toolBar_;
  QTabWidget* tabs_;
  QList<NamedView> views_;
  std::vector<std::uint64_t> shownVersion_;
  // Hidden tabs build their charts soon after training starts, one tab per timer tick, so a
  // first visit only refreshes them (building six arms' series at once is a visible stall).
  void warmNextHiddenView();
  QTimer* warmTimer_;
  std::vector<int> warmQueue_;
  // Views that build their charts in slices (snapshot_view.h) get one slice per tick of this
  // timer, the current tab first; a finished view is then shown the latest snapshot.
  void continueBuilds();
  QTimer* buildTimer_;
  int drawAfterBuild_ = -1;  // the view whose build just finished: drawn on the build timer's next turn
  bool warmAfterStart_ = false;
  QLabel *banner_, *divergedLabel_;
  bool bannerIsError_ = false;  // the banner's look: error (red) or note (yellow)
  LoadProgressBar* loadBar_;  // while Start reads a folder of images
  SteadyLabel *stateLabel_, *stepLabel_, *speedLabel_;
  QSet<int> highlightedArms_;
  QString highlightRuns_;  // the arms the highlight was made for
  void setHighlightedArms(const QSet<int>& arms);
  void forgetHighlightOfOtherRuns();
  QComboBox* speed_;
  QAction *startAct_, *pauseAct_, *stepAct_, *resetAct_, *presentAct_, *speedAct_, *speedLabelAct_;
  QTimer* pullTimer_;
  StallMonitor* stall_;
  PacedChartPainter* painter_;
  std::shared_ptr<const Snapshot> last_;
  std::uint64_t lastVersion_ = 0;
  QString localError_;  // a config the controls could not build (shown until the next start)
  QString fileError_;   // the last file error reportFileError showed (a later save or open resolves it)
  QString normNote_;  // norms the model cannot take at some position (norm_note.h): shown in the banner
  // Redraw pacing: the visible view is redrawn at most every viewIntervalMs_ (33 ms, about 30
  // per second); when updating and painting the views takes more than 10% of the time (the X
  // server spends about as much again showing it), the interval grows (up to 200 ms) so that
  // training keeps the cores; it shrinks again when cheap.
  QElapsedTimer sinceViewUpdate_, sincePacing_;
  qint64 drawNs_ = 0;  // time spent in showSnapshot and painting since the last pacing decision
  int viewIntervalMs_ = 33;
  // NORMLAB_STALL_REPORT=1: print every update or paint that takes over 30 ms.
  const bool traceSlowFrames_ = qEnvironmentVariableIntValue("NORMLAB_STALL_REPORT") == 1;
  const qint64 slowFrameNs_ = slowEventThresholdNs();
  bool presentation_ = false;
  bool wasMaximized_ = false;
  QRect normalGeometry_;  // restored on leaving presentation mode (no window manager does it)
  QFont normalFont_, normalAppFont_;

  // Files
  UserPrompts prompts_ = UserPrompts::interactive();
  QMenu *fileMenu_ = nullptr, *recentMenu_ = nullptr;
  QAction *saveAct_, *saveAsAct_, *openAct_, *runAgainAct_, *exportChartAct_, *exportFigureAct_, *exportDataAct_;
  std::optional<ExperimentConfig> config_;   // the config of the results on show (started or opened)
  std::optional<ExperimentResults> opened_;  // the results of an opened file, while shown
  bool runnerOwnsView_ = true;               // false while an opened file is on show
  bool openedConfigInControls_ = true;
  bool continueOffered_ = false;             // the opened file can continue and the panel is untouched
  QString filePath_;                         // the .normlab file of the results on show ("" none)
  std::uint64_t savedVersion_ = 0;           // the runner snapshot version last saved
  std::uint64_t openedVersion_ = 0;          // versions of opened snapshots (counting down from ~0)

  // Classroom
  LessonsPage* lessonsPage_ = nullptr;
  LessonBanner* lessonBanner_ = nullptr;
  int lessonsTab_ = -1;
  QAction* recomputeAct_ = nullptr;
  QString lessonTitle_;                 // "Lesson 2: ..." while a lesson is on show, else ""
  QPointer<NormAxesExplainer> liveAxes_;  // an open normalization-axes explainer, fed live batches
  QElapsedTimer liveBlockClock_;
  std::int64_t liveBlockStep_ = -1;
  std::string liveBlockRun_;
  bool lessonConfigInControls_ = true;  // the panel shows the lesson's settings
};

}  // namespace normlab
