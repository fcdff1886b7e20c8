// Chart export (see chart_export.h). Charts are painted from their QGraphicsScene, not grabbed
// from the screen: the chart is resized to the export size for the duration of the paint (and
// given its legend and normal-mode fonts), then restored, so hidden views, views that were never
// shown and views in presentation mode all export the same report-style figure, also headless.
#include "ui/export/chart_export.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <QCoreApplication>
#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGraphicsScene>
#include <QGraphicsLayout>
#include <QLabel>
#include <QPageSize>
#include <QRegularExpression>
#include <QPainter>
#include <QPdfWriter>
#include <QScreen>
#include <QSvgGenerator>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QXYSeries>

#include "core/base/error.h"
#include "core/files/results_writer.h"
#include "ui/views/activation_view.h"
#include "ui/views/batch_norm_view.h"
#include "ui/views/chart_style.h"
#include "ui/views/gradient_view.h"
#include "ui/views/snapshot_view.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(ChartExport)
};
}  // namespace

namespace {

constexpr QSize kUnshownSize(800, 500);  // a view that was never laid out on screen
constexpr int kFigureColumns = 2;
constexpr double kMaxImagePixels = 24e6;  // a PNG's pixels (96 MB in memory); see chart_export.h
// Caption text height in logical pixels: about 10.5 pt at 96 dpi under one chart, larger under
// a wide figure so it stays in proportion.
qreal captionPixels(qreal width) { return std::clamp(width / 60, 14.0, 22.0); }
constexpr qreal kCaptionPadding = 8;

// The resolution the chart fonts (in points) were laid out for: painting at another resolution
// would draw the text larger or smaller than the space the chart reserved for it.
qreal layoutDpi() {
  const QScreen* screen = QGuiApplication::primaryScreen();
  return screen ? screen->logicalDotsPerInch() : 96.0;
}

QSize exportSize(const QChartView* view) {
  if (view->isVisible() && view->width() >= 100 && view->height() >= 80) return view->size();
  return kUnshownSize;
}

bool inPresentationMode(const QWidget* widget) {
  for (; widget; widget = widget->parentWidget())
    if (auto* base = dynamic_cast<const ChartViewBase*>(widget)) return base->presentationMode();
  return false;
}

// (A marker cannot tell whether it was hidden on its own: it reports hidden while its legend is.)
bool hasNamedSeries(QChart* chart) {
  for (QAbstractSeries* series : chart->series())
    if (!series->name().isEmpty()) return true;
  return false;
}

// For the duration of a paint: the chart at the export size, with its legend and normal fonts.
class ExportState {
 public:
  ExportState(QChartView* view, const QSizeF& size)
      : chart_(view->chart()), oldSize_(chart_->size()), presentation_(inPresentationMode(view)),
        legendWasHidden_(!chart_->legend()->isVisible()) {
    if (presentation_) applyChartStyle(chart_, false);
    // Markers hidden one by one (hideFromLegend) stay hidden when the legend is shown.
    if (legendWasHidden_ && hasNamedSeries(chart_)) {
      chart_->legend()->setVisible(true);
      // Laid out while hidden (or too small) the markers were hidden for want of room.
      showLegendMarkers(chart_);
    }
    resize(size);
  }
  ~ExportState() {
    if (legendWasHidden_) chart_->legend()->setVisible(false);
    if (presentation_) applyChartStyle(chart_, true);
    resize(oldSize_);
  }
  ExportState(const ExportState&) = delete;
  ExportState& operator=(const ExportState&) = delete;

