// Help > Guide (see help_guide.h).
#include "ui/window/help_guide.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QEvent>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QScreen>
#include <QTabWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace normlab {

namespace {

struct Tr {
  Q_DECLARE_TR_FUNCTIONS(HelpGuide)
};

struct TabGuide {
  const char* title;
  const char* text;
};

// One entry per tab, in tab order. Plain words for a class: what is drawn, then how to read it.
const TabGuide kTabGuides[] = {
    {QT_TRANSLATE_NOOP("ChartTabs", "Loss & accuracy"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "The training loss of every arm (solid line, smoothed by the slider) and its test loss (thin line with "
     "dots, measured every few hundred images) against the images seen; the second chart shows accuracy the "
     "same way. Lower loss and higher accuracy are better. A curve that ends early belongs to an arm whose "
     "loss became infinite: it <i>diverged</i>, usually because the learning rate was too large for it. With "
     "several seeds an arm is drawn as its mean with a band from its lowest to its highest seed.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Activations"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "What comes out of a layer, for every arm: over time, the median (line) and the 15th to 85th percentile "
     "(band), as in the batch-norm paper's first figure; and the latest histogram. A band that drifts or keeps "
     "widening means the next layer's inputs keep changing scale; a spike at 0 after a ReLU means dead units. "
     "Choose one layer, or all layers side by side, above the charts.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Gradient flow"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "How strongly each layer is told to change: the mean size of the gradient |dL/d output| at every layer, "
     "from the input (left) to the output (right), at the latest probe. The axis is logarithmic: each grid "
     "line is ten times the one below. A line that falls steeply towards the left shows <i>vanishing "
     "gradients</i>: the early layers barely learn. Layers below 10<sup>-6</sup> or above 10<sup>3</sup> are "
     "named under the chart; the lower chart follows one layer over time.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Batch norm"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "For a batch-norm layer: the mean and variance of the current batch (solid) against the running averages "
     "that are used at test time (thin, lighter), and the accuracy on one fixed held-out batch in train mode "
     "(batch statistics, solid) and in eval mode (running statistics, thin). A gap between the two shows the "
     "network behaving differently at test time; Run &gt; Recompute Population Statistics re-estimates the "
     "running averages.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Layers"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "A table with one row per layer and arm, from the latest probe: the mean and spread of the layer's "
     "outputs, the share of zeros (dead ReLUs) and of saturated units, the size of the weight gradient and the "
     "update-to-weight ratio (around 10<sup>-3</sup> is a healthy pace of learning).")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Model"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "The network layer by layer, with output shapes and parameter counts, and one column per arm showing "
     "which norm sits at each norm position, or why none can (instance norm has no meaning after a dense "
     "layer).")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Sweep"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "The final test error against the setting the arms vary (batch size or dropout rate), one line per "
     "normalization; each point is the mean over the seeds with a band from the best to the worst seed. A "
     "flat line means that norm does not care about the setting; a line that shoots up at one end shows where "
     "it breaks.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Results"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "The final numbers of every arm in one table: test accuracy and loss (mean and spread over the seeds), "
     "whether and at which step it diverged, and its training speed. Click a column header to sort; select "
     "cells and copy them into a spreadsheet.")},
    {QT_TRANSLATE_NOOP("ChartTabs", "Lessons"),
     QT_TRANSLATE_NOOP("HelpGuide",
     "The start page: ready-made comparisons that each teach one thing in about a minute, and the explainers. "
     "A lesson loads its settings, starts training and switches to the chart it is about; its text stays "
     "above the charts while it is on show.")},
};

QString withoutMnemonics(QString text) {
  text.replace("&&", QString(QChar(0x1)));
  text.remove('&');
  text.replace(QChar(0x1), "&");
  return text.remove(QString::fromUtf8("\u2026")).remove("...").trimmed();
}

QString keysText(const QAction* a) {
  QStringList keys;
  for (const QKeySequence& k : a->shortcuts())
    if (!k.isEmpty()) keys << k.toString(QKeySequence::NativeText);
  return keys.join(Tr::tr(" or "));
}

}  // namespace

QString tabGuideText(const QString& title) {
  for (const TabGuide& g : kTabGuides)
    if (title == QLatin1String(g.title) || title == QCoreApplication::translate("ChartTabs", g.title))
      return QCoreApplication::translate("HelpGuide", g.text);
  return {};
}

