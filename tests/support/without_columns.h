// A CSV text with some columns emptied (wall-clock times, rates), for comparing result files of
// runs that must agree in everything else. Must not depend on Qt.
#pragma once

#include <string>
#include <vector>

#include "support/csv_reader.h"

namespace test {

inline std::string withoutColumns(const std::string& text, const std::vector<std::string>& columns) {
  std::string error;
  Csv csv = parseCsv(text, &error);
  if (!error.empty()) return "unreadable CSV: " + error;
  for (const std::string& column : columns)
    if (!csv.index.count(column)) return "no column " + column;
  std::string out;
  for (const std::string& h : csv.header) out += h + ",";
  out += "\n";
  for (auto& row : csv.rows) {
    for (const std::string& column : columns) row[std::size_t(csv.index.at(column))].clear();
    for (const std::string& f : row) out += f + ",";
    out += "\n";
  }
  return out;
}

}  // namespace test
