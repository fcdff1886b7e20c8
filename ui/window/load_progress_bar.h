// The bar over the charts while Start reads a folder of images: "Reading images 4,096 of
// 100,000", how far, and Cancel. It only shows what the runner's snapshot says (the reading runs
// on the runner's thread, so the window stays responsive); Cancel is the caller's to act on.
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace normlab {

struct Snapshot;

class LoadProgressBar : public QWidget {
  Q_OBJECT
 public:
  explicit LoadProgressBar(QWidget* parent = nullptr);
  // Shown while `s` is loading a folder of images (`images`: the loading config's dataset is
  // one), hidden otherwise; until the folder is listed, a busy bar.
  void showProgress(const Snapshot& s, bool images);
  QProgressBar* bar() const { return bar_; }
  QPushButton* cancelButton() const { return cancel_; }
  QString text() const;

 signals:
  void cancelled();

 private:
  QLabel* label_;
  QProgressBar* bar_;
  QPushButton* cancel_;
};

}  // namespace normlab
