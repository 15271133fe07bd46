// Helpers shared by the qawl tests.
#ifndef QAWL_TESTS_TEST_UTIL_H_
#define QAWL_TESTS_TEST_UTIL_H_

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>

#include "qawl/extractor.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"

namespace qawl::testing {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A path under the test temporary directory that no other process uses:
// test binaries may run concurrently (ctest -j, several build trees).
inline std::string ScratchPath(const std::string& name) {
  return (std::filesystem::path(::testing::TempDir()) / ("qawl-" + std::to_string(::getpid()) + "-" + name)).string();
}

// The built-in pattern set, loaded once.
inline const PatternSet& Patterns() {
  static const PatternSet* set = PatternSet::LoadEmbedded().release();
  return *set;
}

inline v1::Article ArticleOf(const std::string& text, const std::string& id = "t") {
  v1::Article article;
  article.set_id(id);
  article.set_text(text);
  return article;
}

inline std::vector<v1::Quote> ExtractText(const std::string& text, const std::string& id = "t") {
  v1::Article article;
  article.set_id(id);
  article.set_text(text);
  Extractor extractor(&Patterns());
  std::vector<v1::Quote> out;
  extractor.Extract(article, &out);
  return out;
}

// Empty if every record's span slices `text` to exactly its text (after
// U+FFFD replacement); else a description of the first offender.
inline std::string CheckSpans(const std::string& text, const std::vector<v1::Quote>& quotes) {
  for (const auto& q : quotes) {
    if (q.span().begin() > q.span().end() || q.span().end() > text.size()) {
      return "span [" + std::to_string(q.span().begin()) + "," + std::to_string(q.span().end()) +
             ") outside the article of " + std::to_string(text.size()) + " bytes";
    }
    std::string slice = SanitizeUtf8(text.substr(q.span().begin(), q.span().end() - q.span().begin()));
    if (slice != q.text()) return "span slices to '" + slice + "' but text is '" + q.text() + "'";
    const auto& m = q.speaker().mention_span();
    if (!q.speaker().mention().empty()) {
      if (m.end() > text.size() || m.begin() > m.end()) return "mention span outside the article";
      if (SanitizeUtf8(text.substr(m.begin(), m.end() - m.begin())) != q.speaker().mention()) {
        return "mention span does not slice to the mention '" + q.speaker().mention() + "'";
      }
    }
  }
  return "";
}

inline std::string Describe(const std::vector<v1::Quote>& quotes) {
  std::string out;
  for (const auto& q : quotes) {
    out += "  " + v1::Kind_Name(q.kind()) + " [" + q.speaker().id() + "|" + q.speaker().mention() + "] '" +
           q.text() + "' (" + q.rule() + ")\n";
  }
  return out.empty() ? "  (no records)\n" : out;
}

}  // namespace qawl::testing

#endif  // QAWL_TESTS_TEST_UTIL_H_
