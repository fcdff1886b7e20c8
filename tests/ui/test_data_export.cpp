// Data export (the window's "Export data..."): every data file written into a new folder, the
// saved experiment reopens with the same runs, an unwritable folder gives a message, not a
// crash, and a folder holding other files is refused with the previous set left as it was.
#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"
#include "ui/export/data_export.h"

using namespace normlab;

namespace {
QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
}  // namespace

class TestDataExport : public QObject {
  Q_OBJECT
  ExperimentResults results_;
  QTemporaryDir dir_;

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 100, "test": 20},
        "model": "tiny", "train": {"steps": 6, "batch_size": 10}, "arms": [{"norm": "batch"}, {"norm": "group", "groups": 2}],
        "probe_every": 3})"), 1);
    e.prepare();
    while (e.advance()) {
    }
    results_ = snapshotResults(e);
  }

  void writesEveryFile() {
    const QString out = dir_.filePath("new/folder");
    QStringList written;
    QCOMPARE(exportData(results_, out, &written), QString());
    const QSet<QString> expected = {"metrics.csv", "layers.csv", "histograms.csv", "runs.csv", "results.csv",
                                    "histograms.json", "summary.json", "experiment.normlab"};
    const QStringList files = QDir(out).entryList(QDir::Files);
    QCOMPARE(QSet<QString>(files.begin(), files.end()), expected);
    QCOMPARE(written.size(), expected.size());
    for (const QString& path : written) QVERIFY2(QFile::exists(path), qPrintable(path));
    const ExperimentResults reopened = loadExperiment(QDir(out).filePath("experiment.normlab").toStdString());
    QCOMPARE(reopened.runs.size(), results_.runs.size());
    QCOMPARE(reopened.runs[1].label, std::string("group"));
    // The results table's rows, one per arm, are exported with the data.
    QCOMPARE(readAll(QDir(out).filePath("results.csv")), QByteArray::fromStdString(resultsCsv(results_)));
    // Exporting again replaces the files.
    QCOMPARE(exportData(results_, out), QString());
  }

  void unwritableFolderGivesMessage() {
    const QString blocker = dir_.filePath("plain-file");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    QStringList written = {"stale"};
    const QString error = exportData(results_, blocker + "/out", &written);
    QVERIFY2(error.startsWith("cannot write to '" + blocker + "/out': "), qPrintable(error));
    QCOMPARE(written, QStringList{"stale"});  // untouched on failure
  }

  // The set replaces the folder's contents as a whole, so a folder with other files is refused:
  // the message names the folder and the file, nothing in it changes, no staging folder is left.
  void folderWithOtherFilesIsRefused() {
    const QString out = dir_.filePath("shared");
    QCOMPARE(exportData(results_, out), QString());
    const QByteArray before = readAll(QDir(out).filePath("metrics.csv"));
    QFile mine(QDir(out).filePath("mine.txt"));
    QVERIFY(mine.open(QIODevice::WriteOnly));
    mine.write("keep me");
    mine.close();
    QStringList written;
    const QString error = exportData(results_, out, &written);
    QVERIFY2(error.startsWith("cannot write to '" + out + "': it holds 'mine.txt'"), qPrintable(error));
    QVERIFY(written.isEmpty());
    QCOMPARE(readAll(QDir(out).filePath("mine.txt")), QByteArray("keep me"));
    QCOMPARE(readAll(QDir(out).filePath("metrics.csv")), before);
    QCOMPARE(QDir(out).entryList(QDir::Files | QDir::Hidden).size(), 9);  // the 8 files and mine.txt
    QVERIFY(!QFile::exists(dir_.filePath(".shared.normlab-tmp")));
  }
};

QTEST_MAIN(TestDataExport)
#include "test_data_export.moc"
