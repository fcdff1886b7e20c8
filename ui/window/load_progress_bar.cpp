#include "ui/window/load_progress_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

#include "core/experiment/experiment_runner.h"

namespace normlab {

LoadProgressBar::LoadProgressBar(QWidget* parent) : QWidget(parent) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(8, 2, 0, 2);  // the label in line with the banner's text
  label_ = new QLabel;
  bar_ = new QProgressBar;
  bar_->setTextVisible(true);
  bar_->setToolTip(tr("Start reads every image of the folder before training: how far it is."));
  cancel_ = new QPushButton(tr("Cancel"));
  cancel_->setToolTip(tr("Stop reading the images; nothing is trained."));
  connect(cancel_, &QPushButton::clicked, this, &LoadProgressBar::cancelled);
  layout->addWidget(label_);
  layout->addWidget(bar_, 1);
  layout->addWidget(cancel_);
  hide();
}

void LoadProgressBar::showProgress(const Snapshot& s, bool images) {
  const bool reading = s.state == RunnerState::Loading && (images || s.imagesToRead > 0);
  setVisible(reading);
  if (!reading) return;
  if (s.imagesToRead == 0) {  // listing a large folder takes a while too
    bar_->setRange(0, 0);
    label_->setText(tr("Finding the images…"));
    return;
  }
  // A QProgressBar counts in int: large folders are shown in thousandths.
  bar_->setRange(0, 1000);
  bar_->setValue(int(std::min<std::int64_t>(1000, s.imagesRead * 1000 / s.imagesToRead)));
  const QLocale locale;
  label_->setText(tr("Reading images %1 of %2").arg(locale.toString(qlonglong(s.imagesRead)),
                                                    locale.toString(qlonglong(s.imagesToRead))));
}

QString LoadProgressBar::text() const { return label_->text(); }

}  // namespace normlab
