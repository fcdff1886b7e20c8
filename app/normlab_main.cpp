// The NormLab desktop application.
#include <QApplication>

#include "ui/main_window.h"

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("NormLab");
  QApplication::setOrganizationName("NormLab");
  normlab::MainWindow window;
  window.show();
  return app.exec();
}
