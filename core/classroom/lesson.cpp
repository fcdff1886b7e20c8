// Teaching lessons: parsing, loading, and the built-in list generated from resources/lessons/.
// Must not depend on Qt.
#include "core/classroom/lesson.h"

#include <algorithm>
#include <set>

#include "core/base/error.h"
#include "core/files/json_input.h"

namespace normlab {

namespace {

Lesson fromConfig(ExperimentConfig config) {
  if (!config.lesson)
    throw NormLabError("\"lesson\" is missing: a lesson file is an experiment config with a \"lesson\" object");
  Lesson l;
  static_cast<LessonInfo&>(l) = *config.lesson;
  // A sweep chart plots test error against the swept setting: it needs two values or more.
  if (!l.sweepX.empty()) {
    std::set<double> values;
    for (const ArmConfig& a : config.arms)
      values.insert(l.sweepX == "batch_size" ? double(a.train.batchSize) : a.train.dropout.value_or(-1.0));
    if (values.size() < 2)
      throw NormLabError("\"lesson.sweep.x\" is \"" + l.sweepX + "\", but every arm has the same " + l.sweepX +
                         ": a sweep needs arms with at least two different values");
  }
  l.config = std::move(config);
  return l;
}

}  // namespace

Lesson parseLesson(std::string_view text) { return fromConfig(parseExperimentConfig(text)); }

Lesson loadLesson(const std::string& path) {
  const std::string text = readTextFile(path, kMaxConfigBytes, "cannot read the lesson " + path + " (missing or unreadable)");
  try {
    Lesson l = parseLesson(text);
    l.file = path;
    return l;
  } catch (const NormLabError& e) {
    throw NormLabError(path + ": " + e.what());
  }
}

std::vector<Lesson> lessons() {
  std::vector<Lesson> list;
  for (std::size_t i = 0; i < detail::kEmbeddedLessonCount; ++i) {
    const detail::EmbeddedLesson& e = detail::kEmbeddedLessons[i];
    try {
      Lesson l = parseLesson(e.json);
      l.file = e.name;
      list.push_back(std::move(l));
    } catch (const NormLabError& err) {
      throw NormLabError("built-in lesson '" + std::string(e.name) + "' is broken: " + err.what());
    }
  }
  std::sort(list.begin(), list.end(), [](const Lesson& a, const Lesson& b) { return a.number < b.number; });
  for (std::size_t i = 1; i < list.size(); ++i)
    if (list[i].number == list[i - 1].number)
      throw NormLabError("built-in lessons '" + list[i - 1].file + "' and '" + list[i].file + "' share number " +
                         std::to_string(list[i].number));
  return list;
}

}  // namespace normlab
