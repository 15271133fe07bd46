// PatternSet: everything the extractor knows about Arabic news writing, as
// loaded from the data files in patterns/ (see patterns/README.md):
//
//   verbs.txt     reporting verbs: lemma, class, and every inflected form by
//                 tense and gender (proclitics و/ف and object suffixes are
//                 handled by the matcher, not listed);
//   lexicon.txt   word lists by section ([source_nouns], [label_nouns], ...);
//   rules.txt     named RE2 rules built from named macros;
//   speakers.txt  the gazetteer (see gazetteer.h).
//
// Every entry goes through the same Normalizer as article text, so a file
// may spell words with or without hamza, diacritics or tatweel.
//
// Errors: a PatternSet built from data reports problems RE2-style: check
// ok() and error() after loading. error() names the file and line
// ("speakers.txt:41: duplicate id 'vladimir-putin'").
//
// Thread-safety: immutable after loading; share freely between threads.
#ifndef QAWL_PATTERN_SET_H_
#define QAWL_PATTERN_SET_H_

#include <atomic>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "qawl/gazetteer.h"
#include "qawl/normalizer.h"
#include "qawl/quote_spans.h"
#include "qawl/status.h"
#include "qawl/word_map.h"

namespace re2 {
class RE2;
}

namespace qawl {

enum class Tense { kPast, kPresent, kParticiple, kNoun };

enum class CueClass {
  kSay,       // can introduce a direct quote: قال، أضاف، تابع، كتب
  kState,     // introduces reported speech, rarely a whole quote: أكد، أشار
  kDescribe,  // frames a characterization: وصف، اعتبر (partial quotes only)
  kOther,     // marks a subject without introducing speech: أشاد، أعرب
};

// Hash and equality that accept std::string_view for lookups without a
// temporary std::string.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

// One inflected form of a reporting verb, as it appears in normalized text.
enum class Turn { kNone, kQuestion, kAnswer, kContinue };

struct CueForm {
  std::string lemma;  // normalized lemma, e.g. "قال"
  CueClass cls = CueClass::kSay;
  Tense tense = Tense::kPast;
  Gender gender = Gender::kMasculine;
  // A form that is as often another word ("?بين" in verbs.txt: بيّن "he
  // explained" and بين "between"): a cue only where it opens a clause and
  // reports (CueSet::Find).
  bool guarded = false;
  // Normalized preposition that introduces the source instead of a
  // subject ("source=في": وجاء في البيان أن ...); empty for most verbs.
  std::string source_preposition;
  // Normalized preposition after which, where the verb's phrase holds it,
  // the source is named instead of the subject, which is the channel
  // ("relay=عن": نقلت وكالة X عن مصادر أن …); empty for most verbs.
  std::string relay_preposition;
  // Normalized preposition the verb's phrase must hold for this reading
  // ("needs=عن": عبّر X عن, not the preposition عبر "via"); empty for most.
  std::string required_preposition;
  // A verb of asking or answering ("turn=question|answer": سأل، أجاب): the
  // subject of an answer is not the one who asked (Discourse). A verb that
  // goes on with the last speaker's words ("turn=continue": أضاف، تابع):
  // with no subject of its own it never opens a new source.
  Turn turn = Turn::kNone;
  // Normalized words after which the form is read as a passive with no
  // agent ("passive=عليها": لافتات كُتب عليها «…», an inscription): no
  // speaker, named or implied. Empty for most verbs.
  std::vector<std::string> passive_before;
};

class PatternSet {
 public:
  // A named source file's contents: the unit the loader works on.
  struct File {
    std::string name;  // shown in errors, e.g. "verbs.txt"
    std::string data;
  };

  // The files compiled into the binary from patterns/ at build time.
  static std::unique_ptr<PatternSet> LoadEmbedded();
  // verbs.txt, lexicon.txt, rules.txt and speakers.txt from `dir`.
  static std::unique_ptr<PatternSet> LoadDirectory(const std::string& dir);
  // From explicit file contents; names must be the four above.
  static std::unique_ptr<PatternSet> LoadFiles(const std::vector<File>& files);

  ~PatternSet();
  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // A number no other PatternSet of this process has: a key for caches
  // built from this set (a thread's copies of the rules).
  uint64_t id() const { return id_; }
  // True for the first caller only: that thread may match with the rules
  // of this set itself; every other thread compiles copies, since RE2
  // objects shared by threads contend on their DFA cache lock.
  bool ClaimRules() const { return !rules_claimed_.exchange(true); }

  // The cue form for a normalized word (without proclitics or suffixes), or
  // nullptr.
  const CueForm* FindCue(std::string_view word) const;
  // A whole normalized word read as a cue: a listed form with up to two
  // proclitics (و ف: "وقال", "فوصف") and, on finite verbs, an object
  // suffix ("ووصفها"). One hash lookup: every combination is indexed at
  // load time.
  struct CueWord {
    const CueForm* form = nullptr;
    uint8_t proclitic_bytes = 0;
    bool object_suffix = false;
    // The word read as another verb, when it is both: ورد "it appeared"
    // (listed) and و + ردّ "and he replied" (derived). CueSet takes it
    // where the first reading does not hold.
    const CueWord* other = nullptr;
  };
  const CueWord* MatchCueWord(std::string_view word) const;