 private:
  void resize(const QSizeF& size) {
    chart_->resize(size);
    // Lay out now (normally deferred to the event loop) so the paint sees the new geometry.
    if (QGraphicsLayout* layout = chart_->layout()) layout->activate();
    // The legend places its markers in a layout of its own, also deferred.
    if (QGraphicsLayout* legend = chart_->legend()->layout()) {
      legend->invalidate();
      legend->activate();
    }
  }
  QChart* chart_;
  QSizeF oldSize_;
  bool presentation_, legendWasHidden_;
};

void paintChart(QPainter& painter, QChartView* view, const QRectF& target) {
  QChart* chart = view->chart();
  if (!chart || !chart->scene()) return;
  const ExportState state(view, target.size());
  const QRectF source = chart->mapRectToScene(QRectF(QPointF(0, 0), target.size()));
  chart->scene()->render(&painter, target, source, Qt::IgnoreAspectRatio);
}

QFont captionFont(qreal width) {
  QFont font = QApplication::font();
  font.setPixelSize(int(captionPixels(width)));
  return font;
}

constexpr int kCaptionFlags = Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap;

// Height of the caption band (the caption may wrap onto several lines); 0 without a caption.
qreal captionHeight(const QString& caption, qreal width) {
  if (caption.isEmpty()) return 0;
  const QFontMetricsF metrics(captionFont(width));
  const QRectF box(0, 0, std::max<qreal>(1, width - 2 * kCaptionPadding), 1e6);
  return std::ceil(metrics.boundingRect(box, kCaptionFlags, caption).height()) + 2 * kCaptionPadding;
}

void paintCaption(QPainter& painter, const QString& caption, const QRectF& band) {
  if (caption.isEmpty()) return;
  painter.save();
  painter.setFont(captionFont(band.width()));
  painter.setPen(QColor(0x33, 0x33, 0x33));
  painter.drawText(band.adjusted(kCaptionPadding, kCaptionPadding, -kCaptionPadding, 0), kCaptionFlags, caption);
  painter.restore();
}

// How a set of charts is laid out: cells in a grid (uniform cell size), the caption below.
// A single chart keeps its on-screen size overall (the caption takes room from the chart); a
// figure of several charts adds the caption band below the grid.
struct Layout {
  QSize total;
  QSizeF cell;
  int columns = 1;
  qreal caption = 0;
  QRectF cellRect(int index) const {
    return QRectF(QPointF((index % columns) * cell.width(), (index / columns) * cell.height()), cell);
  }
};

Layout layoutFor(const QList<QChartView*>& views, const QString& caption) {
  Layout l;
  QSize cell(0, 0);
  for (QChartView* v : views) cell = cell.expandedTo(exportSize(v));
  if (views.size() <= 1) {
    l.total = views.isEmpty() ? kUnshownSize : cell;
    l.caption = captionHeight(caption, l.total.width());
    // Leave the chart a usable height even for a very long caption.
    l.caption = std::min(l.caption, 0.4 * l.total.height());
    l.cell = QSizeF(l.total.width(), l.total.height() - l.caption);
    return l;
  }
  l.columns = std::min<int>(kFigureColumns, int(views.size()));
  const int rows = int((views.size() + l.columns - 1) / l.columns);
  l.cell = cell;
  const int width = cell.width() * l.columns;
  l.caption = captionHeight(caption, width);
  l.total = QSize(width, cell.height() * rows + int(std::ceil(l.caption)));
  return l;
}

void paintFigure(QPainter& painter, const QList<QChartView*>& views, const Layout& layout, const QString& caption) {
  painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing | QPainter::SmoothPixmapTransform);
  painter.fillRect(QRectF(QPointF(0, 0), QSizeF(layout.total)), Qt::white);
  for (int i = 0; i < views.size(); ++i) paintChart(painter, views[i], layout.cellRect(i));
  paintCaption(painter, caption, QRectF(0, layout.total.height() - layout.caption, layout.total.width(), layout.caption));
}

QImage renderFigureImage(const QList<QChartView*>& views, double scale, const QString& caption) {
  scale = std::clamp(std::isfinite(scale) ? scale : 1.0, 0.25, 8.0);
  const Layout layout = layoutFor(views, caption);
  // At most kMaxImagePixels: 32 small multiples at 2x were 3200 x 16,000 pixels (205 MB in memory,
  // most of an export's peak and a quarter of its PNG encoding time). The +1s leave room for the
  // rounding of each side below.
  scale = std::min(scale, std::sqrt(kMaxImagePixels / ((layout.total.width() + 1.0) * (layout.total.height() + 1.0))));
  QImage image(QSize(int(std::lround(layout.total.width() * scale)), int(std::lround(layout.total.height() * scale))),
               QImage::Format_RGB32);
  const int dotsPerMeter = int(std::lround(layoutDpi() / 0.0254));
  image.setDotsPerMeterX(dotsPerMeter);
  image.setDotsPerMeterY(dotsPerMeter);
  image.setDevicePixelRatio(scale);
  image.fill(Qt::white);
  QPainter painter(&image);
  paintFigure(painter, views, layout, caption);
  return image;
}

QString cannotWrite(const QString& path, const QString& reason) {
  return Tr::tr("cannot write to '%1': %2").arg(path, reason);
}

// Why a file cannot be created at path, when the folder is the reason; "" otherwise.
QString folderProblem(const QString& path) {
  const QFileInfo dir(QFileInfo(path).absolutePath());
  if (!dir.exists()) return Tr::tr("the folder '%1' does not exist").arg(dir.filePath());
  if (!dir.isDir()) return Tr::tr("'%1' is not a folder").arg(dir.filePath());
  return {};
}

