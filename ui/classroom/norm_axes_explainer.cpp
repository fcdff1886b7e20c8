// "Normalization axes" (see norm_axes_explainer.h).
#include "ui/classroom/norm_axes_explainer.h"

#include <algorithm>
#include <cmath>

#include <QCoreApplication>
#include <QComboBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/data/dataset.h"
#include "core/base/error.h"
#include "core/data/idx_file.h"
#include "core/data/synthetic_data.h"

namespace normlab {

namespace {
// Translations of this file's texts (see ui/window/language.h).
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(NormAxesExplainer)
};
}  // namespace

namespace {

constexpr int kDemoSamples = 4, kDemoSize = 6;
const char* kFashionClasses[10] = {
    QT_TRANSLATE_NOOP("NormAxesExplainer", "T-shirt/top"), QT_TRANSLATE_NOOP("NormAxesExplainer", "trouser"),
    QT_TRANSLATE_NOOP("NormAxesExplainer", "pullover"),    QT_TRANSLATE_NOOP("NormAxesExplainer", "dress"),
    QT_TRANSLATE_NOOP("NormAxesExplainer", "coat"),        QT_TRANSLATE_NOOP("NormAxesExplainer", "sandal"),
    QT_TRANSLATE_NOOP("NormAxesExplainer", "shirt"),       QT_TRANSLATE_NOOP("NormAxesExplainer", "sneaker"),
    QT_TRANSLATE_NOOP("NormAxesExplainer", "bag"),         QT_TRANSLATE_NOOP("NormAxesExplainer", "ankle boot")};

QColor faded(const QColor& c) {  // out-of-set cells: 60% light grey, so the image stays visible
  const QColor grey(0xE4, 0xE4, 0xE4);
  return QColor((2 * c.red() + 3 * grey.red()) / 5, (2 * c.green() + 3 * grey.green()) / 5,
                (2 * c.blue() + 3 * grey.blue()) / 5);
}

// The first image of each of 4 different classes in a labelled set.
std::vector<int> distinctClassImages(const std::vector<std::uint8_t>& labels, int count) {
  std::vector<int> chosen;
  std::vector<bool> seen(256, false);
  for (int i = 0; i < int(labels.size()) && int(chosen.size()) < count; ++i)
    if (!seen[labels[i]]) {
      seen[labels[i]] = true;
      chosen.push_back(i);
    }
  return chosen;
}

// First existing of name and name.gz in dir ("" if neither).
std::string idxPath(const std::string& dir, const std::string& name) {
  for (const std::string& candidate : {dir + "/" + name, dir + "/" + name + ".gz"})
    if (QFileInfo(QString::fromStdString(candidate)).isReadable()) return candidate;
  return {};
}

}  // namespace

// Okabe-Ito blue (negative) and orange (positive) around white: readable for colour-blind viewers.
QColor normAxesValueColor(double value, double range) {
  const double t = range > 0 ? value / range : 0;
  const QColor negative(0x00, 0x72, 0xB2), positive(0xE6, 0x9F, 0x00);
  const QColor& end = t < 0 ? negative : positive;
  const double a = std::min(1.0, std::abs(t));
  return QColor(int(255 + (end.red() - 255) * a), int(255 + (end.green() - 255) * a), int(255 + (end.blue() - 255) * a));
}

double blockValueRange(const ActivationBlock& block) {
  double range = 0;
  for (float v : block.values) range = std::max(range, double(std::abs(v)));
  return range > 0 ? range : 1;
}

// ---- The drawing ------------------------------------------------------------------------------

