// Prompts for window tests: "save the results?" is answered Discard (Reset, Start after a run,
// opening a lesson ask it) and warnings stay off screen, so no test blocks on a modal dialog.
#pragma once

#include "ui/window/user_prompts.h"

namespace normlab {

inline UserPrompts discardingPrompts() {
  UserPrompts p = UserPrompts::interactive();
  p.askToSave = [](QWidget*, const QString&) { return QMessageBox::Discard; };
  p.warn = [](QWidget*, const QString&, const QString&) {};
  return p;
}

}  // namespace normlab