QString figureTitle(const QList<QChartView*>& views) {
  QStringList titles;
  for (QChartView* v : views)
    if (v->chart() && !v->chart()->title().isEmpty()) titles.append(v->chart()->title());
  return titles.join(", ");
}

// The figure as the bytes of a PNG, SVG or PDF file, rendered in memory: "" in *problem on success.
QByteArray encodeFigure(const QList<QChartView*>& views, const ChartExportOptions& options, QString* problem) {
  QByteArray bytes;
  QBuffer buffer(&bytes);
  buffer.open(QIODevice::WriteOnly);
  const Layout layout = layoutFor(views, options.caption);
  switch (options.format) {
    case ChartFormat::Png: {
      const QImage image = renderFigureImage(views, options.scale, options.caption);
      if (!image.save(&buffer, "PNG")) *problem = Tr::tr("PNG encoding failed");
      break;
    }
    case ChartFormat::Svg: {
      QSvgGenerator svg;
      svg.setOutputDevice(&buffer);
      svg.setSize(layout.total);
      svg.setViewBox(QRect(QPoint(0, 0), layout.total));
      svg.setResolution(int(std::lround(layoutDpi())));
      svg.setTitle(figureTitle(views));
      svg.setDescription(options.caption);
      QPainter painter;
      if (!painter.begin(&svg)) {
        *problem = Tr::tr("could not start the SVG document");
        break;
      }
      paintFigure(painter, views, layout, options.caption);
      painter.end();
      break;
    }
    case ChartFormat::Pdf: {
      // One page exactly the size of the figure; painting in the layout resolution's pixels keeps
      // every font the size the chart was laid out for (text and lines stay vector).
      QPdfWriter pdf(&buffer);
      const qreal dpi = layoutDpi();
      pdf.setResolution(int(std::lround(dpi)));
      pdf.setPageSize(QPageSize(QSizeF(layout.total) * 72.0 / dpi, QPageSize::Point, QString(), QPageSize::ExactMatch));
      pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
      pdf.setTitle(figureTitle(views));
      pdf.setCreator("NormLab");
      QPainter painter;
      if (!painter.begin(&pdf)) {
        *problem = Tr::tr("could not start the PDF document");
        break;
      }
      painter.scale(pdf.width() / qreal(layout.total.width()), pdf.height() / qreal(layout.total.height()));
      paintFigure(painter, views, layout, options.caption);
      painter.end();
      break;
    }
  }
  buffer.close();
  return bytes;
}

// Rendered in memory, then written with the core's checked writes (every byte, fsync, close,
// then rename): a full disk fails here instead of renaming a cut file into place.
QString writeFigure(const QList<QChartView*>& views, const QString& path, const ChartExportOptions& options) {
  if (views.isEmpty()) return Tr::tr("nothing to export to '%1': no charts").arg(path);
  if (const QString problem = folderProblem(path); !problem.isEmpty()) return cannotWrite(path, problem);
  QString problem;
  const QByteArray bytes = encodeFigure(views, options, &problem);
  if (!problem.isEmpty()) return cannotWrite(path, problem);
  try {
    writeFileAtomically(QFile::encodeName(path).toStdString(), std::string_view(bytes.constData(), std::size_t(bytes.size())));
  } catch (const std::exception& e) {
    return QString::fromUtf8(e.what());
  }
  return {};
}

QString number(double v) { return QString::number(v, 'g', 6); }

// One setting of one arm as the caption shows it ("" when it is at a default not worth naming).
using SettingText = QString (*)(const TrainSettings&);
const SettingText kCaptionSettings[] = {
    [](const TrainSettings& t) { return Tr::tr("batch %1").arg(t.batchSize); },
    [](const TrainSettings& t) { return Tr::tr("lr %1").arg(number(t.optimizer.lr)); },
    [](const TrainSettings& t) { return t.dropout ? Tr::tr("dropout %1").arg(number(*t.dropout)) : QString(); },
    [](const TrainSettings& t) {
      return t.optimizer.weightDecay != 0 ? Tr::tr("weight decay %1").arg(number(t.optimizer.weightDecay)) : QString();
    },
    [](const TrainSettings& t) { return t.activation ? QString(activationKindName(*t.activation)) : QString(); },
    [](const TrainSettings& t) {
      return t.init != InitScheme::PyTorchDefault ? Tr::tr("init %1").arg(initSchemeName(t.init)) : QString();
    },
    [](const TrainSettings& t) {
      if (t.optimizer.kind == OptimizerKind::Adam) return QString("adam");
      if (t.optimizer.momentum == 0) return QString("sgd");
      return QString("sgd %1 %2").arg(t.optimizer.nesterov ? "nesterov" : "momentum", number(t.optimizer.momentum));
    },
};