NormAxesBlockView::NormAxesBlockView(QWidget* parent) : QWidget(parent) {
  setObjectName("norm-axes-block");
  setMinimumSize(480, 360);
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QSize NormAxesBlockView::sizeHint() const { return {820, 600}; }

void NormAxesBlockView::setBlock(const ActivationBlock* block, QStringList sampleLabels, QStringList channelLabels) {
  block_ = block;
  sampleLabels_ = std::move(sampleLabels);
  channelLabels_ = std::move(channelLabels);
  inSet_.clear();
  selN_ = -1;
  update();
}

void NormAxesBlockView::setHighlight(std::vector<std::size_t> members, int n, int c, int h, int w) {
  inSet_.assign(block_ ? block_->values.size() : 0, 0);
  for (std::size_t k : members)
    if (k < inSet_.size()) inSet_[k] = 1;
  selN_ = n, selC_ = c, selH_ = h, selW_ = w;
  update();
}

void NormAxesBlockView::setPresentationMode(bool on) {
  presentation_ = on;
  update();
}

// Labels take a column on the left and a row on top; panels are square cells separated by a gap.
NormAxesBlockView::Geometry NormAxesBlockView::geometry() const {
  Geometry g;
  if (!block_ || block_->values.empty()) return g;
  const QFontMetrics fm(font());
  double labelWidth = 0;
  for (const QString& s : sampleLabels_) labelWidth = std::max<double>(labelWidth, fm.horizontalAdvance(s));
  g.left = labelWidth + 16;
  g.top = 3.2 * fm.height() + 8;  // two header lines, or three when a long channel name wraps
  g.gap = presentation_ ? 16 : 12;
  const double cellW = (width() - g.left - 4 - g.gap * (block_->c - 1)) / double(block_->c * block_->w);
  const double cellH = (height() - g.top - 4 - g.gap * (block_->n - 1)) / double(block_->n * block_->h);
  g.cell = std::max(2.0, std::floor(std::min(cellW, cellH)));
  // Centre the block horizontally in the space the labels leave.
  const double blockWidth = g.cell * block_->c * block_->w + g.gap * (block_->c - 1);
  g.left += std::max(0.0, std::floor((width() - g.left - 4 - blockWidth) / 2));
  return g;
}

QRectF NormAxesBlockView::cellRect(const Geometry& g, int n, int c, int h, int w) const {
  const double panelW = g.cell * block_->w + g.gap, panelH = g.cell * block_->h + g.gap;
  return {g.left + c * panelW + w * g.cell, g.top + n * panelH + h * g.cell, g.cell, g.cell};
}

QPoint NormAxesBlockView::cellCenter(int n, int c, int h, int w) const {
  if (!block_) return {};
  return cellRect(geometry(), n, c, h, w).center().toPoint();
}

void NormAxesBlockView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::white);
  if (!block_ || block_->values.empty()) return;
  const Geometry g = geometry();
  const ActivationBlock& b = *block_;
  const double range = blockValueRange(b);
  const bool highlighting = !inSet_.empty();
  const QFontMetrics fm(font());

  // Labels: "channel c" (and what it is) over each column, "sample n" before each row.
  p.setPen(Qt::black);
  for (int c = 0; c < b.c; ++c) {
    const QRectF first = cellRect(g, 0, c, 0, 0);
    const QRectF header(first.left() - g.gap / 2, 2, g.cell * b.w + g.gap, g.top - 6);
    const QString text = c < channelLabels_.size() ? channelLabels_[c] : Tr::tr("channel %1").arg(c);
    p.drawText(header, Qt::AlignHCenter | Qt::AlignBottom | Qt::TextWordWrap, text);
  }
  for (int n = 0; n < b.n; ++n) {
    const QRectF first = cellRect(g, n, 0, 0, 0);
    const QRectF label(2, first.top(), g.left - 10, g.cell * b.h);
    const QString text = n < sampleLabels_.size() ? sampleLabels_[n] : Tr::tr("sample %1").arg(n);
    p.drawText(label, Qt::AlignRight | Qt::AlignVCenter | Qt::TextWordWrap, text);
  }
  // Cells.
  for (int n = 0; n < b.n; ++n)
    for (int c = 0; c < b.c; ++c)
      for (int h = 0; h < b.h; ++h)
        for (int w = 0; w < b.w; ++w) {
          const std::size_t k = b.index(n, c, h, w);
          QColor color = normAxesValueColor(b.values[k], range);
          if (highlighting && !inSet_[k]) color = faded(color);
          p.fillRect(cellRect(g, n, c, h, w), color);
        }
  // Thin panel frames, then the set's outline (one dark frame per member cell), then the clicked cell.
  p.setPen(QPen(QColor(0x88, 0x88, 0x88), 1));
  for (int n = 0; n < b.n; ++n)
    for (int c = 0; c < b.c; ++c) {
      const QRectF tl = cellRect(g, n, c, 0, 0), br = cellRect(g, n, c, b.h - 1, b.w - 1);
      p.drawRect(QRectF(tl.topLeft(), br.bottomRight()));
    }
  if (highlighting) {
    p.setPen(QPen(QColor(0x33, 0x33, 0x33), presentation_ ? 2.0 : 1.5));
    for (std::size_t k = 0; k < inSet_.size(); ++k) {
      if (!inSet_[k]) continue;
      const int w = int(k % b.w), h = int(k / b.w % b.h), c = int(k / (b.w * b.h) % b.c), n = int(k / (b.w * b.h * b.c));
      p.drawRect(cellRect(g, n, c, h, w).adjusted(1, 1, -1, -1));
    }
    if (selN_ >= 0) {
      p.setPen(QPen(Qt::black, presentation_ ? 5 : 4));
      p.drawRect(cellRect(g, selN_, selC_, selH_, selW_).adjusted(-1, -1, 1, 1));
    }
  }
}

