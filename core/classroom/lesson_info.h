// The "lesson" object of a lesson file: a teaching text that rides along an experiment config
// (resources/lessons/NN-slug.json). Parsed strictly with key-path errors; the experiment config
// carries it unchanged so a lesson file is also a plain runnable config. Must not depend on Qt.
//
// Format:
//   "lesson": { "number": 1, "title": "Why normalize",
//               "text": "3-5 sentences: what to watch and on which chart.",
//               "watch": one of lessonChartTabs()  (the chart tab to open),
//               "explainer": "batch-norm" | "dropout" | "norm-axes"   (optional),
//               "sweep": {"x": "batch_size" | "dropout"}              (optional: a chart of the
//                         final test error against this setting, one line per norm),
//               "translations": {"de": {"title": "...", "text": "..."}, ...}   (optional: the
//                         title and text in other languages, by ISO 639-1 code; either may be
//                         left out, and a language without an entry shows the English) }
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace normlab {

struct LessonInfo {
  int number = 0;
  std::string title;
  std::string text;
  std::string watch;      // a chart tab name
  std::string explainer;  // "" when none
  std::string sweepX;     // "" when the lesson has no sweep chart
  struct Translation {
    std::string title, text;  // "" where the translation leaves it out
  };
  std::map<std::string, Translation> translations;  // by language code ("de")
};

// The lesson as a window in `language` ("de", "en", ...) shows it: its title and text in that
// language where the lesson has them, else in English.
LessonInfo inLanguage(LessonInfo lesson, const std::string& language);

// The chart tab names a lesson may point at, in tab order. They must match the tab titles in
// ui/chart_views.cpp (core cannot see the UI, so a rename there must be made here too).
const std::vector<std::string>& lessonChartTabs();

// Throws NormLabError naming the key path (`path`, e.g. "lesson") and the problem.
LessonInfo parseLessonInfo(const nlohmann::json& json, const std::string& path);
nlohmann::json toJson(const LessonInfo& lesson);

// Sentences in a lesson text: runs ending in '.', '!' or '?' followed by a space or the end
// ("e.g." inside a sentence counts, so lesson texts avoid abbreviations).
int sentenceCount(const std::string& text);

}  // namespace normlab
