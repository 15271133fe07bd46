#include "qawl/gazetteer.h"

#include <algorithm>

#include "qawl/name_key.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"

namespace qawl {

namespace {

// What separates the words of an alias or title.
constexpr std::string_view kWordSeparators = " -\n\t";

// Splits normalized text into words: runs of characters other than spaces
// and the punctuation that can sit inside a name ("-", ".").
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  for (std::string_view w : pattern_file::Split(s, kWordSeparators)) out.emplace_back(w);
  return out;
}

// Proclitics accepted on the first word of a name, longest first. "لل" and
// "ولل" stand for "ل" + "ال", so they are replaced by "ال", not removed.
struct Proclitic {
  std::string_view prefix;
  std::string_view replacement;
};
constexpr Proclitic kProclitics[] = {
    {"وبال", "ال"}, {"وكال", "ال"}, {"ولل", "ال"}, {"فلل", "ال"}, {"بال", "ال"},
    {"كال", "ال"}, {"لل", "ال"},   {"وب", ""},    {"ول", ""},    {"فب", ""},
    {"فل", ""},    {"وك", ""},    {"و", ""},     {"ف", ""},     {"ب", ""},
    {"ل", ""},     {"ك", ""},
};

// The word of a name that identifies its bearer: the only word, or the
// last (the surname: بوتين in فلاديمير بوتين, Trump in "Donald J. Trump").
std::string_view NameWord(std::string_view name, std::string_view seps) {
  std::vector<std::string_view> words = pattern_file::Split(name, seps);
  return words.empty() ? std::string_view() : words.back();
}

// An acronym of an english: name ("MBS"): its letters are not its sounds.
bool IsAcronym(std::string_view word) {
  return word.size() > 1 && std::all_of(word.begin(), word.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

void AddPerson(WordMap<std::vector<int>>* map, std::string_view key, int idx) {
  std::vector<int>& people = (*map)[key];
  if (people.empty() || people.back() != idx) people.push_back(idx);
}

}  // namespace

Status Gazetteer::Load(std::string_view file_name, std::string_view data,
                       const Normalizer& norm) {
  PatternSet::File f{std::string(file_name), std::string(data)};
  std::unordered_map<std::string, int> ids;
  std::vector<int> first_line;
  Status s = pattern_file::ForEachLine(f, [&](int line, std::string_view text) -> Status {
    size_t colon = text.find(':');
    if (colon == std::string_view::npos) return Status::InvalidArgument("expected 'key: value'");
    std::string_view key = pattern_file::Trim(text.substr(0, colon));
    std::string_view value = pattern_file::Trim(text.substr(colon + 1));
    if (key == "id") {
      if (value.empty()) return Status::InvalidArgument("empty id");
      for (char c : value) {
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
          return Status::InvalidArgument("id must be lowercase ASCII, digits and '-': '" +
                                         std::string(value) + "'");
        }
      }
      auto [it, inserted] = ids.emplace(std::string(value), static_cast<int>(entities_.size()));
      if (!inserted) {
        return Status::InvalidArgument("duplicate id '" + std::string(value) + "' (first at line " +
                                       std::to_string(first_line[static_cast<size_t>(it->second)]) +
                                       ")");
      }
      entities_.emplace_back();
      entities_.back().id = std::string(value);
      first_line.push_back(line);
      return Status::Ok();
    }
    if (entities_.empty()) return Status::InvalidArgument(std::string("'").append(key).append("' before any 'id:'"));
    Entity& e = entities_.back();
    if (key == "name") {
      e.name = std::string(value);
    } else if (key == "wikidata") {
      if (!value.empty() && (value[0] != 'Q' || value.size() < 2)) {
        return Status::InvalidArgument("wikidata must look like Q123");
      }
      e.wikidata = std::string(value);
    } else if (key == "type") {
      if (value != "person" && value != "organization") {
        return Status::InvalidArgument("type must be person or organization");
      }
      e.type = std::string(value);
    } else if (key == "gender") {
      if (value == "m") e.gender = Gender::kMasculine;
      else if (value == "f") e.gender = Gender::kFeminine;
      else if (value == "p") e.gender = Gender::kPlural;
      else return Status::InvalidArgument("gender must be m, f or p");
    } else if (key == "alias" || key == "title" || key.substr(0, 6) == "title[") {
      // title[2014-2024,2025-]: the years the titles on this line were held.
      std::vector<std::pair<int, int>> years;
      if (key.size() > 5 && key[5] == '[') {
        if (key.back() != ']') return Status::InvalidArgument("expected title[YEARS]:");
        for (std::string_view range : pattern_file::Split(key.substr(6, key.size() - 7), ",")) {
          int from = 0;
          int to = 9999;
          size_t dash = range.find('-');
          auto year = [](std::string_view y, int* out) {
            if (y.size() != 4) return false;
            *out = 0;
            for (char c : y) {
              if (c < '0' || c > '9') return false;
              *out = *out * 10 + (c - '0');
            }
            return true;
          };
          if (dash == std::string_view::npos || !year(range.substr(0, dash), &from) ||
              (dash + 1 < range.size() && !year(range.substr(dash + 1), &to)) || to < from) {
            return Status::InvalidArgument("years must read like [2014-2024] or [2025-]: '" + std::string(range) +
                                           "'");
          }
          years.emplace_back(from, to);
        }
        if (years.empty()) return Status::InvalidArgument("empty years in title[]");
      }
      for (std::string_view item : pattern_file::Split(value, "|")) {
        item = pattern_file::Trim(item);
        if (item.empty()) continue;
        std::string folded = norm.Fold(item);
        if (folded.empty()) continue;
        if (key == "alias") {
          e.aliases.push_back(folded);
        } else {
          if (!years.empty()) {
            auto& held = title_years_[{folded, static_cast<int>(entities_.size() - 1)}];
            held.insert(held.end(), years.begin(), years.end());
          }
          e.titles.push_back(folded);
        }
      }
    } else if (key == "english") {
      for (std::string_view item : pattern_file::Split(value, "|")) {
        item = pattern_file::Trim(item);
        if (!item.empty()) e.english.emplace_back(item);
      }
    } else {
      return Status::InvalidArgument("unknown key '" + std::string(key) + "'");
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (size_t i = 0; i < entities_.size(); ++i) {
    const Entity& e = entities_[i];
    if (e.aliases.empty() && e.titles.empty()) {
      return Status::InvalidArgument(pattern_file::Where(f, first_line[i], "entity '" + e.id +
                                                                               "' has no alias or title"));
    }
    const int idx = static_cast<int>(i);
    auto add = [&](const std::string& text, bool is_title) {
      std::vector<std::string> words = Words(text);
      if (words.empty()) return;
      entries_.push_back(std::make_unique<Entry>(Entry{idx, is_title, std::move(words)}));
      const Entry* entry = entries_.back().get();
      const std::string& first = entry->words[0];
      by_first_word_[first].list.push_back(Start{entry, 0});
      for (const Proclitic& p : kProclitics) {
        // "لل" + "الكرملين" -> "للكرملين": the replacement must be there.
        if (first.compare(0, p.replacement.size(), p.replacement) != 0) continue;
        std::string spelled = std::string(p.prefix) + first.substr(p.replacement.size());
        if (spelled.size() < p.prefix.size() + 4) continue;
        by_first_word_[spelled].list.push_back(Start{entry, p.prefix.size() - p.replacement.size()});
      }
    };
    for (const auto& a : e.aliases) {
      add(a, false);
      by_any_name_.emplace(a, idx);
      const size_t first_space = a.find(' ');
      if (e.type == "person" && first_space != std::string::npos) {
        for (std::string_view part : {std::string_view(a).substr(0, first_space),
                                      std::string_view(a).substr(a.rfind(' ') + 1)}) {
          std::vector<int>& people = by_short_name_[part];
          if (people.empty() || people.back() != idx) people.push_back(idx);
        }
      }
    }
    for (const auto& t : e.titles) {
      add(t, true);
      by_title_[t].push_back(idx);
      by_any_name_.emplace(t, idx);
    }
    for (const auto& en : e.english) by_any_name_.emplace(norm.Fold(en), idx);
    by_any_name_.emplace(e.id, idx);
    by_any_name_.emplace(norm.Fold(e.name), idx);
    if (e.type == "person") IndexNameWords(idx, norm);
  }
  // Longest entries first, so the first full match is the longest; a word
  // as listed before the same word read with a proclitic.
  by_first_word_.ForEachValue([](Starts& s) {
    std::stable_sort(s.list.begin(), s.list.end(), [](const Start& a, const Start& b) {
      if (a.words != b.words) return a.words > b.words;
      if (a.prefix_bytes != b.prefix_bytes) return a.prefix_bytes < b.prefix_bytes;
      return !a.entry->is_title && b.entry->is_title;
    });
  });
  return Status::Ok();
}

void Gazetteer::IndexNameWords(int idx, const Normalizer& norm) {
  const Entity& e = entities_[static_cast<size_t>(idx)];
  auto index = [&](std::string_view word, const std::string& key, bool arabic) {
    if (key.size() < kMinNameKeySize) return;
    AddPerson(&by_name_word_, word, idx);
    AddPerson(&by_name_key_, key, idx);
    std::vector<NameSpelling>& spellings = (arabic ? arabic_name_words_ : latin_name_words_)[key];
    if (std::none_of(spellings.begin(), spellings.end(),
                     [&](const NameSpelling& s) { return s.entity == idx && s.word == word; })) {
      spellings.push_back(NameSpelling{idx, std::string(word)});
    }
  };
  // Arabic: only for a person the file names by one word somewhere (بوتين):
  // names written family name first (كيم يو جونغ, شي جين بينغ) end in a
  // given name, and the file lists no one-word alias for them.
  const bool arabic_one_word = std::any_of(e.aliases.begin(), e.aliases.end(), [](const std::string& a) {
    return pattern_file::Split(a, kWordSeparators).size() == 1;
  });
  for (const auto& a : e.aliases) {
    if (!arabic_one_word) break;
    std::string_view word = NameWord(a, kWordSeparators);
    constexpr std::string_view kArticle = "ال";
    if (word.starts_with(kArticle) && word.size() >= kArticle.size() + 6) {
      // "الخامنئي": exactly as listed, and both ways as the caller passes
      // it, without the article; not by the key of "ال..." ("Alxmn"),
      // which is too much like the keys of common words (الأساس "Alss").
      const std::string_view bare = word.substr(kArticle.size());
      const std::string key = SkeletonKey(bare);
      if (key.size() >= kMinNameKeySize) AddPerson(&by_name_word_, word, idx);
      word = bare;
    }
    index(word, SkeletonKey(word), true);
  }
  // English: likewise; "Thomas-Greenfield" counts as one word, an acronym
  // ("MBS") as none.
  const bool english_one_word = std::any_of(e.english.begin(), e.english.end(), [](const std::string& en) {
    return en.find(' ') == std::string::npos && !IsAcronym(en);
  });
  for (const auto& en : e.english) {
    if (!english_one_word) break;
    const std::string_view word = NameWord(en, " -.");
    if (!IsAcronym(word)) index(norm.Fold(word), LatinKey(word), false);
  }
}

int Gazetteer::FindId(std::string_view id) const {
  for (size_t i = 0; i < entities_.size(); ++i) {
    if (entities_[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

int Gazetteer::FindAnyName(std::string_view folded_query) const {
  auto it = by_any_name_.find(std::string(folded_query));
  return it == by_any_name_.end() ? -1 : it->second;
}

std::optional<NameMatch> Gazetteer::MatchAt(std::span<const std::string_view> words,
                                            size_t i) const {
  if (i >= words.size()) return std::nullopt;
  const Starts* starts = by_first_word_.Find(words[i]);
  if (starts == nullptr) return std::nullopt;
  return MatchAt(words, i, *starts);
}

std::optional<NameMatch> Gazetteer::MatchAt(std::span<const std::string_view> words, size_t i,
                                            const Starts& starts) const {
  const uint64_t second = i + 1 < words.size() ? HashWord(words[i + 1]) : 0;
  for (const Start& start : starts.list) {
    const size_t n = start.words;
    if ((n > 1 && start.second != second) || i + n > words.size()) continue;
    const Entry& e = *start.entry;
    bool match = true;
    for (size_t k = 1; k < n && match; ++k) match = words[i + k] == e.words[k];
    if (match) return NameMatch{e.entity, i, i + n, e.is_title, start.prefix_bytes};
  }
  return std::nullopt;
}

std::vector<FuzzyPerson> Gazetteer::FuzzyMatch(std::string_view word) const {
  std::vector<FuzzyPerson> out;
  if (word.empty()) return out;
  if (const std::vector<int>* exact = by_name_word_.Find(word)) {
    for (int e : *exact) out.push_back(FuzzyPerson{e, MatchHow::kExact});
  }
  const bool latin = IsLatinWord(word);
  const std::string key = latin ? LatinKey(word) : SkeletonKey(word);
  const std::span<const int> people = PeopleWithKey(key);
  if (people.empty()) return out;
  const std::vector<NameSpelling>* spellings = (latin ? latin_name_words_ : arabic_name_words_).Find(key);
  if (spellings == nullptr) return out;
  const size_t exact_count = out.size();
  const int max_distance = latin ? MaxLatinSpellingDistance(key) : MaxSpellingDistance(key, word);
  // Among three consonants the vowel letters tell the words apart.
  const VowelLetters vowels = key.size() <= 3 ? VowelLetters::kCounted : VowelLetters::kFree;
  for (int e : people) {
    const auto first = out.begin();
    const auto last = first + static_cast<std::ptrdiff_t>(exact_count);
    if (std::find_if(first, last, [e](const FuzzyPerson& p) { return p.entity == e; }) != last) continue;
    // Near a listed spelling, not merely of its consonants.
    bool near = false;
    for (const NameSpelling& s : *spellings) {
      if (near || s.entity != e) continue;
      near = (latin ? LatinSpellingDistance(word, s.word) : SpellingDistance(word, s.word, vowels)) <= max_distance;
    }
    if (near) out.push_back(FuzzyPerson{e, latin ? MatchHow::kLatin : MatchHow::kSkeleton});
  }
  return out;
}

int Gazetteer::MaxLatinSpellingDistance(std::string_view key) { return key.size() <= 3 ? 1 : 2; }

int Gazetteer::MaxSpellingDistance(std::string_view key, std::string_view word) {
  size_t letters = 0;
  for (char c : word) letters += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (key.size() < 4 || letters <= kMaxExactOnlyLetters) return 0;
  return key.size() < 6 ? 1 : 2;
}

std::span<const int> Gazetteer::PeopleWithKey(std::string_view key) const {
  if (key.size() < kMinNameKeySize) return {};
  const std::vector<int>* people = by_name_key_.Find(key);
  if (people == nullptr) return {};
  return *people;
}

std::span<const int> Gazetteer::PeopleWithLatinName(std::string_view latin_word) const {
  return PeopleWithKey(LatinKey(latin_word));
}

std::vector<int> Gazetteer::TitleHolders(const std::string& title, int year) const {
  std::vector<int> out;
  for (int e : EntitiesWithTitle(title)) {
    auto it = title_years_.find({title, e});
    bool held = year == 0 || it == title_years_.end();
    if (!held) {
      for (const auto& [from, to] : it->second) held = held || (from <= year && year <= to);
    }
    if (held) out.push_back(e);
  }
  return out;
}

const std::vector<int>& Gazetteer::EntitiesWithTitle(const std::string& title) const {
  static const std::vector<int> kNone;
  auto it = by_title_.find(title);
  return it == by_title_.end() ? kNone : it->second;
}

}  // namespace qawl