void NormAxesBlockView::mousePressEvent(QMouseEvent* event) {
  if (!block_ || block_->values.empty() || !onCellClicked) return;
  const Geometry g = geometry();
  const QPointF pos = event->position();
  for (int n = 0; n < block_->n; ++n)
    for (int c = 0; c < block_->c; ++c) {
      const QRectF tl = cellRect(g, n, c, 0, 0);
      const QRectF panel(tl.topLeft(), QSizeF(g.cell * block_->w, g.cell * block_->h));
      if (!panel.contains(pos)) continue;
      const int w = std::clamp(int((pos.x() - panel.left()) / g.cell), 0, block_->w - 1);
      const int h = std::clamp(int((pos.y() - panel.top()) / g.cell), 0, block_->h - 1);
      onCellClicked(n, c, h, w);
      return;
    }
}

// ---- The value scale ---------------------------------------------------------------------------

NormAxesValueScale::NormAxesValueScale(QWidget* parent) : QWidget(parent) {
  setObjectName("norm-axes-scale");
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void NormAxesValueScale::setRange(double maxAbs) {
  range_ = maxAbs > 0 && std::isfinite(maxAbs) ? maxAbs : 1;
  update();
}

void NormAxesValueScale::setPresentationMode(bool on) {
  presentation_ = on;
  updateGeometry();
  update();
}

QStringList NormAxesValueScale::tickLabels() const {
  QStringList out;
  for (double f : {-1.0, -0.5, 0.0, 0.5, 1.0}) {
    const double v = f * range_;
    // A true minus sign; 3 significant digits, as the summary's numbers.
    out << (v < 0 ? QString::fromUtf8("\u2212") : QString()) + QString::number(std::abs(v), 'g', 3);
  }
  return out;
}

int NormAxesValueScale::captionWidth() const { return QFontMetrics(font()).horizontalAdvance(Tr::tr("value of a cell:")) + 12; }

// The bar: after the caption, at most 60 average characters wide, one text line high; the numbers under it.
QRect NormAxesValueScale::barRect() const {
  const QFontMetrics fm(font());
  const int left = captionWidth() + fm.horizontalAdvance(minLabel()) / 2 + 2;
  const int width = std::max(80, std::min(60 * fm.averageCharWidth(), this->width() - left - fm.horizontalAdvance(maxLabel()) / 2 - 4));
  return {left, 2, width, fm.height()};
}

QSize NormAxesValueScale::sizeHint() const {
  const QFontMetrics fm(font());
  return {captionWidth() + 60 * fm.averageCharWidth(), 4 * fm.height() + 8};
}

QSize NormAxesValueScale::minimumSizeHint() const { return {captionWidth() + 120, sizeHint().height()}; }

void NormAxesValueScale::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QFontMetrics fm(font());
  const QRect bar = barRect();
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRect(0, bar.top(), captionWidth(), bar.height()), Qt::AlignLeft | Qt::AlignVCenter, Tr::tr("value of a cell:"));
  for (int x = 0; x < bar.width(); ++x) {
    const double v = range_ * (2.0 * (x + 0.5) / bar.width() - 1.0);
    p.fillRect(QRect(bar.left() + x, bar.top(), 1, bar.height()), normAxesValueColor(v, range_));
  }
  p.setPen(QPen(QColor(0x88, 0x88, 0x88), 1));
  p.drawRect(bar.adjusted(0, 0, -1, -1));
  // Ticks and their numbers.
  const QStringList labels = tickLabels();
  p.setPen(palette().color(QPalette::WindowText));
  for (int i = 0; i < labels.size(); ++i) {
    const int x = bar.left() + int(std::lround(i * (bar.width() - 1) / double(labels.size() - 1)));
    p.drawLine(x, bar.bottom() + 1, x, bar.bottom() + 5);
    const int w = fm.horizontalAdvance(labels[i]);
    p.drawText(QRect(x - w / 2 - 1, bar.bottom() + 6, w + 2, fm.height()), Qt::AlignCenter, labels[i]);
  }
  const int y = bar.bottom() + 8 + fm.height();
  p.drawText(QRect(0, y, width(), height() - y), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
             Tr::tr("Blue: negative, white: 0, orange: positive, up to the largest |value| in the block. Outlined: the "
             "values the clicked cell is normalized with; faded: the rest."));
}