// A chart's content in a few numbers: charts that show the same thing for every layer (the
// gradient-flow chart, batch-norm accuracy) are written once.
QString chartSignature(QChart* chart) {
  QString s = chart->title();
  for (QAbstractSeries* series : chart->series()) {
    if (auto* xy = qobject_cast<QXYSeries*>(series)) {
      double sum = 0;
      for (const QPointF& p : xy->points()) sum += p.x() + 3 * p.y();
      s += QString("|%1:%2:%3").arg(series->name()).arg(xy->count()).arg(sum, 0, 'g', 12);
    }
  }
  return s;
}

// Whether the chart draws a run with more than one series (train and test, median and bands, mean
// and max): then line styles carry meaning the colour legend does not explain.
bool usesLineStyles(QChart* chart) {
  std::map<int, int> seriesPerRun;
  for (QAbstractSeries* series : chart->series())
    if (++seriesPerRun[seriesRun(series)] > 1) return true;
  return false;
}

// `caption` with the line-style key above it when one of the charts needs it.
QString withLineKey(const QList<QChartView*>& charts, const QString& key, const QString& caption) {
  if (key.isEmpty()) return caption;
  for (QChartView* chart : charts)
    if (chart && chart->chart() && usesLineStyles(chart->chart())) return caption.isEmpty() ? key : key + "\n" + caption;
  return caption;
}

// Writes charts of one view, layer by layer where the view has layers, once per format.
class AllChartsWriter {
 public:
  // key: the view's line-style key (chartLineKey), put above the caption of the charts it explains.
  AllChartsWriter(const QString& dir, const QList<ChartFormat>& formats, const QString& caption, const QString& key,
                  std::set<QString>& stems)
      : dir_(dir), formats_(formats), caption_(caption), key_(key), stems_(stems) {}

  void writeView(const NamedView& named, const Snapshot& snapshot) {
    SnapshotView* view = named.view;
    if (auto* activations = dynamic_cast<ActivationView*>(view)) {
      writeLayers(named, activations->layerNames(), [&](const QString& layer) { activations->selectLayer(layer); });
      // Every layer's bands together, as small multiples in one figure (the view caps them).
      activations->selectLayer(QString());
      const QList<QChartView*> multiples = activations->chartViews();
      const QString note = chartedLayersNote(activations->layerNames().size());
      if (!multiples.isEmpty()) write(multiples, named.title + " all layers", note);
    } else if (auto* gradients = dynamic_cast<GradientView*>(view)) {
      writeLayers(named, probedLayerNames(snapshot), [&](const QString& layer) { gradients->selectLayer(layer); });
    } else if (auto* batchNorm = dynamic_cast<BatchNormView*>(view)) {
      if (batchNorm->showsMessage()) return;  // no run has batch norm: no charts
      // The view's only combo box picks the batch-norm layer.
      auto* box = batchNorm->findChild<QComboBox*>();
      QStringList layers;
      for (int i = 0; box && i < box->count(); ++i) layers.append(box->itemText(i));
      writeLayers(named, layers, [&](const QString& layer) { box->setCurrentIndex(box->findText(layer)); });
    } else {
      writeLayers(named, {}, [](const QString&) {});
    }
  }

  const QStringList& written() const { return written_; }

 private:
  // Shows each layer in turn and writes the view's charts. A chart that looks the same for every
  // layer (the gradient flow, batch-norm accuracy) is written once; one that changes with the
  // layer is written per layer, with the layer in its file name. Only the first kMaxChartedLayers
  // layers are shown: the files (and the time) stay bounded however many layers were probed.
  template <typename Select>
  void writeLayers(const NamedView& named, const QStringList& allLayers, Select select) {
    const QStringList layers = allLayers.mid(0, kMaxChartedLayers);
    if (layers.isEmpty()) {
      for (QChartView* chart : named.view->chartViews()) writeChart(named, chart, QString());
      return;
    }
    std::map<QChartView*, std::set<QString>> looks;
    for (const QString& layer : layers) {
      select(layer);
      for (QChartView* chart : named.view->chartViews())
        if (chart->chart()) looks[chart].insert(chartSignature(chart->chart()));
    }
    std::set<QChartView*> done;
    for (const QString& layer : layers) {
      select(layer);
      for (QChartView* chart : named.view->chartViews()) {
        if (!chart->chart()) continue;
        const bool perLayer = looks[chart].size() > 1;
        if (!perLayer && !done.insert(chart).second) continue;
        writeChart(named, chart, perLayer ? layer : QString());
      }
    }
  }

