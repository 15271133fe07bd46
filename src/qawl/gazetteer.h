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
  std::vector<Entity> entities_;
  std::vector<std::unique_ptr<Entry>> entries_;
  WordMap<Starts> by_first_word_;
  WordMap<std::vector<int>> by_short_name_;
  std::unordered_map<std::string, std::vector<int>> by_title_;
  // (title, entity) -> year ranges [from, to] in which the title was held.
  std::map<std::pair<std::string, int>, std::vector<std::pair<int, int>>> title_years_;
  std::unordered_map<std::string, int> by_any_name_;
};

// An alias or title reachable from a first word as written, with the
// proclitic bytes it carries (و، ب، لل ...).
struct Gazetteer::Start {
  const Entry* entry;
  size_t prefix_bytes;
};

}  // namespace qawl

#endif  // QAWL_GAZETTEER_H_
