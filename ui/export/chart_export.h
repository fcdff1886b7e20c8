// Exporting charts: one chart, or every chart of a view composed into a multi-panel figure, as
// PNG (at 1x, 2x or 4x the on-screen size), SVG or PDF, always with the legend, axis titles and a
// caption line under the chart (arms' settings, seed, step); copying a chart to the clipboard; and
// rendering every chart of a saved experiment headless (normlab-cli --charts). A file is rendered
// in memory, then written atomically with checked writes (core writeFileAtomically: NAME.tmp,
// every byte, fsync, close, rename), so a full disk or a crash never leaves a cut picture.
#pragma once

#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/files/experiment_file.h"
#include "core/experiment/experiment_runner.h"

class QChartView;
class QWidget;

namespace normlab {

enum class ChartFormat { Png, Svg, Pdf };

// "png", "svg", "pdf" (the file extension).
QString chartFormatName(ChartFormat format);
// Parses "png", "svg" or "pdf" (case-insensitive); false for anything else.
bool parseChartFormat(const QString& name, ChartFormat* format);
// The format a file name's extension asks for; false when it is none of the three.
bool chartFormatFromPath(const QString& path, ChartFormat* format);

struct ChartExportOptions {
  ChartFormat format = ChartFormat::Png;
  // PNG only: pixels per on-screen pixel (1, 2 or 4). A picture holds at most 24 megapixels (96 MB
  // in memory): a larger one (a tall figure, 4x of a chart wider than 1600 pixels) gets the largest
  // scale that fits.
  double scale = 2;
  QString caption;    // one line under the chart(s); "" for none
};

// "BN, GN: batch 32, lr 0.01, dropout 0.25, sgd · seed 1 · step 1200": the arms and the settings
// they share (settings that differ are given per arm), the seeds and the current step.
QString chartCaption(const ExperimentConfig& config, const Snapshot& snapshot);

// The chart as it would be exported, at `scale` times its on-screen size (a view that was never
// shown is rendered at 800 x 500; at most 24 megapixels), caption included.
QImage renderChartImage(QChartView* view, double scale, const QString& caption);

// Writes one chart to `path`. Returns "" on success, or a message naming the problem, e.g.
// "cannot write to '/x/loss.png': Permission denied".
QString exportChart(QChartView* view, const QString& path, const ChartExportOptions& options);
// Writes the charts side by side in a grid (at most 2 columns) as one figure with one caption.
QString exportFigure(const QList<QChartView*>& views, const QString& path,
                     const ChartExportOptions& options);
// Puts renderChartImage(view, 2, caption) on the clipboard.
void copyChartToClipboard(QChartView* view, const QString& caption);

// A file name for a chart, from its title: "Loss" -> "loss", "Activations: conv1" ->
// "activations-conv1" (lower case, runs of other characters become one '-').
QString chartFileStem(const QString& chartTitle);

// Headless: builds every chart view from the saved results (no window shown), and writes each
// chart once per format into `dir` (created if missing) as <chart-file-stem>.<ext>. Returns the
// written paths; throws NormLabError naming the path that could not be written.
// Per-layer charts and the panels of the "all layers" figure cover the first kMaxChartedLayers
// (32) probed layers only, so the files, the time and the memory stay bounded (a crafted file with
// 500 layers wrote 4,521 files in 8 minutes, peaking at 3.5 GB, mostly one 3200 x 250,000 pixel
// picture); the figure's caption then says so, and exportedChartsNote gives the line to print.
QStringList exportAllCharts(const ExperimentResults& results, const QString& dir,
                            const QList<ChartFormat>& formats);
// "" when exportAllCharts charts every probed layer; else "charts for the first 32 of 500 probed
// layers; every layer's numbers are in layers.csv".
QString exportedChartsNote(const ExperimentResults& results);

// The line-style key a view shows above its charts ("solid: train · thin with dots: test"),
// "" when it has none. The legends show only the arms' colours, so exports put this line above
// the caption of charts that draw a run with several series (exportAllCharts does; the window can
// pass key + "\n" + caption).
QString chartLineKey(const QWidget* view);

// The caption of a window export (Export chart, Copy chart, Export figure) of charts of one tab:
// chartLineKey of the tab that holds them above `caption` when a chart draws a run with several
// series (the loss tab's "solid: train (smoothed 0.60) · thin with dots: test"), else `caption`.
QString exportCaption(const QList<QChartView*>& charts, const QString& caption);

// The snapshot the chart views show for saved results (state Finished, every run, its warning).
Snapshot snapshotFromResults(const ExperimentResults& results);

}  // namespace normlab
