// Gazetteer: the canonical people and organizations that quotes are
// attributed to, with their Arabic spellings and titles, loaded from
// patterns/speakers.txt. The file is a list of records; each record starts
// with an "id:" line:
//
//   id: vladimir-putin
//   name: Vladimir Putin          # canonical display name
//   type: person                  # person | organization
//   gender: m                     # m | f | p (plural / collective)
//   wikidata: Q7747               # only when confirmed
//   alias: فلاديمير بوتين | بوتين  # Arabic spellings, "|"-separated
//   title: الرئيس الروسي | رئيس روسيا
//   title[2014-2024]: الأمين العام لحلف الناتو   # held in those years
//   title[2017-2021,2025-]: الرئيس الأمريكي      # open-ended: "2025-"
//   english: Putin | Vladimir Putin   # Latin-script aliases, for lookup
//
// Aliases and titles are normalized with the same Normalizer as article
// text and matched token by token; a leading proclitic (و ف ب ل ك and
// their combinations, لل for ال) on the first word is accepted.
//
// Besides these exact matches, Load indexes each person by the name keys
// (qawl/name_key.h) of the words that identify them, so that a spelling
// the file does not list (زلانسكي, ستولتينبرغ, "Zalansky") still finds the
// person: see FuzzyMatch. Those matches are weaker evidence than MatchAt's.
//
// Thread-safety: immutable after Load; share freely.
#ifndef QAWL_GAZETTEER_H_
#define QAWL_GAZETTEER_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "qawl/status.h"
#include "qawl/word_map.h"

namespace qawl {

class Normalizer;

enum class Gender { kUnknown, kMasculine, kFeminine, kPlural };

struct Entity {
  std::string id;
  std::string name;
  std::string wikidata;
  std::string type;  // "person" or "organization"
  Gender gender = Gender::kUnknown;
  std::vector<std::string> aliases;  // normalized
  std::vector<std::string> titles;   // normalized
  std::vector<std::string> english;  // as written
};

// How FuzzyMatch found a person, strongest first.
enum class MatchHow {
  kExact,     // the word is one of the person's name words as listed
  kSkeleton,  // an Arabic word with the SkeletonKey of one of them
  kLatin,     // a Latin word with the LatinKey of one of them
};

// A person that one word may name, and how the word was matched.
struct FuzzyPerson {
  int entity = -1;
  MatchHow how = MatchHow::kExact;
  friend bool operator==(const FuzzyPerson&, const FuzzyPerson&) = default;
};

// A match of an alias or title over a run of words.
struct NameMatch {
  int entity = -1;
  size_t begin = 0;  // index of the first word
  size_t end = 0;    // one past the last word
  bool is_title = false;
  size_t prefix_bytes = 0;  // proclitic bytes to skip on the first word
};

class Gazetteer {
 public:
  // Parses speakers.txt. `file_name` is used in "file:line: ..." errors.
  Status Load(std::string_view file_name, std::string_view data, const Normalizer& norm);

  size_t size() const { return entities_.size(); }
  const Entity& entity(int i) const { return entities_[static_cast<size_t>(i)]; }
  // Index of the entity with this id, or -1.
  int FindId(std::string_view id) const;
  // Index of an entity one of whose aliases, titles, English aliases or id
  // equals `query` after normalization (already folded by the caller), or -1.
  int FindAnyName(std::string_view folded_query) const;

  // The longest alias or title of any entity that starts at words[i].
  // Aliases win over titles of equal length.
  std::optional<NameMatch> MatchAt(std::span<const std::string_view> words,
                                   size_t i) const;

