// The chart view registry: every view in tab order.
#include "activation_view.h"
#include "batch_norm_view.h"
#include "gradient_view.h"
#include "layer_table_view.h"
#include "loss_view.h"
#include "model_view.h"
#include "snapshot_view.h"
#include "sweep_view.h"

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
  };
}

}  // namespace normlab
