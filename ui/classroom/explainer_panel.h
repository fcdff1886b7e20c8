// The shared frame of the explainer panels (batch norm, dropout, normalization axes): a step box
// with a numbered heading and one teaching sentence, number tables that are read-only or editable
// (a bad entry turns its cell red with a tooltip, nothing is recomputed from it), and presentation
// mode (larger fonts for a projector). Renders numbers that core/classroom/explainer_math.h computes.
#pragma once

#include <vector>

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

class QGridLayout;
class QLabel;
class QTableWidget;
class QVBoxLayout;

namespace normlab {

// Row or column labels "example 1", "example 2", ... from a translated pattern ("example %1").
QStringList numberedLabels(const QString& pattern, int count);

class ExplainerPanel : public QWidget {
 public:
  explicit ExplainerPanel(QWidget* parent = nullptr);
  // Larger fonts and cells for a projector.
  virtual void setPresentationMode(bool on);
  bool presentationMode() const { return presentation_; }

 protected:
  // A boxed step: "number  title" in bold, a sentence that teaches, then `content`.
  QWidget* makeStep(const QString& number, const QString& title, const QString& sentence, QWidget* content);
  // A table of rows x cols numbers with the given header labels. Editable tables have a white
  // background; read-only ones are light grey so a student sees at once what can be changed.
  QTableWidget* makeTable(const QString& objectName, const QStringList& rowLabels, const QStringList& colLabels,
                          bool editable);
  // Writes row-major values with `decimals` places; `muted[i]` (optional) greys a cell out.
  void fillTable(QTableWidget* table, const std::vector<double>& values, int decimals = 3,
                 const std::vector<bool>& muted = {});
  // Reads row-major values from an editable table. Every cell that is not a finite number is
  // marked red with a tooltip; returns false if any was. Good cells get their normal look back.
  bool readTable(QTableWidget* table, std::vector<double>* values);
  // A one-line message under the title for bad input ("" hides it).
  void showProblem(const QString& message);
  QLabel* problemLabel() const { return problem_; }
  // Resizes every table to its contents (after fonts change).
  void fitTables();

  QVBoxLayout* outer_ = nullptr;  // title, problem line, then the panel's own content
  QLabel* title_ = nullptr;
  QLabel* problem_ = nullptr;

 private:
  void styleTitle();  // bold and larger than the rest
  bool presentation_ = false;
};

// Colours (Okabe-Ito, safe for colour-blind viewers): a bad cell, a dropped/muted value.
QColor badCellColor();
QColor mutedTextColor();

}  // namespace normlab
