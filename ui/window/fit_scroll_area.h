// A scroll area for a chart tab: the page always fills the visible area and scrolls only when
// the area is smaller than the least the page needs. (QScrollArea's widgetResizable sizes a page
// with word-wrapped labels to its preferred height instead, so at 1280x720 under a lesson card the
// Loss tab scrolled with its x axis hidden although its charts fit.)
#pragma once

#include <QScrollArea>

namespace normlab {

class FitScrollArea : public QScrollArea {
 public:
  explicit FitScrollArea(QWidget* parent = nullptr);
  // Takes the page (owned by the scroll area from now on).
  void setPage(QWidget* page);

 protected:
  void resizeEvent(QResizeEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void fit();
};

}  // namespace normlab
