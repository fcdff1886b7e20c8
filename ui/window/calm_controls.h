// Keeps the side panel's fields from changing by accident. The mouse wheel over a spin box or
// combo box that has no keyboard focus scrolls the panel instead of changing the value (a wheel
// turn alone no longer focuses it either); Space in a numeric field never edits it, so the
// window's Space shortcut starts and pauses even while the learning rate has focus. Free-text
// fields (a folder, a list of values) keep Space as a character. Knows nothing of the settings.
#pragma once

#include <QObject>

class QWidget;

namespace normlab {

class CalmControls : public QObject {
  Q_OBJECT
 public:
  // Guards every spin box and combo box under `root` (the filter is parented to root).
  static void install(QWidget* root);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  explicit CalmControls(QObject* parent) : QObject(parent) {}
};

}  // namespace normlab