  // The aliases and titles that can start at one written first word
  // (every proclitic spelling is indexed), longest first. Opaque to
  // callers: they find it by word in first_words() and pass it to MatchAt,
  // which saves the lookup when they index words themselves (PatternSet).
  struct Start;
  struct Starts {
    std::vector<Start> list;
  };
  const WordMap<Starts>& first_words() const { return by_first_word_; }
  // MatchAt(words, i) when `starts` is first_words()'s entry for words[i].
  std::optional<NameMatch> MatchAt(std::span<const std::string_view> words, size_t i,
                                   const Starts& starts) const;
  // The people with an alias of two or more words that starts or ends with
  // normalized `word` ("كيم" for "كيم جونغ اون"), or nullptr.
  const std::vector<int>* PeopleWithShortName(std::string_view word) const { return by_short_name_.Find(word); }

  // Lookups of one word by name key (qawl/name_key.h), for the words
  // MatchAt does not know. The name words of a person are their one-word
  // aliases and the last word (the surname) of their longer aliases, with
  // a leading ال removed, but only when the file lists a one-word alias
  // for them at all: names written family name first (كيم يو جونغ, شي جين
  // بينغ, "Kim Yo Jong") end in a given name, and the file gives no
  // one-word alias for such people. Likewise for their english: names
  // ("Thomas-Greenfield" is one word; acronyms like "MBS" are none). Of
  // these, only words whose key has kMinNameKeySize classes or more are
  // indexed, exactly or by key: shorter ones (روته "rt", تشوي "c", هي "h",
  // the pronoun and a spelling of Choe Son Hui's given name) would name
  // too much of the text; MatchAt still finds them exactly. Organizations
  // are not indexed.
  //
  // A key is shared by different names (name_key.h: Scholz / Schulz, and
  // common words: غرب "west" has the key of كيربي), so a caller must treat
  // a kSkeleton or kLatin match as lower-confidence evidence than MatchAt,
  // to be confirmed by context (a title, a cue, the same person named in
  // full elsewhere in the article).
  static constexpr size_t kMinNameKeySize = 3;

  // The people that normalized `word` may name on its own: those with it
  // as a name word (kExact) first, then those sharing its key, each person
  // once, in file order within each group. The caller strips proclitics
  // and the article first (لبوتين -> بوتين). Empty (and no allocation)
  // when none.
  //   * kLatin, when IsLatinWord(word): LatinKey(word) is the key of one
  //     of the person's english: name words, and the word is within
  //     MaxLatinSpellingDistance of it (LatinSpellingDistance): with 564
  //     people one Latin key is shared by unrelated names (Makron and
  //     Mogherini are both "mkrn", Peskow and Psaki "bsk"), and English
  //     words have the keys of short names ("fans" / Vance "fns", 2);
  //   * kSkeleton, for an Arabic word: SkeletonKey(word) is the key of one
  //     of the person's Arabic name words, and the word is within
  //     MaxSpellingDistance of it (SpellingDistance in name_key.h). A key
  //     of three or four consonants is shared by many Arabic words (طريق
  //     and تورك, مقارنه and ماكرون, سابق and سيبيغا, غربي and كيربي); the
  //     distance turns away those of another root, which differ in more
  //     long vowels, and keeps the dropped or added long vowels of the
  //     press (زلانسكي for زيلينسكي, ستولتينبرغ for ستولتنبرغ). Two
  //     places where Arabic words are densest get stricter rules:
  //       - a key of three consonants: an Arabic root, whose words differ
  //         only in their long vowels (تبين "it appeared" / تبون, أمانة
  //         "secretariat" / أمانو, دبابة "tank" / دبيبة, بوتان / بوتين):
  //         the vowel letters must be those listed (VowelLetters::kCounted),
  //         only غ / ج and تس / تز / ز may differ (ميرتز for ميرتس);
  //       - a word of kMaxExactOnlyLetters letters or fewer (a root and
  //         one prefix: ينكر "denies" / يونكر Juncker, مسهل / مساهل): no
  //         letter may be added or dropped either (a known miss: يرمك for
  //         يرماك).
  //     No word of the dev corpus or of the seed articles matches this way
  //     (tests/gazetteer_test.cc). Of the 170,000 stems of the hunspell-ar
  //     dictionary, 56 matched with the 564 people before these two rules
  //     and و counted (name_key.h), 7 after, rare words or names (يرموك
  //     Yarmouk ~ يرماك, مساحل ~ مساهل, محلوب ~ محلب, إيجر ~ إيغر).
  std::vector<FuzzyPerson> FuzzyMatch(std::string_view word) const;
  // How many letters (SpellingDistance) an Arabic `word` whose key is
  // `key` may spell differently from a listed name word with that key and
  // still be read as it by FuzzyMatch: 0 for a key of 3 classes (only
  // letters of one class swapped, and the vowels counted: جوتيريش) or a
  // word of up to kMaxExactOnlyLetters letters, 1 for a key of 4 or 5, 2
  // beyond.
  static int MaxSpellingDistance(std::string_view key, std::string_view word);
  static constexpr size_t kMaxExactOnlyLetters = 4;
  // The same for a Latin word (LatinSpellingDistance): 1 for a key of 3
  // classes (Putin: Poutine, 2, is a known miss), 2 beyond (Zelenskiy).
  static int MaxLatinSpellingDistance(std::string_view key);
  // The people with a name word whose key is `key` (SkeletonKey or
  // LatinKey: one key space), unfiltered: many Arabic words share a short
  // key (see FuzzyMatch). Valid as long as the Gazetteer.
  std::span<const int> PeopleWithKey(std::string_view key) const;
  // PeopleWithKey(LatinKey(word)), for a token in Latin script.
  std::span<const int> PeopleWithLatinName(std::string_view latin_word) const;