  // True if normalized `word` is listed in lexicon section `section`.
  bool InList(std::string_view section, std::string_view word) const;

  // The lexicon sections the extractor requires, in RequiredSections()
  // order; Bit() is the section's bit in WordFacts.
  enum class Section {
    kSourceNouns, kLabelNouns, kEventNouns, kTimeWords, kRelativeWords, kDocumentNouns, kGivenNames,
    kPostConnectors, kObjectPronouns, kSkipWords, kAuxiliaries, kClauseConnectives, kDoubleQuotes,
    kNotSubject, kNpBreaks, kNounMarkers, kMannerWords, kLinkOpeners, kStatementNouns, kGenericHeads,
    kNamingWords, kPlatformNames,
  };
  static constexpr uint32_t Bit(Section s) { return uint32_t{1} << static_cast<int>(s); }

  // Everything the data files say about one normalized word, so that the
  // extractor pays one lookup per token.
  struct WordFacts {
    const CueWord* cue = nullptr;  // MatchCueWord(word)
    uint32_t lists = 0;            // Bit(s) for each required section listing the word
    // Bit(s) for each required section listing the word, or the word less
    // a proclitic و ف ب ل (a word of over two bytes: "والذي" for "الذي"),
    // or with لل read as ل + ال ("للصحفيين" for "الصحفيين").
    uint32_t lists_stripped = 0;
    const Gazetteer::Starts* names = nullptr;  // gazetteer names starting here
  };
  // The facts for `word` (hash == HashWord(word)), or nullptr when no file
  // mentions it.
  const WordFacts* Facts(std::string_view word, uint64_t hash) const { return facts_.Find(word, hash); }
  // Facts(word, hash) for a hash that MayHaveFacts passed.
  const WordFacts* FactsPassed(std::string_view word, uint64_t hash) const {
    return facts_.FindPassed(word, hash);
  }
  // False for most words Facts() has nothing on, true for all it has
  // (WordMap::MayHold).
  bool MayHaveFacts(uint64_t hash) const { return facts_.MayHold(hash); }
  // Rule `name` from rules.txt; nullptr if absent. The extractor checks at
  // load time that every rule it uses exists.
  const re2::RE2* rule(std::string_view name) const;
  // Rules clause_stop and trailing_meta as one alternation, so that a
  // clause is scanned once: the leftmost match of either.
  const re2::RE2& clause_end() const { return *clause_end_; }

  const Gazetteer& gazetteer() const { return gazetteer_; }
  // The double quotation marks, from lexicon.txt [double_quotes].
  const QuoteMarks& quote_marks() const { return quote_marks_; }

  // Names of the lexicon sections and rules the extractor requires.
  static const std::vector<std::string>& RequiredSections();
  static const std::vector<std::string>& RequiredRules();

 private:
  PatternSet();
  Status LoadVerbs(const File& f, const Normalizer& norm);
  Status LoadLexicon(const File& f, const Normalizer& norm);
  Status LoadRules(const File& f, const Normalizer& norm);
  Status BuildCueIndex();
  void BuildFacts();

  std::string error_;
  const uint64_t id_;
  mutable std::atomic<bool> rules_claimed_{false};
  StringMap<CueForm> cues_;
  WordMap<CueWord> cue_words_;
  std::deque<CueWord> other_readings_;  // CueWord::other targets, stable
  StringMap<StringSet> lists_;
  std::map<std::string, std::unique_ptr<re2::RE2>, std::less<>> rules_;
  std::unique_ptr<re2::RE2> clause_end_;
  Gazetteer gazetteer_;
  WordMap<WordFacts> facts_;
  QuoteMarks quote_marks_;
};

// Helpers shared by the pattern-file loaders.
namespace pattern_file {

// Splits `data` into lines; calls fn(line_number, line) for each line with
// comments ("#" to end of line, when "#" starts the line or follows a
// space) and surrounding whitespace removed; empty lines are skipped.
// Returns the first error fn returns, prefixed with "name:line: ".
template <typename Fn>
Status ForEachLine(const PatternSet::File& f, Fn fn);

// "file:line: message"
std::string Where(const PatternSet::File& f, int line, std::string_view msg);

// Splits on any run of characters in `seps`, dropping empty pieces.
std::vector<std::string_view> Split(std::string_view s, std::string_view seps);

std::string_view Trim(std::string_view s);

}  // namespace pattern_file

template <typename Fn>
Status pattern_file::ForEachLine(const PatternSet::File& f, Fn fn) {
  std::string_view data = f.data;
  int number = 0;
  while (!data.empty()) {
    size_t nl = data.find('\n');
    std::string_view line = data.substr(0, nl);
    data = nl == std::string_view::npos ? std::string_view() : data.substr(nl + 1);
    ++number;
    if (!IsValidUtf8(line)) return Status::InvalidArgument(Where(f, number, "invalid UTF-8"));
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line = line.substr(0, i);
        break;
      }
    }
    line = Trim(line);
    if (line.empty()) continue;
    Status s = fn(number, line);
    if (!s.ok()) return Status::InvalidArgument(Where(f, number, s.message()));
  }
  return Status::Ok();
}

}  // namespace qawl

#endif  // QAWL_PATTERN_SET_H_
