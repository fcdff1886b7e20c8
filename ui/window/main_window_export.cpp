// MainWindow's export actions: Export chart (toolbar, File menu, a chart's context menu), Copy
// chart, Export figure (every chart of the current tab in one file) and Export data (CSV and JSON
// into a folder). The drawing is chart_export.h's; this file picks the charts, asks for the
// format and path (UserPrompts::exportOptions) and reports failures. Declared in main_window.h.
#include "ui/window/main_window.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QPointer>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>

#include "ui/export/chart_export.h"
#include "ui/export/data_export.h"

namespace normlab {

namespace {

constexpr int kStatusMessageMs = 6000;

// The charts a user can see on a tab (views may keep hidden charts for layers not probed).
QList<QChartView*> visibleCharts(const SnapshotView* view) {
  const QList<QChartView*> all = view->chartViews();
  QList<QChartView*> shown;
  for (QChartView* cv : all)
    if (!cv->isHidden()) shown << cv;
  return shown.isEmpty() ? all : shown;
}

// "figure.png" with the format's extension when the typed name has none of the three.
QString withFormatExtension(const QString& path, ChartFormat format) {
  ChartFormat given;
  return chartFormatFromPath(path, &given) ? path : path + "." + chartFormatName(format);
}

}  // namespace

QString MainWindow::captionForExport() const {
  if (!config_ || !last_ || last_->runs.empty()) return {};
  return chartCaption(*config_, *last_);
}

// Views create some charts on their first snapshot, so this runs after every showSnapshot and
// hooks each chart once.
void MainWindow::addChartMenus() {
  for (const NamedView& v : views_)
    for (QChartView* cv : v.view->chartViews()) {
      if (cv->property("normlabChartMenu").toBool()) continue;
      cv->setProperty("normlabChartMenu", true);
      cv->setContextMenuPolicy(Qt::CustomContextMenu);
      connect(cv, &QWidget::customContextMenuRequested, this, [this, cv](const QPoint& pos) {
        QMenu* menu = createChartMenu(cv, this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(cv->mapToGlobal(pos));
      });
    }
}

QMenu* MainWindow::createChartMenu(QChartView* chart, QWidget* parent) {
  auto* menu = new QMenu(parent);
  const QPointer<QChartView> target(chart);  // the view may rebuild its charts meanwhile
  const bool results = exportChartAct_->isEnabled();
  QAction* exportAct = menu->addAction(tr("Export Chart…"), this, [this, target] {
    if (target) exportChartView(target);
  });
  exportAct->setEnabled(results);
  QAction* copyAct = menu->addAction(tr("Copy Chart"), this, [this, target] {
    if (target) copyChart(target);
  });
  copyAct->setEnabled(results);
  menu->addSeparator();
  menu->addAction(exportFigureAct_);
  return menu;
}

void MainWindow::exportChart() {
  const int tab = tabs_->currentIndex();
  if (tab < 0 || tab >= int(views_.size())) return;
  const QList<QChartView*> charts = visibleCharts(views_[tab].view);
  QChartView* target = nullptr;
  for (QWidget* w = QApplication::widgetAt(QCursor::pos()); w && !target; w = w->parentWidget())
    if (auto* cv = qobject_cast<QChartView*>(w); cv && charts.contains(cv)) target = cv;
  if (!target && !charts.isEmpty()) target = charts.front();
  if (!target) {
    statusBar()->showMessage(tr("This tab has no chart to export."), kStatusMessageMs);
    return;
  }
  exportChartView(target);
}

void MainWindow::exportChartView(QChartView* chart) {
  ExportRequest request;
  if (!prompts_.exportOptions(this, tr("Export chart"), chartFileStem(chart->chart()->title()), &request)) return;
  const QString path = withFormatExtension(request.path, request.format);
  const ChartExportOptions options{request.format, request.scale, exportCaption({chart}, captionForExport())};
  const QString error = normlab::exportChart(chart, path, options);
  if (!error.isEmpty()) {
    reportFileError(tr("Cannot export the chart"), tr("Could not export the chart: %1").arg(error));
    return;
  }
  statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), kStatusMessageMs);
}

void MainWindow::copyChart(QChartView* chart) {
  copyChartToClipboard(chart, exportCaption({chart}, captionForExport()));
  statusBar()->showMessage(tr("Chart copied: paste it into a slide or document."), kStatusMessageMs);
}

void MainWindow::exportFigure() {
  const int tab = tabs_->currentIndex();
  if (tab < 0 || tab >= int(views_.size())) return;
  const QList<QChartView*> charts = visibleCharts(views_[tab].view);
  if (charts.isEmpty()) {
    statusBar()->showMessage(tr("This tab has no chart to export."), kStatusMessageMs);
    return;
  }
  ExportRequest request;
  if (!prompts_.exportOptions(this, tr("Export figure"), chartFileStem(views_[tab].title), &request)) return;
  const QString path = withFormatExtension(request.path, request.format);
  const ChartExportOptions options{request.format, request.scale, exportCaption(charts, captionForExport())};
  const QString error = normlab::exportFigure(charts, path, options);
  if (!error.isEmpty()) {
    reportFileError(tr("Cannot export the figure"), tr("Could not export the figure: %1").arg(error));
    return;
  }
  statusBar()->showMessage(tr("Exported %1").arg(QDir::toNativeSeparators(path)), kStatusMessageMs);
}

void MainWindow::exportData() {
  const std::optional<ExperimentResults> results = currentResults();
  if (!results) return;
  const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
  const QString start = QSettings().value("export/dataFolder", documents).toString();
  const QString dir = prompts_.directory(this, tr("Export data into folder"), start);
  if (dir.isEmpty()) return;
  QStringList written;
  const QString error = normlab::exportData(*results, dir, &written);
  if (!error.isEmpty()) {
    reportFileError(tr("Cannot export the data"), tr("Could not export the data: %1").arg(error));
    return;
  }
  QSettings().setValue("export/dataFolder", dir);
  statusBar()->showMessage(tr("Exported %1 files (CSV and JSON) to %2").arg(written.size()).arg(QDir::toNativeSeparators(dir)),
                           kStatusMessageMs);
}

}  // namespace normlab
