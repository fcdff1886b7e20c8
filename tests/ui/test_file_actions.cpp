// The main window's File menu, offscreen and without a modal dialog (the prompts are answered in
// advance): a tiny experiment saved and reopened in a new window shows identical metrics in every
// chart; damaged files (truncated, a wrong type, an unknown schema version) give a message naming
// the problem and the window keeps working; an unwritable path leaves no file; the recent-files
// list; Run again reproduces the curves; an opened file continues (Start reads Continue) exactly
// as one longer run, an older file says why it cannot; unsaved results are asked about; chart
// context menus and chart export.
#include <QtTest>
#include <QMimeData>
#include <QDragEnterEvent>
#include <QDropEvent>

#include <QAction>
#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QDir>
#include <QFile>
#include <QLineSeries>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXYSeries>

#include <nlohmann/json.hpp>

#include "core/files/experiment_file.h"
#include "ui/export/chart_export.h"
#include "ui/window/control_panel.h"
#include "ui/export/export_dialog.h"
#include "ui/window/experiment_builder.h"
#include "ui/window/main_window.h"
#include "ui/window/recent_files.h"

using namespace normlab;
using nlohmann::json;

namespace {

// Finishes in well under a second: synthetic shapes, the tiny preset, two arms, 12 steps.
ControlSettings tinySettings() {
  ControlSettings s;
  s.dataset = "synthetic";
  s.preset = "tiny";
  s.trainSubset = 200;
  s.testSubset = 50;
  s.batchSize = 16;
  s.steps = 12;
  s.evalEvery = 4;
  s.probeEvery = 2;
  s.norms = {NormKind::None, NormKind::Batch};
  return s;
}

// What the prompts were asked, and the answers given in advance.
struct PromptLog {
  QStringList warnings;  // "title: text"
  int askedToSave = 0;
  QMessageBox::StandardButton saveAnswer = QMessageBox::Discard;
  QString saveAsPath;
};

UserPrompts scriptedPrompts(PromptLog* log) {
  UserPrompts p;
  p.openFile = [](QWidget*, const QString&, const QString&, const QString&) { return QString(); };
  p.saveFile = [log](QWidget*, const QString&, const QString&, const QString&) { return log->saveAsPath; };
  p.directory = [](QWidget*, const QString&, const QString&) { return QString(); };
  p.askToSave = [log](QWidget*, const QString&) {
    ++log->askedToSave;
    return log->saveAnswer;
  };
  p.exportOptions = [](QWidget*, const QString&, const QString&, ExportRequest*) { return false; };
  p.warn = [log](QWidget*, const QString& title, const QString& text) { log->warnings << title + ": " + text; };
  return p;
}

// Starts a run with `start` and waits until that run (a snapshot published after it) finished.
// (Waiting on the runner's state alone could see the previous run's Finished.)
bool runToEnd(MainWindow& w, const std::function<void()>& start) {
  const std::uint64_t before = w.runner().snapshot()->version;
  start();
  return QTest::qWaitFor(
      [&] {
        w.pullSnapshot();
        const auto s = w.runner().snapshot();
        return s->version > before && s->state == RunnerState::Finished && w.lastSnapshot() == s;
      },
      60000);
}

json runsJson(const std::vector<RunRecord>& runs) {
  json all = json::array();
  for (const RunRecord& r : runs) all.push_back(toJson(r));
  return all;
}

// The runs without what depends on the machine's speed (seconds, images per second).
json withoutTimings(json runs) {
  for (json& r : runs) {
    r.erase("train_seconds");
    r.erase("images_per_s");
    for (json& row : r["metrics"]["rows"]) row.back() = nullptr;  // wall seconds
  }
  return runs;
}

qsizetype pointCount(QAbstractSeries* series) {
  if (auto* xy = qobject_cast<QXYSeries*>(series)) return xy->count();
  if (auto* area = qobject_cast<QAreaSeries*>(series)) return area->upperSeries() ? area->upperSeries()->count() : 0;
  return 0;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

}  // namespace

class TestFileActions : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void init();
  void saveThenOpenShowsIdenticalMetrics();
  void damagedFileGivesAClearError_data();
  void damagedFileGivesAClearError();
  void craftedFileKeepsTheOpenedExperiment_data();
  void craftedFileKeepsTheOpenedExperiment();
  void unwritablePathShowsTheReasonAndLeavesNoFile();
  void recentFilesListUpdatesAndDropsMissingFiles();
  void recentFilesKeepsEightNewestFirst();
  void runAgainReproducesIdenticalMetrics();
  void openedFileContinuesLikeOneLongerRun();
  void olderFileSaysWhyItCannotContinue();
  void configTheControlsCannotShowIsRunAsLoaded();
  void unsavedResultsAreAskedAbout();
  void droppedExperimentFileOpens();
  void chartContextMenuOffersExportAndCopy();
  void exportDialogDefaultsToPngAtTwiceTheSize();
  void exportChartWritesAPngAtTwiceTheSizeByDefault();
  void exportFigureAndDataWriteTheirFiles();
  void unwritableExportPathShowsTheReason();
  void screenshots();

