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

namespace normlab {

QList<NamedView> createChartViews(QWidget* parent) {
  return {
      {"Loss & accuracy", new LossView(parent)},
      {"Activations", new ActivationView(parent)},
      {"Gradient flow", new GradientView(parent)},
      {"Batch norm", new BatchNormView(parent)},
      {"Layers", new LayerTableView(parent)},
      {"Model", new ModelView(parent)},
      {"Sweep", new SweepView(parent)},
      {"Results", new ResultsView(parent)},
  };
}

}  // namespace normlab
