// Fuzzes the pattern-file loader (pattern_set.h, gazetteer.h). The first
// byte of the input picks the file the rest replaces (byte % 4: verbs.txt,
// lexicon.txt, rules.txt, speakers.txt); the other three are small valid
// files, so that every iteration is fast (the lexicon and rules have every
// section and rule PatternSet requires). Checked:
//   * a failed load says why, starting with a file name ("verbs.txt:...");
//     a "file:line:" prefix names a line that exists in that file;
//   * a successful load gives a PatternSet whose required rules and
//     sections exist, and the extractor runs on a short article with it,
//     every span inside the article and slicing to its text.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "qawl/extractor.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"

namespace {

const char* const kNames[4] = {"verbs.txt", "lexicon.txt", "rules.txt", "speakers.txt"};

const char kVerbs[] =
    "قال class=say past=قال/قالت/قالوا pres=يقول/تقول part=قائلا/قائلة noun=قوله\n"
    "أكد class=state past=أكد/أكدت/أكدوا\n"
    "وصف class=describe past=وصف/وصفت\n"
    "أعرب class=other past=أعرب/أعربت noun=إعراب\n";

// Words for the sections the extractor uses; a required section not listed
// here (one added later) gets a placeholder word.
const std::map<std::string, std::string> kSectionWords = {
    {"source_nouns", "الرئيس وزير المتحدث"},
    {"label_nouns", "وكالة صحيفة"},
    {"event_nouns", "مؤتمر مقابلة"},
    {"time_words", "اليوم الخميس"},
    {"relative_words", "التي الذي"},
    {"document_nouns", "التقرير"},
    {"given_names", "محمد"},
    {"post_connectors", "كما حسبما"},
    {"object_pronouns", "ه ها هم"},
    {"skip_words", "فيه له"},
    {"auxiliaries", "كان"},
    {"clause_connectives", "فيما بينما"},
    {"double_quotes", "\" « » “ ” „"},
};

// Rules by name; a required rule not listed here gets one that never matches.
const std::map<std::string, std::string> kRuleBodies = {
    {"complementizer", "^((?:الى )?ب?ان(?:{list:object_pronouns})?){E}"},
    {"region_stop", "(?:^| )(?:في ?(?:{list:event_nouns})|(?:{list:time_words})){E}|[،,:]"},
    {"clause_stop", "(?:^|[ ،,])(?:فيما|بينما){E}"},
    {"trailing_meta", "(?:^|[ ،,])(?:بحسب|وفق){E}"},
};

std::string SmallLexicon() {
  std::string out;
  for (const std::string& section : qawl::PatternSet::RequiredSections()) {
    auto it = kSectionWords.find(section);
    out += "[" + section + "]\n" + (it != kSectionWords.end() ? it->second : "كلمة") + "\n";
  }
  return out;
}

std::string SmallRules() {
  std::string out = "define E = (?:$|[^\\p{L}\\p{N}])\n";
  for (const std::string& rule : qawl::PatternSet::RequiredRules()) {
    auto it = kRuleBodies.find(rule);
    out += "rule " + rule + " = " + (it != kRuleBodies.end() ? it->second : "^\\x{1}\\x{2}") + "\n";
  }
  return out;
}

const char kSpeakers[] =
    "id: vladimir-putin\nname: Vladimir Putin\ntype: person\ngender: m\n"
    "alias: فلاديمير بوتين | بوتين\ntitle: الرئيس الروسي\nenglish: Putin\n"
    "id: kremlin\nname: Kremlin\ntype: organization\ngender: p\nalias: الكرملين\n";

const char kArticle[] =
    "قال الرئيس الروسي فلاديمير بوتين للصحفيين اليوم: \"نحن مستعدون للحوار\".\n"
    "وأكد أن المفاوضات ستبدأ، فيما وصفها الكرملين بأنها «مهمة جدا».\n"
    "«لن نتراجع»، قال بوتين. وأضاف المتحدث: كل شيء على ما يرام هنا الآن.\n"
    "بوتين: لا حرب بعد اليوم في أوروبا.";

// The line number in an error "NAME:LINE: ...", or 0.
long ErrorLine(const std::string& error, const std::string& name) {
  if (error.compare(0, name.size() + 1, name + ":") != 0) return 0;
  return std::strtol(error.c_str() + name.size() + 1, nullptr, 10);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const int which = data[0] % 4;
  static const std::string lexicon = SmallLexicon();
  static const std::string rules = SmallRules();
  std::vector<qawl::PatternSet::File> files = {
      {kNames[0], kVerbs}, {kNames[1], lexicon}, {kNames[2], rules}, {kNames[3], kSpeakers}};
  files[static_cast<size_t>(which)].data.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  const std::string& fuzzed = files[static_cast<size_t>(which)].data;

  std::unique_ptr<qawl::PatternSet> set = qawl::PatternSet::LoadFiles(files);
  if (!set->ok()) {
    const std::string& error = set->error();
    bool named = false;
    for (const char* name : kNames) {
      if (error.compare(0, std::string_view(name).size() + 1, std::string(name) + ":") == 0) {
        named = true;
      }
    }
    QAWL_FUZZ_CHECK(named, "error does not start with a file name: %s", error.c_str());
    long line = ErrorLine(error, kNames[which]);
    if (line > 0) {
      long lines = 1;
      for (char c : fuzzed) lines += c == '\n';
      QAWL_FUZZ_CHECK(line <= lines, "error names line %ld of a %ld-line file: %s", line, lines,
                      error.c_str());
    }
    return 0;
  }
  for (const std::string& rule : qawl::PatternSet::RequiredRules()) {
    QAWL_FUZZ_CHECK(set->rule(rule) != nullptr, "loaded without rule '%s'", rule.c_str());
  }

  qawl::Extractor extractor(set.get());
  qawl::v1::Article article;
  article.set_id("a");
  article.set_text(kArticle);
  std::vector<qawl::v1::Quote> quotes;
  extractor.Extract(article, &quotes);
  const std::string_view original = article.text();
  for (const qawl::v1::Quote& q : quotes) {
    const uint32_t b = q.span().begin();
    const uint32_t e = q.span().end();
    QAWL_FUZZ_CHECK(b < e && e <= original.size(), "quote span [%u,%u) in %zu bytes", b, e,
                    original.size());
    QAWL_FUZZ_CHECK(q.text() == qawl::SanitizeUtf8(original.substr(b, e - b)),
                    "quote text != span [%u,%u)", b, e);
  }
  return 0;
}
