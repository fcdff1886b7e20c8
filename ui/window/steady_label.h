// A status-bar label that does not relayout the window on every text change. A QLabel whose
// size can change posts a layout request to its parent at every setText; the status bar then
// rebuilds its layout (tens of milliseconds with rich text, 30 times a second while training).
// This label has a fixed size that only grows when a new text needs more room (and is reset
// when the fonts change), so most updates only repaint it.
#pragma once

#include <QLabel>

namespace normlab {

class SteadyLabel : public QLabel {
 public:
  using QLabel::QLabel;

  void setSteadyText(const QString& text) {
    if (text == QLabel::text()) return;
    setText(text);
    const QSize needed = QLabel::sizeHint();
    if (needed.width() > width() || needed.height() != height()) {
      // Room to grow a little (digits of a speed) before the next relayout.
      setFixedSize(needed.width() + fontMetrics().horizontalAdvance(QStringLiteral("0000")), needed.height());
    }
  }
  // After a font change: size from the current text again.
  void resetSize() {
    setMinimumSize(0, 0);
    setMaximumSize(QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    const QString current = text();
    clear();
    setSteadyText(current);
  }
};

}  // namespace normlab
