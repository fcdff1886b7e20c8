// Exporting an experiment's data (the window's "Export data..."): every recorded series as CSV
// (metrics, per-layer probe statistics with the activation percentiles, histograms in long
// format, final values per run) plus JSON (histograms, summary, and experiment.normlab holding
// everything), as core/files/results_writer.h writes them; columns in docs/export-formats.md.
#pragma once

#include <QString>
#include <QStringList>

#include "core/files/experiment_file.h"

namespace normlab {

// Writes the data files into `dir` as one result set (core writeResultSet: created if missing; a
// previous set is replaced as a whole, or kept whole on failure; a folder holding other files is
// refused). Returns "" on success, or a message naming the problem, e.g.
// "cannot write to '/x/results': Permission denied". `written` (optional) receives the paths.
QString exportData(const ExperimentResults& results, const QString& dir, QStringList* written = nullptr);

}  // namespace normlab
