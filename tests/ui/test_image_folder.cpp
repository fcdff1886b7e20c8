// The class's own images (issue 17, section 2): an ImageFolder-style folder of generated shapes
// trains well above chance; resizing and colour conversion hand-checked; every bad input (corrupt,
// truncated, empty, not an image, empty class, test class missing from train, one class) is a
// clear error naming the file or folder, or with skip_bad_images a counted warning.
#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>

#include "core/base/error.h"
#include "core/data/data_config.h"
#include "core/data/image_folder.h"
#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "core/experiment/memory_estimate.h"
#include "ui/images/qt_image_decoder.h"
#include "support/shape_images.h"

using namespace normlab;
using test::shapeImage;
using test::writeShapeSplit;

namespace {

std::string loadError(const std::string& configJson) {
  try {
    loadData(parseDataConfig(nlohmann::json::parse(configJson)), 1);
  } catch (const NormLabError& e) {
    return e.what();
  }
  return "(no error)";
}

std::string imagesConfig(const QString& path, const std::string& extra = "") {
  return R"({"name": "images", "path": ")" + path.toStdString() + R"(", "size": 28, "channels": 1)" + extra + "}";
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write(bytes);
}

}  // namespace

class TestImageFolder : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString good_;  // train/ and test/, three classes

 private slots:
  void initTestCase() {
    installQtImageDecoder();
    QVERIFY(dir_.isValid());
    good_ = dir_.filePath("shapes");
    writeShapeSplit(good_, "train", 60);
    writeShapeSplit(good_, "test", 20, 3, 1000);
  }

  // Hand-computed: a 2 x 2 gray image to 1 x 1 is its mean; a 4 x 2 image keeps its centre
  // 2 x 2; RGB to gray is BT.601 luma; gray to RGB repeats it; enlarging a constant stays constant.
  void fitImageByHand() {
    DecodedImage g{2, 2, 1, {0, 100, 200, 100}};
    QCOMPARE(fitImage(g, 1, 1), std::vector<std::uint8_t>{100});  // (0 + 100 + 200 + 100) / 4
    DecodedImage wide{4, 2, 1, {9, 10, 20, 9, 9, 30, 40, 9}};
    QCOMPARE(fitImage(wide, 2, 1), (std::vector<std::uint8_t>{10, 20, 30, 40}));  // columns 1-2
    DecodedImage rgb{1, 1, 3, {255, 0, 0}};
    QCOMPARE(fitImage(rgb, 1, 1), std::vector<std::uint8_t>{76});  // 0.299 * 255 = 76.2
    QCOMPARE(fitImage(rgb, 1, 3), (std::vector<std::uint8_t>{255, 0, 0}));
    DecodedImage one{1, 1, 1, {77}};
    QCOMPARE(fitImage(one, 2, 3), std::vector<std::uint8_t>(12, 77));
    // Enlarging 2 -> 4 (bilinear, centres aligned): 0, 25%, 75%, 100% of the way.
    DecodedImage rampSquare{2, 2, 1, {0, 200, 0, 200}};
    const std::vector<std::uint8_t> up = fitImage(rampSquare, 4, 1);
    QCOMPARE(std::vector<std::uint8_t>(up.begin(), up.begin() + 4), (std::vector<std::uint8_t>{0, 50, 150, 200}));
  }

  void listsClassesSortedAndFilesByFormat() {
    ImageFolderConfig c;
    c.path = good_.toStdString();
    const ImageFolderListing l = listImageFolder(c, 1);
    QCOMPARE(l.classNames, (std::vector<std::string>{"circle", "cross", "square"}));  // sorted folder names
    QCOMPARE(l.train.size(), std::size_t(180));
    QCOMPARE(l.test.size(), std::size_t(60));
    // validate's memory estimate counts the folder's images at their trained size.
    const DataConfig data = parseDataConfig(nlohmann::json::parse(imagesConfig(good_)));
    const auto size = expectedDatasetSize(data);
    QVERIFY(size.has_value());
    QCOMPARE(size->images, std::int64_t(240));
  }

  // Three shape classes, 28 x 28 gray from 40 x 32 colour PNG, JPEG and BMP files: the tiny network
  // learns them far above chance (1/3).
  void trainsWellAboveChance() {
    const std::string config = R"({"dataset": )" + imagesConfig(good_) + R"(, "model": "tiny",
        "train": {"lr": 0.05, "momentum": 0.9, "batch_size": 16, "epochs": 8, "seed": 1},
        "arms": [{"label": "BN", "norm": "batch"}]})";
    Experiment e(parseExperimentConfig(config), 2);
    e.prepare();
    while (e.advance()) {
    }
    const ExperimentResults r = snapshotResults(e);
    QCOMPARE(r.runs.size(), std::size_t(1));
    QVERIFY2(r.runs[0].finalTestAccuracy > 0.8, qPrintable(QString::number(r.runs[0].finalTestAccuracy)));
  }

  void rgbImagesHaveThreeChannels() {
    const LoadedData d = loadData(parseDataConfig(nlohmann::json::parse(
                                      R"({"name": "images", "path": ")" + good_.toStdString() + R"(", "size": 16, "channels": 3})")),
                                  1);
    QCOMPARE(d.dataset.train.shape, (Shape{3, 16, 16}));
    QCOMPARE(d.dataset.classNames.size(), std::size_t(3));
  }

  // One folder of classes split by the seed: the same seed the same split, each class keeps
  // training images, about the asked fraction is held out.
  void testFractionSplitsBySeed() {
    const QString one = dir_.filePath("single");
    writeShapeSplit(one, "", 10);
    ImageFolderConfig c;
    c.path = one.toStdString();
    c.testFraction = 0.3;
    const ImageFolderListing a = listImageFolder(c, 1), b = listImageFolder(c, 1), other = listImageFolder(c, 2);
    QCOMPARE(a.test.size(), std::size_t(9));  // 3 of 10 per class
    QCOMPARE(a.train.size(), std::size_t(21));
    auto paths = [](const ImageFolderListing& l) {
      std::vector<std::string> p;
      for (const auto& i : l.test) p.push_back(i.path);
      return p;
    };
    QCOMPARE(paths(a), paths(b));
    QVERIFY(paths(a) != paths(other));
    // A folder with train/ and test/ does not take a test fraction.
    c.path = good_.toStdString();
    QVERIFY_THROWS_EXCEPTION(NormLabError, listImageFolder(c, 1));
  }

  void badInputsNameTheFile_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("expected");  // a part of the message
    QTest::newRow("corrupt") << "corrupt" << "bad.png";
    QTest::newRow("truncated") << "truncated" << "half.png";
    QTest::newRow("zero bytes") << "empty" << "empty (0 bytes)";
    QTest::newRow("not an image") << "text" << "notes.txt' is not an image";
    QTest::newRow("empty class") << "emptyclass" << "has no images";
    QTest::newRow("test class not in train") << "testonly" << "has no training folder";
    QTest::newRow("one class") << "oneclass" << "at least two";
    QTest::newRow("no test folder") << "notest" << "needs train/ and test/";
  }

  void badInputsNameTheFile() {
    QFETCH(QString, what);
    QFETCH(QString, expected);
    const QString root = dir_.filePath("bad-" + what);
    if (what == "oneclass") {
      writeShapeSplit(root, "train", 3, 1);
      writeShapeSplit(root, "test", 2, 1);
    } else {
      writeShapeSplit(root, "train", 3, 2);
      if (what != "notest") writeShapeSplit(root, "test", 2, 2);
    }
    QByteArray png;
    {
      QBuffer buffer(&png);
      buffer.open(QIODevice::WriteOnly);
      shapeImage(0, 0).save(&buffer, "PNG");
    }
    const QString cls = root + "/train/circle/";
    if (what == "corrupt") writeBytes(cls + "bad.png", png.left(16) + QByteArray(400, 'x'));
    if (what == "truncated") writeBytes(cls + "half.png", png.left(png.size() / 2));
    if (what == "empty") writeBytes(cls + "zero.png", QByteArray());
    if (what == "text") writeBytes(cls + "notes.txt", "these are not pixels");
    if (what == "emptyclass") QVERIFY(QDir().mkpath(root + "/train/triangle"));
    if (what == "testonly") writeShapeSplit(root, "test", 1, 3);  // "cross" only in test
    const std::string message = loadError(imagesConfig(root));
    QVERIFY2(QString::fromStdString(message).contains(expected), message.c_str());
    // The message names the file or the folder it is about.
    QVERIFY2(QString::fromStdString(message).contains(root), message.c_str());
    QVERIFY2(message.size() < 600, message.c_str());
  }

  // skip_bad_images: unreadable images and other files are left out and counted in a warning.
  void skipBadImagesCountsThem() {
    const QString root = dir_.filePath("skip");
    writeShapeSplit(root, "train", 6, 2);
    writeShapeSplit(root, "test", 2, 2);
    writeBytes(root + "/train/circle/zero.png", QByteArray());
    writeBytes(root + "/train/circle/bad.jpg", QByteArray(300, 'j'));
    writeBytes(root + "/train/square/notes.txt", "text");
    const LoadedData d = loadData(parseDataConfig(nlohmann::json::parse(imagesConfig(root, R"(, "skip_bad_images": true)"))), 1);
    QCOMPARE(d.dataset.train.size(), 12);
    QVERIFY2(QString::fromStdString(d.warning).startsWith("skipped 3 unreadable images"), d.warning.c_str());
    // Without it, the first bad file is an error (the listing finds the text file first).
    const std::string strict = loadError(imagesConfig(root));
    QVERIFY2(QString::fromStdString(strict).contains("notes.txt"), strict.c_str());
  }

  // The loader's progress hook hears of the reading as it goes (a call every 32 images, then the
  // end), in order; returning false stops the reading.
  void progressIsReportedAndCancels() {
    std::vector<std::int64_t> done;
    std::int64_t total = 0;
    const DataConfig c = parseDataConfig(nlohmann::json::parse(imagesConfig(good_)));
    loadData(c, 1, [&](std::int64_t d, std::int64_t t) {
      done.push_back(d);
      total = t;
      return true;
    });
    QCOMPARE(total, std::int64_t(240));
    QCOMPARE(done, (std::vector<std::int64_t>{0, 32, 64, 96, 128, 160, 192, 224, 240}));
    int calls = 0;
    QVERIFY_THROWS_EXCEPTION(ImageLoadCancelled, loadData(c, 1, [&](std::int64_t, std::int64_t) { return ++calls < 3; }));
    QCOMPARE(calls, 3);  // stopped at the call that said so
  }

  // Each split comes in an order drawn from the seed, so a plain subset holds every class; only
  // the images a subset keeps are read.
  void subsetsReadOnlyWhatTheyKeepOfEveryClass() {
    const DataConfig c = parseDataConfig(nlohmann::json::parse(
        R"({"name": "images", "path": ")" + good_.toStdString() + R"(", "train_subset": 30, "test_subset": 9})"));
    std::int64_t total = 0;
    const LoadedData d = loadData(c, 1, [&](std::int64_t, std::int64_t t) {
      total = t;
      return true;
    });
    QCOMPARE(total, std::int64_t(39));
    QCOMPARE(d.dataset.train.size(), 30);
    QCOMPARE(d.dataset.test.size(), 9);
    for (const ImageSet* set : {&d.dataset.train, &d.dataset.test})
      for (int label = 0; label < 3; ++label)
        QVERIFY(std::count(set->labels.begin(), set->labels.end(), label) > 0);
    // validate's estimate counts what is read.
    QCOMPARE(expectedDatasetSize(c)->images, std::int64_t(39));
  }

  // Images of a size or channel count the model does not take are refused by the config check,
  // before a long read, saying which keys to change.
  void sizeThatDoesNotFitTheModelIsRefusedBeforeReading() {
    nlohmann::json config = nlohmann::json::parse(R"({"model": "tiny", "arms": [{"norm": "batch"}]})");
    config["dataset"] = {{"name", "images"}, {"path", good_.toStdString()}, {"channels", 3}};
    try {
      parseExperimentConfig(config);
      QFAIL("no error");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).contains("dataset.channels"), e.what());
      QVERIFY2(QString(e.what()).contains("3x28x28"), e.what());
    }
  }

  void configKeysAreChecked() {
    auto parseError = [](const std::string& j) -> std::string {
      try {
        parseDataConfig(nlohmann::json::parse(j));
      } catch (const NormLabError& e) {
        return e.what();
      }
      return "(no error)";
    };
    QVERIFY(QString::fromStdString(parseError(R"({"name": "images"})")).contains("dataset.path"));
    QVERIFY(QString::fromStdString(parseError(R"({"name": "images", "path": "x", "channels": 2})")).contains("dataset.channels"));
    QVERIFY(QString::fromStdString(parseError(R"({"name": "fashion-mnist", "channels": 3})")).contains("dataset.channels"));
    QVERIFY(QString::fromStdString(parseError(R"({"name": "images", "path": "x", "size": 4})")).contains("dataset.size"));
    // The config round-trips through JSON (saved in .normlab files).
    const DataConfig c = parseDataConfig(nlohmann::json::parse(
        R"({"name": "images", "path": "x", "size": 32, "channels": 3, "test_fraction": 0.25, "skip_bad_images": true})"));
    const DataConfig again = parseDataConfig(toJson(c));
    QCOMPARE(again.images.size, 32);
    QCOMPARE(again.images.channels, 3);
    QCOMPARE(again.images.testFraction, 0.25);
    QVERIFY(again.images.skipBadImages);
  }
};

QTEST_MAIN(TestImageFolder)
#include "test_image_folder.moc"
