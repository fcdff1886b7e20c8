// The explainer panels behind one interface (see explainers.h).
#include "ui/classroom/explainers.h"

#include <QCoreApplication>
#include <QDialog>
#include <QGuiApplication>
#include <QScreen>
#include <QVBoxLayout>

#include "ui/classroom/batch_norm_explainer.h"
#include "ui/classroom/dropout_explainer.h"
#include "ui/classroom/norm_axes_explainer.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(Explainers)
};
}  // namespace

QWidget* createExplainer(ExplainerKind kind, QWidget* parent) {
  switch (kind) {
    case ExplainerKind::BatchNorm: return new BatchNormExplainer(parent);
    case ExplainerKind::Dropout: return new DropoutExplainer(parent);
    case ExplainerKind::NormAxes: return new NormAxesExplainer(parent);
  }
  return nullptr;
}

QString explainerTitle(ExplainerKind kind) {
  switch (kind) {
    case ExplainerKind::BatchNorm: return Tr::tr("Batch norm step by step");
    case ExplainerKind::Dropout: return Tr::tr("Dropout step by step");
    case ExplainerKind::NormAxes: return Tr::tr("Normalization axes");
  }
  return {};
}

QString explainerName(ExplainerKind kind) {
  switch (kind) {
    case ExplainerKind::BatchNorm: return "batch-norm";
    case ExplainerKind::Dropout: return "dropout";
    case ExplainerKind::NormAxes: return "norm-axes";
  }
  return {};
}

QStringList explainerNames() {
  return {explainerName(ExplainerKind::BatchNorm), explainerName(ExplainerKind::Dropout),
          explainerName(ExplainerKind::NormAxes)};
}

bool parseExplainerKind(const QString& name, ExplainerKind* kind) {
  for (ExplainerKind k : {ExplainerKind::BatchNorm, ExplainerKind::Dropout, ExplainerKind::NormAxes})
    if (name.trimmed().compare(explainerName(k), Qt::CaseInsensitive) == 0) {
      *kind = k;
      return true;
    }
  return false;
}

void setExplainerPresentationMode(QWidget* explainer, bool on) {
  if (auto* panel = dynamic_cast<ExplainerPanel*>(explainer)) panel->setPresentationMode(on);
}

QWidget* openExplainerWindow(ExplainerKind kind, QWidget* parent, bool presentation) {
  auto* window = new QDialog(parent);
  window->setObjectName("explainer-window-" + explainerName(kind));
  window->setWindowTitle(explainerTitle(kind) + " \u2014 NormLab");
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->setModal(false);
  window->setSizeGripEnabled(true);
  auto* layout = new QVBoxLayout(window);
  QWidget* panel = createExplainer(kind, window);
  layout->addWidget(panel);
  setExplainerPresentationMode(panel, presentation);
  const QSize wanted = kind == ExplainerKind::NormAxes ? QSize(1000, 800) : QSize(1200, 900);
  // Never larger than the screen's free area (1280x720 on a school laptop leaves about 690 rows).
  const QScreen* screen = parent ? parent->screen() : QGuiApplication::primaryScreen();
  window->resize(screen ? wanted.boundedTo(screen->availableGeometry().size() * 0.95) : wanted);
  window->show();
  return window;
}

}  // namespace normlab
