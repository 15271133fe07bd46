#include "qawl/pattern_set.h"

#include <gtest/gtest.h>
#include <re2/re2.h>

#include "qawl/normalizer.h"
#include "test_util.h"

namespace qawl {
namespace {

using testing::Patterns;

TEST(PatternSet, EmbeddedSetLoads) {
  const PatternSet& p = Patterns();
  ASSERT_TRUE(p.ok()) << p.error();
  EXPECT_GE(p.gazetteer().size(), 40u);
}

TEST(PatternSet, GazetteerHasEveryCanonicalSpeaker) {
  // ../shared/eval/SPEAKERS.md
  const char* ids[] = {"vladimir-putin", "jens-stoltenberg", "choe-son-hui", "john-kirby", "kim-jong-un",
                       "kim-yo-jong", "lloyd-austin", "sergei-lavrov", "dmitry-peskov", "volodymyr-zelensky",
                       "antony-blinken", "joe-biden", "donald-trump", "antonio-guterres",
                       "recep-tayyip-erdogan", "mark-rutte", "yoon-suk-yeol", "anders-fogh-rasmussen"};
  const Gazetteer& g = Patterns().gazetteer();
  int people = 0;
  for (size_t i = 0; i < g.size(); ++i) people += g.entity(static_cast<int>(i)).type == "person";
  EXPECT_GE(people, 40);
  for (const char* id : ids) {
    int e = g.FindId(id);
    ASSERT_GE(e, 0) << id;
    EXPECT_FALSE(g.entity(e).aliases.empty()) << id;
    EXPECT_NE(g.entity(e).gender, Gender::kUnknown) << id;
  }
  EXPECT_EQ(g.entity(g.FindId("vladimir-putin")).wikidata, "Q7747");
  EXPECT_EQ(g.entity(g.FindId("choe-son-hui")).gender, Gender::kFeminine);
}

struct NameCase {
  std::string words;  // space-separated normalized words
  std::string id;
  size_t length;
};

TEST(Gazetteer, MatchesSpellingsWithProclitics) {
  const Gazetteer& g = Patterns().gazetteer();
  const NameCase cases[] = {
      {"بوتين", "vladimir-putin", 1},
      {"لبوتين", "vladimir-putin", 1},
      {"وستولتنبرغ", "jens-stoltenberg", 1},
      {"ينس ستولتنبرج", "jens-stoltenberg", 2},
      {"تشوي سون هوي", "choe-son-hui", 3},
      {"زيلينسكى", "volodymyr-zelensky", 1},
      {"الكرملين", "kremlin", 1},
      {"للكرملين", "kremlin", 1},
  };
  for (const NameCase& c : cases) {
    std::string folded = Normalizer::Default().Fold(c.words);
    std::vector<std::string_view> words = pattern_file::Split(folded, " ");
    auto m = g.MatchAt(words, 0);
    ASSERT_TRUE(m.has_value()) << c.words;
    EXPECT_EQ(g.entity(m->entity).id, c.id) << c.words;
    EXPECT_EQ(m->end - m->begin, c.length) << c.words;
  }
  std::vector<std::string_view> none = {"كيم"};
  EXPECT_FALSE(g.MatchAt(none, 0).has_value()) << "a bare Korean family name is ambiguous";
}

TEST(PatternSet, CueFormsCarryLemmaTenseAndGender) {
  const PatternSet& p = Patterns();
  const Normalizer& n = Normalizer::Default();
  const CueForm* f = p.FindCue(n.Fold("قائلة"));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->lemma, "قال");
  EXPECT_EQ(f->tense, Tense::kParticiple);
  EXPECT_EQ(f->gender, Gender::kFeminine);
  f = p.FindCue(n.Fold("أضافت"));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->lemma, "اضاف");
  EXPECT_EQ(f->tense, Tense::kPast);
  f = p.FindCue(n.Fold("يؤكد"));
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->tense, Tense::kPresent);
  // بين is also the preposition: a guarded form (CueSet decides).
  f = p.FindCue(n.Fold("بين"));
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->guarded);
  EXPECT_FALSE(p.FindCue(n.Fold("بينت"))->guarded);
  const PatternSet::CueWord* w = p.MatchCueWord(n.Fold("وأكدت"));
  ASSERT_NE(w, nullptr);
  EXPECT_EQ(w->form->lemma, "اكد");
  EXPECT_EQ(w->proclitic_bytes, 2);
  w = p.MatchCueWord(n.Fold("ووصفها"));
  ASSERT_NE(w, nullptr);
  EXPECT_TRUE(w->object_suffix);
  EXPECT_EQ(p.MatchCueWord(n.Fold("قائلاها")), nullptr) << "participles take no object suffix here";
  EXPECT_EQ(p.MatchCueWord(n.Fold("مقال")), nullptr);
}