 private:
  // A tiny finished experiment saved to `path` (returns its runs).
  std::vector<RunRecord> trainAndSave(MainWindow& w, const QString& path);
  QTemporaryDir dir_;
  PromptLog log_;
};

void TestFileActions::initTestCase() {
  QStandardPaths::setTestModeEnabled(true);
  QCoreApplication::setOrganizationName("NormLabTest");
  QCoreApplication::setApplicationName("test_file_actions");
  QVERIFY(dir_.isValid());
}

void TestFileActions::init() {
  QSettings().clear();
  log_ = PromptLog();
}

std::vector<RunRecord> TestFileActions::trainAndSave(MainWindow& w, const QString& path) {
  w.setPrompts(scriptedPrompts(&log_));
  w.controls()->setSettings(tinySettings());
  if (!runToEnd(w, [&] { w.startOrResume(); })) return {};
  if (!w.hasUnsavedResults() || !w.windowTitle().startsWith("Untitled")) return {};
  if (!w.saveExperimentTo(path)) return {};
  return w.lastSnapshot()->runs;
}

void TestFileActions::saveThenOpenShowsIdenticalMetrics() {
  const QString path = dir_.filePath("saved.normlab");
  std::vector<RunRecord> trained;
  {
    MainWindow w;
    trained = trainAndSave(w, path);
    QCOMPARE(int(trained.size()), 2);
    QVERIFY(!w.hasUnsavedResults());
    QCOMPARE(w.windowTitle(), QString("saved.normlab[*] — NormLab"));
    QVERIFY(!QFile::exists(path + ".tmp"));  // written through a temporary file, then renamed
  }
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  QVERIFY(w.openExperimentFrom(path));
  QVERIFY(log_.warnings.isEmpty());
  QVERIFY(w.showsOpenedFile());
  QVERIFY(!w.hasUnsavedResults());
  QCOMPARE(w.windowTitle(), QString("saved.normlab[*] — NormLab"));
  QVERIFY(w.openedConfigInControls());  // the panel can express the tiny comparison
  QCOMPARE(w.controls()->settings().norms, tinySettings().norms);
  QCOMPARE(w.controls()->settings().steps, tinySettings().steps);

  // Identical metrics, probes and placements in every run (the runner, meanwhile, is idle).
  QCOMPARE(runsJson(w.lastSnapshot()->runs).dump(), runsJson(trained).dump());
  w.pullSnapshot();  // the runner's idle snapshot does not replace the opened results
  QCOMPARE(w.lastSnapshot()->runs.size(), trained.size());
  QCOMPARE(w.lastSnapshot()->state, RunnerState::Finished);

  // Every chart of the loss view has points, one series per run at least.
  for (int t = 0; t < int(w.views().size()); ++t) {
    w.tabs()->setCurrentIndex(t);
    if (!w.views()[t].title.startsWith("Loss")) continue;
    for (QChartView* cv : w.views()[t].view->chartViews()) {
      int withPoints = 0;
      for (QAbstractSeries* s : cv->chart()->series()) withPoints += pointCount(s) > 0;
      QVERIFY2(withPoints >= int(trained.size()), qPrintable(cv->chart()->title()));
    }
  }
  QVERIFY(w.statusText().contains("saved.normlab"));
}

void TestFileActions::damagedFileGivesAClearError_data() {
  QTest::addColumn<QString>("damage");
  QTest::addColumn<QString>("expected");  // in the message
  QTest::newRow("truncated") << "truncate" << "not valid JSON";
  QTest::newRow("wrong type") << "wrong-type" << "\"runs[0].step\" must be a whole number";
  QTest::newRow("unknown schema") << "schema" << "schema version 99";
  QTest::newRow("missing") << "missing" << "cannot open";
}

