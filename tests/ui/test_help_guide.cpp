// Help > Guide and the keyboard shortcuts, offscreen: the guide has an entry for every tab of the
// window (a tab added without one is named as missing), lists every shortcut the window answers
// to, follows presentation mode's large font and opens with F1 while the menu bar is hidden.
// Every key the window answers to is on an action that a menu shows (so the menu shows the key
// beside it), no two actions share a key, and the keys the tooltips promise are really there.
// With $NORMLAB_SHOT_DIR set, the guide is saved as help-guide-720.png and -1080.png there.
#include <QtTest>

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QScrollBar>
#include <QTabWidget>
#include <QTextBrowser>

#include <map>

#include "support/discarding_prompts.h"
#include "ui/window/help_guide.h"
#include "ui/window/main_window.h"

using namespace normlab;

namespace {

// Every action in the menu bar's menus and their submenus.
QList<QAction*> menuActions(QMainWindow& w) {
  QList<QAction*> out;
  std::function<void(const QList<QAction*>&)> walk = [&](const QList<QAction*>& actions) {
    for (QAction* a : actions) {
      if (a->menu()) walk(a->menu()->actions());
      else if (!a->isSeparator()) out << a;
    }
  };
  walk(w.menuBar()->actions());
  return out;
}

QAction* menuActionNamed(QMainWindow& w, const QString& text) {
  for (QAction* a : menuActions(w))
    if (QString(a->text()).remove('&') == text) return a;
  return nullptr;
}

void saveShot(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("NORMLAB_SHOT_DIR");
  if (dir.isEmpty()) return;
  QDir().mkpath(dir);
  QVERIFY(widget->grab().save(dir + "/" + name));
}

}  // namespace

class TestHelpGuide : public QObject {
  Q_OBJECT
 private slots:
  void init() { QSettings().clear(); }

