// The explainer panels (issue 7) behind one small interface, so the main window can list them in a
// Learn menu and a lesson can open one by name:
//   "batch-norm"  Batch norm step by step        (batch_norm_explainer.h)
//   "dropout"     Dropout step by step           (dropout_explainer.h)
//   "norm-axes"   Normalization axes             (norm_axes_explainer.h)
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace normlab {

enum class ExplainerKind { BatchNorm, Dropout, NormAxes };

// A new panel (an ExplainerPanel, see explainer_panel.h) parented to parent.
QWidget* createExplainer(ExplainerKind kind, QWidget* parent);
// "Batch norm step by step", ...
QString explainerTitle(ExplainerKind kind);
// "batch-norm", "dropout", "norm-axes".
QString explainerName(ExplainerKind kind);
QStringList explainerNames();
// Parses a name as above; false (and *kind untouched) for anything else.
bool parseExplainerKind(const QString& name, ExplainerKind* kind);
// Opens the panel in its own non-modal window (deleted on close) titled explainerTitle(kind),
// in presentation mode if asked, and returns the window.
QWidget* openExplainerWindow(ExplainerKind kind, QWidget* parent, bool presentation = false);
// Presentation mode (large fonts) for a panel made by createExplainer; ignores other widgets.
void setExplainerPresentationMode(QWidget* explainer, bool on);

}  // namespace normlab