void TestFileActions::damagedFileGivesAClearError() {
  QFETCH(QString, damage);
  QFETCH(QString, expected);
  const QString good = dir_.filePath("good.normlab");
  {
    MainWindow w;
    QVERIFY(!trainAndSave(w, good).empty());
  }
  const QString bad = dir_.filePath("bad-" + damage + ".normlab");
  const QByteArray bytes = readAll(good);
  json j = json::parse(bytes.toStdString());
  if (damage == "truncate") QVERIFY(writeAll(bad, bytes.left(bytes.size() / 2)));
  if (damage == "wrong-type") {
    j["runs"][0]["step"] = "twelve";
    QVERIFY(writeAll(bad, QByteArray::fromStdString(j.dump())));
  }
  if (damage == "schema") {
    j["schema_version"] = 99;
    QVERIFY(writeAll(bad, QByteArray::fromStdString(j.dump())));
  }

  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  QVERIFY(!w.openExperimentFrom(bad));
  QCOMPARE(log_.warnings.size(), 1);
  QVERIFY2(log_.warnings[0].contains(expected), qPrintable(log_.warnings[0]));
  QVERIFY2(log_.warnings[0].contains("bad-" + damage + ".normlab"), qPrintable(log_.warnings[0]));
  QVERIFY(w.bannerVisible());
  QVERIFY(w.bannerText().contains(expected));
  QVERIFY(!w.showsOpenedFile());
  QCOMPARE(w.windowTitle(), QString("NormLab"));

  // The window still works: a run starts and finishes.
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  QCOMPARE(int(w.lastSnapshot()->runs.size()), 2);
  QVERIFY(!w.bannerVisible());  // starting cleared the old error
}

void TestFileActions::craftedFileKeepsTheOpenedExperiment_data() {
  QTest::addColumn<QString>("craft");
  for (const char* c : {"deep nesting", "repeated key", "text after a NUL", "huge number", "one run missing",
                        "arm out of range", "huge shape", "unordered histogram", "huge label"})
    QTest::newRow(c) << c;
}

// A file made to break the reader is refused with the CLI's message (the core's, with the path)
// and the window keeps showing the experiment it had open: nothing opens half.
void TestFileActions::craftedFileKeepsTheOpenedExperiment() {
  QFETCH(QString, craft);
  const QString good = dir_.filePath("kept.normlab");
  if (!QFile::exists(good)) {  // trained once for every row
    MainWindow w;
    QVERIFY(!trainAndSave(w, good).empty());
  }
  json j = json::parse(readAll(good).toStdString());
  std::string text;
  if (craft == "deep nesting") j["warning"] = "@@";
  if (craft == "repeated key") j["runs"][0]["label"] = "@@";
  if (craft == "huge number") j["runs"][0]["step"] = "@@";
  if (craft == "one run missing") j["runs"].erase(1);
  if (craft == "arm out of range") j["runs"][1]["arm"] = 5;
  if (craft == "huge shape") j["runs"][0]["model_layers"][0]["shape"] = json::array({65536, 65536, 2});
  if (craft == "unordered histogram") j["runs"][0]["probes"][0]["layers"][0]["hist_lo"] = 1e30;
  if (craft == "huge label") j["runs"][0]["label"] = std::string(1 << 20, 'L');
  text = j.dump();
  const auto at = text.find("\"@@\"");
  if (craft == "deep nesting") text.replace(at, 4, std::string(100000, '[') + std::string(100000, ']'));
  if (craft == "repeated key") text.replace(at, 4, "\"a\", \"label\": \"b\"");
  if (craft == "huge number") text.replace(at, 4, "1e999");
  if (craft == "text after a NUL") text += std::string(1, '\0') + "{}";
  const QString bad = dir_.filePath("crafted.normlab");
  QVERIFY(writeAll(bad, QByteArray::fromStdString(text)));
  std::string cliMessage;  // what normlab-cli export prints after "normlab-cli: "
  try {
    loadExperiment(bad.toStdString());
  } catch (const NormLabError& e) {
    cliMessage = e.what();
  }
  QVERIFY2(!cliMessage.empty() && cliMessage.size() < 400, cliMessage.c_str());

  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  QVERIFY(w.openExperimentFrom(good));
  const std::string shown = runsJson(w.lastSnapshot()->runs).dump();
  QVERIFY(!w.openExperimentFrom(bad));
  QCOMPARE(log_.warnings.size(), 1);
  QVERIFY2(log_.warnings[0].contains(QString::fromStdString(cliMessage)), qPrintable(log_.warnings[0]));
  QVERIFY(w.showsOpenedFile());
  QCOMPARE(w.windowTitle(), QString("kept.normlab[*] — NormLab"));
  QCOMPARE(runsJson(w.lastSnapshot()->runs).dump(), shown);
}