// ---- The panel --------------------------------------------------------------------------------

NormAxesExplainer::NormAxesExplainer(QWidget* parent) : ExplainerPanel(parent) {
  setObjectName("norm-axes-explainer");
  title_->setText(Tr::tr("Normalization axes: which values share a mean and standard deviation? Click any cell."));

  auto* controls = new QWidget(this);
  auto* row = new QHBoxLayout(controls);
  row->setContentsMargins(0, 0, 0, 0);
  row->addWidget(new QLabel(Tr::tr("norm:"), controls));
  kind_ = new QComboBox(controls);
  kind_->setObjectName("norm-axes-kind");
  kind_->addItem(Tr::tr("batch norm"), int(NormKind::Batch));
  kind_->addItem(Tr::tr("layer norm"), int(NormKind::Layer));
  kind_->addItem(Tr::tr("instance norm"), int(NormKind::Instance));
  kind_->addItem(Tr::tr("group norm"), int(NormKind::Group));
  kind_->addItem(Tr::tr("local response norm"), int(NormKind::LocalResponse));
  row->addWidget(kind_);
  groupsLabel_ = new QLabel(Tr::tr("groups G:"), controls);
  row->addWidget(groupsLabel_);
  groups_ = new QComboBox(controls);
  groups_->setObjectName("norm-axes-groups");
  row->addWidget(groups_);
  lrnLabel_ = new QLabel(Tr::tr("window size:"), controls);
  row->addWidget(lrnLabel_);
  lrnSize_ = new QSpinBox(controls);
  lrnSize_->setObjectName("norm-axes-lrn-size");
  lrnSize_->setRange(1, 15);
  lrnSize_->setValue(3);
  row->addWidget(lrnSize_);
  row->addStretch(1);
  outer_->addWidget(controls);

  source_ = new QLabel(this);
  source_->setObjectName("norm-axes-source");
  source_->setWordWrap(true);
  outer_->addWidget(source_);
  view_ = new NormAxesBlockView(this);
  outer_->addWidget(view_, 1);
  scale_ = new NormAxesValueScale(this);
  outer_->addWidget(scale_);
  summary_ = new QLabel(this);
  summary_->setObjectName("norm-axes-summary");
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  summary_->setMinimumHeight(3 * QFontMetrics(font()).height());
  outer_->addWidget(summary_);

  view_->onCellClicked = [this](int n, int c, int h, int w) { selectElement(n, c, h, w); };
  connect(kind_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
  connect(groups_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
  connect(lrnSize_, &QSpinBox::valueChanged, this, [this] { refresh(); });
  loadDemoBlock();
}

void NormAxesExplainer::loadDemoBlock() {
  const std::string dir = kFashionMnistDir;
  const std::string images = idxPath(dir, "t10k-images-idx3-ubyte"), labels = idxPath(dir, "t10k-labels-idx1-ubyte");
  QString problem;
  if (!images.empty() && !labels.empty()) {
    try {
      const IdxArray img = readIdx(images, 3), lab = readIdx(labels, 1);
      const std::vector<int> chosen = distinctClassImages(lab.data, kDemoSamples);
      const int h = img.dims[1], w = img.dims[2];
      std::vector<std::uint8_t> pixels;
      QStringList names;
      for (int i : chosen) {
        const auto first = img.data.begin() + std::ptrdiff_t(i) * h * w;
        pixels.insert(pixels.end(), first, first + h * w);
        names << Tr::tr("sample %1\n(%2)").arg(names.size()).arg(lab.data[i] < 10 ? Tr::tr(kFashionClasses[lab.data[i]]) : "?");
      }
      ActivationBlock b = makeDemoBlock(pixels, int(chosen.size()), h, w, kDemoSize);
      QStringList channels;
      for (int c = 0; c < b.c; ++c) channels << Tr::tr("channel %1\n%2").arg(c).arg(demoChannelName(c));
      setActivations(b.n, b.c, b.h, b.w, std::move(b.values),
                     Tr::tr("The block: %1 Fashion-MNIST test images, shrunk to %2 × %2 pixels, each passed "
                             "through %3 fixed filters (the channels). Blue = negative, orange = positive.")
                         .arg(b.n).arg(kDemoSize).arg(b.c));
      sampleLabels_ = names;
      channelLabels_ = channels;
      view_->setBlock(&block_, sampleLabels_, channelLabels_);
      refresh();
      return;
    } catch (const NormLabError& e) {
      problem = QString::fromStdString(e.what());
    }
  }
  // No Fashion-MNIST: the built-in synthetic shapes.
  SyntheticConfig config;
  config.train = kDemoSamples;
  config.test = 1;
  const Dataset synthetic = makeSyntheticDataset(config, 7);
  ActivationBlock b = makeDemoBlock(synthetic.train.pixels, kDemoSamples, config.size, config.size, kDemoSize);
  QStringList names, channels;
  for (int i = 0; i < kDemoSamples; ++i)
    names << Tr::tr("sample %1\n(%2)").arg(i).arg(QString::fromStdString(synthetic.classNames[synthetic.train.labels[i]]));
  for (int c = 0; c < b.c; ++c) channels << Tr::tr("channel %1\n%2").arg(c).arg(demoChannelName(c));
  QString source = Tr::tr("The block: %1 built-in synthetic images (Fashion-MNIST not found in %2), shrunk to %3 "
                           "× %3 pixels, each through %4 fixed filters (the channels). Blue = negative, "
                           "orange = positive.")
                       .arg(kDemoSamples).arg(QString::fromStdString(dir)).arg(kDemoSize).arg(b.c);
  if (!problem.isEmpty()) source += " (" + problem + ")";
  setActivations(b.n, b.c, b.h, b.w, std::move(b.values), source);
  sampleLabels_ = names;
  channelLabels_ = channels;
  view_->setBlock(&block_, sampleLabels_, channelLabels_);
  refresh();
}

void NormAxesExplainer::setActivations(int n, int c, int h, int w, std::vector<float> values, QString source) {
  const bool sizesOk = n >= 1 && c >= 1 && h >= 1 && w >= 1 && n <= 64 && c <= 64 && h <= 64 && w <= 64 &&
                       values.size() == std::size_t(n) * c * h * w;
  if (!sizesOk) {
    showProblem(Tr::tr("Cannot show a block of %1 × %2 × %3 × %4 with %5 values (each size must be "
                        "1..64 and the values must fill the block).")
                    .arg(n).arg(c).arg(h).arg(w).arg(values.size()));
    return;
  }
  for (float& v : values)
    if (!std::isfinite(v)) v = 0.0f;  // a diverged run: show 0 rather than break the colours
  showProblem("");
  block_ = ActivationBlock{n, c, h, w, std::move(values)};
  scale_->setRange(blockValueRange(block_));
  sampleLabels_.clear();
  channelLabels_.clear();
  for (int i = 0; i < n; ++i) sampleLabels_ << Tr::tr("sample %1").arg(i);
  for (int i = 0; i < c; ++i) channelLabels_ << Tr::tr("channel %1").arg(i);
  source_->setText(source);
  selN_ = std::min(selN_, n - 1);
  selC_ = std::min(selC_, c - 1);
  selH_ = std::min(h / 2, h - 1);
  selW_ = std::min(w / 2, w - 1);
  refillGroups();
  view_->setBlock(&block_, sampleLabels_, channelLabels_);
  refresh();
}

// Group norm needs G to divide C: offer only the divisors, defaulting to 2 when possible.
void NormAxesExplainer::refillGroups() {
  const int previous = groups_->currentData().isValid() ? groups_->currentData().toInt() : 2;
  const QSignalBlocker block(groups_);
  groups_->clear();
  for (int g = 1; g <= block_.c; ++g)
    if (block_.c % g == 0) groups_->addItem(QString::number(g), g);
  int index = groups_->findData(previous);
  if (index < 0) index = groups_->findData(block_.c >= 2 && block_.c % 2 == 0 ? 2 : 1);
  groups_->setCurrentIndex(std::max(0, index));
}

void NormAxesExplainer::setNormKind(NormKind kind) {
  const int index = kind_->findData(int(kind));
  if (index >= 0) kind_->setCurrentIndex(index);
}

void NormAxesExplainer::setGroups(int groups) {
  const int index = groups_->findData(groups);
  if (index >= 0) groups_->setCurrentIndex(index);
}

void NormAxesExplainer::setLrnSize(int size) { lrnSize_->setValue(size); }

void NormAxesExplainer::selectElement(int n, int c, int h, int w) {
  selN_ = n, selC_ = c, selH_ = h, selW_ = w;
  refresh();
}

void NormAxesExplainer::setPresentationMode(bool on) {
  ExplainerPanel::setPresentationMode(on);
  view_->setFont(font());
  view_->setPresentationMode(on);
  scale_->setFont(font());
  scale_->setPresentationMode(on);
}

QString NormAxesExplainer::sourceText() const { return source_->text(); }
QString NormAxesExplainer::summaryText() const { return summary_->text(); }

void NormAxesExplainer::refresh() {
  if (block_.values.empty()) return;
  const NormKind kind = NormKind(kind_->currentData().toInt());
  groupsLabel_->setVisible(kind == NormKind::Group);
  groups_->setVisible(kind == NormKind::Group);
  lrnLabel_->setVisible(kind == NormKind::LocalResponse);
  lrnSize_->setVisible(kind == NormKind::LocalResponse);
  NormAxesQuery query;
  query.kind = kind;
  query.groups = groups_->currentData().isValid() ? groups_->currentData().toInt() : 1;
  query.lrnSize = lrnSize_->value();
  try {
    set_ = normalizationSet(block_, query, selN_, selC_, selH_, selW_);
  } catch (const NormLabError& e) {
    showProblem(QString::fromStdString(e.what()));
    return;
  }
  view_->setHighlight(set_.members, selN_, selC_, selH_, selW_);

  const int n = block_.n, c = block_.c, h = block_.h, w = block_.w;
  const QString times = " \u00D7 ";
  QString which;
  switch (kind) {
    case NormKind::Batch:
      which = Tr::tr("<b>Batch norm</b>: channel %1 of <i>every</i> sample: N%2H%2W = %3%2%4%2%5 = %6 values.")
                  .arg(selC_).arg(times).arg(n).arg(h).arg(w).arg(n * h * w);
      break;
    case NormKind::Layer:
      which = Tr::tr("<b>Layer norm</b>: every channel of sample %1: C%2H%2W = %3%2%4%2%5 = %6 values.")
                  .arg(selN_).arg(times).arg(c).arg(h).arg(w).arg(c * h * w);
      break;
    case NormKind::Instance:
      which = Tr::tr("<b>Instance norm</b>: channel %1 of sample %2 only: H%3W = %4%3%5 = %6 values.")
                  .arg(selC_).arg(selN_).arg(times).arg(h).arg(w).arg(h * w);
      break;
    case NormKind::Group: {
      const int per = c / query.groups, first = selC_ / per * per;
      which = Tr::tr("<b>Group norm</b> (G = %1): channels %2–%3 of sample %4: (C/G)%5H%5W = %6%5%7%5%8 = %9 values.")
                  .arg(query.groups).arg(first).arg(first + per - 1).arg(selN_).arg(times).arg(per).arg(h).arg(w)
                  .arg(per * h * w);
      break;
    }
    case NormKind::LocalResponse: {
      const int first = std::max(0, selC_ - query.lrnSize / 2), last = std::min(c - 1, selC_ + (query.lrnSize - 1) / 2);
      which = Tr::tr("<b>Local response norm</b> (size %1): channels %2–%3 at the same pixel of sample %4: "
                      "%5 values.")
                  .arg(query.lrnSize).arg(first).arg(last).arg(selN_).arg(last - first + 1);
      break;
    }
    case NormKind::None: break;
  }
  const double value = block_.values[block_.index(selN_, selC_, selH_, selW_)];
  QString numbers;
  if (kind == NormKind::LocalResponse) {
    numbers = Tr::tr("LRN subtracts no mean: it divides by (k + α/n · sum of squares)<sup>β</sup>. Sum "
                      "of squares %1; divisor %2; this value %3 → %4. With PyTorch's defaults (k = 1, "
                      "α = 0.0001, β = 0.75) the divisor stays near 1 unless the values are large. "
                      "(For comparison: mean %5, std %6.)")
                  .arg(set_.sumOfSquares, 0, 'g', 4).arg(set_.lrnDivisor, 0, 'f', 5).arg(value, 0, 'f', 3)
                  .arg(set_.normalizedValue, 0, 'f', 3).arg(set_.mean, 0, 'f', 3).arg(set_.stdWithEps, 0, 'f', 3);
  } else {
    numbers = Tr::tr("count %1 · mean %2 · std %3 (√(variance + ε)) · this value %4 → "
                      "(%4 − mean) / std = <b>%5</b>")
                  .arg(set_.members.size()).arg(set_.mean, 0, 'f', 3).arg(set_.stdWithEps, 0, 'f', 3)
                  .arg(value, 0, 'f', 3).arg(set_.normalizedValue, 0, 'f', 3);
  }
  summary_->setText(Tr::tr("Clicked: sample %1, channel %2, row %3, column %4.").arg(selN_).arg(selC_).arg(selH_).arg(selW_) +
                    " " + which + "<br>" + numbers);
}

}  // namespace normlab
