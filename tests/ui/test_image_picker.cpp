// The class's own images in the window (issue 17, section 2): the side panel's "Image folder…"
// picker shows the folder's classes, thumbnails and image counts; a folder dropped on the window
// selects it and a file is refused, saying why; Start reads the folder on the runner's thread with
// a progress bar that can cancel; bad files are named and can be skipped; the panel's image
// settings survive a config and the stored settings.
#include <QCheckBox>
#include <QComboBox>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <climits>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/data/image_folder.h"
#include "support/discarding_prompts.h"
#include "support/hang_guard.h"
#include "support/window_waits.h"
#include "support/shape_images.h"
#include "ui/images/qt_image_decoder.h"
#include "ui/window/control_panel.h"
#include "ui/window/dataset_strip.h"
#include "ui/window/load_progress_bar.h"
#include "ui/window/main_window.h"
#include "ui/window/settings_from_config.h"

using namespace normlab;
using test::kHangGuardMs;
using test::waitForState;

namespace {

// A short run of the tiny model on a folder of images.
ControlSettings imageSettings(const QString& folder) {
  ControlSettings s;
  s.dataset = "images";
  s.dataPath = folder.toStdString();
  s.preset = "tiny";
  s.norms = {NormKind::Batch};
  s.batchSize = 16;
  s.steps = 10;
  s.evalEvery = 5;
  s.probeEvery = 5;
  return s;
}

// Decodes with Qt, but once closed holds the decoding thread before its next image until opened
// again: the test looks at the window while a read is under way, without timing anything.
class Gate {
 public:
  DecodedImage decode(const std::string& path) {
    {
      std::unique_lock lock(mutex_);
      const int call = ++calls_;
      changed_.wait(lock, [&] { return call <= openFor_; });
    }
    return decodeImageWithQt(path);
  }
  // Lets `n` more images through, then holds.
  void closeAfter(int n) {
    const std::lock_guard lock(mutex_);
    openFor_ = calls_ + n;
  }
  void open() {
    {
      const std::lock_guard lock(mutex_);
      openFor_ = INT_MAX;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  int calls_ = 0, openFor_ = INT_MAX;
};

bool waitForThumbnails(const ControlPanel& panel, int count) {
  return QTest::qWaitFor([&] { return panel.datasetStrip()->thumbnailCount() == count; }, kHangGuardMs);
}

QStringList stripTexts(const DatasetStrip* strip) {
  QStringList texts;
  for (const QLabel* l : strip->findChildren<QLabel*>()) texts << l->text();
  return texts;
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

// A drag of `path` entering the window and dropped on it.
void dropOn(QWidget& w, const QString& path) {
  QMimeData data;
  data.setUrls({QUrl::fromLocalFile(path)});
  QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(&w, &enter);
  QVERIFY(enter.isAccepted());
  QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
  QCoreApplication::sendEvent(&w, &drop);
}

}  // namespace

class TestImagePicker : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString split_;   // train/ and test/, three classes: 60 + 20 images each
  QString single_;  // one folder of three classes, 10 images each

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("NormLabTest");
    QCoreApplication::setApplicationName("test_image_picker");
    installQtImageDecoder();
    QVERIFY(dir_.isValid());
    split_ = dir_.filePath("shapes");
    test::writeShapeSplit(split_, "train", 60);
    test::writeShapeSplit(split_, "test", 20, 3, 1000);
    single_ = dir_.filePath("single");
    test::writeShapeSplit(single_, "", 10);
  }

  void init() {
    QSettings().clear();
    installQtImageDecoder();
  }

