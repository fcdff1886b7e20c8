#include "ui/window/language.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QTranslator>

namespace normlab {

namespace {
struct Tr {
  Q_DECLARE_TR_FUNCTIONS(Language)
};

const char* const kSettingKey = "language";

// The translators installed by installTranslations(), owned by the application object.
QTranslator* appTranslator = nullptr;
QTranslator* qtTranslator = nullptr;

void removeTranslator(QTranslator*& t) {
  if (!t) return;
  QCoreApplication::removeTranslator(t);
  delete t;
  t = nullptr;
}
}  // namespace

QStringList availableLanguages() { return {"en", "de"}; }

QString languageNativeName(const QString& code) {
  const QLocale locale(code);
  QString name = locale.nativeLanguageName();
  if (code == "en") name = "English";  // not "American English"
  return name.isEmpty() ? code : name.left(1).toUpper() + name.mid(1);
}

QString languageSetting() {
  const QString code = QSettings().value(kSettingKey).toString();
  return availableLanguages().contains(code) ? code : QString();
}

void setLanguageSetting(const QString& code) {
  QSettings settings;
  if (code.isEmpty())
    settings.remove(kSettingKey);
  else
    settings.setValue(kSettingKey, code);
}

QLocale localeForLanguage(const QString& code) { return code.isEmpty() ? QLocale::system() : QLocale(code); }

bool installTranslations(const QLocale& locale) {
  removeTranslator(appTranslator);
  removeTranslator(qtTranslator);
  QLocale::setDefault(locale);
  bool loaded = false;
  if (locale.language() != QLocale::English && locale.language() != QLocale::C) {
    appTranslator = new QTranslator(QCoreApplication::instance());
    loaded = appTranslator->load(locale, "normlab", "_", ":/i18n");
    if (loaded)
      QCoreApplication::installTranslator(appTranslator);
    else
      removeTranslator(appTranslator);
    qtTranslator = new QTranslator(QCoreApplication::instance());
    if (qtTranslator->load(locale, "qtbase", "_", QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
      QCoreApplication::installTranslator(qtTranslator);
    else
      removeTranslator(qtTranslator);
  }
  return loaded;
}

QLocale displayLocale() {
  const QLocale locale;
  return locale.language() == QLocale::C ? QLocale(QLocale::English) : locale;
}

QMenu* buildLanguageMenu(QWidget* parent) {
  auto* menu = new QMenu(Tr::tr("&Language"), parent);
  menu->setToolTip(Tr::tr("The language of the window; it applies when NormLab next starts."));
  auto* group = new QActionGroup(menu);
  const QString current = languageSetting();
  auto add = [&](const QString& code, const QString& name) {
    QAction* a = menu->addAction(name);
    a->setCheckable(true);
    a->setChecked(code == current);
    group->addAction(a);
    QObject::connect(a, &QAction::triggered, parent, [parent, code, name] {
      if (code == languageSetting()) return;
      setLanguageSetting(code);
      QMessageBox::information(parent, Tr::tr("Language"),
                               Tr::tr("The new language (%1) applies the next time NormLab starts.").arg(name));
    });
  };
  add(QString(), Tr::tr("System default"));
  menu->addSeparator();
  for (const QString& code : availableLanguages()) add(code, languageNativeName(code));
  return menu;
}

}  // namespace normlab
