// Reading JSON objects strictly: every key must be known, every value of the right type and
// range, and every error names the full key path ("train.batch_size") and the offending value
// (quoted short: see shortValue in json_input.h).
// Shared by the config parsers. Must not depend on Qt.
#pragma once

#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "core/base/error.h"
#include "core/files/json_input.h"

namespace normlab {

class JsonFields {
 public:
  // `path` prefixes key names in messages ("dataset"); throws if j is not an object.
  JsonFields(const nlohmann::json& j, std::string path);

  // Throws on any key of the object not in `known`, listing the known ones.
  void allowOnly(std::initializer_list<const char*> known) const;
  bool has(const char* key) const { return j_.contains(key); }

  // At most maxBytes long (kMaxNameBytes: labels and names; kMaxTextBytes: paths and texts).
  std::string getString(const char* key, const std::string& fallback, std::size_t maxBytes = kMaxNameBytes) const;
  bool getBool(const char* key, bool fallback) const;
  int getInt(const char* key, int fallback, int lo, int hi) const;
  double getNumber(const char* key, double fallback, double lo, double hi) const;
  // A string that must be one of `choices`.
  std::string getChoice(const char* key, const std::string& fallback,
                        std::initializer_list<const char*> choices) const;

  const nlohmann::json& json() const { return j_; }
  std::string keyPath(const char* key) const { return path_.empty() ? key : path_ + "." + key; }
  [[noreturn]] void fail(const char* key, const std::string& problem) const;

 private:
  const nlohmann::json& j_;
  std::string path_;
};

}  // namespace normlab