  // "Image folder…" asks for the folder, then the strip shows one thumbnail per class with the
  // class names, the image count of each split, and the size and channel choices.
  void pickerShowsClassesThumbnailsAndCounts() {
    ControlPanel panel;
    int asked = 0;
    panel.setFolderPrompt([&](QWidget*, const QString&, const QString&) {
      ++asked;
      return split_;
    });
    panel.datasetBox()->setCurrentIndex(panel.datasetBox()->findData("images"));
    QCOMPARE(asked, 1);
    QVERIFY(waitForThumbnails(panel, 3));
    const QStringList texts = stripTexts(panel.datasetStrip());
    for (const char* name : {"circle", "cross", "square"}) QVERIFY2(texts.contains(name), qPrintable(texts.join(" | ")));
    QVERIFY2(panel.datasetStrip()->message().contains("180 training and 60 test images, 3 classes"),
             qPrintable(panel.datasetStrip()->message()));
    const ControlSettings s = panel.settings();
    QCOMPARE(s.dataset, std::string("images"));
    QCOMPARE(s.dataPath, split_.toStdString());
    QCOMPARE(s.imageTestFraction, 0.0);  // train/ and test/ are there
    QVERIFY(panel.imageSizeBox()->isVisibleTo(&panel));
    QVERIFY(panel.imageChannelsBox()->isVisibleTo(&panel));
    QVERIFY(!panel.skipBadImagesBox()->isVisibleTo(&panel));  // nothing bad in it
    // One folder of classes: a fifth of each class is held out, and the strip says so.
    panel.selectImageFolder(single_);
    QVERIFY(QTest::qWaitFor([&] { return panel.datasetStrip()->message().contains("24 training and 6 test"); }, kHangGuardMs));
    QVERIFY(panel.datasetStrip()->message().contains("20%"));
    QCOMPARE(panel.settings().imageTestFraction, 0.2);
    QCOMPARE(panel.datasetStrip()->thumbnailCount(), 3);
  }

  // A folder dropped on the window becomes the image folder; a file is refused with a message
  // naming it, and the settings stay as they were.
  void dropSelectsAFolderAndRefusesAFile() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    dropOn(w, split_);
    QVERIFY(QTest::qWaitFor([&] { return w.controls()->settings().dataset == "images"; }, kHangGuardMs));
    QCOMPARE(w.controls()->settings().dataPath, split_.toStdString());
    QVERIFY(waitForThumbnails(*w.controls(), 3));
    const QString file = split_ + "/train/circle/0.png";
    dropOn(w, file);
    QVERIFY(QTest::qWaitFor([&] { return w.bannerVisible(); }, kHangGuardMs));
    QVERIFY2(w.bannerText().contains(file) && w.bannerText().contains("drop a folder of images"), qPrintable(w.bannerText()));
    QCOMPARE(w.controls()->settings().dataPath, split_.toStdString());
  }

  // Start reads the folder on the runner's thread: while a read is held halfway, the window runs
  // its event loop and shows how far it is; Cancel stops the reading and nothing trains. Then a
  // read that is let through trains.
  void startShowsReadingProgressAndCancels() {
    auto gate = std::make_shared<Gate>();
    setImageDecoder([gate](const std::string& path) { return gate->decode(path); });
    MainWindow w;
    // A failed check returns at once: the gate opens before the window (its runner) goes.
    const std::unique_ptr<Gate, void (*)(Gate*)> openAtEnd(gate.get(), [](Gate* g) { g->open(); });
    w.setPrompts(discardingPrompts());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.controls()->setSettings(imageSettings(split_));
    QVERIFY(waitForThumbnails(*w.controls(), 3));
    gate->closeAfter(70);  // progress is reported at 0, 32 and 64 images read, then the read holds
    w.startOrResume();
    LoadProgressBar* bar = w.loadProgressBar();
    QVERIFY(QTest::qWaitFor(
        [&] {
          w.pullSnapshot();
          return w.lastSnapshot() && w.lastSnapshot()->imagesRead == 64 && bar->isVisible();
        },
        kHangGuardMs));
    QCOMPARE(w.lastSnapshot()->imagesToRead, std::int64_t(240));
    QCOMPARE(bar->bar()->value(), 64 * 1000 / 240);
    QVERIFY2(bar->text().contains("64") && bar->text().contains("240"), qPrintable(bar->text()));
    QVERIFY(w.controls()->locked());
    QTest::mouseClick(bar->cancelButton(), Qt::LeftButton);
    gate->open();
    QVERIFY(waitForState(w, RunnerState::Idle));
    QVERIFY(!bar->isVisible());
    QVERIFY(!w.controls()->locked());
    QVERIFY(w.lastSnapshot()->runs.empty());
    w.startOrResume();
    QVERIFY(waitForState(w, RunnerState::Finished));
    QVERIFY(!bar->isVisible());
    QCOMPARE(w.lastSnapshot()->runs.size(), std::size_t(1));
    installQtImageDecoder();
  }

