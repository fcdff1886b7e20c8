// Translations: with the German translation installed every top-level menu, every tab and every
// label, check box, button and group title of the side panel reads differently from English (a
// string that escapes tr() fails); the German .ts file (resources/translations/normlab_de.ts) has
// no unfinished, vanished or obsolete message and fills every plural form; lessons show their
// German title and text under German and English otherwise; and files written by this GUI process
// under a German C locale (Qt's QApplication calls setlocale(LC_ALL, "")) use dots as decimals.
#include <QtTest>

#include <QAbstractButton>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <clocale>

#include "core/classroom/lesson.h"
#include "core/experiment/experiment.h"
#include "core/files/experiment_file.h"
#include "core/files/results_writer.h"
#include "support/file_helpers.h"
#include "support/german_locale.h"
#include "ui/classroom/lessons_page.h"
#include "ui/export/data_export.h"
#include "ui/window/control_panel.h"
#include "ui/window/dataset_strip.h"
#include "ui/window/language.h"
#include "ui/window/main_window.h"

using namespace normlab;

namespace {

// The texts a user reads in the menu bar, the tab bar and the side panel, in widget-tree order
// (the same order for two windows built alike). The dataset strip's captions are data (class
// names), not the window's words.
QStringList windowTexts(MainWindow& w) {
  QStringList out;
  auto add = [&](const QString& where, const QString& text) {
    if (text.contains(QRegularExpression("[A-Za-z]"))) out << where + ": " + text;
  };
  for (QAction* a : w.menuBar()->actions()) add("menu", a->text());
  for (int i = 0; i < w.tabs()->count(); ++i) add("tab", w.tabs()->tabText(i));
  ControlPanel* panel = w.controls();
  for (QWidget* child : panel->findChildren<QWidget*>()) {
    bool inStrip = false;
    for (QWidget* p = child; p && p != panel; p = p->parentWidget()) inStrip = inStrip || qobject_cast<DatasetStrip*>(p);
    if (inStrip) continue;
    if (auto* l = qobject_cast<QLabel*>(child)) add("label", l->text());
    else if (auto* b = qobject_cast<QAbstractButton*>(child)) add("button", b->text());
    else if (auto* g = qobject_cast<QGroupBox*>(child)) add("group", g->title());
  }
  return out;
}

// Every number in a text, decimal commas read as dots ("82,7" -> "82.7").
QStringList numbersIn(const QString& text) {
  QStringList out;
  QRegularExpressionMatchIterator it = QRegularExpression("\\d+(?:[.,]\\d+)?").globalMatch(text);
  while (it.hasNext()) out << it.next().captured().replace(',', '.');
  out.sort();
  return out;
}

}  // namespace

