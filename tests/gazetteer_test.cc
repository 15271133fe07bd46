// The Gazetteer's lookups by name key (FuzzyMatch, PeopleWithKey,
// PeopleWithLatinName) against the embedded patterns/speakers.txt.
#include "qawl/gazetteer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "qawl/name_key.h"
#include "qawl/normalizer.h"
#include "qawl/tokenizer.h"
#include "test_util.h"

namespace qawl {
namespace {

using testing::Patterns;

const char* HowName(MatchHow how) {
  switch (how) {
    case MatchHow::kExact: return "exact";
    case MatchHow::kSkeleton: return "skeleton";
    case MatchHow::kLatin: return "latin";
  }
  return "?";
}

// "id:how id:how" for FuzzyMatch(word), for failure messages.
std::string Describe(const Gazetteer& g, std::string_view word) {
  std::string out;
  for (const FuzzyPerson& p : g.FuzzyMatch(word)) {
    out += g.entity(p.entity).id + ":" + HowName(p.how) + " ";
  }
  return out.empty() ? "(none)" : out;
}

struct FuzzyRow {
  const char* word;  // as written; folded by the test
  const char* id;
  MatchHow how;
};

TEST(GazetteerFuzzy, FindsSpellingsTheFileDoesNotList) {
  const Gazetteer& g = Patterns().gazetteer();
  const FuzzyRow kRows[] = {
      // Listed: exact.
      {"زيلينسكي", "volodymyr-zelensky", MatchHow::kExact},
      {"زيلينسكى", "volodymyr-zelensky", MatchHow::kExact},
      {"بسكوف", "dmitry-peskov", MatchHow::kExact},
      {"الخامنئي", "ali-khamenei", MatchHow::kExact},
      {"Zelenskyy", "volodymyr-zelensky", MatchHow::kExact},
      {"Erdoğan", "recep-tayyip-erdogan", MatchHow::kExact},
      {"Greenfield", "linda-thomas-greenfield", MatchHow::kExact},
      // Not listed: a long vowel dropped, added or swapped; g as غ ج ق.
      {"زلانسكي", "volodymyr-zelensky", MatchHow::kSkeleton},
      {"زيلانسكي", "volodymyr-zelensky", MatchHow::kSkeleton},
      {"ستولتينبرغ", "jens-stoltenberg", MatchHow::kSkeleton},
      {"ستولتنبيرق", "jens-stoltenberg", MatchHow::kSkeleton},
      {"بلنكن", "antony-blinken", MatchHow::kSkeleton},
      {"غوتيرش", "antonio-guterres", MatchHow::kSkeleton},
      {"قوتيريش", "antonio-guterres", MatchHow::kSkeleton},
      {"ميدفيدييف", "dmitry-medvedev", MatchHow::kSkeleton},
      {"نبنزيا", "vasily-nebenzya", MatchHow::kSkeleton},
      {"أوشكوف", "yuri-ushakov", MatchHow::kSkeleton},
      {"زخروفا", "maria-zakharova", MatchHow::kSkeleton},
      {"اردغان", "recep-tayyip-erdogan", MatchHow::kSkeleton},
      {"هيغسث", "pete-hegseth", MatchHow::kSkeleton},
      {"سوليفن", "jake-sullivan", MatchHow::kSkeleton},
      {"بزشكيين", "masoud-pezeshkian", MatchHow::kSkeleton},
      {"ميرتز", "friedrich-merz", MatchHow::kSkeleton},
      {"ستارمير", "keir-starmer", MatchHow::kSkeleton},
      {"بيلوسف", "andrei-belousov", MatchHow::kSkeleton},
      {"يرماك", "andriy-yermak", MatchHow::kExact},
      {"ييرمك", "andriy-yermak", MatchHow::kSkeleton},
      {"ماكرن", "emmanuel-macron", MatchHow::kSkeleton},
      {"راسموسون", "anders-fogh-rasmussen", MatchHow::kSkeleton},
      // Latin spellings the file does not list.
      {"Zalansky", "volodymyr-zelensky", MatchHow::kLatin},
      {"Zelenskiy", "volodymyr-zelensky", MatchHow::kLatin},
      {"Poutin", "vladimir-putin", MatchHow::kLatin},
      {"Makron", "emmanuel-macron", MatchHow::kLatin},
      {"Medvedyev", "dmitry-medvedev", MatchHow::kLatin},
      // Two people share the Latin key "mkrn"; only Macron is spelled so.
      {"Macron", "emmanuel-macron", MatchHow::kExact},
      {"Mogerini", "federica-mogherini", MatchHow::kLatin},
  };
  for (const FuzzyRow& r : kRows) {
    SCOPED_TRACE(std::string(r.word) + " -> " + r.id + ":" + HowName(r.how));
    const std::string word = Normalizer::Default().Fold(r.word);
    std::vector<FuzzyPerson> found = g.FuzzyMatch(word);
    ASSERT_EQ(found.size(), 1u) << Describe(g, word);
    EXPECT_EQ(g.entity(found[0].entity).id, r.id) << Describe(g, word);
    EXPECT_EQ(found[0].how, r.how) << Describe(g, word);
  }
}

TEST(GazetteerFuzzy, IgnoresCommonWordsGivenNamesAndShortNames) {
  const Gazetteer& g = Patterns().gazetteer();
  const char* kWords[] = {
      // Arabic words with the key of a name, but of another root.
      "غرب", "غربي", "قريب", "طارق", "طريق", "تركي", "تعرق", "سابق", "سابقه", "صباح", "جلسه", "مقارنه",
      "اسطوانه", "باطن", "عراقي", "مرجل", "حارس", "سونغ", "شبكه",
      // ... with the 564 people of the file: three consonants, other long
      // vowels (أمانة / أمانو, تبين / تبون, دبابة / دبيبة, بوتان / بوتين, تارك
      // / تورك, لباد / لابيد, يلان / يلين); four letters, one vowel more or
      // less (ينكر / يونكر, مسهل / مساهل, اصبر / إسبر); و for ي (تدريس /
      // تيدروس, مركول / ميركيل).
      "امانه", "اماني", "تبين", "تبان", "دبابه", "بوتان", "بيتن", "تارك", "لباد", "لبود", "يلان", "يلون",
      "ينكر", "مسهل", "اصبر", "تدريس", "مركول", "كارين", "كورين", "تروس", "تريس", "غراسه", "دراجه",
      "مولينا", "مالانا", "كوليس", "فادين", "فودين", "جينز", "بانجو", "متزاور",
      // Given names of people written family name first; name parts the
      // file does not use alone.
      "جونغ", "بينغ", "ميونغ", "سلمان", "عزيز", "العزيز", "ميلر", "Miller", "MBS", "mbs",
      // Given names and common names of the news that are no one's name
      // alone (lexicon.txt [given_names] and the like).
      "محمد", "احمد", "حسن", "حسين", "عمر", "خالد", "علي", "عباس", "عبدالله", "ابراهيم", "يوسف", "مصطفى",
      "سعيد", "جون", "مارك", "جيمس", "ديفيد", "فلاديمير", "سيرغي", "دونالد", "بن", "ابو",
      // Keys too short to index: MatchAt finds these exactly.
      "هي", "تشوي", "كيم", "روته", "سيسي", "Kim", "Rutte", "Yoon", "بيت",
      // Organizations are not indexed.
      "رويترز", "Reuters",
      // Latin words with the key of a short name, or of another name.
      "fans", "Peskow",
      // Known misses (name_key.h, FuzzyMatch): a press spelling the keys
      // or the distances cannot reach.
      "بوتينن", "يرمك", "Poutine",
  };
  for (const char* w : kWords) {
    const std::string word = Normalizer::Default().Fold(w);
    EXPECT_TRUE(g.FuzzyMatch(word).empty()) << w << ": " << Describe(g, word);
  }
}

TEST(GazetteerFuzzy, EveryOneWordAliasOfAPersonMatchesExactly) {
  const Gazetteer& g = Patterns().gazetteer();
  int checked = 0;
  for (size_t i = 0; i < g.size(); ++i) {
    const Entity& e = g.entity(static_cast<int>(i));
    if (e.type != "person") continue;
    for (const std::string& alias : e.aliases) {
      if (alias.find_first_of(" -") != std::string::npos) continue;
      // Indexed by the key of the word without its article (السيسي: "ss").
      const std::string_view bare = alias.starts_with("ال") ? std::string_view(alias).substr(4) : alias;
      if (SkeletonKey(bare).size() < Gazetteer::kMinNameKeySize) continue;
      SCOPED_TRACE(e.id + ": " + alias);
      const std::vector<FuzzyPerson> found = g.FuzzyMatch(alias);
      ASSERT_FALSE(found.empty());
      EXPECT_EQ(found[0], (FuzzyPerson{static_cast<int>(i), MatchHow::kExact})) << Describe(g, alias);
      ++checked;
    }
  }
  EXPECT_GE(checked, 40);
}

// Two people may share a key (عبد الله, Scholz / Schulz; with 564 people
// "mkrn" is Macron and Mogherini, "brn" al-Burhan and Barnier): the
// extractor takes a key match only when it names one person, so that is
// harmless. What matters is that each listed name finds its own person
// first (EveryOneWordAliasOfAPersonMatchesExactly) and that ordinary words
// of the news find nobody: every word of the dev corpus and of the seed
// articles that FuzzyMatch reads as a person other than exactly is one of
// these, checked by hand to be a spelling of that person.
TEST(GazetteerFuzzy, NewsWordsGiveNoFuzzyMatchButSpellingVariants) {
  const Gazetteer& g = Patterns().gazetteer();
  const std::set<std::string> kVariants = {};
  int words = 0;
  for (const char* dir : {QAWL_TEST_DATA "/dev", QAWL_TEST_DATA "/seeds"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() != ".txt") continue;
      NormalizedText text;
      Normalizer::Default().Normalize(testing::ReadFile(entry.path()), &text);
      std::vector<Token> tokens;
      std::vector<uint32_t> terminators;
      Tokenize(text.text(), &tokens, &terminators);
      for (const Token& t : tokens) {
        const std::string_view token(text.text().data() + t.begin, t.end - t.begin);
        // Every way a caller may strip the token: as is, and less each
        // proclitic (and article) it may carry.
        std::vector<std::string_view> forms = {token};
        for (std::string_view p : {"وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"}) {
          if (token.starts_with(p) && token.size() >= p.size() + 6) forms.push_back(token.substr(p.size()));
        }
        for (std::string_view word : forms) {
          ++words;
          for (const FuzzyPerson& p : g.FuzzyMatch(word)) {
            if (p.how == MatchHow::kExact) continue;
            const std::string hit = std::string(word) + " " + g.entity(p.entity).id;
            EXPECT_TRUE(kVariants.contains(hit)) << entry.path().filename() << ": '" << word << "' read as "
                                                 << g.entity(p.entity).id << " (" << HowName(p.how) << ")";
          }
        }
      }
    }
  }
  EXPECT_GE(words, 10000);
}

TEST(GazetteerFuzzy, PeopleWithKeyAndLatinName) {
  const Gazetteer& g = Patterns().gazetteer();
  struct Row {
    const char* query;
    bool latin;  // PeopleWithLatinName(query) rather than PeopleWithKey
    const char* id;  // "" for nobody
  };
  const Row kRows[] = {
      {"zlnsk", false, "volodymyr-zelensky"},  {"stltnbrk", false, "jens-stoltenberg"},
      {"Ardkn", false, "recep-tayyip-erdogan"}, {"btn", false, "vladimir-putin"},
      {"zz", false, ""},                        {"", false, ""},
      {"qqqq", false, ""},                      {"Zelensky", true, "volodymyr-zelensky"},
      {"ZALANSKY", true, "volodymyr-zelensky"}, {"Erdoğan", true, "recep-tayyip-erdogan"},
      {"Guterres", true, "antonio-guterres"},   {"Scholz", true, "olaf-scholz"},
      {"Putin", true, "vladimir-putin"},        {"Kim", true, ""},
      {"Stoltenberg", true, "jens-stoltenberg"}, {"Nobody", true, ""},
  };
  for (const Row& r : kRows) {
    SCOPED_TRACE(std::string(r.latin ? "PeopleWithLatinName(" : "PeopleWithKey(") + r.query + ")");
    const std::span<const int> people = r.latin ? g.PeopleWithLatinName(r.query) : g.PeopleWithKey(r.query);
    if (*r.id == '\0') {
      EXPECT_TRUE(people.empty());
      continue;
    }
    ASSERT_EQ(people.size(), 1u);
    EXPECT_EQ(g.entity(people[0]).id, r.id);
  }
}

// The seed articles name their speakers as the file spells them: every
// word FuzzyMatch reads as a person there is an exact name word, never a
// common word that happens to share a key.
TEST(GazetteerFuzzy, SeedArticlesGiveOnlyExactMatches) {
  const Gazetteer& g = Patterns().gazetteer();
  int exact = 0;
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(QAWL_TEST_DATA "/seeds")) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    NormalizedText text;
    Normalizer::Default().Normalize(testing::ReadFile(entry.path()), &text);
    std::vector<Token> tokens;
    std::vector<uint32_t> terminators;
    Tokenize(text.text(), &tokens, &terminators);
    for (const Token& t : tokens) {
      std::string_view word(text.text().data() + t.begin, t.end - t.begin);
      // The caller strips proclitics; a crude version is enough here.
      for (std::string_view p : {"وال", "بال", "لل", "ال", "و", "ب", "ل"}) {
        if (word.starts_with(p) && word.size() >= p.size() + 6) {
          word.remove_prefix(p.size());
          break;
        }
      }
      for (const FuzzyPerson& p : g.FuzzyMatch(word)) {
        EXPECT_EQ(p.how, MatchHow::kExact) << entry.path().filename() << ": '" << word << "' read as "
                                           << g.entity(p.entity).id;
        exact += p.how == MatchHow::kExact;
      }
    }
  }
  EXPECT_GE(files, 5);
  EXPECT_GE(exact, 5) << "the seeds name Putin, Stoltenberg, Guterres ...";
}

}  // namespace
}  // namespace qawl