void TestFileActions::unwritablePathShowsTheReasonAndLeavesNoFile() {
  const QString path = dir_.filePath("no-such-folder/out.normlab");
  MainWindow w;
  QVERIFY(trainAndSave(w, path).empty());  // the save fails
  QCOMPARE(log_.warnings.size(), 1);
  QVERIFY2(log_.warnings[0].contains(path), qPrintable(log_.warnings[0]));
  QVERIFY2(log_.warnings[0].contains("No such file or directory"), qPrintable(log_.warnings[0]));
  QVERIFY(w.bannerText().contains(path));
  QVERIFY(!QFile::exists(path));
  QVERIFY(!QFile::exists(path + ".tmp"));
  QVERIFY(w.hasUnsavedResults());  // still unsaved, still in the window
  QCOMPARE(w.windowTitle(), QString("Untitled[*] — NormLab"));
  QVERIFY(RecentFiles::list().isEmpty());
}

void TestFileActions::recentFilesListUpdatesAndDropsMissingFiles() {
  const QString a = dir_.filePath("recent-a.normlab"), b = dir_.filePath("recent-b.normlab");
  MainWindow w;
  QVERIFY(!trainAndSave(w, a).empty());
  QVERIFY(w.saveExperimentTo(b));
  QCOMPARE(RecentFiles::list(), (QStringList{b, a}));
  QVERIFY(w.openExperimentFrom(a));  // opening moves it to the top
  QCOMPARE(RecentFiles::list(), (QStringList{a, b}));

  QVERIFY(QFile::remove(b));
  emit w.recentMenu()->aboutToShow();
  QCOMPARE(RecentFiles::list(), QStringList{a});
  QVERIFY(w.bannerText().contains("recent-b.normlab"));
  QStringList entries;
  for (QAction* action : w.recentMenu()->actions())
    if (!action->data().toString().isEmpty()) entries << action->data().toString();
  QCOMPARE(entries, QStringList{a});

  // A listed file that vanished before it was opened: an error, and it leaves the list.
  QVERIFY(QFile::remove(a));
  QVERIFY(!w.openExperimentFrom(a));
  QVERIFY(RecentFiles::list().isEmpty());
}

void TestFileActions::recentFilesKeepsEightNewestFirst() {
  for (int i = 0; i < 10; ++i) RecentFiles::add(dir_.filePath(QString("f%1.normlab").arg(i)));
  RecentFiles::add(dir_.filePath("f5.normlab"));  // again: moves to the top, listed once
  const QStringList files = RecentFiles::list();
  QCOMPARE(files.size(), kMaxRecentFiles);
  QCOMPARE(files.front(), dir_.filePath("f5.normlab"));
  QCOMPARE(files[1], dir_.filePath("f9.normlab"));
  // f9..f2 were kept (f0, f1 dropped); f5 moved up: 5 9 8 7 6 4 3 2.
  QCOMPARE(files.back(), dir_.filePath("f2.normlab"));
  QCOMPARE(files.count(dir_.filePath("f5.normlab")), 1);
}

void TestFileActions::runAgainReproducesIdenticalMetrics() {
  const QString path = dir_.filePath("again.normlab");
  const std::vector<RunRecord> first = [&] {
    MainWindow w;
    return trainAndSave(w, path);
  }();
  QVERIFY(!first.empty());

  // From the opened file: Run again trains from scratch and the curves come out the same.
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  QVERIFY(w.openExperimentFrom(path));
  QVERIFY(w.runAgainAction()->isEnabled());
  QVERIFY(runToEnd(w, [&] {
    w.runAgainAction()->trigger();
    QVERIFY(!w.showsOpenedFile());
  }));
  QCOMPARE(withoutTimings(runsJson(w.lastSnapshot()->runs)).dump(), withoutTimings(runsJson(first)).dump());
  QCOMPARE(w.windowTitle(), QString("Untitled[*] — NormLab"));  // new results, not the file's

  // And again from the trained results themselves (no file): the same again.
  log_.saveAnswer = QMessageBox::Discard;
  QVERIFY(runToEnd(w, [&] { w.runAgain(); }));
  QCOMPARE(log_.askedToSave, 1);  // the unsaved second run was asked about
  QCOMPARE(withoutTimings(runsJson(w.lastSnapshot()->runs)).dump(), withoutTimings(runsJson(first)).dump());
}

