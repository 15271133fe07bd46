// Pattern files that are wrong give an error naming file:line (issue 6).
//
// Each directory of tests/data/bad_patterns/ holds one bad pattern file. The
// test copies patterns/ to a temporary directory, puts the bad file in place
// of the good one, loads the directory and expects the error to start with
// "<that directory>/<file>:<line>: " and to say what is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "qawl/pattern_set.h"

#include "test_util.h"

namespace qawl {
namespace {

namespace fs = std::filesystem;

struct BadCase {
  const char* dir;      // under tests/data/bad_patterns/
  const char* file;     // the pattern file it replaces
  int line;             // the line the error must name
  const char* message;  // a part of the error message
};

std::ostream& operator<<(std::ostream& os, const BadCase& c) {
  return os << c.dir << "/" << c.file;
}

const BadCase kCases[] = {
    {"unbalanced_paren", "rules.txt", 4, "rule 'complementizer': missing )"},
    {"extra_paren", "rules.txt", 3, "rule 'clause_stop': unexpected )"},
    {"unbalanced_paren_macro", "rules.txt", 3, "macro 'E': missing )"},
    {"unknown_macro", "rules.txt", 5, "unknown macro 'SUFFIXES'"},
    {"unknown_section", "rules.txt", 3, "unknown lexicon section 'time_word'"},
    {"unclosed_brace", "rules.txt", 3, "unclosed '{'"},
    {"duplicate_speaker", "speakers.txt", 9, "duplicate id 'vladimir-putin' (first at line 3)"},
    {"speaker_unknown_key", "speakers.txt", 3, "unknown key 'gendre'"},
    {"invalid_utf8_speakers", "speakers.txt", 3, "invalid UTF-8"},
    {"invalid_utf8_rules", "rules.txt", 3, "invalid UTF-8"},
    {"invalid_utf8_verbs", "verbs.txt", 2, "invalid UTF-8"},
    {"invalid_utf8_lexicon", "lexicon.txt", 4, "invalid UTF-8"},
    {"verb_unknown_key", "verbs.txt", 2, "unknown key 'pst'"},
    {"verb_bad_turn", "verbs.txt", 2, "turn must be question, answer or continue, not 'ask'"},
    {"verb_bad_passive", "verbs.txt", 2, "passive= needs a word"},
    {"verb_bad_needs", "verbs.txt", 2, "needs= takes a preposition"},
    {"verb_bad_relay", "verbs.txt", 2, "relay= takes a preposition"},
    {"lexicon_word_before_section", "lexicon.txt", 2, "word before any [section]"},
};

class PatternErrorsTest : public ::testing::TestWithParam<BadCase> {
 protected:
  void SetUp() override {
    dir_ = testing::ScratchPath("bad_patterns_" + std::string(GetParam().dir));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    for (const char* name : {"verbs.txt", "lexicon.txt", "rules.txt", "speakers.txt"}) {
      fs::copy_file(fs::path(QAWL_SOURCE_DIR) / "patterns" / name, dir_ / name);
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path dir_;
};

TEST_P(PatternErrorsTest, ErrorNamesFileAndLine) {
  const BadCase& c = GetParam();
  const fs::path bad = fs::path(QAWL_TEST_DATA) / "bad_patterns" / c.dir / c.file;
  ASSERT_TRUE(fs::exists(bad)) << bad;
  fs::copy_file(bad, dir_ / c.file, fs::copy_options::overwrite_existing);

  std::unique_ptr<PatternSet> set = PatternSet::LoadDirectory(dir_.string());
  ASSERT_FALSE(set->ok()) << c << " loaded without an error";
  const std::string where = (dir_ / c.file).string() + ":" + std::to_string(c.line) + ": ";
  EXPECT_EQ(set->error().substr(0, where.size()), where)
      << c << ": the error should start with file:line\n  error: " << set->error();
  EXPECT_NE(set->error().find(c.message), std::string::npos)
      << c << ": the error should say \"" << c.message << "\"\n  error: " << set->error();
}

TEST_P(PatternErrorsTest, LoadFilesNamesTheFileAsGiven) {
  // The same error through LoadFiles, where the caller chooses the names.
  const BadCase& c = GetParam();
  std::vector<PatternSet::File> files;
  for (const char* name : {"verbs.txt", "lexicon.txt", "rules.txt", "speakers.txt"}) {
    fs::path from = std::string(name) == c.file
                        ? fs::path(QAWL_TEST_DATA) / "bad_patterns" / c.dir / c.file
                        : fs::path(QAWL_SOURCE_DIR) / "patterns" / name;
    std::ifstream in(from, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back(PatternSet::File{std::string("conf/") + name, ss.str()});
  }
  std::unique_ptr<PatternSet> set = PatternSet::LoadFiles(files);
  ASSERT_FALSE(set->ok()) << c;
  const std::string where = "conf/" + std::string(c.file) + ":" + std::to_string(c.line) + ": ";
  EXPECT_EQ(set->error().substr(0, where.size()), where) << c << "\n  error: " << set->error();
}

INSTANTIATE_TEST_SUITE_P(BadPatterns, PatternErrorsTest, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<BadCase>& info) {
                           return std::string(info.param.dir);
                         });

TEST(PatternErrors, EveryBadPatternFileIsTested) {
  // A file added to tests/data/bad_patterns/ without a line in kCases
  // would never run.
  for (const auto& entry : fs::directory_iterator(fs::path(QAWL_TEST_DATA) / "bad_patterns")) {
    bool listed = false;
    for (const BadCase& c : kCases) listed = listed || entry.path().filename() == c.dir;
    EXPECT_TRUE(listed) << entry.path() << " is not in kCases";
  }
}

TEST(PatternErrors, MissingDirectoryNamesThePath) {
  std::unique_ptr<PatternSet> set = PatternSet::LoadDirectory("/nonexistent/qawl/patterns");
  ASSERT_FALSE(set->ok());
  EXPECT_NE(set->error().find("/nonexistent/qawl/patterns/"), std::string::npos) << set->error();
}

TEST(PatternErrors, RealPatternsLoad) {
  std::unique_ptr<PatternSet> set = PatternSet::LoadDirectory(QAWL_SOURCE_DIR "/patterns");
  EXPECT_TRUE(set->ok()) << set->error();
}

}  // namespace
}  // namespace qawl