  void writeChart(const NamedView& named, QChartView* chart, const QString& layer) {
    QString title = chart->chart()->title();
    if (title.isEmpty()) title = named.title;
    if (!layer.isEmpty() && !title.contains(layer)) title = layer + " " + title;
    write({chart}, title);
  }

  // note: a line put above the caption, "" for none.
  void write(const QList<QChartView*>& charts, const QString& title, const QString& note = QString()) {
    QString stem = chartFileStem(title);
    for (int n = 2; stems_.count(stem); ++n) stem = chartFileStem(title) + "-" + QString::number(n);
    stems_.insert(stem);
    for (ChartFormat format : formats_) {
      const QString path = QDir(dir_).filePath(stem + "." + chartFormatName(format));
      ChartExportOptions options;
      options.format = format;
      options.scale = 2;
      options.caption = withLineKey(charts, key_, caption_);
      if (!note.isEmpty()) options.caption = note + "\n" + options.caption;
      const QString error = charts.size() == 1 ? exportChart(charts.front(), path, options)
                                               : exportFigure(charts, path, options);
      if (!error.isEmpty()) throw NormLabError(error.toStdString());
      written_.append(path);
    }
  }

  QString dir_;
  QList<ChartFormat> formats_;
  QString caption_, key_;
  std::set<QString>& stems_;  // shared by every view's writer: file names stay unique
  QStringList written_;
};

}  // namespace

QString chartFormatName(ChartFormat format) {
  switch (format) {
    case ChartFormat::Png: return "png";
    case ChartFormat::Svg: return "svg";
    case ChartFormat::Pdf: return "pdf";
  }
  return "png";
}

bool parseChartFormat(const QString& name, ChartFormat* format) {
  const QString n = name.trimmed().toLower();
  for (ChartFormat f : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}) {
    if (n == chartFormatName(f)) {
      if (format) *format = f;
      return true;
    }
  }
  return false;
}

bool chartFormatFromPath(const QString& path, ChartFormat* format) {
  return parseChartFormat(QFileInfo(path).suffix(), format);
}

QString chartCaption(const ExperimentConfig& config, const Snapshot& snapshot) {
  QStringList shared;
  QList<QStringList> perArm(qsizetype(config.arms.size()));
  for (SettingText setting : kCaptionSettings) {
    QStringList texts;
    for (const ArmConfig& arm : config.arms) texts.append(setting(arm.train));
    if (texts.isEmpty()) continue;
    if (texts.count(texts.front()) == texts.size()) {
      if (!texts.front().isEmpty()) shared.append(texts.front());
    } else {
      for (qsizetype i = 0; i < texts.size(); ++i)
        if (!texts[i].isEmpty()) perArm[i].append(texts[i]);
    }
  }
  QStringList arms;
  for (std::size_t i = 0; i < config.arms.size(); ++i) {
    QString arm = QString::fromStdString(config.arms[i].label);
    if (!perArm[qsizetype(i)].isEmpty()) arm += " (" + perArm[qsizetype(i)].join(", ") + ")";
    arms.append(arm);
  }
  QStringList parts;
  QString head = arms.join(", ");
  if (!shared.isEmpty()) head += (head.isEmpty() ? "" : ": ") + shared.join(", ");
  if (!head.isEmpty()) parts.append(head);

  // Seeds as the runs used them (an arm may fix its own), else as configured.
  QStringList seeds;
  for (const RunRecord& run : snapshot.runs)
    if (!seeds.contains(QString::number(run.seed))) seeds.append(QString::number(run.seed));
  if (seeds.isEmpty())
    for (std::uint64_t seed : config.seeds) seeds.append(QString::number(seed));
  if (!seeds.isEmpty()) parts.append(QString(seeds.size() == 1 ? Tr::tr("seed %1") : Tr::tr("seeds %1")).arg(seeds.join(", ")));

  std::int64_t step = -1;
  for (const RunRecord& run : snapshot.runs) step = std::max(step, run.step);
  if (step >= 0) parts.append(Tr::tr("step %1").arg(step));
  return parts.join(QString(" \u00b7 "));
}

