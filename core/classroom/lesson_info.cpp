// The "lesson" object of a lesson file: strict parsing and writing back. Must not depend on Qt.
#include "core/classroom/lesson_info.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/files/json_fields.h"

namespace normlab {

const std::vector<std::string>& lessonChartTabs() {
  static const std::vector<std::string> tabs = {"Loss & accuracy", "Activations", "Gradient flow",
                                                "Batch norm",      "Layers",      "Model",  "Sweep", "Results"};
  return tabs;
}

LessonInfo parseLessonInfo(const nlohmann::json& j, const std::string& path) {
  JsonFields f(j, path);
  f.allowOnly({"number", "title", "text", "watch", "explainer", "sweep", "translations"});
  for (const char* key : {"number", "title", "text", "watch"})
    if (!f.has(key)) f.fail(key, "is missing");
  LessonInfo l;
  l.number = f.getInt("number", 0, 1, 99);
  l.title = f.getString("title", "");
  l.text = f.getString("text", "", kMaxTextBytes);
  if (l.title.empty()) f.fail("title", "must not be empty");
  if (l.text.empty()) f.fail("text", "must not be empty");
  l.watch = f.getString("watch", "");
  const auto& tabs = lessonChartTabs();
  if (std::find(tabs.begin(), tabs.end(), l.watch) == tabs.end()) {
    std::string valid;
    for (const auto& t : tabs) valid += (valid.empty() ? "\"" : ", \"") + t + "\"";
    f.fail("watch", "is " + shortText(l.watch) + ", not a chart tab (valid: " + valid + ")");
  }
  l.explainer = f.has("explainer") ? f.getChoice("explainer", "", {"batch-norm", "dropout", "norm-axes"}) : "";
  if (f.has("sweep")) {
    JsonFields s(j.at("sweep"), f.keyPath("sweep"));
    s.allowOnly({"x"});
    if (!s.has("x")) s.fail("x", "is missing: the setting on the sweep chart's x axis");
    l.sweepX = s.getChoice("x", "", {"batch_size", "dropout"});
  }
  if (f.has("translations")) {
    const nlohmann::json& all = j.at("translations");
    if (!all.is_object()) f.fail("translations", "must be an object of languages, e.g. {\"de\": {\"title\": ...}}");
    for (const auto& [code, entry] : all.items()) {
      JsonFields t(entry, f.keyPath("translations"));
      const bool isCode = code.size() == 2 && std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; });
      if (!isCode) t.fail(code.c_str(), "is not a two-letter language code (e.g. \"de\")");
      if (!entry.is_object()) t.fail(code.c_str(), "must be an object with \"title\" and/or \"text\"");
      JsonFields fields(entry, t.keyPath(code.c_str()));
      fields.allowOnly({"title", "text"});
      LessonInfo::Translation& out = l.translations[code];
      out.title = fields.getString("title", "");
      out.text = fields.getString("text", "", kMaxTextBytes);
    }
  }
  return l;
}

LessonInfo inLanguage(LessonInfo lesson, const std::string& language) {
  const auto it = lesson.translations.find(language);
  if (it == lesson.translations.end()) return lesson;
  if (!it->second.title.empty()) lesson.title = it->second.title;
  if (!it->second.text.empty()) lesson.text = it->second.text;
  return lesson;
}

nlohmann::json toJson(const LessonInfo& l) {
  nlohmann::json j = nlohmann::json::object();
  j["number"] = l.number;
  j["title"] = l.title;
  j["text"] = l.text;
  j["watch"] = l.watch;
  if (!l.explainer.empty()) j["explainer"] = l.explainer;
  if (!l.sweepX.empty()) j["sweep"] = {{"x", l.sweepX}};
  for (const auto& [code, t] : l.translations) {
    nlohmann::json& entry = j["translations"][code] = nlohmann::json::object();
    if (!t.title.empty()) entry["title"] = t.title;
    if (!t.text.empty()) entry["text"] = t.text;
  }
  return j;
}

int sentenceCount(const std::string& text) {
  int count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) ++count;
  }
  return count;
}

}  // namespace normlab
