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
//                         final test error against this setting, one line per norm) }
#pragma once

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
};

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
