// normlab-cli under a German locale (LANG=de_DE.UTF-8, LC_ALL=de_DE.UTF-8, where printf writes
// "0,5"): `run` writes the same files as under the C locale, with dots as decimals. Only the
// wall-clock fields (training times and speeds) may differ between two runs; they are emptied
// before the comparison, and every number in the CSV files must still read in the C locale.
#include <QtTest>

#include <QProcess>
#include <QTemporaryDir>

#include <filesystem>
#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "support/csv_reader.h"
#include "support/file_helpers.h"
#include "support/german_locale.h"

using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::set<std::string> kClockFields = {"wall_s", "train_s", "train_seconds", "images_per_s", "images_per_s_mean"};

// A file's content with its wall-clock fields emptied: CSV columns, JSON keys at any depth.
std::string withoutClock(const fs::path& file) {
  const std::string text = test::readFile(file);
  if (file.extension() == ".csv") {
    std::string error;
    test::Csv csv = test::parseCsv(text, &error);
    if (!error.empty()) return "unreadable CSV: " + error;
    std::string out;
    for (const std::string& h : csv.header) out += h + ",";
    for (auto& row : csv.rows) {
      out += "\n";
      for (std::size_t i = 0; i < row.size(); ++i) out += (kClockFields.count(csv.header[i]) ? "" : row[i]) + ",";
    }
    return out;
  }
  json j = json::parse(text);
  std::function<void(json&)> strip = [&](json& v) {
    if (v.is_object()) {
      for (const std::string& k : kClockFields) v.erase(k);
      if (v.contains("columns") && v.contains("rows"))  // a table: {"columns": [...], "rows": [[...], ...]}
        for (std::size_t c = 0; c < v["columns"].size(); ++c)
          if (kClockFields.count(v["columns"][c].get<std::string>()))
            for (json& row : v["rows"]) row[c] = nullptr;
      for (auto& [k, child] : v.items()) strip(child);
    } else if (v.is_array()) {
      for (json& child : v) strip(child);
    }
  };
  strip(j);
  return j.dump(1);
}

// A CSV field that is a number in some locale but not in C ("0,5" inside quotes).
bool hasCommaDecimal(const std::string& text) {
  std::string error;
  const test::Csv csv = test::parseCsv(text, &error);
  for (const auto& row : csv.rows)
    for (const std::string& f : row)
      if (f.size() > 2 && f.find(',') != std::string::npos && std::isdigit(static_cast<unsigned char>(f[0])) &&
          f.find_first_not_of("0123456789,.-e+") == std::string::npos)
        return true;
  return false;
}

}  // namespace

class TestCliLocale : public QObject {
  Q_OBJECT

 private slots:
  void germanLocaleWritesTheSameFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string root = dir.path().toStdString();
    const std::string problem = test::provideGermanLocale(root);
    if (!problem.empty()) QSKIP(("no German locale to test with: " + problem).c_str());

    const std::string config = root + "/experiment.json";
    std::ofstream(config) << R"({
      "name": "locale check",
      "dataset": {"name": "synthetic", "train": 160, "test": 40},
      "model": "tiny",
      "train": {"optimizer": "sgd", "lr": 0.05, "momentum": 0.9, "batch_size": 16, "steps": 20, "seed": 3,
                "eval_every": 5},
      "arms": [{"label": "BN", "norm": "batch"}, {"label": "GN 0.5", "norm": "group", "groups": 2}],
      "probe_every": 5
    })";
    auto run = [&](const QString& locale, const QString& out) {
      QProcess p;
      QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
      env.insert("LANG", locale);
      env.insert("LC_ALL", locale);
      p.setProcessEnvironment(env);
      // --charts: the charts need a QApplication, which sets the C library's locale from LANG.
      p.start(NORMLAB_CLI_PATH, {"run", QString::fromStdString(config), "--out", out, "--threads", "1", "--quiet",
                                 "--charts", "svg"});
      QVERIFY(p.waitForFinished(300000));
      QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    };
    const QString c = dir.path() + "/c", de = dir.path() + "/de";
    run("C", c);
    run("de_DE.UTF-8", de);

    int compared = 0;
    for (const auto& entry : fs::recursive_directory_iterator(c.toStdString())) {
      if (!entry.is_regular_file()) continue;
      const fs::path relative = fs::relative(entry.path(), c.toStdString());
      const fs::path other = fs::path(de.toStdString()) / relative;
      QVERIFY2(fs::exists(other), relative.c_str());
      const std::string ext = entry.path().extension();
      if (ext == ".csv" || ext == ".json" || ext == ".normlab") {
        QVERIFY2(withoutClock(entry.path()) == withoutClock(other), relative.c_str());
        if (ext == ".csv") QVERIFY2(!hasCommaDecimal(test::readFile(other)), relative.c_str());
      } else {
        QVERIFY2(test::readFile(entry.path()) == test::readFile(other), relative.c_str());  // the SVG charts
      }
      ++compared;
    }
    QVERIFY(compared >= 8);
  }
};

QTEST_GUILESS_MAIN(TestCliLocale)
#include "test_cli_locale.moc"
