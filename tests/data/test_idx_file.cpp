// IDX reading: valid plain and gzip files, and every kind of broken file, built on the fly, and
// paths that are not regular files (FIFO, device, folder). Each failure must be a NormLabError
// naming the file and the problem; never a crash or a hang.
#include <QtTest>
#include <QTemporaryDir>

#include <sys/stat.h>
#include <zlib.h>

#include <fstream>

#include "core/data/dataset.h"
#include "core/base/error.h"
#include "core/data/idx_file.h"
#include "core/base/random.h"

using namespace normlab;

namespace {

std::vector<std::uint8_t> idxBytes(std::vector<std::uint32_t> dims, const std::vector<std::uint8_t>& data,
                                   std::uint8_t type = 0x08) {
  std::vector<std::uint8_t> b{0, 0, type, std::uint8_t(dims.size())};
  for (auto d : dims)
    for (int s = 24; s >= 0; s -= 8) b.push_back(std::uint8_t(d >> s));
  b.insert(b.end(), data.begin(), data.end());
  return b;
}

std::vector<std::uint8_t> gzipBytes(const std::vector<std::uint8_t>& in) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::vector<std::uint8_t> out(deflateBound(&zs, uLong(in.size())) + 64);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = uInt(in.size());
  zs.next_out = out.data();
  zs.avail_out = uInt(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void writeFile(const QString& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream f(path.toStdString(), std::ios::binary);
  f.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// Expects `f` to throw a NormLabError whose message contains every fragment.
template <typename F>
void expectError(F f, const QStringList& fragments) {
  try {
    f();
  } catch (const NormLabError& e) {
    const QString msg = e.what();
    for (const auto& frag : fragments)
      QVERIFY2(msg.contains(frag), qPrintable("'" + msg + "' should mention '" + frag + "'"));
    return;
  }
  QFAIL("no error was thrown");
}

std::vector<std::uint8_t> pixels(int n) {
  std::vector<std::uint8_t> p(std::size_t(n) * 4 * 4);
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = std::uint8_t(i * 7);
  return p;
}

}  // namespace

class TestIdxFile : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  QString path(const QString& name) { return dir_.filePath(name); }

 private slots:
  void readsPlainAndGzip() {
    const auto bytes = idxBytes({3, 4, 4}, pixels(3));
    writeFile(path("plain"), bytes);
    writeFile(path("packed.gz"), gzipBytes(bytes));
    for (const char* name : {"plain", "packed.gz"}) {
      const IdxArray a = readIdx(path(name).toStdString(), 3);
      QCOMPARE(a.dims, (std::vector<int>{3, 4, 4}));
      QCOMPARE(a.data, pixels(3));
    }
  }

  void brokenFiles_data() {
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("expected");
    auto qb = [](const std::vector<std::uint8_t>& v) { return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(v.size())); };
    auto good = idxBytes({3, 4, 4}, pixels(3));
    QTest::newRow("empty") << QByteArray() << "too short";
    auto magic = good;
    magic[0] = 0x12;
    QTest::newRow("wrong magic") << qb(magic) << "magic";
    QTest::newRow("wrong type") << qb(idxBytes({3, 4, 4}, pixels(3), 0x0D)) << "element type";
    QTest::newRow("wrong rank") << qb(idxBytes({48}, pixels(3))) << "dimensions";
    auto truncated = good;
    truncated.resize(truncated.size() - 5);
    QTest::newRow("truncated data") << qb(truncated) << "truncated";
    QTest::newRow("truncated header") << qb(std::vector<std::uint8_t>(good.begin(), good.begin() + 9)) << "truncated header";
    auto extra = good;
    extra.push_back(1);
    QTest::newRow("trailing bytes") << qb(extra) << "unexpected bytes";
    QTest::newRow("zero dimension") << qb(idxBytes({0, 4, 4}, {})) << "invalid size";
    QTest::newRow("huge dimensions") << qb(idxBytes({1u << 30, 1u << 30, 16}, {})) << "more data";
    auto gz = gzipBytes(good);
    gz.resize(gz.size() / 2);
    QTest::newRow("truncated gzip") << qb(gz) << "gzip";
    auto corrupt = gzipBytes(good);
    for (std::size_t i = 12; i < corrupt.size(); ++i) corrupt[i] ^= 0x5A;
    QTest::newRow("corrupt gzip") << qb(corrupt) << "gzip";
  }
  void brokenFiles() {
    QFETCH(QByteArray, bytes);
    QFETCH(QString, expected);
    const QString file = path("broken-" + QString(QTest::currentDataTag()).replace(' ', '-'));
    writeFile(file, std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
    expectError([&] { readIdx(file.toStdString(), 3); }, {file, expected});
  }

  void unreadableFile() {
    expectError([&] { readIdx(path("does-not-exist").toStdString(), 3); }, {"does-not-exist", "cannot open", "does not exist"});
  }

  // Only regular files are read: a FIFO would block the read for ever (no writer ever comes), a
  // device never ends. Each is refused at once, saying what the path is.
  void onlyRegularFilesAreRead() {
    const QString fifo = path("fifo-images-idx3-ubyte");
    QCOMPARE(::mkfifo(fifo.toLocal8Bit().constData(), 0600), 0);
    expectError([&] { readIdx(fifo.toStdString(), 3); }, {fifo, "is a FIFO", "not a regular file"});
    expectError([&] { readIdx("/dev/zero", 3); }, {"/dev/zero", "is a device"});
    QVERIFY(QDir(dir_.path()).mkdir("folder-images-idx3-ubyte"));
    expectError([&] { readIdx(path("folder-images-idx3-ubyte").toStdString(), 3); }, {"is a folder", "not a regular file"});
    // Inside a dataset folder too: a FIFO in place of the training images.
    QTemporaryDir folder;
    QCOMPARE(::mkfifo(folder.filePath("train-images-idx3-ubyte").toLocal8Bit().constData(), 0600), 0);
    writeFile(folder.filePath("train-labels-idx1-ubyte"), idxBytes({3}, {0, 1, 2}));
    expectError([&] { loadIdxFolder(folder.path().toStdString()); }, {"train-images-idx3-ubyte", "is a FIFO"});
  }

  void folderErrors() {
    QTemporaryDir folder;
    expectError([&] { loadIdxFolder(folder.path().toStdString()); }, {"train-images-idx3-ubyte"});  // empty folder
    writeFile(folder.filePath("train-images-idx3-ubyte"), idxBytes({3, 4, 4}, pixels(3)));
    writeFile(folder.filePath("train-labels-idx1-ubyte"), idxBytes({2}, {1, 2}));
    writeFile(folder.filePath("t10k-images-idx3-ubyte"), idxBytes({1, 4, 4}, pixels(1)));
    writeFile(folder.filePath("t10k-labels-idx1-ubyte"), idxBytes({1}, {0}));
    expectError([&] { loadIdxFolder(folder.path().toStdString()); }, {"3 images", "2 labels"});
    expectError([&] { loadIdxFolder(folder.filePath("nope").toStdString()); }, {"does not exist"});
    // A regular file where the folder is expected is called what it is.
    expectError([&] { loadIdxFolder(folder.filePath("train-labels-idx1-ubyte").toStdString()); },
                {"train-labels-idx1-ubyte", "is a regular file, not a folder"});
  }

  // A few thousand random mutations of a small valid file: the loader either succeeds with
  // consistent sizes or throws NormLabError; never crashes (run under ASan + UBSan too).
  void fuzzMutations() {
    const auto good = idxBytes({2, 4, 4}, pixels(2));
    const auto goodGz = gzipBytes(good);
    Random rng(streamKey(5, Purpose::Data));
    int rejected = 0, accepted = 0;
    for (int round = 0; round < 3000; ++round) {
      auto bytes = (round % 3 == 0) ? goodGz : good;
      const int edits = 1 + int(rng.below(4));
      for (int e = 0; e < edits; ++e) {
        switch (rng.below(3)) {
          case 0: bytes[rng.below(bytes.size())] = std::uint8_t(rng.below(256)); break;
          case 1: bytes.resize(rng.below(bytes.size() + 1)); break;
          default: bytes.insert(bytes.begin() + std::ptrdiff_t(rng.below(bytes.size() + 1)), std::uint8_t(rng.below(256)));
        }
        if (bytes.empty()) break;
      }
      const QString file = path("fuzz");
      writeFile(file, bytes);
      try {
        const IdxArray a = readIdx(file.toStdString(), 3);
        std::size_t count = 1;
        for (int d : a.dims) count *= std::size_t(d);
        QCOMPARE(a.data.size(), count);
        ++accepted;
      } catch (const NormLabError&) {
        ++rejected;
      }
    }
    QVERIFY(rejected > 1000);
    qInfo("fuzz: %d accepted, %d rejected", accepted, rejected);
  }
};

QTEST_APPLESS_MAIN(TestIdxFile)
#include "test_idx_file.moc"
