// Which language the window speaks: the system locale's, or the one chosen under View > Language
// (kept in QSettings as "language": "" for the system default, "en", "de"). Installs NormLab's
// translation (embedded as :/i18n/normlab_<lang>.qm) and Qt's own (qtbase_<lang>.qm from Qt's
// translations folder) so standard dialogs follow. Numbers shown in the window follow the chosen
// locale (displayLocale()); files never do: they are written with C-locale formatting.
#pragma once

#include <QLocale>
#include <QString>
#include <QStringList>

#include <string>

class QMenu;
class QWidget;

namespace normlab {

// The languages NormLab has a translation for, as codes ("en", "de").
QStringList availableLanguages();
// A language's own name ("English", "Deutsch").
QString languageNativeName(const QString& code);

// The choice kept in QSettings: "" (the system's), or a code of availableLanguages().
QString languageSetting();
void setLanguageSetting(const QString& code);

// The locale the window uses for a choice ("" = QLocale::system()).
QLocale localeForLanguage(const QString& code);

// Makes `locale` the default locale and installs the translators for it (NormLab's and qtbase's).
// Translators installed by an earlier call are removed first, so a test can switch back and forth.
// Returns whether NormLab's own translation was loaded (false for English, which needs none).
bool installTranslations(const QLocale& locale);

// The locale for numbers shown in the window: the default locale, or English where that is the C
// locale (no thousands separators), so "10,000" reads the same in an untranslated window.
QLocale displayLocale();

// A text the engine (core/, which has no Qt) gives in English: a class name of a built-in dataset
// or a model preset's description, in the window's language where it has a translation.
QString translatedCoreText(const std::string& text);

// View > Language: "System default" and each language named in itself, the current choice
// ticked. Choosing one keeps it in QSettings and says that it applies when NormLab next starts.
QMenu* buildLanguageMenu(QWidget* parent);

}  // namespace normlab
