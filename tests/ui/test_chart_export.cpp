// Chart export: PNG at 1x/2x/4x with the arms' colours, SVG that parses and carries the legend and
// axis titles, PDF, the caption, figures, unwritable paths, a full disk (tmpfs), file stems, and every chart of a saved
// experiment written headless (at most kMaxChartedLayers layers of it). Leaves export_*.png in the working directory for a human to look at.
#include <sys/mount.h>

#include <cerrno>
#include <cstring>

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QRegularExpression>
#include <QSet>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtTest>

#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "support/label_checks.h"
#include "support/many_layers.h"
#include "ui/views/arm_palette.h"
#include "ui/export/chart_export.h"
#include "ui/views/chart_style.h"
#include "ui/views/loss_view.h"
#include "ui/views/snapshot_view.h"

using namespace normlab;

namespace {

ExperimentResults runTiny() {
  ExperimentConfig config = parseExperimentConfig(R"({"name": "export test",
    "dataset": {"name": "synthetic", "train": 200, "test": 40}, "model": "tiny",
    "train": {"lr": 0.05, "steps": 24, "batch_size": 8, "eval_every": 6},
    "arms": [{"label": "BN", "norm": "batch", "lr": 0.1}, {"label": "LN", "norm": "layer"}], "probe_every": 4})");
  Experiment e(config, 1);
  e.prepare();
  while (e.advance()) {
  }
  return snapshotResults(e);
}

// Whether some pixel is within `tolerance` (per channel) of the colour.
bool hasColour(const QImage& image, const QColor& colour, int tolerance = 10) {
  for (int y = 0; y < image.height(); ++y) {
    const QRgb* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
    for (int x = 0; x < image.width(); ++x)
      if (std::abs(qRed(line[x]) - colour.red()) <= tolerance && std::abs(qGreen(line[x]) - colour.green()) <= tolerance &&
          std::abs(qBlue(line[x]) - colour.blue()) <= tolerance)
        return true;
  }
  return false;
}

int distinctColours(const QImage& image) {
  QSet<QRgb> colours;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
  return int(colours.size());
}

