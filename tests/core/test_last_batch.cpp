// Without "drop_last" an epoch ends with a partial batch of train % batch images: batch norm on a
// dense layer (or on 1x1 maps) would see one value per channel there, which is undefined. The
// config check refuses it (validate), not step 3 of the run; an idx folder, whose size is known
// only once loaded, is refused by prepare(), before any step.
#include <QtTest>
#include <QTemporaryDir>

#include <fstream>

#include "core/base/error.h"
#include "core/experiment/experiment.h"

using namespace normlab;

namespace {

// Batch norm after a dense layer: one value per channel and sample.
std::string denseBatchNorm(const std::string& dataset, int batch, bool dropLast) {
  return R"({"dataset": )" + dataset.substr(0, dataset.size() - 1) + R"(, "drop_last": )" +
         (dropLast ? "true" : "false") + R"(},
    "model": {"name": "mlp", "input": [1, 28, 28], "classes": 10, "layers": [
      {"type": "flatten"}, {"type": "dense", "name": "fc1", "out_features": 8},
      {"type": "norm", "name": "norm1"}, {"type": "relu"}, {"type": "dense", "name": "fc2", "out_features": 10}]},
    "train": {"batch_size": )" + std::to_string(batch) + R"(, "epochs": 1},
    "arms": [{"norm": "none"}, {"norm": "batch", "label": "BN"}]})";
}

std::string synthetic(int train) { return R"({"name": "synthetic", "train": )" + std::to_string(train) + R"(, "test": 20})"; }

QString errorOf(const std::string& config) {
  try {
    parseExperimentConfig(config);
  } catch (const NormLabError& e) {
    return e.what();
  }
  return {};
}

// An MNIST-format folder of `train` and 4 test images of 28 x 28.
void writeIdxFolder(const QString& dir, int train) {
  auto write = [&](const char* name, std::vector<std::uint32_t> dims) {
    std::ofstream f((dir + "/" + name).toStdString(), std::ios::binary);
    const char header[4] = {0, 0, 0x08, char(dims.size())};
    f.write(header, 4);
    std::size_t count = 1;
    for (std::uint32_t d : dims) {
      for (int s = 24; s >= 0; s -= 8) f.put(char(d >> s));
      count *= d;
    }
    for (std::size_t i = 0; i < count; ++i) f.put(char(dims.size() == 1 ? i % 10 : i % 251));
  };
  write("train-images-idx3-ubyte", {std::uint32_t(train), 28, 28});
  write("train-labels-idx1-ubyte", {std::uint32_t(train)});
  write("t10k-images-idx3-ubyte", {4, 28, 28});
  write("t10k-labels-idx1-ubyte", {4});
}

}  // namespace

class TestLastBatch : public QObject {
  Q_OBJECT

 private slots:
  void lastBatchOfOneIsRefusedAtConfigCheck() {
    // 201 images in batches of 20: the last batch holds one image.
    const QString msg = errorOf(denseBatchNorm(synthetic(201), 20, false));
    for (const char* part : {"arms[1] (BN)", "drop_last", "last batch of each epoch holds 1 of the 201 training images",
                             "batch norm 'norm1'", "one value per channel"})
      QVERIFY2(msg.contains(part), qPrintable(msg + " should mention " + part));
    // A last batch of two, dropping the last batch, or no batch norm: all fine.
    QVERIFY(errorOf(denseBatchNorm(synthetic(202), 20, false)).isEmpty());
    QVERIFY(errorOf(denseBatchNorm(synthetic(201), 20, true)).isEmpty());
    QVERIFY(errorOf(denseBatchNorm(synthetic(200), 20, false)).isEmpty());
  }

  // A subset and a validation split change the training-set size the check uses.
  void subsetAndSplitAreCounted() {
    const std::string subset = R"({"name": "synthetic", "train": 500, "test": 20, "train_subset": 41})";
    QVERIFY(errorOf(denseBatchNorm(subset, 20, false)).contains("1 of the 41 training images"));
    const std::string split = R"({"name": "synthetic", "train": 500, "test": 20, "train_subset": 46, "validation": 0.1})";
    QVERIFY2(errorOf(denseBatchNorm(split, 20, false)).contains("1 of the 41 training images"),
             qPrintable(errorOf(denseBatchNorm(split, 20, false))));
  }

  void idxFolderIsCheckedWhenLoaded() {
    QTemporaryDir dir;
    writeIdxFolder(dir.path(), 21);
    const std::string idx = "{\"name\": \"idx\", \"path\": \"" + dir.path().toStdString() + "\"}";
    Experiment e(parseExperimentConfig(denseBatchNorm(idx, 20, false)), 1);
    try {
      e.prepare();
      QFAIL("prepare() accepted a last batch of one for batch norm");
    } catch (const NormLabError& err) {
      QVERIFY2(QString(err.what()).contains("arm 'BN'") && QString(err.what()).contains("1 of the 21 training images"),
               err.what());
    }
    QVERIFY(!e.prepared());
    writeIdxFolder(dir.path(), 22);
    Experiment fine(parseExperimentConfig(denseBatchNorm(idx, 20, false)), 1);
    fine.prepare();
    while (fine.advance()) {
    }
    QVERIFY(fine.finished());
  }
};

QTEST_APPLESS_MAIN(TestLastBatch)
#include "test_last_batch.moc"