QString shownTabTitle(const QTabWidget* tabs, int index) { return tabs->tabText(index).replace("&&", "&"); }

QList<ShortcutEntry> windowShortcuts(const QWidget* window) {
  QList<const QAction*> seen;
  QList<ShortcutEntry> out;
  auto take = [&](const QList<QAction*>& actions) {
    for (const QAction* a : actions) {
      if (a->isSeparator() || seen.contains(a) || keysText(a).isEmpty()) continue;
      seen << a;
      out << ShortcutEntry{keysText(a), withoutMnemonics(a->text())};
    }
  };
  take(window->actions());
  for (const QMenu* menu : window->findChildren<QMenu*>()) take(menu->actions());
  return out;
}

HelpGuide::HelpGuide(QWidget* window, const QTabWidget* tabs) : QDialog(window), window_(window), tabs_(tabs) {
  setObjectName("help-guide");
  setWindowTitle(Tr::tr("NormLab guide"));
  setModal(false);
  setSizeGripEnabled(true);
  auto* layout = new QVBoxLayout(this);
  browser_ = new QTextBrowser(this);
  browser_->setObjectName("help-guide-text");
  browser_->setOpenLinks(false);
  layout->addWidget(browser_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
  layout->addWidget(buttons);
  window_->installEventFilter(this);
  followWindowFont();
  refresh();
}

void HelpGuide::refresh() {
  covered_.clear();
  missing_.clear();
  QString html = Tr::tr(
      "<h2>NormLab guide</h2>"
      "<p>NormLab trains several copies of one network side by side, the <b>arms</b>, that differ only in the "
      "setting being compared (the normalization, the batch size, the dropout rate...). They start from the "
      "same weights and see the same images, so every difference on the charts comes from that setting. Each "
      "arm keeps its colour on every tab; hover a point to read its value, right-click a chart to export or "
      "copy it.</p><h3>The tabs</h3>");
  for (int i = 0; tabs_ && i < tabs_->count(); ++i) {
    const QString title = shownTabTitle(tabs_, i), text = tabGuideText(title);
    if (text.isEmpty()) {
      missing_ << title;
      continue;
    }
    covered_ << title;
    html += QString("<p><b>%1</b> \u2014 %2</p>").arg(title.toHtmlEscaped(), text);
  }
  html += "<h3>" + Tr::tr("Keyboard shortcuts") + "</h3><table cellpadding='3'>";
  for (const ShortcutEntry& s : windowShortcuts(window_))
    html += QString("<tr><td><b>%1</b></td><td>&nbsp;&nbsp;%2</td></tr>").arg(s.keys.toHtmlEscaped(), s.what.toHtmlEscaped());
  html += "</table>";
  browser_->setHtml(html);
}

QString HelpGuide::html() const { return browser_->toHtml(); }

// A window that is not a plain child does not inherit its parent's font: copy it, so presentation
// mode (which enlarges the main window's font) enlarges the guide too.
void HelpGuide::followWindowFont() {
  setFont(window_->font());
  browser_->setFont(window_->font());
  browser_->document()->setDefaultFont(window_->font());
}

bool HelpGuide::eventFilter(QObject* watched, QEvent* event) {
  if (watched == window_ && event->type() == QEvent::FontChange) followWindowFont();
  return QDialog::eventFilter(watched, event);
}

void HelpGuide::showEvent(QShowEvent* event) {
  refresh();
  QDialog::showEvent(event);
}

// Most of the window and at least 60 characters wide, never more than the screen.
void HelpGuide::fitToWindow() {
  const QSize room = window_->screen() ? window_->screen()->availableGeometry().size() : QSize(1280, 720);
  const QFontMetrics fm(browser_->font());
  const QSize wanted(std::max(60 * fm.averageCharWidth(), window_->width() * 6 / 10), window_->height() * 85 / 100);
  resize(wanted.boundedTo(room * 0.95));
}

HelpGuide* showHelpGuide(QWidget* window, const QTabWidget* tabs) {
  auto* guide = window->findChild<HelpGuide*>("help-guide", Qt::FindDirectChildrenOnly);
  if (!guide) {
    guide = new HelpGuide(window, tabs);
    guide->fitToWindow();  // before the first show, which centres it over the window
  }
  guide->show();
  guide->raise();
  guide->activateWindow();
  return guide;
}

}  // namespace normlab