void TestFileActions::openedFileContinuesLikeOneLongerRun() {
  std::vector<RunRecord> straight;
  {
    MainWindow w;
    w.setPrompts(scriptedPrompts(&log_));
    ControlSettings longer = tinySettings();
    longer.steps = 24;
    w.controls()->setSettings(longer);
    QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
    straight = w.lastSnapshot()->runs;
  }
  const QString path = dir_.filePath("continue.normlab");
  {
    MainWindow w;
    QVERIFY(!trainAndSave(w, path).empty());  // 12 steps
    QCOMPARE(w.startAction()->text(), QString("Start"));  // trained here: Start begins anew
  }
  {
    // Editing the panel's settings withdraws the offer: Start trains the panel's settings.
    MainWindow edited;
    edited.setPrompts(scriptedPrompts(&log_));
    QVERIFY(edited.openExperimentFrom(path));
    QCOMPARE(edited.startAction()->text(), QString("Continue"));
    ControlSettings other = tinySettings();
    other.batchSize = 8;
    edited.controls()->setSettings(other);
    QVERIFY(!edited.canContinueOpened());
    QCOMPARE(edited.startAction()->text(), QString("Start"));
  }
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  QVERIFY(w.openExperimentFrom(path));
  QVERIFY(w.canContinueOpened());
  QCOMPARE(w.startAction()->text(), QString("Continue"));
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  QVERIFY(!w.showsOpenedFile());
  QCOMPARE(w.startAction()->text(), QString("Start"));
  QCOMPARE(w.lastSnapshot()->runs.front().step, std::int64_t(24));
  // Weights, optimizer state and every metric and probe as the straight 24-step run's.
  QCOMPARE(withoutTimings(runsJson(w.lastSnapshot()->runs)).dump(), withoutTimings(runsJson(straight)).dump());
  QVERIFY(log_.warnings.isEmpty());
}

void TestFileActions::olderFileSaysWhyItCannotContinue() {
  const QString path = dir_.filePath("old.normlab");
  {
    MainWindow w;
    QVERIFY(!trainAndSave(w, path).empty());
  }
  json j = json::parse(readAll(path).toStdString());
  j["schema_version"] = 1;
  for (json& run : j["runs"]) run.erase("training_state");
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
  f.write(QByteArray::fromStdString(j.dump()));
  f.close();
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  QVERIFY(w.openExperimentFrom(path));  // it opens
  QVERIFY(!w.canContinueOpened());
  QCOMPARE(w.startAction()->text(), QString("Start"));
  QVERIFY2(w.statusBar()->currentMessage().contains("cannot be continued: it was saved by an older NormLab"),
           qPrintable(w.statusBar()->currentMessage()));
}

void TestFileActions::configTheControlsCannotShowIsRunAsLoaded() {
  // Two replicate seeds: the side panel has one seed box.
  json config = experimentJson(tinySettings());
  config["train"].erase("seed");
  config["seeds"] = {3, 4};
  ExperimentResults saved;
  saved.config = parseExperimentConfig(config);
  const QString path = dir_.filePath("two-seeds.normlab");
  saveExperiment(path.toStdString(), saved);

  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  const ControlSettings before = w.controls()->settings();
  QVERIFY(w.openExperimentFrom(path));
  QVERIFY(!w.openedConfigInControls());
  QCOMPARE(w.windowTitle(), QString("two-seeds.normlab (loaded experiment)[*] — NormLab"));
  QVERIFY(w.bannerText().contains("Run again"));
  QCOMPARE(w.controls()->settings().seed, before.seed);  // the controls were left alone

  QVERIFY(runToEnd(w, [&] { w.runAgain(); }));  // the loaded config as it is: 2 arms x 2 seeds
  QCOMPARE(int(w.lastSnapshot()->runs.size()), 4);
  QCOMPARE(w.lastSnapshot()->runs.back().seed, std::uint64_t(4));
}

