// Reading untrusted JSON: the one strict parse used for experiment configs, model specs and
// .normlab files, the length limits of the strings they hold, and the one helper that quotes a
// value in a message. Must not depend on Qt.
//
// strictJson refuses, with a message naming the key path ("arms[1].lr") and the line/column:
//   - invalid JSON, and any byte after the value (text after a NUL included);
//   - nesting deeper than kMaxJsonDepth (so no later step can recurse without bound);
//   - a key repeated in one object (nlohmann would keep the last one silently);
//   - a number too large for a double (1e999);
//   - text longer than the caller's limit (kMaxConfigBytes, kMaxExperimentFileBytes).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace normlab {

inline constexpr int kMaxJsonDepth = 64;                                   // a .normlab file needs 7
inline constexpr std::size_t kMaxConfigBytes = std::size_t(16) << 20;      // 16 MiB
inline constexpr std::size_t kMaxExperimentFileBytes = std::size_t(512) << 20;  // 512 MiB
inline constexpr std::size_t kMaxNameBytes = 200;   // labels, names, titles, kinds
inline constexpr std::size_t kMaxTextBytes = 4096;  // paths, descriptions, lesson texts, notes

// Parses `text` as one JSON value; throws NormLabError (without the file name: callers add it).
nlohmann::json strictJson(std::string_view text, std::size_t maxBytes);

// The bytes of the file at `path`, which must be a regular file of at most maxBytes; throws
// NormLabError(cannotOpen) when it is missing or unreadable, naming the path on the other problems.
std::string readTextFile(const std::string& path, std::size_t maxBytes, const std::string& cannotOpen);

// A value as a message may quote it: numbers, booleans and null as written; a string as at most
// its first 40 bytes, quoted; a list or object by its size only ("a list of 3 values").
std::string shortValue(const nlohmann::json& value);
// A string (a key, a label) as a message may quote it: at most its first 40 bytes, in quotes.
std::string shortText(std::string_view text);

}  // namespace normlab
