#include "ui/window/calm_controls.h"

#include <QAbstractScrollArea>
#include <QAbstractSpinBox>
#include <QCoreApplication>
#include <QScrollBar>
#include <QComboBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QWheelEvent>

#include <cstdlib>

namespace normlab {

namespace {

// The spin box `object` is, or whose line edit it is.
QAbstractSpinBox* spinBoxOf(QObject* object) {
  if (auto* box = qobject_cast<QAbstractSpinBox*>(object)) return box;
  if (qobject_cast<QLineEdit*>(object)) return qobject_cast<QAbstractSpinBox*>(object->parent());
  return nullptr;
}

bool isPlainSpace(const QEvent* event) {
  const auto* key = static_cast<const QKeyEvent*>(event);
  return key->key() == Qt::Key_Space && (key->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
}

}  // namespace

void CalmControls::install(QWidget* root) {
  auto* filter = new CalmControls(root);
  for (QWidget* w : root->findChildren<QWidget*>()) {
    if (auto* box = qobject_cast<QAbstractSpinBox*>(w)) {
      box->setFocusPolicy(Qt::StrongFocus);
      box->installEventFilter(filter);
      if (QLineEdit* edit = box->findChild<QLineEdit*>()) edit->installEventFilter(filter);
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
      combo->setFocusPolicy(Qt::StrongFocus);
      combo->installEventFilter(filter);
    }
  }
}

bool CalmControls::eventFilter(QObject* watched, QEvent* event) {
  switch (event->type()) {
    case QEvent::Wheel: {
      auto* w = qobject_cast<QWidget*>(watched);
      if (!w || w->hasFocus()) return false;
      // The panel scrolls instead: the wheel goes to the scroll bar of the nearest scroll area,
      // as the area itself would send it (ignoring it is not enough: synthesized and some
      // platforms' events do not travel on to the parents).
      auto* wheel = static_cast<QWheelEvent*>(event);
      for (QWidget* p = w->parentWidget(); p; p = p->parentWidget())
        if (auto* area = qobject_cast<QAbstractScrollArea*>(p)) {
          const QPoint d = wheel->angleDelta();
          QCoreApplication::sendEvent(std::abs(d.x()) > std::abs(d.y()) ? area->horizontalScrollBar()
                                                                          : area->verticalScrollBar(),
                                      event);
          break;
        }
      return true;
    }
    case QEvent::ShortcutOverride:
      // Not claimed by the field: the window's Space shortcut (start / pause) takes the key.
      if (spinBoxOf(watched) && isPlainSpace(event)) {
        event->ignore();
        return true;
      }
      return false;
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
      // A number has no spaces; a Space that reaches the field (no shortcut) is dropped.
      return spinBoxOf(watched) && isPlainSpace(event);
    default: return false;
  }
}

}  // namespace normlab
