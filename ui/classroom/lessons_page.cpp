#include "ui/classroom/lessons_page.h"

#include <QCoreApplication>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

#include "ui/views/chart_style.h"

namespace normlab {

namespace {
constexpr const char* kHeadingScale = "normlabHeadingScale";

// A bold heading `scale` times the body text; setHeadingFonts keeps it so in presentation mode
// (an explicit font does not follow its parent's, so it would stay small beside enlarged text).
QLabel* heading(const QString& text, QWidget* parent, double scale) {
  auto* label = new QLabel(text, parent);
  QFont font = label->font();
  font.setBold(true);
  font.setPointSizeF(font.pointSizeF() * scale);
  label->setFont(font);
  label->setWordWrap(true);
  label->setProperty(kHeadingScale, scale);
  return label;
}

void setHeadingFonts(QWidget* root, bool presentation) {
  for (QLabel* label : root->findChildren<QLabel*>()) {
    const QVariant scale = label->property(kHeadingScale);
    if (!scale.isValid()) continue;
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(scale.toDouble() * chartFonts(presentation).widget);
    label->setFont(font);
  }
}

// Text for a button or menu entry: "&" is shown, not taken as a mnemonic ("Loss & accuracy").
QString literal(QString text) { return text.replace("&", "&&"); }

// The first sentence of a lesson text: what the lesson shows, for its card.
QString firstSentence(const std::string& text) {
  const QString all = QString::fromStdString(text);
  const int end = all.indexOf(". ");
  return end < 0 ? all : all.left(end + 1);
}
}  // namespace

LessonsPage::LessonsPage(std::vector<Lesson> lessons, QWidget* parent) : QWidget(parent), lessons_(std::move(lessons)) {
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  outer->addWidget(scroll);
  auto* content = new QWidget(scroll);
  scroll->setWidget(content);
  auto* layout = new QVBoxLayout(content);
  layout->addWidget(heading(tr("Lessons"), content, 1.6));
  auto* intro = new QLabel(
      tr("Each lesson loads a ready comparison, trains it (under a minute on two cores) and says what to watch and on "
      "which chart. Or set up your own comparison in the panel on the left and press Start."),
      content);
  intro->setWordWrap(true);
  layout->addWidget(intro);
  texts_.append(intro);

  auto* grid = new QGridLayout;
  grid->setHorizontalSpacing(16);
  grid->setVerticalSpacing(12);
  for (int i = 0; i < int(lessons_.size()); ++i) {
    const Lesson& l = lessons_[std::size_t(i)];
    auto* card = new QFrame(content);
    card->setFrameShape(QFrame::StyledPanel);
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->addWidget(heading(QString("%1. %2").arg(l.number).arg(QString::fromStdString(l.title)), card, 1.15));
    auto* summary = new QLabel(firstSentence(l.text), card);
    summary->setWordWrap(true);
    summary->setToolTip(QString::fromStdString(l.text));
    cardLayout->addWidget(summary, 1);
    texts_.append(summary);
    auto* open = new QPushButton(tr("Open lesson %1").arg(l.number), card);
    open->setToolTip(tr("Loads the lesson's comparison, starts training and shows its chart."));
    connect(open, &QPushButton::clicked, this, [this, i] { emit lessonChosen(i); });
    cardLayout->addWidget(open, 0, Qt::AlignLeft);
    grid->addWidget(card, i / 2, i % 2);
  }
  layout->addLayout(grid);

  layout->addWidget(heading(tr("Explainers"), content, 1.3));
  auto* explainers = new QHBoxLayout;
  for (ExplainerKind kind : {ExplainerKind::BatchNorm, ExplainerKind::Dropout, ExplainerKind::NormAxes}) {
    auto* button = new QPushButton(literal(explainerTitle(kind)), content);
    connect(button, &QPushButton::clicked, this, [this, kind] { emit explainerChosen(kind); });
    explainers->addWidget(button);
  }
  explainers->addStretch(1);
  layout->addLayout(explainers);
  layout->addStretch(1);
}

void LessonsPage::setPresentationMode(bool on) {
  applyWidgetFont(this, on);
  setHeadingFonts(this, on);
}

LessonBanner::LessonBanner(QWidget* parent) : QWidget(parent) {
  setAutoFillBackground(true);
  QPalette p = palette();
  p.setColor(QPalette::Window, QColor(0xE8, 0xF1, 0xF8));  // a light blue that marks "lesson"
  setPalette(p);
  auto* layout = new QVBoxLayout(this);
  auto* top = new QHBoxLayout;
  title_ = heading(QString(), this, 1.2);
  top->addWidget(title_, 1);
  chartButton_ = new QPushButton(this);
  chartButton_->setToolTip(tr("Shows the chart this lesson is about."));
  connect(chartButton_, &QPushButton::clicked, this, [this] { emit showChart(QString::fromStdString(lesson_.watch)); });
  top->addWidget(chartButton_);
  explainerButton_ = new QPushButton(this);
  connect(explainerButton_, &QPushButton::clicked, this, [this] {
    ExplainerKind kind;
    if (parseExplainerKind(QString::fromStdString(lesson_.explainer), &kind)) emit openExplainer(kind);
  });
  top->addWidget(explainerButton_);
  closeButton_ = new QPushButton(tr("Close lesson"), this);
  closeButton_->setToolTip(tr("Hides this text; the comparison and its charts stay."));
  connect(closeButton_, &QPushButton::clicked, this, [this] {
    hideLesson();
    emit closed();
  });
  top->addWidget(closeButton_);
  layout->addLayout(top);
  text_ = new QLabel(this);
  text_->setWordWrap(true);
  text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(text_);
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  QFont italic = note_->font();  // a font, not a style sheet: the size then follows presentation mode
  italic.setItalic(true);
  note_->setFont(italic);
  note_->hide();
  layout->addWidget(note_);
  hide();
}

void LessonBanner::showLesson(const LessonInfo& lesson) {
  lesson_ = lesson;
  title_->setText(tr("Lesson %1: %2").arg(lesson.number).arg(QString::fromStdString(lesson.title)));
  text_->setText(QString::fromStdString(lesson.text));
  chartButton_->setText(tr("Show chart: %1").arg(literal(QCoreApplication::translate("ChartTabs", lesson.watch.c_str()))));
  ExplainerKind kind;
  const bool hasExplainer = parseExplainerKind(QString::fromStdString(lesson.explainer), &kind);
  explainerButton_->setVisible(hasExplainer);
  if (hasExplainer) explainerButton_->setText(tr("Explain: %1").arg(literal(explainerTitle(kind))));
  show();
}

void LessonBanner::hideLesson() { hide(); }

void LessonBanner::setNote(const QString& note) {
  note_->setText(note);
  note_->setVisible(!note.isEmpty());
}

QString LessonBanner::note() const { return note_->isHidden() ? QString() : note_->text(); }
QString LessonBanner::title() const { return title_->text(); }
QString LessonBanner::text() const { return text_->text(); }

void LessonBanner::setPresentationMode(bool on) {
  applyWidgetFont(this, on);
  setHeadingFonts(this, on);
}

}  // namespace normlab
