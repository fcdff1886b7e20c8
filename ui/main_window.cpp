#include "main_window.h"

#include <QLabel>

namespace normlab {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("NormLab");
  auto* label = new QLabel(
      "<h1>NormLab</h1>"
      "<p>Train small convolutional networks live and watch, layer by layer,<br>"
      "what normalization does to them.</p>"
      "<p>The training core is ready and tested (see <tt>normlab-bench</tt>).<br>"
      "Side-by-side training with per-layer charts is coming next.</p>",
      this);
  label->setAlignment(Qt::AlignCenter);
  label->setMargin(32);
  setCentralWidget(label);
  resize(900, 560);
}

}  // namespace normlab
