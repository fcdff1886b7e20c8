// "Normalization axes": the (N, C, H, W) block of a batch drawn as N rows x C columns of small
// H x W panels coloured by value; a norm selector (batch, layer, instance, group + G, LRN + size);
// clicking an activation highlights every value it is normalized with and shows the set's count,
// mean and standard deviation (biased, + eps, as the layer computes them). Fed a live batch by
// setActivations(); standalone it shows a real Fashion-MNIST mini-batch (or, without the files,
// the built-in synthetic images) through four fixed filters. The sets come from
// core/classroom/explainer_math.h (checked there against core's norm layers).
#pragma once

#include <functional>
#include <vector>

#include <QString>
#include <QStringList>
#include <QWidget>

#include "core/classroom/explainer_math.h"
#include "ui/classroom/explainer_panel.h"

class QComboBox;
class QLabel;
class QSpinBox;

namespace normlab {

// The drawing: one panel per (sample, channel), cells coloured blue (negative) - white - orange
// (positive); when a set is highlighted, the other cells fade and the clicked cell is outlined.
class NormAxesBlockView : public QWidget {
 public:
  explicit NormAxesBlockView(QWidget* parent = nullptr);
  void setBlock(const ActivationBlock* block, QStringList sampleLabels, QStringList channelLabels);
  void setHighlight(std::vector<std::size_t> members, int n, int c, int h, int w);
  void setPresentationMode(bool on);
  // Centre of cell (n, c, h, w) in widget coordinates (tests click there).
  QPoint cellCenter(int n, int c, int h, int w) const;
  std::function<void(int n, int c, int h, int w)> onCellClicked;
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;

 private:
  struct Geometry {
    double cell = 10, left = 0, top = 0, gap = 10;
  };
  Geometry geometry() const;
  QRectF cellRect(const Geometry& g, int n, int c, int h, int w) const;

  const ActivationBlock* block_ = nullptr;
  QStringList sampleLabels_, channelLabels_;
  std::vector<char> inSet_;  // per element, when a set is highlighted
  int selN_ = -1, selC_ = -1, selH_ = -1, selW_ = -1;
  bool presentation_ = false;
};

// The key to the drawing's colours: a bar from blue (the most negative value shown) through white
// (0) to orange (the most positive), with numbers under it. The scale is symmetric, +-the largest
// |value| of the block, as the cells are coloured; a second line says what outlines and fading mean.
class NormAxesValueScale : public QWidget {
 public:
  explicit NormAxesValueScale(QWidget* parent = nullptr);
  // The largest |value| of the block on show (0 is taken as 1, as the drawing does).
  void setRange(double maxAbs);
  double range() const { return range_; }
  void setPresentationMode(bool on);
  // The numbers under the bar, left to right: -range, -range/2, 0, range/2, range.
  QStringList tickLabels() const;
  QString minLabel() const { return tickLabels().front(); }
  QString maxLabel() const { return tickLabels().back(); }
  // Where the colour bar is drawn (tests sample its colours).
  QRect barRect() const;
  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  int captionWidth() const;
  double range_ = 1;
  bool presentation_ = false;
};

// The colour of a value in a block whose largest |value| is `range`, as the drawing and the scale show it.
QColor normAxesValueColor(double value, double range);
// The largest |value| of the block (1 for an empty or all-zero block).
double blockValueRange(const ActivationBlock& block);

class NormAxesExplainer : public ExplainerPanel {
 public:
  // Standalone: loads the demo block (Fashion-MNIST if readable, else synthetic).
  explicit NormAxesExplainer(QWidget* parent = nullptr);
  // A live batch from an experiment: values N x C x H x W (NCHW). Invalid sizes show a message
  // and keep the previous block. `source` says what the block is ("conv1 output, step 120").
  void setActivations(int n, int c, int h, int w, std::vector<float> values, QString source);
  void setNormKind(NormKind kind);
  void setGroups(int groups);
  void setLrnSize(int size);
  void selectElement(int n, int c, int h, int w);
  void setPresentationMode(bool on) override;

  // For tests and the lead: what is shown.
  const ActivationBlock& block() const { return block_; }
  const NormalizationSet& currentSet() const { return set_; }
  int highlightedCount() const { return int(set_.members.size()); }
  NormAxesBlockView* blockView() const { return view_; }
  NormAxesValueScale* valueScale() const { return scale_; }
  QString sourceText() const;
  QString summaryText() const;

 private:
  void loadDemoBlock();
  void refillGroups();
  void refresh();

  ActivationBlock block_;
  NormalizationSet set_;
  int selN_ = 0, selC_ = 0, selH_ = 0, selW_ = 0;
  NormAxesBlockView* view_ = nullptr;
  NormAxesValueScale* scale_ = nullptr;
  QComboBox *kind_ = nullptr, *groups_ = nullptr;
  QSpinBox* lrnSize_ = nullptr;
  QLabel *groupsLabel_ = nullptr, *lrnLabel_ = nullptr, *source_ = nullptr, *summary_ = nullptr;
  QStringList sampleLabels_, channelLabels_;
};

}  // namespace normlab