  // Entities listing normalized `title` exactly.
  const std::vector<int>& EntitiesWithTitle(const std::string& title) const;
  // Those of them who held it in `year` (all of them when year is 0 or a
  // holder's line gives no years).
  std::vector<int> TitleHolders(const std::string& title, int year) const;

 private:
  struct Entry {
    int entity;
    bool is_title;
    std::vector<std::string> words;
  };
  // Adds entity idx (a person) to by_name_word_ and by_name_key_.
  void IndexNameWords(int idx, const Normalizer& norm);

  std::vector<Entity> entities_;
  std::vector<std::unique_ptr<Entry>> entries_;
  WordMap<Starts> by_first_word_;
  WordMap<std::vector<int>> by_short_name_;
  // Name words of people (normalized Arabic, folded English) -> people.
  WordMap<std::vector<int>> by_name_word_;
  // SkeletonKey / LatinKey of those words -> people.
  WordMap<std::vector<int>> by_name_key_;
  // SkeletonKey of the Arabic ones -> the words, for SpellingDistance.
  struct NameSpelling {
    int entity;
    std::string word;
  };
  WordMap<std::vector<NameSpelling>> arabic_name_words_;
  // LatinKey of the english: ones (folded) -> the words.
  WordMap<std::vector<NameSpelling>> latin_name_words_;
  std::unordered_map<std::string, std::vector<int>> by_title_;
  // (title, entity) -> year ranges [from, to] in which the title was held.
  std::map<std::pair<std::string, int>, std::vector<std::pair<int, int>>> title_years_;
  std::unordered_map<std::string, int> by_any_name_;
};

// An alias or title reachable from a first word as written, with the
// proclitic bytes it carries (و، ب، لل ...).
struct Gazetteer::Start {
  Start(const Entry* e, size_t prefix)
      : entry(e),
        prefix_bytes(prefix),
        second(e->words.size() > 1 ? HashWord(e->words[1]) : 0),
        words(e->words.size()) {}
  const Entry* entry;
  size_t prefix_bytes;
  // HashWord of the entry's second word (0 for one word) and its number of
  // words, kept here so that MatchAt passes over the many entries sharing
  // a first word (وزير، الرئيس) without reading them.
  uint64_t second;
  size_t words;
};

}  // namespace qawl

#endif  // QAWL_GAZETTEER_H_
