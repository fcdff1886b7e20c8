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

// The engine's English texts the window shows, for lupdate (translatedCoreText() looks them up).
[[maybe_unused]] constexpr const char* kCoreTexts[] = {
    // Fashion-MNIST's and CIFAR-10's classes (core/data/).
    QT_TRANSLATE_NOOP("CoreTexts", "T-shirt/top"), QT_TRANSLATE_NOOP("CoreTexts", "Trouser"),
    QT_TRANSLATE_NOOP("CoreTexts", "Pullover"), QT_TRANSLATE_NOOP("CoreTexts", "Dress"),
    QT_TRANSLATE_NOOP("CoreTexts", "Coat"), QT_TRANSLATE_NOOP("CoreTexts", "Sandal"),
    QT_TRANSLATE_NOOP("CoreTexts", "Shirt"), QT_TRANSLATE_NOOP("CoreTexts", "Sneaker"),
    QT_TRANSLATE_NOOP("CoreTexts", "Bag"), QT_TRANSLATE_NOOP("CoreTexts", "Ankle boot"),
    QT_TRANSLATE_NOOP("CoreTexts", "airplane"), QT_TRANSLATE_NOOP("CoreTexts", "automobile"),
    QT_TRANSLATE_NOOP("CoreTexts", "bird"), QT_TRANSLATE_NOOP("CoreTexts", "cat"),
    QT_TRANSLATE_NOOP("CoreTexts", "deer"), QT_TRANSLATE_NOOP("CoreTexts", "dog"),
    QT_TRANSLATE_NOOP("CoreTexts", "frog"), QT_TRANSLATE_NOOP("CoreTexts", "horse"),
    QT_TRANSLATE_NOOP("CoreTexts", "ship"), QT_TRANSLATE_NOOP("CoreTexts", "truck"),
    // The model presets' descriptions (resources/presets/*.json).
    QT_TRANSLATE_NOOP("CoreTexts", "The reference network of BENCHNET.md: two 3x3 convolutions (16, 32 channels) with a "
                                   "norm after each, max pooling, a 128-unit dense layer, dropout 0.25."),
    QT_TRANSLATE_NOOP("CoreTexts", "A deep multilayer perceptron (eight hidden dense layers of 100 units, each followed by "
                                   "a norm and a sigmoid) where normalization decides whether training starts at all."),
    QT_TRANSLATE_NOOP("CoreTexts", "bench-net with a third norm after the hidden dense layer, so normalization effects "
                                   "show plainly; the default for comparisons."),
    QT_TRANSLATE_NOOP("CoreTexts", "A very small, very fast network for tests and quick demos: one stride-2 convolution "
                                   "with 4 channels, a norm, pooling and a dense layer."),
    QT_TRANSLATE_NOOP("CoreTexts", "A deeper VGG-style network (five 3x3 convolutions, each followed by a norm and an "
                                   "activation) for watching gradients flow across depth."),
};

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

QString translatedCoreText(const std::string& text) {
  return QCoreApplication::translate("CoreTexts", text.c_str());
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
