#include "ui/window/fit_scroll_area.h"

#include <algorithm>

#include <QEvent>
#include <QLayout>
#include <QScrollBar>

namespace normlab {

FitScrollArea::FitScrollArea(QWidget* parent) : QScrollArea(parent) {
  setFrameShape(QFrame::NoFrame);
  setWidgetResizable(false);
}

void FitScrollArea::setPage(QWidget* page) {
  setWidget(page);
  page->installEventFilter(this);
  fit();
}

void FitScrollArea::resizeEvent(QResizeEvent* event) {
  QScrollArea::resizeEvent(event);
  fit();
}

bool FitScrollArea::eventFilter(QObject* watched, QEvent* event) {
  if (watched == widget() && event->type() == QEvent::LayoutRequest) fit();
  return QScrollArea::eventFilter(watched, event);
}

void FitScrollArea::fit() {
  QWidget* page = widget();
  if (!page) return;
  // The least height the page needs at the width it gets: a word-wrapped label needs more lines
  // when narrow, so ask the layout for its minimum at that width.
  const auto leastHeight = [page](int width) {
    const QLayout* layout = page->layout();
    if (layout && layout->hasHeightForWidth()) return layout->minimumHeightForWidth(width);
    return page->minimumSizeHint().height();
  };
  const int width = std::max(maximumViewportSize().width(), page->minimumSizeHint().width());
  int height = maximumViewportSize().height();
  if (leastHeight(width) > height) {
    // It scrolls: the vertical bar takes its width from the page.
    const int narrower = std::max(width - verticalScrollBar()->sizeHint().width(), page->minimumSizeHint().width());
    page->resize(narrower, leastHeight(narrower));
    return;
  }
  page->resize(width, height);
}

}  // namespace normlab