void TestFileActions::unsavedResultsAreAskedAbout() {
  const QString path = dir_.filePath("asked.normlab");
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  QVERIFY(w.close());  // nothing trained: closes without a question
  QCOMPARE(log_.askedToSave, 0);

  w.show();
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  QVERIFY(w.isWindowModified());
  log_.saveAnswer = QMessageBox::Cancel;
  QVERIFY(!w.close());  // Cancel keeps the window
  QCOMPARE(log_.askedToSave, 1);
  QVERIFY(w.isVisible());

  log_.saveAnswer = QMessageBox::Save;  // Save: asks for a path (Save As), then closes
  log_.saveAsPath = dir_.filePath("asked");  // the extension is added
  QVERIFY(w.close());
  QCOMPARE(log_.askedToSave, 2);
  QVERIFY(QFile::exists(path));
  QVERIFY(!w.isWindowModified());

  // Opening another file with unsaved results asks too; Cancel leaves everything as it was.
  w.show();
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  log_.saveAnswer = QMessageBox::Cancel;
  QVERIFY(!w.openExperimentFrom(path));
  QCOMPARE(log_.askedToSave, 3);
  QVERIFY(!w.showsOpenedFile());

  // Start and Reset would replace the finished run: they ask too, and Cancel keeps it.
  const std::uint64_t version = w.lastSnapshot()->version;
  w.startOrResume();
  QCOMPARE(log_.askedToSave, 4);
  w.resetExperiment();
  QCOMPARE(log_.askedToSave, 5);
  // The runner's next publication after every command given to it is the one asked for here:
  // nothing was started or reset (known without waiting for time to pass).
  const std::uint64_t ticket = w.runner().requestSnapshot();
  QVERIFY(QTest::qWaitFor([&] { return w.runner().snapshot()->request >= ticket; }, 60000));
  QCOMPARE(w.runner().snapshot()->state, RunnerState::Finished);
  QCOMPARE(w.runner().snapshot()->version, version + 1);
  QVERIFY(w.isWindowModified());
  log_.saveAnswer = QMessageBox::Discard;  // Discard: the new run goes ahead
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  QCOMPARE(log_.askedToSave, 6);
  QVERIFY(log_.warnings.isEmpty());
}

