#include "core/files/json_fields.h"

#include <cmath>

#include "core/files/json_input.h"

namespace normlab {

namespace {

const char* typeName(const nlohmann::json& v) {
  if (v.is_boolean()) return "a boolean";
  if (v.is_number()) return "a number";
  if (v.is_string()) return "a string";
  if (v.is_array()) return "a list";
  if (v.is_object()) return "an object";
  return "null";
}

std::string joined(std::initializer_list<const char*> names) {
  std::string s;
  for (const char* n : names) s += (s.empty() ? "" : ", ") + std::string(n);
  return s;
}

}  // namespace

JsonFields::JsonFields(const nlohmann::json& j, std::string path) : j_(j), path_(std::move(path)) {
  if (!j_.is_object())
    throw NormLabError((path_.empty() ? std::string("the configuration") : "\"" + path_ + "\"") +
                       " must be a JSON object, not " + typeName(j_));
}

void JsonFields::fail(const char* key, const std::string& problem) const {
  throw NormLabError("\"" + keyPath(key) + "\" " + problem);
}

void JsonFields::allowOnly(std::initializer_list<const char*> known) const {
  for (auto it = j_.begin(); it != j_.end(); ++it) {
    bool ok = false;
    for (const char* k : known) ok = ok || it.key() == k;
    if (!ok)
      throw NormLabError("unknown key " + shortText(keyPath(it.key().c_str())) + " (known keys: " + joined(known) + ")");
  }
}

std::string JsonFields::getString(const char* key, const std::string& fallback, std::size_t maxBytes) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_string()) fail(key, std::string("must be a string, not ") + typeName(v));
  const auto& s = v.get_ref<const std::string&>();
  if (s.size() > maxBytes)
    fail(key, "is " + std::to_string(s.size()) + " bytes long (at most " + std::to_string(maxBytes) + "): " + shortText(s));
  return s;
}

bool JsonFields::getBool(const char* key, bool fallback) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_boolean()) fail(key, std::string("must be true or false, not ") + typeName(v));
  return v.get<bool>();
}

int JsonFields::getInt(const char* key, int fallback, int lo, int hi) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_number()) fail(key, std::string("must be a whole number, not ") + typeName(v));
  const double d = v.get<double>();
  if (d != std::floor(d)) fail(key, "must be a whole number, got " + shortValue(v));
  if (d < lo || d > hi)
    fail(key, "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", got " + shortValue(v));
  return int(d);
}

double JsonFields::getNumber(const char* key, double fallback, double lo, double hi) const {
  if (!has(key)) return fallback;
  const auto& v = j_.at(key);
  if (!v.is_number()) fail(key, std::string("must be a number, not ") + typeName(v));
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    nlohmann::json lj = lo, hj = hi;
    fail(key, "must be between " + lj.dump() + " and " + hj.dump() + ", got " + shortValue(v));
  }
  return d;
}

std::string JsonFields::getChoice(const char* key, const std::string& fallback,
                                  std::initializer_list<const char*> choices) const {
  const std::string s = getString(key, fallback);
  for (const char* c : choices)
    if (s == c) return s;
  fail(key, "must be one of " + joined(choices) + ", got " + shortText(s));
}

}  // namespace normlab