TEST(PatternSet, QuotationMarksComeFromTheLexicon) {
  const QuoteMarks& marks = Patterns().quote_marks();
  for (char32_t c : {U'"', U'\u00AB', U'\u00BB', U'\u201C', U'\u201D', U'\u201E'}) {
    EXPECT_TRUE(marks.contains(c)) << static_cast<uint32_t>(c);
  }
  EXPECT_FALSE(marks.contains(U'\''));
}

TEST(PatternSet, RulesExpandMacrosAndLists) {
  const PatternSet& p = Patterns();
  const re2::RE2* comp = p.rule("complementizer");
  ASSERT_NE(comp, nullptr);
  for (const char* yes : {"ان الحرب", "بانها", "الي ان", "علي انه", "انهم،"}) {
    EXPECT_TRUE(RE2::PartialMatch(yes, *comp)) << yes;
  }
  for (const char* no : {"انتهاك", "الانتخابات"}) EXPECT_FALSE(RE2::PartialMatch(no, *comp)) << no;
  EXPECT_EQ(p.rule("no-such-rule"), nullptr);
}

std::vector<PatternSet::File> EmbeddedFiles() {
  std::vector<PatternSet::File> files;
  for (const char* name : {"verbs.txt", "lexicon.txt", "rules.txt", "speakers.txt"}) {
    files.push_back({name, testing::ReadFile(std::string(QAWL_SOURCE_DIR) + "/patterns/" + name)});
  }
  return files;
}

struct BrokenCase {
  const char* file;
  std::string append;
  std::string error_prefix;
};

TEST(PatternSet, BrokenFilesNameFileAndLine) {
  const BrokenCase cases[] = {
      {"verbs.txt", "قال  class=say  past=قال  gendr=m\n", "verbs.txt:"},
      {"rules.txt", "rule broken = (ان\n", "rules.txt:"},
      {"rules.txt", "rule broken = {NO_SUCH_MACRO}\n", "rules.txt:"},
      {"speakers.txt", "id: vladimir-putin\nalias: بوتين\n", "speakers.txt:"},
      {"lexicon.txt", "[source_nouns]\n\xFF\xFE\n", "lexicon.txt:"},
  };
  for (const BrokenCase& c : cases) {
    std::vector<PatternSet::File> files = EmbeddedFiles();
    int line = 0;
    for (auto& f : files) {
      if (f.name == c.file) {
        line = static_cast<int>(std::count(f.data.begin(), f.data.end(), '\n')) + 1;
        if (!f.data.empty() && f.data.back() != '\n') f.data += "\n", ++line;
        f.data += c.append;
      }
    }
    auto set = PatternSet::LoadFiles(files);
    ASSERT_FALSE(set->ok()) << c.append;
    EXPECT_EQ(set->error().rfind(c.error_prefix, 0), 0u) << set->error();
    // The error names a line within the appended text.
    int reported = std::atoi(set->error().c_str() + std::string(c.file).size() + 1);
    EXPECT_GE(reported, line) << set->error();
  }
}

}  // namespace
}  // namespace qawl
