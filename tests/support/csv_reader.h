// A small RFC 4180 CSV reader for tests that read back what the result writers produced: quoted
// fields (with doubled quotes, commas and line breaks inside), header row to column index.
// Must not depend on Qt.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace test {

struct Csv {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::map<std::string, int> index;  // column name -> position

  const std::string& at(std::size_t row, const std::string& column) const {
    return rows.at(row).at(std::size_t(index.at(column)));
  }
};

// Parses `text`; every row must have as many fields as the header (else `error` is set).
inline Csv parseCsv(std::string_view text, std::string* error = nullptr) {
  std::vector<std::vector<std::string>> lines;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      row.push_back(std::move(field));
      field.clear();
      lines.push_back(std::move(row));
      row.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (any) {
    row.push_back(std::move(field));
    lines.push_back(std::move(row));
  }
  Csv csv;
  if (lines.empty()) return csv;
  csv.header = lines.front();
  for (std::size_t i = 0; i < csv.header.size(); ++i) csv.index[csv.header[i]] = int(i);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].size() != csv.header.size() && error && error->empty())
      *error = "row " + std::to_string(i) + " has " + std::to_string(lines[i].size()) + " fields, header has " +
               std::to_string(csv.header.size());
    csv.rows.push_back(std::move(lines[i]));
  }
  return csv;
}

}  // namespace test