  // A file that is not an image is named in the strip and "Skip bad images" is offered; without
  // it Start fails naming the file, with it training goes on and the banner counts what was left
  // out. A corrupt image the preview did not see is offered the same way once Start meets it.
  void badFilesAreNamedAndCanBeSkipped() {
    const QString root = dir_.filePath("bad");
    test::writeShapeSplit(root, "train", 20, 2);
    test::writeShapeSplit(root, "test", 5, 2, 1000);
    writeBytes(root + "/train/circle/notes.txt", "not pixels");
    writeBytes(root + "/train/square/zz.png", QByteArray(300, 'z'));  // sorted last: the preview decodes 0.png
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    ControlPanel* panel = w.controls();
    panel->setSettings(imageSettings(root));
    QVERIFY(QTest::qWaitFor([&] { return panel->datasetStrip()->badFiles() > 0; }, kHangGuardMs));
    QVERIFY2(panel->datasetStrip()->message().contains("notes.txt"), qPrintable(panel->datasetStrip()->message()));
    QVERIFY(panel->skipBadImagesBox()->isVisibleTo(panel));
    w.startOrResume();
    QVERIFY(waitForState(w, RunnerState::Failed));
    QVERIFY2(w.bannerText().contains(root + "/train/circle/notes.txt"), qPrintable(w.bannerText()));
    panel->skipBadImagesBox()->setChecked(true);
    w.startOrResume();
    QVERIFY(waitForState(w, RunnerState::Finished));
    QVERIFY2(w.bannerText().contains("skipped 2 unreadable images"), qPrintable(w.bannerText()));

    const QString corrupt = dir_.filePath("corrupt");
    test::writeShapeSplit(corrupt, "train", 20, 2);
    test::writeShapeSplit(corrupt, "test", 5, 2, 1000);
    writeBytes(corrupt + "/train/square/zz.png", QByteArray(300, 'z'));
    w.resetExperiment();
    QVERIFY(waitForState(w, RunnerState::Idle));
    panel->setSettings(imageSettings(corrupt));
    QVERIFY(waitForThumbnails(*panel, 2));
    QVERIFY(!panel->skipBadImagesBox()->isVisibleTo(panel));
    w.startOrResume();
    QVERIFY(waitForState(w, RunnerState::Failed));
    QVERIFY2(w.bannerText().contains("zz.png"), qPrintable(w.bannerText()));
    QVERIFY(panel->skipBadImagesBox()->isVisibleTo(panel));
  }

  // The image settings go into the config, come back from it (as when a saved experiment is
  // opened) and from the stored settings.
  void panelRoundTripsThroughAConfig() {
    ControlSettings s = imageSettings(single_);
    s.imageTestFraction = 0.25;
    s.skipBadImages = true;
    const ExperimentConfig config = buildExperiment(s);
    QCOMPARE(config.data.name, std::string("images"));
    QCOMPARE(config.data.path, single_.toStdString());
    QCOMPARE(config.data.images.testFraction, 0.25);
    QVERIFY(config.data.images.skipBadImages);
    const ExperimentConfig reread = parseExperimentConfig(toJson(config).dump());
    const std::optional<ControlSettings> back = settingsForConfig(reread, ControlSettings{});
    QVERIFY(back.has_value());
    ControlPanel panel;
    panel.setSettings(*back);
    const ControlSettings shown = panel.settings();
    QCOMPARE(shown.dataset, std::string("images"));
    QCOMPARE(shown.dataPath, single_.toStdString());
    QCOMPARE(shown.imageSize, 28);
    QCOMPARE(shown.imageChannels, 1);
    QCOMPARE(shown.imageTestFraction, 0.25);
    QVERIFY(shown.skipBadImages);
    QVERIFY(panel.skipBadImagesBox()->isVisibleTo(&panel));  // ticked: shown
    QVERIFY(sameConfig(buildExperiment(shown), config));
    // A size and channel count the panel sets reach the config.
    panel.imageSizeBox()->setValue(32);
    panel.imageChannelsBox()->setCurrentIndex(panel.imageChannelsBox()->findData(3));
    QCOMPARE(experimentJson(panel.settings())["dataset"]["size"].get<int>(), 32);
    QCOMPARE(experimentJson(panel.settings())["dataset"]["channels"].get<int>(), 3);
    {
      QSettings store;
      panel.saveTo(store);
    }
    ControlPanel again;
    again.loadFrom(QSettings());
    const ControlSettings restored = again.settings();
    QCOMPARE(restored.dataPath, single_.toStdString());
    QCOMPARE(restored.imageSize, 32);
    QCOMPARE(restored.imageChannels, 3);
    QCOMPARE(restored.imageTestFraction, 0.25);
    QVERIFY(restored.skipBadImages);
  }
};

QTEST_MAIN(TestImagePicker)
#include "test_image_picker.moc"
