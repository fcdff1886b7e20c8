// The main window. Until the GUI issue lands it only says what is coming.
#pragma once

#include <QMainWindow>

namespace normlab {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace normlab