class TestTranslations : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { installTranslations(QLocale::c()); }

  void germanChangesEveryMenuTabAndPanelText() {
    QStringList english, german;
    {
      MainWindow w;
      english = windowTexts(w);
    }
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    {
      MainWindow w;
      german = windowTexts(w);
    }
    QCOMPARE(german.size(), english.size());
    QVERIFY2(english.size() > 40, qPrintable(QString::number(english.size())));  // menus, tabs, the whole panel
    QStringList same;
    for (int i = 0; i < english.size(); ++i)
      if (german[i] == english[i]) same << english[i];
    QVERIFY2(same.isEmpty(), qPrintable("not translated: " + same.join(" | ")));
    QVERIFY(german.contains("menu: &Datei") && german.contains("tab: Verlust && Genauigkeit"));
  }

  void germanTsFileIsComplete() {
    QFile file(NORMLAB_SOURCE_DIR "/resources/translations/normlab_de.ts");
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList problems;
    QString source;
    bool numerus = false;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == QLatin1String("TS")) QCOMPARE(xml.attributes().value("language").toString(), QString("de_DE"));
      if (xml.name() == QLatin1String("message")) {
        ++messages;
        numerus = xml.attributes().value("numerus") == QLatin1String("yes");
      } else if (xml.name() == QLatin1String("source")) {
        source = xml.readElementText();
      } else if (xml.name() == QLatin1String("translation")) {
        const QString type = xml.attributes().value("type").toString();
        if (!type.isEmpty()) problems << type + ": " + source.left(60);
        QStringList forms;
        if (numerus) {
          while (xml.readNextStartElement()) forms << xml.readElementText();
          if (forms.size() != 2) problems << "German has 2 plural forms, not " + QString::number(forms.size()) + ": " + source.left(60);
        } else {
          forms << xml.readElementText();
        }
        // Each form says what the source says: the same placeholders, and not nothing.
        const QRegularExpression placeholder("%(?:n|\\d)");
        QStringList wanted;
        for (auto m = placeholder.globalMatch(source); m.hasNext();) wanted << m.next().captured();
        wanted.removeDuplicates();
        wanted.sort();
        for (const QString& form : forms) {
          QStringList got;
          for (auto m = placeholder.globalMatch(form); m.hasNext();) got << m.next().captured();
          got.removeDuplicates();
          got.sort();
          if (form.trimmed().isEmpty()) problems << "empty: " + source.left(60);
          else if (got != wanted) problems << "placeholders " + got.join(",") + " for " + source.left(60);
        }
      }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("\n")));
    QVERIFY2(messages > 600, qPrintable(QString::number(messages)));
    QVERIFY(QFile::exists(":/i18n/normlab_de.qm"));  // built and embedded
  }

  void lessonsFollowTheLanguage() {
    for (const Lesson& l : lessons()) {
      const QString name = QString::fromStdString(l.file);
      QVERIFY2(l.translations.count("de"), qPrintable(name));
      const LessonInfo de = inLanguage(l, "de");
      QVERIFY2(de.title != l.title && de.text != l.text, qPrintable(name));
      // The figures the English text quotes (and test_lesson_figures pins) are the German text's too.
      QCOMPARE(numbersIn(QString::fromStdString(de.text)), numbersIn(QString::fromStdString(l.text)));
      const LessonInfo fr = inLanguage(l, "fr");  // no French: English
      QCOMPARE(fr.title, l.title);
      QCOMPARE(fr.text, l.text);
    }
    // A translation may leave the text out: its title in German, the text in English.
    Lesson partial = lessons().front();
    partial.translations["de"].text.clear();
    QCOMPARE(inLanguage(partial, "de").text, partial.text);
    QCOMPARE(inLanguage(partial, "de").title, partial.translations["de"].title);
    // The window under German lists the lessons in German, under English in English.
    QVERIFY(installTranslations(QLocale(QLocale::German, QLocale::Germany)));
    {
      MainWindow w;
      const Lesson& first = w.lessonsPage()->lessonList().front();
      QCOMPARE(first.title, lessons().front().translations.at("de").title);
    }
    installTranslations(QLocale::c());
    MainWindow w;
    QCOMPARE(w.lessonsPage()->lessonList().front().title, lessons().front().title);
  }

  void lessonTranslationsAreCheckedStrictly() {
    const std::string base = R"({"dataset": {"name": "synthetic"}, "model": "tiny", "arms": [{"norm": "batch"}],
      "lesson": {"number": 1, "title": "T", "text": "X.", "watch": "Model", "translations": )";
    QVERIFY(parseLesson(base + R"({"de": {"title": "Titel"}}}})").translations.at("de").title == "Titel");
    for (const char* bad : {R"({"deu": {"title": "x"}}}})", R"({"de": {"titel": "x"}}}})", R"(["de"]}})",
                            R"({"de": "Titel"}}})"}) {
      bool threw = false;
      try {
        parseLesson(base + bad);
      } catch (const std::exception& e) {
        threw = QString(e.what()).contains("translations");
      }
      QVERIFY2(threw, bad);
    }
  }

  // Qt's QApplication set the C library's locale from the environment when this test started;
  // here it is German outright, and everything written to files keeps dots.
  void filesKeepDotsUnderAGermanLocale() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::string problem = test::provideGermanLocale(dir.path().toStdString());
    if (!problem.empty()) QSKIP(("no German locale to test with: " + problem).c_str());
    Experiment e(parseExperimentConfig(R"({"dataset": {"name": "synthetic", "train": 100, "test": 20},
        "model": "tiny", "train": {"steps": 6, "batch_size": 10, "lr": 0.05},
        "arms": [{"norm": "batch"}, {"norm": "group", "groups": 2}], "probe_every": 3})"), 1);
    e.prepare();
    while (e.advance()) {
    }
    const ExperimentResults results = snapshotResults(e);
    auto writeAll = [&](const QString& into) {
      QCOMPARE(exportData(results, into), QString());
      saveExperiment((into + "/experiment.normlab").toStdString(), results);
    };
    const std::string saved = std::setlocale(LC_ALL, nullptr);
    writeAll(dir.filePath("c"));
    QVERIFY(std::setlocale(LC_ALL, "de_DE.UTF-8"));
    QVERIFY(test::writesDecimalComma());  // the check below is not vacuous
    writeAll(dir.filePath("de"));
    const std::string column = csvNumber(0.5);
    std::setlocale(LC_ALL, saved.c_str());
    QCOMPARE(column, std::string("0.5"));
    int compared = 0;
    for (const QString& name : QDir(dir.filePath("c")).entryList(QDir::Files)) {
      QVERIFY2(test::readFile((dir.filePath("c/") + name).toStdString()) == test::readFile((dir.filePath("de/") + name).toStdString()),
               qPrintable(name));
      ++compared;
    }
    QVERIFY(compared >= 6);
  }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
