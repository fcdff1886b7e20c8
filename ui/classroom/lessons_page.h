// The classroom start page ("Lessons" tab): every built-in lesson as a card (number, title, what it
// shows, an Open button) and the explainers, each one click away. And the lesson banner: while a
// lesson is loaded, its title and text sit above the charts with buttons for its chart and its
// explainer, so a teacher never has to hunt for what to watch.
#pragma once

#include <vector>

#include <QWidget>

#include "core/classroom/lesson.h"
#include "ui/classroom/explainers.h"

class QLabel;
class QPushButton;
class QScrollArea;

namespace normlab {

class LessonsPage : public QWidget {
  Q_OBJECT
 public:
  // Lists `lessons` (normally lessons()); the index in the signals is into this list.
  explicit LessonsPage(std::vector<Lesson> lessons, QWidget* parent = nullptr);
  const std::vector<Lesson>& lessonList() const { return lessons_; }
  void setPresentationMode(bool on);

 signals:
  void lessonChosen(int index);
  void explainerChosen(normlab::ExplainerKind kind);

 private:
  std::vector<Lesson> lessons_;
  QList<QWidget*> texts_;  // restyled in presentation mode
};

class LessonBanner : public QWidget {
  Q_OBJECT
 public:
  explicit LessonBanner(QWidget* parent = nullptr);
  // Shows the lesson (and the banner); hideLesson() hides it.
  void showLesson(const LessonInfo& lesson);
  void hideLesson();
  // A line under the text (e.g. that the side panel cannot show the lesson's settings); "" hides it.
  void setNote(const QString& note);
  QString note() const;
  QString title() const;
  QString text() const;
  QPushButton* chartButton() const { return chartButton_; }
  QPushButton* explainerButton() const { return explainerButton_; }
  void setPresentationMode(bool on);

 signals:
  void showChart(const QString& tabTitle);
  void openExplainer(normlab::ExplainerKind kind);
  void closed();

 private:
  LessonInfo lesson_;
  QLabel *title_ = nullptr, *text_ = nullptr, *note_ = nullptr;
  QPushButton *chartButton_ = nullptr, *explainerButton_ = nullptr, *closeButton_ = nullptr;
};

}  // namespace normlab