void TestFileActions::droppedExperimentFileOpens() {
  const QString path = dir_.filePath("dropped.normlab");
  {
    MainWindow w;
    w.setPrompts(scriptedPrompts(&log_));
    QVERIFY(!trainAndSave(w, path).empty());
  }
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  auto dragEnter = [&](const QList<QUrl>& urls) {
    QMimeData data;
    data.setUrls(urls);
    QDragEnterEvent enter(QPoint(200, 200), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    return enter.isAccepted();
  };
  // Any one local path is taken; one that cannot be used is refused on the drop, saying why
  // (test_image_picker). Several paths and remote ones are refused at once.
  QVERIFY(dragEnter({QUrl::fromLocalFile(dir_.filePath("notes.txt"))}));
  QVERIFY(!dragEnter({QUrl::fromLocalFile(path), QUrl::fromLocalFile(path)}));
  QVERIFY(!dragEnter({QUrl("https://example.org/run.normlab")}));
  QVERIFY(dragEnter({QUrl::fromLocalFile(path)}));

  QMimeData data;
  data.setUrls({QUrl::fromLocalFile(path)});
  QDropEvent drop(QPointF(200, 200), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&w, &drop);
  QVERIFY(QTest::qWaitFor([&] { return w.showsOpenedFile(); }, 5000));
  QVERIFY(w.windowTitle().contains("dropped"));

  // A damaged file dropped gives the same clear message as File > Open, and the window goes on.
  const QString bad = dir_.filePath("bad.normlab");
  QFile f(bad);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("{\"format\": ");
  f.close();
  QVERIFY(dragEnter({QUrl::fromLocalFile(bad)}));  // Qt delivers a drop to where the drag entered
  QMimeData badData;
  badData.setUrls({QUrl::fromLocalFile(bad)});
  QDropEvent badDrop(QPointF(200, 200), Qt::CopyAction, &badData, Qt::LeftButton, Qt::NoModifier);
  QApplication::sendEvent(&w, &badDrop);
  QVERIFY(QTest::qWaitFor([&] { return !log_.warnings.isEmpty(); }, 5000));
  QVERIFY2(log_.warnings.first().contains("bad.normlab"), qPrintable(log_.warnings.first()));
  QVERIFY(w.showsOpenedFile());  // the file shown before stays
}

void TestFileActions::chartContextMenuOffersExportAndCopy() {
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.show();
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  int charts = 0;
  for (int t = 0; t < int(w.views().size()); ++t) {
    w.tabs()->setCurrentIndex(t);
    for (QChartView* cv : w.views()[t].view->chartViews()) {
      ++charts;
      QCOMPARE(cv->contextMenuPolicy(), Qt::CustomContextMenu);
      std::unique_ptr<QMenu> menu(w.createChartMenu(cv, &w));
      QStringList texts;
      for (QAction* a : menu->actions()) texts << a->text();
      QVERIFY2(texts.contains("Export Chart…") && texts.contains("Copy Chart"), qPrintable(texts.join(", ")));
    }
  }
  QVERIFY(charts >= 3);

  // Copy Chart puts the picture (2x) on the clipboard.
  QApplication::clipboard()->clear();
  w.tabs()->setCurrentIndex(0);
  QChartView* first = w.views()[0].view->chartViews().front();
  std::unique_ptr<QMenu> menu(w.createChartMenu(first, &w));
  for (QAction* a : menu->actions())
    if (a->text() == "Copy Chart") a->trigger();
  QCOMPARE(QApplication::clipboard()->image().size(), 2 * first->size());
}

void TestFileActions::exportDialogDefaultsToPngAtTwiceTheSize() {
  {
    ExportDialog d("Export chart", "loss");
    const ExportRequest r = d.request();
    QCOMPARE(r.format, ChartFormat::Png);
    QCOMPARE(r.scale, 2.0);
    QVERIFY2(r.path.endsWith("/loss.png"), qPrintable(r.path));
    d.formatBox()->setCurrentIndex(d.formatBox()->findData("svg"));
    QVERIFY(d.request().path.endsWith("/loss.svg"));  // the extension follows the format
    QVERIFY(!d.scaleBox()->isEnabled());              // scale is for PNG only
    d.scaleBox()->setCurrentIndex(d.scaleBox()->findData(4));
    d.pathEdit()->setText(dir_.filePath("figures/loss.svg"));
    d.remember();
  }
  ExportDialog again("Export chart", "accuracy");  // remembered: format, scale and folder
  QCOMPARE(again.request().format, ChartFormat::Svg);
  QCOMPARE(again.request().scale, 4.0);
  QCOMPARE(again.request().path, dir_.filePath("figures/accuracy.svg"));
}

void TestFileActions::exportChartWritesAPngAtTwiceTheSizeByDefault() {
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.resize(1200, 800);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QVERIFY(!w.exportChartAction()->isEnabled());  // nothing to export before a run
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  QVERIFY(w.exportChartAction()->isEnabled());
  w.tabs()->setCurrentIndex(0);
  QChartView* first = w.views()[0].view->chartViews().front();

  // The real dialog's defaults, with only the path chosen.
  QString askedStem, written;
  UserPrompts prompts = scriptedPrompts(&log_);
  prompts.exportOptions = [&](QWidget* parent, const QString& caption, const QString& stem, ExportRequest* r) {
    askedStem = stem;
    ExportDialog d(caption, stem, parent);
    *r = d.request();
    r->path = written = dir_.filePath(stem + "-default.png");
    return true;
  };
  w.setPrompts(prompts);
  w.exportChartAction()->trigger();
  QCOMPARE(askedStem, chartFileStem(first->chart()->title()));  // the first chart of the tab
  QVERIFY(log_.warnings.isEmpty());
  const QImage image(written);
  QVERIFY2(!image.isNull(), qPrintable(written));
  QCOMPARE(image.size(), 2 * first->size());  // 2x the on-screen size (the caption inside it)
}

void TestFileActions::exportFigureAndDataWriteTheirFiles() {
  MainWindow w;
  UserPrompts prompts = scriptedPrompts(&log_);
  prompts.exportOptions = [&](QWidget*, const QString&, const QString& stem, ExportRequest* r) {
    r->format = ChartFormat::Svg;
    r->path = dir_.filePath(stem + "-figure");  // no extension: the format's is added
    return true;
  };
  prompts.directory = [&](QWidget*, const QString&, const QString&) { return dir_.filePath("data-out"); };
  w.setPrompts(prompts);
  w.show();
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  w.tabs()->setCurrentIndex(0);
  w.exportFigureAction()->trigger();
  const QString svg = dir_.filePath(chartFileStem(w.views()[0].title) + "-figure.svg");
  QVERIFY2(readAll(svg).contains("<svg"), qPrintable(svg));
  w.exportDataAction()->trigger();
  QVERIFY(readAll(dir_.filePath("data-out/metrics.csv")).startsWith("arm"));
  QVERIFY(QFile::exists(dir_.filePath("data-out/summary.json")));
  QVERIFY(QFile::exists(dir_.filePath("data-out/experiment.normlab")));
  QVERIFY2(log_.warnings.isEmpty(), qPrintable(log_.warnings.join("\n")));

  // A folder that cannot be created: the message names it.
  QVERIFY(writeAll(dir_.filePath("a-file"), "x"));
  prompts.directory = [&](QWidget*, const QString&, const QString&) { return dir_.filePath("a-file/data"); };
  w.setPrompts(prompts);
  w.exportDataAction()->trigger();
  QCOMPARE(log_.warnings.size(), 1);
  QVERIFY2(log_.warnings[0].contains(dir_.filePath("a-file/data")), qPrintable(log_.warnings[0]));
  QVERIFY(w.hasUnsavedResults());  // the results stay in the window, still unsaved
  QVERIFY(w.windowTitle().startsWith("Untitled[*]"));

  // A folder holding other files: refused (the set replaces a folder whole), the dialog names
  // the folder and the file, the earlier export in it is left as it was.
  QVERIFY(writeAll(dir_.filePath("data-out/notes.txt"), "mine"));
  const QByteArray before = readAll(dir_.filePath("data-out/metrics.csv"));
  prompts.directory = [&](QWidget*, const QString&, const QString&) { return dir_.filePath("data-out"); };
  w.setPrompts(prompts);
  w.exportDataAction()->trigger();
  QCOMPARE(log_.warnings.size(), 2);
  QVERIFY2(log_.warnings[1].contains(dir_.filePath("data-out")) && log_.warnings[1].contains("notes.txt"),
           qPrintable(log_.warnings[1]));
  QCOMPARE(readAll(dir_.filePath("data-out/metrics.csv")), before);
  QVERIFY(w.hasUnsavedResults());
}

void TestFileActions::unwritableExportPathShowsTheReason() {
  MainWindow w;
  const QString path = dir_.filePath("missing-folder/loss.png");
  UserPrompts prompts = scriptedPrompts(&log_);
  prompts.exportOptions = [&](QWidget*, const QString&, const QString&, ExportRequest* r) {
    r->path = path;
    return true;
  };
  w.setPrompts(prompts);
  w.show();
  w.controls()->setSettings(tinySettings());
  QVERIFY(runToEnd(w, [&] { w.startOrResume(); }));
  w.exportChartAction()->trigger();
  QCOMPARE(log_.warnings.size(), 1);
  QVERIFY2(log_.warnings[0].contains(path), qPrintable(log_.warnings[0]));
  QVERIFY(!QFile::exists(path));
  QVERIFY(w.bannerVisible());
}

// For a person to look at: the window with the File menu open (after opening a saved file) and the
// export dialog, in $NORMLAB_SCREENSHOT_DIR (default ./screenshots).
void TestFileActions::screenshots() {
  const QString out = qEnvironmentVariable("NORMLAB_SCREENSHOT_DIR", "screenshots");
  QVERIFY(QDir().mkpath(out));
  const QString path = dir_.filePath("fashion-norms.normlab");
  {
    MainWindow trainer;
    QVERIFY(!trainAndSave(trainer, path).empty());
  }
  MainWindow w;
  w.setPrompts(scriptedPrompts(&log_));
  w.resize(1366, 820);
  w.show();
  QVERIFY(QTest::qWaitForWindowExposed(&w));
  QVERIFY(w.openExperimentFrom(path));
  QMenu* menu = w.fileMenu();
  menu->popup(w.menuBar()->mapToGlobal(w.menuBar()->actionGeometry(menu->menuAction()).bottomLeft()));
  QVERIFY(QTest::qWaitForWindowExposed(menu));
  QPixmap shot = w.grab();
  {
    QPainter painter(&shot);
    painter.drawPixmap(w.mapFromGlobal(menu->pos()), menu->grab());
  }
  QVERIFY(shot.save(out + "/file_menu.png"));
  menu->hide();

  ExportDialog dialog("Export chart", "loss", &w);
  dialog.show();
  QVERIFY(QTest::qWaitForWindowExposed(&dialog));
  QVERIFY(dialog.grab().save(out + "/export_dialog.png"));
}

QTEST_MAIN(TestFileActions)
#include "test_file_actions.moc"
