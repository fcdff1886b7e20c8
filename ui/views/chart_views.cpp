// The chart view registry: every view in tab order.
#include "ui/views/activation_view.h"
#include "ui/views/batch_norm_view.h"
#include "ui/views/gradient_view.h"
#include "ui/views/layer_table_view.h"
#include "ui/views/loss_view.h"
#include "ui/views/model_view.h"
#include "ui/views/results_view.h"
#include "ui/views/snapshot_view.h"
#include "ui/views/sweep_view.h"

#include <QCoreApplication>

namespace normlab {

QList<NamedView> createChartViews(QWidget* parent) {
  return {
      {QT_TRANSLATE_NOOP("ChartTabs", "Loss & accuracy"), new LossView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Activations"), new ActivationView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Gradient flow"), new GradientView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Batch norm"), new BatchNormView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Layers"), new LayerTableView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Model"), new ModelView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Sweep"), new SweepView(parent)},
      {QT_TRANSLATE_NOOP("ChartTabs", "Results"), new ResultsView(parent)},
  };
}

}  // namespace normlab
