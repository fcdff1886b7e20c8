// TEMPORARY until the export branch lands (replaced by main_window_export.cpp).
#include "main_window.h"
#include <QMenu>
namespace normlab {
void MainWindow::exportChart() {}
void MainWindow::exportChartView(QChartView*) {}
void MainWindow::copyChart(QChartView*) {}
void MainWindow::exportFigure() {}
void MainWindow::exportData() {}
QMenu* MainWindow::createChartMenu(QChartView*, QWidget* parent) { return new QMenu(parent); }
void MainWindow::addChartMenus() {}
QString MainWindow::captionForExport() const { return {}; }
}  // namespace normlab