  // The guide names every tab the window has, in tab order, each with its text.
  void guideCoversEveryTab() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    QAction* guideAct = menuActionNamed(w, "Guide");
    QVERIFY(guideAct);
    QCOMPARE(guideAct->shortcut(), QKeySequence(QKeySequence::HelpContents));
    guideAct->trigger();
    auto* guide = w.findChild<HelpGuide*>("help-guide");
    QVERIFY(guide);
    QVERIFY(guide->isVisible());
    QStringList titles;
    for (int i = 0; i < w.tabs()->count(); ++i) titles << shownTabTitle(w.tabs(), i);
    QVERIFY(titles.contains("Loss & accuracy") && titles.contains("Lessons"));
    QVERIFY2(guide->missingTabs().isEmpty(), qPrintable("no guide entry for: " + guide->missingTabs().join(", ")));
    QCOMPARE(guide->coveredTabs(), titles);
    const QString text = guide->browser()->toPlainText();
    for (const QString& t : titles) {
      QVERIFY2(text.contains(t + " \u2014 "), qPrintable(t));
      QVERIFY(!tabGuideText(t).isEmpty());
    }
    // A tab the guide does not know is reported, not silently left out.
    w.tabs()->addTab(new QLabel("?"), "Mystery && more");
    guide->refresh();
    QCOMPARE(guide->missingTabs(), QStringList{"Mystery & more"});
    // The same guide is raised, not a second one made.
    guideAct->trigger();
    QCOMPARE(w.findChildren<HelpGuide*>().size(), qsizetype(1));
  }

  // The guide lists every shortcut of the window with what it does.
  void guideListsTheShortcuts() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    HelpGuide* guide = showHelpGuide(&w, w.tabs());
    const QList<ShortcutEntry> keys = windowShortcuts(&w);
    QVERIFY(keys.size() >= 10);  // Space, Right or S, R, F11, Ctrl+Shift+R, F1, Ctrl+O, Ctrl+S, Ctrl+Shift+S, Ctrl+Q
    const QString text = guide->browser()->toPlainText();
    for (const ShortcutEntry& k : keys) {
      QVERIFY2(text.contains(k.keys) && text.contains(k.what), qPrintable(k.keys + " " + k.what));
      QVERIFY2(!k.what.contains('&'), qPrintable(k.what));
    }
    QVERIFY(text.contains("F1") && text.contains("Space") && text.contains("F11"));
  }

  // Every key the window answers to is on an action in a menu, so the menu shows it beside the
  // item; the keys the tooltips promise are on those actions; no key is held by two actions.
  void everyShortcutIsShownInAMenu() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    const QList<QAction*> inMenus = menuActions(w);
    QList<QAction*> all = inMenus;
    for (QAction* a : w.findChildren<QAction*>())
      if (!all.contains(a)) all << a;
    std::map<QString, QString> owner;  // key -> action text
    for (const QAction* a : all) {
      // A key that acts only inside one widget (the Results table's Ctrl+C) is shown in that
      // widget's context menu, not in the window's menus, and may reuse a key elsewhere.
      const Qt::ShortcutContext context = a->shortcutContext();
      if (context == Qt::WidgetShortcut || context == Qt::WidgetWithChildrenShortcut) continue;
      for (const QKeySequence& k : a->shortcuts()) {
        if (k.isEmpty()) continue;
        const QString key = k.toString(QKeySequence::PortableText);
        QVERIFY2(owner.find(key) == owner.end(),
                 qPrintable(key + " is held by both " + owner[key] + " and " + a->text()));
        owner[key] = a->text();
        QVERIFY2(inMenus.contains(a), qPrintable(key + " (" + a->text() + ") is in no menu, so no menu shows it"));
      }
    }
    // The keys the toolbar's tooltips and the guide promise.
    const std::map<QString, QString> promised = {
        {"Start or pause", "Space"}, {"Step", "Right"},   {"Reset", "R"},   {"Presentation", "F11"},
        {"Guide", "F1"},             {"Save", "Ctrl+S"},  {"Open…", "Ctrl+O"}, {"Quit", "Ctrl+Q"},
        {"Run Again", "Ctrl+Shift+R"}};
    for (const auto& [text, key] : promised) {
      QAction* a = menuActionNamed(w, text);
      QVERIFY2(a, qPrintable("no menu item " + text));
      QVERIFY2(a->shortcuts().contains(QKeySequence(key)), qPrintable(text + " does not show " + key));
    }
    // Menus show the key: nothing in the app hides shortcuts from its menus.
    for (QAction* a : inMenus) QVERIFY(a->isShortcutVisibleInContextMenu() || a->shortcut().isEmpty());
    if (!qEnvironmentVariable("NORMLAB_SHOT_DIR").isEmpty())
      for (QAction* top : w.menuBar()->actions()) {
        QMenu* menu = top->menu();
        menu->popup(QPoint(0, 0));
        QTRY_VERIFY(menu->isVisible());
        saveShot(menu, "menu-" + QString(top->text()).remove('&').toLower() + ".png");
        menu->hide();
      }
  }

  // Presentation mode enlarges the guide with the window; F1 opens it with the menu bar hidden.
  void guideFollowsPresentationMode() {
    MainWindow w;
    w.setPrompts(discardingPrompts());
    w.resize(1280, 720);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    HelpGuide* guide = showHelpGuide(&w, w.tabs());
    const qreal normal = guide->browser()->font().pointSizeF();
    QVERIFY(guide->width() <= 1280 && guide->height() <= 720);
    saveShot(guide, "help-guide-720.png");
    if (!qEnvironmentVariable("NORMLAB_SHOT_DIR").isEmpty()) {
      QScrollBar* bar = guide->browser()->verticalScrollBar();
      bar->setValue(bar->maximum());
      saveShot(guide, "help-guide-720-keys.png");
      bar->setValue(0);
    }
    guide->close();
    w.setPresentationMode(true);
    QVERIFY(w.menuBar()->isHidden());
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(&w, Qt::Key_F1);
    QTRY_VERIFY(guide->isVisible());
    QVERIFY2(guide->browser()->font().pointSizeF() > 1.4 * normal,
             qPrintable(QString("%1 -> %2").arg(normal).arg(guide->browser()->font().pointSizeF())));
    QCOMPARE(guide->browser()->document()->defaultFont().pointSizeF(), guide->browser()->font().pointSizeF());
    if (!qEnvironmentVariable("NORMLAB_SHOT_DIR").isEmpty()) {
      w.setPresentationMode(false);
      w.resize(1920, 1080);
      w.setPresentationMode(true);
      guide->fitToWindow();
      saveShot(guide, "help-guide-1080.png");
    }
    w.setPresentationMode(false);
    QVERIFY(guide->browser()->font().pointSizeF() < 1.1 * normal);
  }
};

QTEST_MAIN(TestHelpGuide)
#include "test_help_guide.moc"