// Pixels in the rows [top, bottom) darker than light grey.
int darkPixels(const QImage& image, int top, int bottom) {
  int dark = 0;
  for (int y = std::max(0, top); y < std::min(bottom, image.height()); ++y)
    for (int x = 0; x < image.width(); ++x) dark += qGray(image.pixel(x, y)) < 128;
  return dark;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestChartExport : public QObject {
  Q_OBJECT
  ExperimentResults results_;
  Snapshot snapshot_;
  QString caption_;
  std::unique_ptr<QWidget> host_;  // never shown
  LossView* loss_ = nullptr;
  QTemporaryDir dir_;

  QChartView* lossChart() const { return loss_->chartViews().at(0); }

 private slots:
  void initTestCase() {
    QVERIFY(dir_.isValid());
    results_ = runTiny();
    QCOMPARE(results_.runs.size(), std::size_t(2));
    snapshot_ = snapshotFromResults(results_);
    caption_ = chartCaption(results_.config, snapshot_);
    host_ = std::make_unique<QWidget>();
    loss_ = new LossView(host_.get());
    showWhole(*loss_, snapshot_);
    QCOMPARE(loss_->chartViews().size(), 2);
  }

  void snapshotFromResultsIsFinished() {
    QCOMPARE(snapshot_.state, RunnerState::Finished);
    QCOMPARE(snapshot_.runs.size(), std::size_t(2));
    QCOMPARE(snapshot_.stepsDone, std::int64_t(48));  // 2 runs x 24 steps
    QCOMPARE(snapshot_.stepsTotal, std::int64_t(48));
  }

  void pngAtScale_data() {
    QTest::addColumn<double>("scale");
    QTest::newRow("1x") << 1.0;
    QTest::newRow("2x") << 2.0;
    QTest::newRow("4x") << 4.0;
  }
  void pngAtScale() {
    QFETCH(double, scale);
    const QString path = dir_.filePath(QString("loss_%1x.png").arg(scale));
    ChartExportOptions options;
    options.scale = scale;
    options.caption = caption_;
    QCOMPARE(exportChart(lossChart(), path, options), QString());
    QImage image(path);
    QVERIFY(!image.isNull());
    // A never-shown view is exported at 800 x 500; the caption is inside that size.
    QCOMPARE(image.size(), QSize(int(800 * scale), int(500 * scale)));
    QVERIFY2(distinctColours(image) > 20, "the picture is blank");
    QVERIFY2(hasColour(image, ArmPalette(snapshot_.runs).color(0)), "BN's colour is missing");
    QVERIFY2(hasColour(image, ArmPalette(snapshot_.runs).color(1)), "LN's colour is missing");
    if (scale == 2) image.save(QString("export_loss_2x.png"));
  }

  void shownViewExportsAtItsSize() {
    QWidget window;
    auto* view = new LossView(&window);
    showWhole(*view, snapshot_);
    window.resize(1300, 460);
    view->resize(1300, 460);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QChartView* chart = view->chartViews().at(1);
    const QSize onScreen = chart->size();
    QVERIFY(onScreen.width() > 100 && onScreen != QSize(800, 500));
    QCOMPARE(renderChartImage(chart, 2, caption_).size(), onScreen * 2);
    // Export leaves the chart as it was on screen.
    QCOMPARE(chart->chart()->size(), QSizeF(onScreen));
  }

  void captionDrawnUnderTheChart() {
    const QImage with = renderChartImage(lossChart(), 1, caption_);
    const QImage without = renderChartImage(lossChart(), 1, QString());
    QCOMPARE(with.size(), without.size());
    // The caption band is the bottom ~30 px: text there with a caption, background without.
    QVERIFY(darkPixels(with, with.height() - 26, with.height()) > 50);
    QCOMPARE(darkPixels(without, without.height() - 3, without.height()), 0);
  }

  void presentationModeExportsNormalFontsAndIsRestored() {
    QWidget host;
    auto* view = new LossView(&host);
    showWhole(*view, snapshot_);
    view->setPresentationMode(true);
    QChart* chart = view->chartViews().at(0)->chart();
    const qreal presentationTitle = chart->titleFont().pointSizeF();
    QCOMPARE(presentationTitle, chartFonts(true).title);
    const QImage presented = renderChartImage(view->chartViews().at(0), 1, caption_);
    const QImage normal = renderChartImage(lossChart(), 1, caption_);
    QCOMPARE(presented, normal);  // same report figure whatever the screen mode
    QCOMPARE(chart->titleFont().pointSizeF(), presentationTitle);
  }

  void svgParsesWithLegendAndAxisTitle() {
    const QString path = dir_.filePath("loss.svg");
    ChartExportOptions options;
    options.format = ChartFormat::Svg;
    options.caption = caption_;
    QCOMPARE(exportChart(lossChart(), path, options), QString());
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox(), QRect(0, 0, 800, 500));
    QImage rendered(1600, 1000, QImage::Format_RGB32);
    rendered.fill(Qt::white);
    QPainter painter(&rendered);
    renderer.render(&painter);
    painter.end();
    QVERIFY(hasColour(rendered, ArmPalette(snapshot_.runs).color(0)) && hasColour(rendered, ArmPalette(snapshot_.runs).color(1)));
    rendered.save("export_loss_svg.png");
    const QString text = QString::fromUtf8(readAll(path));
    QVERIFY2(text.contains(">BN"), "legend entry 'BN' missing");
    QVERIFY2(text.contains("LN"), "legend entry 'LN' missing");
    QVERIFY2(text.contains("cross-entropy loss"), "y axis title missing");
    QVERIFY2(text.contains("samples seen"), "x axis title missing");
    QVERIFY2(text.contains("step 24"), "caption missing");
  }

  void pdfIsWritten() {
    const QString path = dir_.filePath("accuracy.pdf");
    ChartExportOptions options;
    options.format = ChartFormat::Pdf;
    options.caption = caption_;
    QCOMPARE(exportChart(loss_->chartViews().at(1), path, options), QString());
    const QByteArray bytes = readAll(path);
    QVERIFY(bytes.startsWith("%PDF"));
    // One page the size of the chart: 800 x 500 px at 96 dpi = 600 x 375 pt.
    QVERIFY2(bytes.contains("/Count 1") && !bytes.contains("/Count 2"), "not exactly one page");
    QVERIFY2(bytes.contains("MediaBox [0 0 600.000000 375.000000]"), "the page is not the chart's size");
    QVERIFY(bytes.size() > 1000);
  }

  void unwritablePathGivesMessageAndNoFile_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("png") << "png";
    QTest::newRow("svg") << "svg";
    QTest::newRow("pdf") << "pdf";
  }
  void unwritablePathGivesMessageAndNoFile() {
    QFETCH(QString, format);
    // A regular file used as a folder: fails for every user, root included.
    const QString blocker = dir_.filePath("plain-file");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    for (const QString& path : {blocker + "/loss." + format, dir_.filePath("missing/loss." + format)}) {
      ChartExportOptions options;
      QVERIFY(parseChartFormat(format, &options.format));
      const QString error = exportChart(lossChart(), path, options);
      QVERIFY2(error.startsWith("cannot write to '" + path + "': "), qPrintable(error));
      QVERIFY(error.size() > QString("cannot write to '" + path + "': ").size());
      QVERIFY(!QFile::exists(path));
    }
    QVERIFY(!QDir(dir_.filePath("missing")).exists());
  }

  // A full disk (a tmpfs smaller than the file, mounted when permitted): the export fails with
  // "No space left on device", and neither a cut file nor its .tmp is left; a previous file of
  // that name is kept whole. Skipped where mounting is not permitted (needs root).
  void fullDiskGivesMessageAndKeepsThePreviousFile_data() { unwritablePathGivesMessageAndNoFile_data(); }
  void fullDiskGivesMessageAndKeepsThePreviousFile() {
    QFETCH(QString, format);
    ChartExportOptions options;
    QVERIFY(parseChartFormat(format, &options.format));
    const QString reference = dir_.filePath("full-disk-reference." + format);
    QCOMPARE(exportChart(lossChart(), reference, options), QString());
    const qint64 size = QFileInfo(reference).size();
    const QString mountPoint = dir_.filePath("tmpfs-" + format);
    QVERIFY(QDir().mkpath(mountPoint));
    // Room for a 4 KiB earlier file, not for the chart.
    const QByteArray sizeOption = "size=" + QByteArray::number(std::max<qint64>(8192, size / 2 / 4096 * 4096));
    if (::mount("tmpfs", QFile::encodeName(mountPoint).constData(), "tmpfs", 0, sizeOption.constData()) != 0)
      QSKIP(qPrintable(QString("cannot mount a tmpfs here (%1): needs root").arg(strerror(errno))));
    struct Unmount {
      QByteArray p;
      ~Unmount() { ::umount2(p.constData(), MNT_DETACH); }
    } unmount{QFile::encodeName(mountPoint)};
    QVERIFY2(size > 16384, qPrintable(QString::number(size)));
    const QString path = mountPoint + "/loss." + format;
    QFile earlier(path);
    QVERIFY(earlier.open(QIODevice::WriteOnly));
    earlier.write(QByteArray(100, 'x'));
    earlier.close();
    const QString error = exportChart(lossChart(), path, options);
    QCOMPARE(error, QString("cannot write to '%1': No space left on device").arg(path));
    QCOMPARE(QDir(mountPoint).entryList(QDir::Files | QDir::Hidden), QStringList{"loss." + format});
    QCOMPARE(QFileInfo(path).size(), qint64(100));
  }

  void figurePutsChartsSideBySide() {
    const QString path = dir_.filePath("figure.png");
    ChartExportOptions options;
    options.scale = 1;
    options.caption = caption_;
    QCOMPARE(exportFigure(loss_->chartViews(), path, options), QString());
    const QImage image(path);
    // Two 800 x 500 cells in one row, then the caption band (one line: 22 px text + 2 x 8 px padding).
    QCOMPARE(image.width(), 1600);
    QVERIFY2(image.height() > 500 && image.height() <= 500 + 60, qPrintable(QString::number(image.height())));
    QVERIFY(hasColour(image, ArmPalette(snapshot_.runs).color(0)));
    image.save("export_figure.png");
    // Three charts: two columns, two rows.
    QCOMPARE(exportFigure({lossChart(), lossChart(), lossChart()}, path, options), QString());
    QCOMPARE(QImage(path).width(), 1600);
    QVERIFY(QImage(path).height() > 1000);
  }

  // 32 charts at 2x would be 3200 x 16,000 pixels: the figure gets the largest scale within 24
  // megapixels, still above 1x.
  void tallFigureStaysWithinThePixelLimit() {
    const QString path = dir_.filePath("tall.png");
    ChartExportOptions options;
    options.scale = 2;
    QCOMPARE(exportFigure(QList<QChartView*>(32, lossChart()), path, options), QString());
    const QImage image(path);
    QVERIFY2(double(image.width()) * image.height() <= 24e6, qPrintable(QString("%1 x %2").arg(image.width()).arg(image.height())));
    QVERIFY2(image.width() > 1600 && image.height() > 16 * 500, qPrintable(QString("%1 x %2").arg(image.width()).arg(image.height())));
  }

  void copyToClipboard() {
    QClipboard* clipboard = QGuiApplication::clipboard();
    clipboard->clear();
    copyChartToClipboard(lossChart(), caption_);
    const QImage image = clipboard->image();
    QCOMPARE(image.size(), QSize(1600, 1000));  // 2x
    QVERIFY(hasColour(image, ArmPalette(snapshot_.runs).color(1)));
  }

  void caption_data() {
    QTest::addColumn<QString>("config");
    QTest::addColumn<QString>("expected");
    const QString base = R"("dataset": {"name": "synthetic", "train": 200, "test": 40}, "model": "bench-net", )";
    QTest::newRow("shared settings") << base + R"("train": {"batch_size": 32, "lr": 0.01, "dropout": 0.25},
        "arms": [{"label": "BN", "norm": "batch"}, {"label": "GN", "norm": "group", "groups": 2}])"
                                     << QString("BN, GN: batch 32, lr 0.01, dropout 0.25, sgd \u00b7 seed 1 \u00b7 step 1200");
    QTest::newRow("differing lr, several seeds") << base + R"("train": {"batch_size": 8, "optimizer": "adam", "lr": 0.001},
        "arms": [{"label": "BN", "norm": "batch", "lr": 0.1}, {"label": "none"}], "seeds": [1, 2, 3])"
                                                 << QString("BN (lr 0.1), none (lr 0.001): batch 8, adam \u00b7 seeds 1, 2, 3 \u00b7 step 1200");
    QTest::newRow("momentum on one arm") << base + R"("train": {"momentum": 0.9},
        "arms": [{"label": "a"}, {"label": "b", "momentum": 0, "weight_decay": 0.0001}])"
                                         << QString("a (sgd momentum 0.9), b (weight decay 0.0001, sgd): batch 32, lr 0.01 \u00b7 seed 1 \u00b7 step 1200");
  }
  void caption() {
    QFETCH(QString, config);
    QFETCH(QString, expected);
    const ExperimentConfig c = parseExperimentConfig(("{" + config + "}").toStdString());
    Snapshot s;
    for (std::uint64_t seed : c.seeds) {
      RunRecord run;
      run.seed = seed;
      run.step = 1200;
      s.runs.push_back(run);
    }
    QCOMPARE(chartCaption(c, s), expected);
  }

  void fileStem_data() {
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("stem");
    QTest::newRow("one word") << "Loss" << "loss";
    QTest::newRow("colon") << "Activations: conv1" << "activations-conv1";
    QTest::newRow("ampersand") << "Loss & accuracy" << "loss-accuracy";
    QTest::newRow("brackets") << "Gradient flow (latest probe)" << "gradient-flow-latest-probe";
    QTest::newRow("unicode dash") << "conv1: 15th\u201385th" << "conv1-15th-85th";
    QTest::newRow("edges trimmed") << "  --Mean!  " << "mean";
    QTest::newRow("nothing usable") << "\u2013 \u00b7" << "chart";
  }
  void fileStem() {
    QFETCH(QString, title);
    QFETCH(QString, stem);
    QCOMPARE(chartFileStem(title), stem);
  }

  void formats_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("format");
    QTest::newRow("png") << "png" << true << int(ChartFormat::Png);
    QTest::newRow("upper svg") << "SVG" << true << int(ChartFormat::Svg);
    QTest::newRow("pdf") << "pdf" << true << int(ChartFormat::Pdf);
    QTest::newRow("jpg") << "jpg" << false << -1;
    QTest::newRow("empty") << "" << false << -1;
  }
  void formats() {
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, format);
    ChartFormat parsed = ChartFormat::Png;
    QCOMPARE(parseChartFormat(text, &parsed), ok);
    ChartFormat fromPath = ChartFormat::Png;
    QCOMPARE(chartFormatFromPath("/tmp/x/chart." + text, &fromPath), ok);
    if (ok) {
      QCOMPARE(int(parsed), format);
      QCOMPARE(int(fromPath), format);
      QCOMPARE(chartFormatName(parsed), text.toLower());
    }
  }

  void exportAllChartsWritesEveryChart() {
    const QString out = dir_.filePath("all/charts");
    const QStringList written = exportAllCharts(results_, out, {ChartFormat::Png, ChartFormat::Svg});
    QSet<QString> names;
    for (const QString& path : written) {
      QVERIFY2(QFile::exists(path), qPrintable(path));
      names.insert(QFileInfo(path).fileName());
    }
    QCOMPARE(names.size(), written.size());  // unique names
    QCOMPARE(QDir(out).entryList(QDir::Files).size(), written.size());  // nothing else (no temporary files)
    const QStringList layers = probedLayerNames(snapshot_);
    QVERIFY(!layers.isEmpty());
    QStringList expected = {"loss", "accuracy", "activations-all-layers", "gradient-flow-latest-probe",
                            "held-out-batch-accuracy-train-mode-vs-eval-mode"};
    for (const QString& layer : layers) {
      expected.append(chartFileStem(layer + ": output percentiles over time"));
      expected.append(chartFileStem(layer + ": latest output histogram"));
      expected.append(chartFileStem(layer + ": gradient over time"));
    }
    for (const QString& stem : expected)
      for (const char* ext : {"png", "svg"})
        QVERIFY2(names.contains(stem + "." + ext), qPrintable(stem + "." + ext + " missing; got " + QStringList(names.values()).join(QChar(' '))));
    // The batch-norm charts name their layer; the held-out accuracy is written once.
    int bnMean = 0;
    for (const QString& name : names) bnMean += name.endsWith("mean-over-channels.png");
    QCOMPARE(bnMean, 1);  // the tiny model has one batch-norm layer
    // The caption carries the view's line-style key above the arms' settings.
    const QString lossSvg = QString::fromUtf8(readAll(QDir(out).filePath("loss.svg")));
    QVERIFY(lossSvg.contains("thin with dots: test"));
    QVERIFY(lossSvg.contains("step 24"));
    // ...only where line styles need it: a histogram draws one line per run.
    const QString histogramSvg = QString::fromUtf8(readAll(QDir(out).filePath(chartFileStem(layers[0] + ": latest output histogram") + ".svg")));
    QVERIFY(histogramSvg.contains("step 24"));
    QVERIFY(!histogramSvg.contains("band: 15th"));
    QVERIFY(QString::fromUtf8(readAll(QDir(out).filePath(chartFileStem(layers[0] + ": output percentiles over time") + ".svg"))).contains("band: 15th"));
    QImage(QDir(out).filePath("activations-all-layers.png")).save("export_activations_all_layers.png");
    QImage(QDir(out).filePath(expected[5])).save("export_activation_layer.png");
  }

  // More probed layers than the cap: the charts cover the first kMaxChartedLayers layers (as many
  // files as for exactly that many), and the note says so, in the figure and for the CLI.
  void exportAllChartsCapsTheLayers() {
    ExperimentResults atCap = results_, beyond = results_;
    test::repeatProbedLayers(atCap.runs, kMaxChartedLayers);
    test::repeatProbedLayers(beyond.runs, kMaxChartedLayers + 8);
    const QStringList atCapFiles = exportAllCharts(atCap, dir_.filePath("cap/charts"), {ChartFormat::Svg});
    const QStringList beyondFiles = exportAllCharts(beyond, dir_.filePath("beyond/charts"), {ChartFormat::Svg});
    QVERIFY2(atCapFiles.size() >= 3 * kMaxChartedLayers, qPrintable(QString::number(atCapFiles.size())));
    QCOMPARE(beyondFiles.size(), atCapFiles.size());
    const QString firstUncharted = chartFileStem(QString("layer%1 ").arg(kMaxChartedLayers + 1));
    for (const QString& path : beyondFiles) QVERIFY2(!QFileInfo(path).fileName().contains(firstUncharted), qPrintable(path));

    QCOMPARE(exportedChartsNote(atCap), QString());
    const QString note = QString("charts for the first %1 of %2 probed layers").arg(kMaxChartedLayers).arg(kMaxChartedLayers + 8);
    QCOMPARE(exportedChartsNote(beyond), note + "; every layer's numbers are in layers.csv");
    QVERIFY(readAll(dir_.filePath("beyond/charts/activations-all-layers.svg")).contains(note.toUtf8()));
    QVERIFY(!readAll(dir_.filePath("cap/charts/activations-all-layers.svg")).contains("charts for the first"));
  }

  void lineKeyFromTheView() {
    QCOMPARE(chartLineKey(loss_), QString("solid: train (smoothed 0.60) \u00b7 thin with dots: test"));
    QCOMPARE(chartLineKey(host_.get()), chartLineKey(loss_));  // found below a parent too
    QWidget empty;
    QCOMPARE(chartLineKey(&empty), QString());
    QCOMPARE(chartLineKey(nullptr), QString());
  }

  // No exported chart cuts a label short: every chart of the default comparison, a lesson-4-like
  // and a many-run experiment, as SVG (the text is there to read), has no "..." or "…".
  void noExportedChartCutsALabel_data() {
    QTest::addColumn<QString>("config");
    QTest::newRow("default comparison") << QString(test::kDefaultLikeConfig);
    QTest::newRow("lesson-4-like") << QString(test::kLesson4LikeConfig);
    QTest::newRow("many runs") << QString(test::kManyRunsConfig);
  }
  void noExportedChartCutsALabel() {
    QFETCH(QString, config);
    const ExperimentResults results = test::trainedResults(config.toUtf8().constData());
    const QString out = dir_.filePath("uncut/" + chartFileStem(QString::fromStdString(results.config.name)));
    const QStringList written = exportAllCharts(results, out, {ChartFormat::Svg});
    QVERIFY(written.size() >= 5);
    // Legend entries are left to the legend redesign (issue 14 section 2: one entry per arm, not
    // per seed); 12 per-seed entries do not fit an 800 px legend row. Only those may be cut here.
    QStringList legendNames;
    for (const RunRecord& run : results.runs) legendNames.append(runDisplayName(run, true));
    static const QRegularExpression textElement(">([^<]*)</text>");
    for (const QString& path : written) {
      const QString svg = QString::fromUtf8(readAll(path));
      QVERIFY2(!svg.isEmpty(), qPrintable(path));
      for (auto m = textElement.globalMatch(svg); m.hasNext();) {
        const QString text = m.next().captured(1);
        if (!test::isCut(text)) continue;
        QString stem = text;
        stem.remove("...").remove(QChar(0x2026));
        const bool legend = std::any_of(legendNames.begin(), legendNames.end(), [&](const QString& n) { return n.startsWith(stem); });
        QVERIFY2(legend, qPrintable(QFileInfo(path).fileName() + ": \"" + text + "\""));
      }
    }
    // The gradient-flow chart names every key layer in full.
    const QString flow = QString::fromUtf8(readAll(QDir(out).filePath("gradient-flow-latest-probe.svg")));
    for (const char* layer : {"conv1", "norm1", "fc1"}) QVERIFY2(flow.contains(QString(">%1<").arg(layer)), layer);
  }

  // A chart exported from the window (Export chart, Copy chart, Export figure) carries the line
  // key its tab shows above the charts, as the headless export does; a chart without line styles
  // keeps the plain caption.
  void windowExportCarriesTheLineKey() {
    const QString key = chartLineKey(loss_);
    QVERIFY(!key.isEmpty());
    QCOMPARE(exportCaption({lossChart()}, caption_), key + "\n" + caption_);
    QCOMPARE(exportCaption(loss_->chartViews(), caption_), key + "\n" + caption_);
    const QString path = dir_.filePath("window-loss.svg");
    ChartExportOptions options;
    options.format = ChartFormat::Svg;
    options.caption = exportCaption({lossChart()}, caption_);
    QCOMPARE(exportChart(lossChart(), path, options), QString());
    QVERIFY(QString::fromUtf8(readAll(path)).contains("thin with dots: test"));
    // A chart outside any tab, or one whose runs draw one series each, gets the caption alone.
    QChartView loose(new QChart);
    QCOMPARE(exportCaption({&loose}, caption_), caption_);
  }

  void exportAllChartsUnwritableDirThrows() {
    const QString blocker = dir_.filePath("blocker");
    QFile f(blocker);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    try {
      exportAllCharts(results_, blocker + "/charts", {ChartFormat::Png});
      QFAIL("no error");
    } catch (const NormLabError& e) {
      QVERIFY2(QString(e.what()).startsWith("cannot write to '" + blocker + "/charts': "), e.what());
    }
  }
};

QTEST_MAIN(TestChartExport)
#include "test_chart_export.moc"
