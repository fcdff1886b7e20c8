// Strict parsing of untrusted JSON text and bounded quoting of values in messages (json_input.h).
// Must not depend on Qt.
#include "core/files/json_input.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "core/base/error.h"
#include "core/files/file_kind.h"

namespace normlab {

namespace {

using json = nlohmann::json;

constexpr std::size_t kQuotedBytes = 40;

// The first at most n bytes of text, not cutting a UTF-8 character.
std::string_view utf8Prefix(std::string_view text, std::size_t n) {
  n = std::min(n, text.size());
  while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

std::string megabytes(std::size_t bytes) { return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MB"; }

// Follows the parser's events to know where it is ("arms[1].lr") and to refuse repeated keys and
// deep nesting as soon as they are read.
class Tracker {
 public:
  bool onEvent(int depth, json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        if (depth >= kMaxJsonDepth)
          throw NormLabError("\"" + path() + "\" nests lists and objects more than " + std::to_string(kMaxJsonDepth) +
                             " levels deep");
        frames_.push_back({event == json::parse_event_t::array_start, {}, 0, {}});
        break;
      case json::parse_event_t::key: {
        Frame& f = frames_.back();
        f.key = parsed.get_ref<const std::string&>();
        if (!f.keys.insert(f.key).second)
          throw NormLabError("the key " + shortText(f.key) + " appears twice in " +
                             (frames_.size() == 1 ? std::string("the top-level object") : "\"" + path(1) + "\"") +
                             ": give each key once");
        break;
      }
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        elementDone();
        break;
      case json::parse_event_t::value: elementDone(); break;
    }
    return true;
  }
  // The path of the value being read; `drop` leaves out that many innermost levels.
  std::string path(std::size_t drop = 0) const {
    std::string s;
    for (std::size_t i = 0; i + drop < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) s += "[" + std::to_string(f.elements) + "]";
      else if (!f.key.empty() || !f.keys.empty()) s += (s.empty() ? "" : ".") + std::string(shortKey(f.key));
    }
    if (s.size() > 2 * kQuotedBytes) s = std::string(utf8Prefix(s, 2 * kQuotedBytes)) + "…";  // deep nesting
    return s.empty() ? "the top level" : s;
  }

 private:
  struct Frame {
    bool array = false;
    std::string key;          // the object's key being read
    std::size_t elements = 0;  // the list's elements read so far
    std::unordered_set<std::string> keys;
  };
  static std::string_view shortKey(const std::string& key) {
    return utf8Prefix(key, kQuotedBytes);
  }
  void elementDone() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().elements;
  }
  std::vector<Frame> frames_;
};

// "line 3, column 7" of the byte offset nlohmann reports (1-based, just past the offending byte).
std::string position(std::string_view text, std::size_t byte) {
  std::size_t line = 1, column = 0;
  const std::size_t end = std::min(byte, text.size());
  for (std::size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 0;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(std::max<std::size_t>(column, 1));
}

// nlohmann's "syntax error ..." part, with its "last read: '...'" quote shortened.
std::string syntaxProblem(const std::string& what) {
  std::string s = what.substr(std::min(what.size(), what.find("syntax error")));
  const std::string lastRead = "; last read: '";
  const auto from = s.find(lastRead);
  if (from == std::string::npos) return s.substr(0, 300);
  const auto quoteEnd = s.find("'", from + lastRead.size());
  const std::string read = s.substr(from + lastRead.size(), quoteEnd == std::string::npos ? std::string::npos
                                                                                           : quoteEnd - from - lastRead.size());
  const std::string rest = quoteEnd == std::string::npos ? "" : s.substr(quoteEnd + 1);
  return s.substr(0, from) + "; last read: " + shortText(read) + rest.substr(0, 200);
}

}  // namespace

json strictJson(std::string_view text, std::size_t maxBytes) {
  if (text.size() > maxBytes)
    throw NormLabError("the text is " + megabytes(text.size()) + ", more than the " + megabytes(maxBytes) +
                       " this NormLab reads");
  // nlohmann stops at a NUL byte as if the text ended there: whatever follows would be ignored.
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    throw NormLabError("invalid JSON at " + position(text, nul + 1) + ": a NUL byte (JSON text holds none)");
  Tracker tracker;
  try {
    return json::parse(
        text.begin(), text.end(),
        [&tracker](int depth, json::parse_event_t event, json& parsed) { return tracker.onEvent(depth, event, parsed); });
  } catch (const json::parse_error& e) {
    throw NormLabError("invalid JSON at " + position(text, e.byte) + ": " + syntaxProblem(e.what()));
  } catch (const json::out_of_range&) {  // 406: a number beyond the range of a double
    throw NormLabError("\"" + tracker.path() + "\" holds a number too large to represent (beyond 1.8e308)");
  }
}

std::string readTextFile(const std::string& path, std::size_t maxBytes, const std::string& cannotOpen) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw NormLabError(cannotOpen);
  if (!std::filesystem::is_regular_file(status))  // a folder, a FIFO (which would block), a device
    throw NormLabError(cannotOpen + " (it is " + describePath(path) + ", not a regular file)");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > maxBytes)
    throw NormLabError("'" + path + "' is " + megabytes(std::size_t(size)) + ", more than the " + megabytes(maxBytes) +
                       " this NormLab reads");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NormLabError(cannotOpen);
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw NormLabError(cannotOpen);
  return std::move(text).str();
}

std::string shortText(std::string_view text) {
  const std::string_view head = utf8Prefix(text, kQuotedBytes);
  std::string quoted = json(std::string(head)).dump(-1, ' ', false, json::error_handler_t::replace);
  if (head.size() < text.size()) quoted.insert(quoted.size() - 1, "…") += " (" + std::to_string(text.size()) + " bytes)";
  return quoted;
}

std::string shortValue(const json& value) {
  if (value.is_string()) return shortText(value.get_ref<const std::string&>());
  if (value.is_array()) return "a list of " + std::to_string(value.size()) + " values";
  if (value.is_object()) return "an object with " + std::to_string(value.size()) + " keys";
  return value.dump();  // a number, a boolean or null: short
}

}  // namespace normlab
