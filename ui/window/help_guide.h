// Help > Guide (F1): a short guide to the window, what each chart tab shows and how to read it,
// and the keyboard shortcuts. The tab list comes from the window's tab widget and the shortcuts
// from its actions, so neither goes stale; a tab without a guide entry is named as missing (and a
// test fails). A non-modal, scrollable window that follows the main window's font, so it is large
// in presentation mode (F1 works there too, with the menu bar hidden). Knows tabs by title only.
#pragma once

#include <QDialog>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>

class QTabWidget;
class QTextBrowser;

namespace normlab {

// How to read the tab titled `title` (as the user sees it, "Loss & accuracy"); "" for a tab the
// guide does not know.
QString tabGuideText(const QString& title);

// A tab's title as shown: QTabWidget::tabText without the "&&" that keeps "&" from being a mnemonic.
QString shownTabTitle(const QTabWidget* tabs, int index);

struct ShortcutEntry {
  QString keys;  // "Ctrl+S", "Right or S": as the menus show them
  QString what;  // the action's text without mnemonics: "Save"
};

// Every action of `window` and of the menus under it that has a shortcut, once each, in the
// order found (window actions first, then menu by menu).
QList<ShortcutEntry> windowShortcuts(const QWidget* window);

class HelpGuide : public QDialog {
 public:
  // `window` is followed for its font and read for its shortcuts; `tabs` lists the tabs.
  HelpGuide(QWidget* window, const QTabWidget* tabs);

  // Rebuilds the text from the tabs and actions as they are now (on every show).
  void refresh();
  QString html() const;
  // Tab titles shown with a guide entry, and those the guide has no entry for (for tests).
  QStringList coveredTabs() const { return covered_; }
  QStringList missingTabs() const { return missing_; }
  QTextBrowser* browser() const { return browser_; }
  // Most of the window's size, within the screen.
  void fitToWindow();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;
  void showEvent(QShowEvent* event) override;

 private:
  void followWindowFont();

  QWidget* window_;
  QPointer<const QTabWidget> tabs_;
  QTextBrowser* browser_;
  QStringList covered_, missing_;
};

// Shows the window's guide (made on first use, then raised) and returns it.
HelpGuide* showHelpGuide(QWidget* window, const QTabWidget* tabs);

}  // namespace normlab