QImage renderChartImage(QChartView* view, double scale, const QString& caption) {
  if (!view) return {};
  return renderFigureImage({view}, scale, caption);
}

QString exportChart(QChartView* view, const QString& path, const ChartExportOptions& options) {
  if (!view) return Tr::tr("nothing to export to '%1': no chart").arg(path);
  return writeFigure({view}, path, options);
}

QString exportFigure(const QList<QChartView*>& views, const QString& path, const ChartExportOptions& options) {
  QList<QChartView*> charts;
  for (QChartView* v : views)
    if (v) charts.append(v);
  return writeFigure(charts, path, options);
}

void copyChartToClipboard(QChartView* view, const QString& caption) {
  if (!view) return;
  if (QClipboard* clipboard = QGuiApplication::clipboard()) clipboard->setImage(renderChartImage(view, 2, caption));
}

QString chartFileStem(const QString& chartTitle) {
  QString stem;
  bool pendingDash = false;
  for (const QChar c : chartTitle.toLower()) {
    const char16_t u = c.unicode();
    if ((u >= 'a' && u <= 'z') || (u >= '0' && u <= '9')) {
      if (pendingDash && !stem.isEmpty()) stem += '-';
      pendingDash = false;
      stem += c;
    } else {
      pendingDash = true;
    }
  }
  return stem.isEmpty() ? QString("chart") : stem;
}

Snapshot snapshotFromResults(const ExperimentResults& results) {
  Snapshot s;
  s.version = 1;
  s.state = RunnerState::Finished;
  s.warning = results.warning;
  s.runs = results.runs;
  s.config = std::make_shared<const ExperimentConfig>(results.config);  // branches are marked from it
  for (const RunRecord& run : results.runs) {
    s.stepsDone += run.diverged ? run.totalSteps : run.step;  // as Experiment::stepsDone counts
    s.stepsTotal += run.totalSteps;
    s.elapsedSeconds += run.trainSeconds;  // runs train one after another in lockstep
  }
  return s;
}

QString chartLineKey(const QWidget* view) {
  if (!view) return {};
  // The views' keys read "solid: ...", "line: ..." or "line with dots: ...", or, translated, begin
  // with these words' translations; other labels are control captions ("Layer:"), values or
  // rich-text legends.
  const QRegularExpression key(QString("^(solid|line|%1|%2)( (with|%3) \\w+)?: ")
                                   .arg(QRegularExpression::escape(Tr::tr("solid", "first word of a line-style key")),
                                        QRegularExpression::escape(Tr::tr("line", "first word of a line-style key")),
                                        QRegularExpression::escape(Tr::tr("with", "as in: line with dots"))));
  for (const QLabel* label : view->findChildren<QLabel*>()) {
    if (const QVariant whole = label->property(kFullKeyProperty); whole.isValid()) return whole.toString();
    if (label->textFormat() != Qt::RichText && key.match(label->text()).hasMatch()) return label->text();
  }
  return {};
}

QString exportCaption(const QList<QChartView*>& charts, const QString& caption) {
  const QWidget* view = nullptr;  // the tab that holds the charts
  for (const QWidget* w = charts.isEmpty() ? nullptr : charts.front(); w && !view; w = w->parentWidget())
    if (dynamic_cast<const SnapshotView*>(w)) view = w;
  return withLineKey(charts, chartLineKey(view), caption);
}

QString exportedChartsNote(const ExperimentResults& results) {
  const QString note = chartedLayersNote(probedLayerNames(snapshotFromResults(results)).size());
  return note.isEmpty() ? note : note + "; every layer's numbers are in layers.csv";
}

QStringList exportAllCharts(const ExperimentResults& results, const QString& dir, const QList<ChartFormat>& formats) {
  prepareOutputDirectory(dir.toStdString());  // throws "cannot write to 'DIR': <reason>"
  if (formats.isEmpty()) return {};
  QWidget host;  // never shown: the views lay out at the export size, not on a screen
  const QList<NamedView> views = createChartViews(&host);
  std::set<QString> stems;
  const Snapshot snapshot = snapshotFromResults(results);
  const QString caption = chartCaption(results.config, snapshot);
  QStringList written;
  for (const NamedView& named : views) {
    showWhole(*named.view, snapshot);
    AllChartsWriter writer(dir, formats, caption, chartLineKey(named.view), stems);
    writer.writeView(named, snapshot);
    written += writer.written();
  }
  return written;
}

}  // namespace normlab
