// core/classroom/: teaching: lessons (this file, with lesson_info.h) and the numbers behind
// the explainers (explainer_math.h).
//
// Teaching lessons: a lesson file is an experiment config with a "lesson" object (lesson_info.h).
// The built-in lessons (resources/lessons/NN-slug.json) are compiled into the library like the
// presets (core/CMakeLists.txt), so no file is read at run time. Must not depend on Qt.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/experiment/experiment_config.h"
#include "core/classroom/lesson_info.h"

namespace normlab {

struct Lesson : LessonInfo {
  std::string file;         // "01-why-normalize" (built-in) or the path it was loaded from
  ExperimentConfig config;  // config.lesson holds the same LessonInfo
};

// Parses an experiment config that must carry a "lesson" object; a lesson with a sweep must
// compare at least two values of the swept setting. Throws NormLabError naming the key.
Lesson parseLesson(std::string_view text);
// Reads and parses a lesson file; errors name the path.
Lesson loadLesson(const std::string& path);

// Every built-in lesson in number order. Throws NormLabError if a built-in lesson is broken or two
// share a number (a test keeps that from shipping).
std::vector<Lesson> lessons();

namespace detail {
struct EmbeddedLesson {
  const char* name;
  const char* json;
};
extern const EmbeddedLesson kEmbeddedLessons[];
extern const std::size_t kEmbeddedLessonCount;
}  // namespace detail

}  // namespace normlab
