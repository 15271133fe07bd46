#include "qawl/extractor.h"

#include <re2/re2.h>
#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "qawl/normalizer.h"
#include "qawl/quote_spans.h"
#include "qawl/tokenizer.h"

namespace qawl {

namespace {

using Section = PatternSet::Section;
// How far after a cue its subject and complementizer may reach.
constexpr size_t kMaxRegionTokens = 24;
// TokenAt's index: one entry per this many bytes (2^5 = 32, about three
// Arabic words).
constexpr int kTokenBlockShift = 5;
// Quotes this short after a label noun are names, not quotations.
constexpr size_t kMaxLabelTokens = 4;
// An unknown speaker's mention is cut to this many words.
constexpr size_t kMaxMentionTokens = 14;
// A subject before its verb that opens with no source noun is at most this
// long (المواطنة هيام سليمان قالت).
constexpr size_t kMaxPreposedUnknownTokens = 5;
// A quote with no cue is kept as a continuation only if this long.
constexpr size_t kMinContinuationTokens = 5;

// Confidence by how the speaker was found; the kind of pattern adjusts it.
constexpr float kConfExplicit = 0.95f;
constexpr float kConfAfter = 0.9f;
constexpr float kConfTitle = 0.85f;
constexpr float kConfPreposed = 0.8f;
constexpr float kConfImplied = 0.7f;
constexpr float kConfContinuation = 0.5f;

struct SpeakerRef {
  int entity = -1;
  ByteSpan mention;  // normalized text of how the article names the source
  ByteSpan title;
  Gender gender = Gender::kUnknown;
  bool document = false;  // a report or treaty, not a speaker
  bool valid() const { return entity >= 0 || !mention.empty(); }
};

enum class How { kExplicit, kTitle, kPreposed, kImplied, kAfter, kContinuation, kNone };

float ConfidenceFor(How how) {
  switch (how) {
    case How::kExplicit: return kConfExplicit;
    case How::kAfter: return kConfAfter;
    case How::kTitle: return kConfTitle;
    case How::kPreposed: return kConfPreposed;
    case How::kImplied: return kConfImplied;
    case How::kContinuation: return kConfContinuation;
    case How::kNone: return kConfContinuation;
  }
  return kConfContinuation;
}

const char* HowSuffix(How how) {
  switch (how) {
    case How::kExplicit: return "";
    case How::kAfter: return "";
    case How::kTitle: return "/title";
    case How::kPreposed: return "/preposed";
    case How::kImplied: return "/implied";
    case How::kContinuation: return "/continued";
    case How::kNone: return "/unattributed";
  }
  return "";
}

struct Cue {
  uint32_t begin;      // start of the word, with its proclitic
  uint32_t end;        // end of the word, with any object suffix
  uint32_t stem_begin; // start of the listed form
  size_t token;
  const CueForm* form;
  bool object_suffix;
  bool after_relative;   // "التي يقولون ..."
  bool after_connector;  // "وفق ما ذكر ...", "حسبما قال ..."
  bool relative_subject = false;  // "X، الذي قال ...": X is the subject
};

// What follows a cue: where its phrase ends and why.
enum class Boundary { kColon, kQuote, kComplementizer, kCue, kEnd };
struct Frame {
  Boundary boundary = Boundary::kEnd;
  uint32_t pos = 0;       // where the phrase after the cue ends
  int quote = -1;         // kQuote: the quotation
  uint32_t comp_end = 0;  // kComplementizer: end of the complementizer
  // Whether the cue introduces speech of its own (a new statement).
  bool reports() const { return boundary == Boundary::kColon || boundary == Boundary::kComplementizer; }
};

struct Attributed {
  SpeakerRef speaker;
  How how = How::kNone;
};

struct Record {
  v1::Kind kind;
  ByteSpan text;  // normalized
  Attributed who;
  int cue = -1;
  const char* rule = "";  // the rule's name; Write adds HowSuffix(who.how)
  float confidence_scale = 1.0f;
};

// The buffers one thread reuses from article to article, so that an
// article costs no allocation once the buffers have grown.
struct Workspace {
  NormalizedText norm;
  std::vector<Token> tokens;
  std::vector<uint32_t> token_blocks;
  std::vector<uint32_t> terminators;
  std::vector<std::string_view> words;  // one per token
  std::vector<PatternSet::WordFacts> facts;  // one per token
  std::vector<uint32_t> breaks;
  std::vector<uint32_t> newlines;
  std::vector<bool> label;
  std::vector<bool> claimed;
  std::vector<Cue> cues;
  std::vector<Frame> frames;
  std::vector<NameMatch> names;
  std::vector<std::pair<uint32_t, SpeakerRef>> named_history;
  std::vector<std::pair<uint32_t, SpeakerRef>> cue_history;
  std::vector<ByteSpan> top_quotes;
  std::vector<Record> records;
  std::unordered_map<int, int> named;
  // The rules Run matches, resolved once per thread: every RE2 search
  // takes a read lock on its object's DFA cache, and with one object
  // shared by the workers that lock's cache line moves between cores on
  // every call (measured: 12% more CPU time with two threads than with
  // one). The first thread to use a PatternSet matches with its rules
  // (PatternSet::ClaimRules); any other compiles copies.
  struct Rules {
    const re2::RE2* complementizer;
    const re2::RE2* region_stop;
    const re2::RE2* clause_stop;
    const re2::RE2* trailing_meta;
    const re2::RE2* clause_end;
  };
  uint64_t rules_of = 0;  // the PatternSet::id() `rules` come from
  Rules rules{};
  std::vector<std::unique_ptr<re2::RE2>> rule_copies;

  const Rules& RulesFor(const PatternSet& p) {
    if (rules_of == p.id()) return rules;
    rules = Rules{p.rule("complementizer"), p.rule("region_stop"), p.rule("clause_stop"), p.rule("trailing_meta"),
                  &p.clause_end()};
    rule_copies.clear();
    if (!p.ClaimRules()) {
      for (const re2::RE2** r : {&rules.complementizer, &rules.region_stop, &rules.clause_stop, &rules.trailing_meta,
                                 &rules.clause_end}) {
        // Should a copy not compile, the shared object serves.
        auto copy = std::make_unique<re2::RE2>((*r)->pattern(), (*r)->options());
        if (!copy->ok()) continue;
        *r = copy.get();
        rule_copies.push_back(std::move(copy));
      }
    }
    rules_of = p.id();
    return rules;
  }
};

class Run {
 public:
  // Clears the workspace's tables (their capacity stays).
  Run(const PatternSet& p, const ExtractOptions& options, const v1::Article& article, Workspace& w)
      : p_(p), g_(p.gazetteer()), options_(options), article_(article), norm_(w.norm), tokens_(w.tokens),
        token_blocks_(w.token_blocks), terminators_(w.terminators), words_(w.words), facts_(w.facts),
        breaks_(w.breaks), newlines_(w.newlines), label_(w.label), claimed_(w.claimed), cues_(w.cues),
        frames_(w.frames), names_(w.names), named_history_(w.named_history), cue_history_(w.cue_history),
        top_quotes_(w.top_quotes), named_(w.named), records_(w.records) {
    tokens_.clear();
    terminators_.clear();
    breaks_.clear();
    newlines_.clear();
    words_.clear();
    facts_.clear();
    cues_.clear();
    frames_.clear();
    names_.clear();
    named_history_.clear();
    cue_history_.clear();
    top_quotes_.clear();
    records_.clear();
    named_.clear();
    const Workspace::Rules& rules = w.RulesFor(p);
    complementizer_ = rules.complementizer;
    region_stop_ = rules.region_stop;
    clause_stop_ = rules.clause_stop;
    trailing_meta_ = rules.trailing_meta;
    clause_end_ = rules.clause_end;
  }

  // Writes the records over (*out)[first...], growing *out as needed;
  // returns one past the last element written.
  size_t Extract(std::vector<v1::Quote>* out, size_t first);

 private:
  // Setup.
  void Tokenize();
  int ArticleYear() const;
  void FindSentenceBreaks();
  void FindCues();
  bool EndsWithTehMarbuta(const Token& tok) const;
  void ScanGazetteer();

  // Helpers over the normalized text.
  std::string_view Text(ByteSpan s) const {
    return std::string_view(t_).substr(s.begin, s.end - s.begin);
  }
  std::string_view Word(size_t i) const { return words_[i]; }
  size_t TokenAt(uint32_t pos) const;  // first token with begin >= pos
  uint32_t SentenceEnd(uint32_t pos) const;
  uint32_t SentenceStart(uint32_t pos) const;
  // Whether token i is listed in section s (as written, or also less a
  // proclitic: PatternSet::WordFacts).
  bool Listed(size_t i, Section s) const {
    return (facts_[i].lists & PatternSet::Bit(s)) != 0;
  }
  bool ListedStripped(size_t i, Section s) const {
    return (facts_[i].lists_stripped & PatternSet::Bit(s)) != 0;
  }
  int QuoteOpeningAt(uint32_t pos) const;
  // i if quotes_[i] is a top-level quotation opening at pos, else -1.
  int OpeningAt(size_t i, uint32_t pos) const;
  size_t FirstQuoteFrom(uint32_t pos) const;  // first quote starting at or after pos
  static uint32_t QuoteStart(const QuoteSpan& q) { return q.has_open() ? q.open : q.inner.begin; }
  uint32_t ParagraphEnd(uint32_t pos) const;
  size_t NewlinesBetween(uint32_t begin, uint32_t end) const;
  bool InsideQuote(uint32_t pos) const;
  bool IsLabel(const QuoteSpan& q) const;
  size_t CountTokens(ByteSpan s) const;
  // end, less a final character of [begin, end) that is not a letter or
  // digit (\p{L}, \p{N}).
  uint32_t WithoutFinalBoundary(uint32_t begin, uint32_t end) const;
  uint32_t SkipSpaces(uint32_t pos) const;
  uint32_t SkipSpacesBack(uint32_t pos) const;

  // Attribution.
  // Whether token i can open a subject noun phrase: a content word, not a
  // preposition, particle, pronoun or adverb ([not_subject], [skip_words]),
  // not a number and not a cue.
  bool CanOpenSubject(size_t i) const;
  // Whether a comma (، or ,) stands between token i and the one before it.
  bool FollowsComma(size_t i) const;
  // The end of a noun phrase [np.begin, np.end) less trailing one-letter
  // tokens and punctuation, and cut to kMaxMentionTokens.
  uint32_t TrimNounPhrase(ByteSpan np) const;
  // `open_subject`: whether a phrase with no gazetteer name and no source
  // noun can be the subject (after a verb that takes its subject first; not
  // after a participle, whose subject is the clause's, nor after a verb of
  // description, whose object often comes first: ووصفت الهجوم بأنه).
  std::optional<SpeakerRef> AnalyzeRegion(ByteSpan region, Gender verb_gender, bool* speaker_only,
                                          bool open_subject = true) const;
  std::optional<SpeakerRef> SpeakerOfNounCue(const Cue& cue) const;
  std::optional<SpeakerRef> Preposed(const Cue& cue) const;
  std::optional<SpeakerRef> FromHistory(uint32_t pos, Gender gender) const;
  // For a verb joined by و to an earlier verb of its sentence with no
  // subject of its own ("هاجم النائب فادي خوري المشروع، وقال"): the source
  // noun phrase right after the sentence's first verb, when no cue of the
  // sentence comes before this one.
  std::optional<SpeakerRef> SubjectOfSentence(const Cue& cue) const;
  // For "X، الذي قال": the source X named right before the comma.
  std::optional<SpeakerRef> AntecedentOfRelative(const Cue& cue) const;
  // A short mention of an unknown source that repeats a word of an earlier
  // source's mention (its surname: ديب; its role: المدرب، المتحدث
  // الأميركي، الأمين العام) names that source: *s takes its entity and
  // fuller mention. Sources of another gender are skipped.
  void ResolveToEarlierSource(uint32_t pos, SpeakerRef* s) const;
  Attributed Attribute(const Cue& cue, ByteSpan region, bool* speaker_only);
  SpeakerRef ResolveTitle(const NameMatch& m) const;
  size_t FirstNameAt(size_t token) const;  // index into names_
  int ResolveShortName(size_t token) const;
  void Remember(uint32_t pos, const SpeakerRef& s);

  Frame FindFrame(size_t index) const;
  void ProcessCue(size_t index);
  void ClaimQuote(int q, v1::Kind kind, const Attributed& who, int cue, const char* rule);
  void EmitClause(const Cue& cue, int cue_index, uint32_t begin, const Attributed& who);
  uint32_t ClauseEnd(uint32_t begin, uint32_t sentence_end) const;
  void AttributeLeftovers();
  bool AttributeAfter(size_t quote);
  // The source named after post-quote connector token `connector` with no
  // verb ("…"، بحسب الساعدي), if any.
  std::optional<Attributed> SourceAfterConnector(size_t connector) const;
  int CueAtToken(size_t token) const;
  void Headlines();

  size_t Write(std::vector<v1::Quote>* out, size_t first);
  void Fill(const Record& r, uint32_t index, float confidence, ByteSpan span, v1::Quote* q);
  // A piece of the original text; sanitized only if the article is not
  // valid UTF-8.
  void SetOriginal(ByteSpan span, std::string* out) const;

  const PatternSet& p_;
  const Gazetteer& g_;
  // The rules, as this thread's copies (Workspace).
  const re2::RE2* complementizer_;
  const re2::RE2* region_stop_;
  const re2::RE2* clause_stop_;
  const re2::RE2* trailing_meta_;
  const re2::RE2* clause_end_;
  const ExtractOptions& options_;
  const v1::Article& article_;
  // Per-article tables, in the thread's Workspace.
  NormalizedText& norm_;
  std::string_view t_;  // norm_.text()
  std::vector<Token>& tokens_;
  // token_blocks_[b]: the first token that begins at or after byte
  // b << kTokenBlockShift, so that TokenAt scans a few tokens, not the text.
  std::vector<uint32_t>& token_blocks_;
  std::vector<uint32_t>& terminators_;  // \n . ! ? ؟ positions, for FindSentenceBreaks
  std::vector<std::string_view>& words_;  // the text of each token
  std::vector<PatternSet::WordFacts>& facts_;  // per token; all empty when no file mentions it
  std::vector<uint32_t>& breaks_;    // sentence terminator positions, sorted
  std::vector<uint32_t>& newlines_;  // paragraph breaks, sorted
  std::vector<QuoteSpan> quotes_;
  std::vector<bool>& label_;
  std::vector<bool>& claimed_;
  std::vector<Cue>& cues_;
  std::vector<Frame>& frames_;  // one per cue
  std::vector<NameMatch>& names_;  // gazetteer matches over tokens, in order
  // Sources mentioned, for implied subjects: the gazetteer's people (sorted
  // by position) and the subjects of cues (appended in text order).
  std::vector<std::pair<uint32_t, SpeakerRef>>& named_history_;
  std::vector<std::pair<uint32_t, SpeakerRef>>& cue_history_;
  std::vector<ByteSpan>& top_quotes_;  // inner spans of top-level quotes, sorted
  std::unordered_map<int, int>& named_;  // entity -> alias mentions in the article
  int year_ = 0;  // the article's year, when known: picks a title's holder
  bool valid_utf8_ = true;  // the original text is valid UTF-8
  std::vector<Record>& records_;
};

size_t Run::TokenAt(uint32_t pos) const {
  size_t k = token_blocks_[std::min<size_t>(pos >> kTokenBlockShift, token_blocks_.size() - 1)];
  while (k < tokens_.size() && tokens_[k].begin < pos) ++k;
  return k;
}

// The year of the article: from its date field, else the first plausible
// year near the top of the text (the dateline "21 نوفمبر 2024").
int Run::ArticleYear() const {
  auto first_year = [](std::string_view s) {
    for (size_t i = 0; i + 4 <= s.size(); ++i) {
      if (s[i] != '1' && s[i] != '2') continue;
      if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
      if (!std::isdigit(static_cast<unsigned char>(s[i + 1])) || !std::isdigit(static_cast<unsigned char>(s[i + 2])) ||
          !std::isdigit(static_cast<unsigned char>(s[i + 3]))) {
        continue;
      }
      if (i + 4 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 4]))) continue;
      int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
      if (y >= 1990 && y <= 2100) return y;
    }
    return 0;
  };
  if (int y = first_year(article_.date()); y != 0) return y;
  constexpr size_t kDatelineBytes = 600;
  return first_year(t_.substr(0, std::min(t_.size(), kDatelineBytes)));
}

void Run::Tokenize() {
  tokens_.reserve(t_.size() / 6);
  qawl::Tokenize(t_, &tokens_, &terminators_);
  const auto n = static_cast<uint32_t>(t_.size());
  words_.resize(tokens_.size());
  facts_.resize(tokens_.size());
  for (size_t k = 0; k < tokens_.size(); ++k) {
    std::string_view w = t_.substr(tokens_[k].begin, tokens_[k].end - tokens_[k].begin);
    words_[k] = w;
    // Copied: the hot loops then read the tokens' facts in order instead
    // of chasing pointers into the pattern set's table.
    const PatternSet::WordFacts* f = p_.Facts(w, HashWord(w));
    facts_[k] = f != nullptr ? *f : PatternSet::WordFacts();
  }
  // Token k is the first at or after the start of every block from the one
  // after the previous token's block to its own.
  token_blocks_.resize((n >> kTokenBlockShift) + 2);
  uint32_t* blocks = token_blocks_.data();
  size_t next_block = 0;
  for (size_t k = 0; k < tokens_.size(); ++k) {
    const size_t last = tokens_[k].begin >> kTokenBlockShift;
    for (; next_block <= last; ++next_block) blocks[next_block] = static_cast<uint32_t>(k);
  }
  for (; next_block < token_blocks_.size(); ++next_block) blocks[next_block] = static_cast<uint32_t>(tokens_.size());
}

void Run::FindSentenceBreaks() {
  // Terminators inside top-level quotations do not end the writer's sentence.
  std::vector<ByteSpan> inside;
  for (const QuoteSpan& q : quotes_) {
    if (q.depth == 0) inside.push_back(ByteSpan{q.open_end, q.has_close() ? q.close : q.inner.end});
  }
  size_t k = 0;
  const auto n = static_cast<uint32_t>(t_.size());
  for (uint32_t at : terminators_) {
    const char c = t_[at];
    if (c == '\n') {
      newlines_.push_back(at);
    } else if (c == '.' || c == '!' || c == '?') {
      // Not a decimal point: 3.5.
      if (at > 0 && at + 1 < n && std::isdigit(static_cast<unsigned char>(t_[at - 1])) &&
          std::isdigit(static_cast<unsigned char>(t_[at + 1]))) {
        continue;
      }
    }
    while (k < inside.size() && inside[k].end <= at) ++k;
    if (c != '\n' && k < inside.size() && inside[k].begin <= at && at < inside[k].end) continue;
    breaks_.push_back(at);
  }
}

uint32_t Run::SentenceEnd(uint32_t pos) const {
  auto it = std::lower_bound(breaks_.begin(), breaks_.end(), pos);
  return it == breaks_.end() ? static_cast<uint32_t>(t_.size()) : *it;
}

uint32_t Run::SentenceStart(uint32_t pos) const {
  auto it = std::lower_bound(breaks_.begin(), breaks_.end(), pos);
  if (it == breaks_.begin()) return 0;
  --it;
  uint32_t b = *it;
  return b + (t_[b] == '\xD8' ? 2 : 1);
}

int Run::QuoteOpeningAt(uint32_t pos) const { return OpeningAt(FirstQuoteFrom(pos), pos); }

int Run::OpeningAt(size_t i, uint32_t pos) const {
  if (i >= quotes_.size()) return -1;
  const QuoteSpan& q = quotes_[i];
  return q.has_open() && q.open == pos && q.depth == 0 ? static_cast<int>(i) : -1;
}

size_t Run::FirstQuoteFrom(uint32_t pos) const {
  auto it = std::lower_bound(quotes_.begin(), quotes_.end(), pos,
                             [](const QuoteSpan& q, uint32_t p) { return QuoteStart(q) < p; });
  return static_cast<size_t>(it - quotes_.begin());
}

uint32_t Run::ParagraphEnd(uint32_t pos) const {
  auto it = std::lower_bound(newlines_.begin(), newlines_.end(), pos);
  return it == newlines_.end() ? static_cast<uint32_t>(t_.size()) : *it;
}

size_t Run::NewlinesBetween(uint32_t begin, uint32_t end) const {
  return static_cast<size_t>(std::lower_bound(newlines_.begin(), newlines_.end(), end) -
                             std::lower_bound(newlines_.begin(), newlines_.end(), begin));
}

bool Run::InsideQuote(uint32_t pos) const {
  auto it = std::upper_bound(top_quotes_.begin(), top_quotes_.end(), pos,
                             [](uint32_t p, const ByteSpan& s) { return p < s.begin; });
  if (it == top_quotes_.begin()) return false;
  --it;
  return pos < it->end;
}

size_t Run::FirstNameAt(size_t token) const {
  auto it = std::lower_bound(names_.begin(), names_.end(), token,
                             [](const NameMatch& m, size_t t) { return m.begin < t; });
  return static_cast<size_t>(it - names_.begin());
}

// A family or given name alone ("كيم") stands for the one person already
// named in full in the article whose alias starts or ends with it.
int Run::ResolveShortName(size_t token) const {
  std::string_view w = Word(token);
  // A given name (سيرغي، جون) names too many people to stand alone.
  if (Listed(token, Section::kGivenNames)) return -1;
  const std::vector<int>* people = g_.PeopleWithShortName(w);
  if (people == nullptr) return -1;
  int found = -1;
  for (int entity : *people) {
    if (named_.count(entity) == 0) continue;
    if (found >= 0) return -1;
    found = entity;
  }
  return found;
}

uint32_t Run::WithoutFinalBoundary(uint32_t begin, uint32_t end) const {
  if (end <= begin) return end;
  uint32_t last = end - 1;
  while (last > begin && (static_cast<unsigned char>(t_[last]) & 0xC0) == 0x80) --last;
  size_t next = last;
  const char32_t c = DecodeUtf8(t_, &next);
  const bool letter_or_digit = (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
  return letter_or_digit ? end : last;
}

size_t Run::CountTokens(ByteSpan s) const {
  return TokenAt(s.end) - TokenAt(s.begin);
}

uint32_t Run::SkipSpaces(uint32_t pos) const {
  while (pos < t_.size() && t_[pos] == ' ') ++pos;
  return pos;
}

uint32_t Run::SkipSpacesBack(uint32_t pos) const {
  while (pos > 0 && t_[pos - 1] == ' ') --pos;
  return pos;
}

bool Run::IsLabel(const QuoteSpan& q) const {
  size_t n = CountTokens(q.inner);
  if (n == 0) return true;
  if (n > kMaxLabelTokens) return false;
  // The whole quote is a known name (an agency, a person): a label.
  size_t first = TokenAt(q.inner.begin);
  size_t last = first;
  while (last < tokens_.size() && tokens_[last].end <= q.inner.end) ++last;
  if (last > first && facts_[first].names != nullptr) {
    std::span<const std::string_view> words(words_.data() + first, last - first);
    if (auto m = g_.MatchAt(words, 0, *facts_[first].names); m && m->end == words.size()) return true;
  }
  // A medium named before the colon that opens the real quote:
  // في تصريح لـ"سكاي نيوز عربية": "…".
  uint32_t after = SkipSpaces(q.close_end);
  if (q.has_close() && after < t_.size() && t_[after] == ':') return true;
  // A label noun right before it: وكالة "يونهاب"، مدافع "هاوتزر"; or the
  // preposition ل glued to it: لـ"رويترز".
  uint32_t start = q.has_open() ? q.open : q.inner.begin;
  size_t i = TokenAt(start);
  if (i == 0) return false;
  const Token& prev = tokens_[i - 1];
  // Only spaces between the noun and the mark.
  for (uint32_t k = prev.end; k < start; ++k) {
    if (t_[k] != ' ') return false;
  }
  if (prev.end == start && Word(i - 1) == "ل") return true;
  if (ListedStripped(i - 1, Section::kLabelNouns)) return true;
  // One quoted word right after a noun names something rather than
  // reporting it: a definite word (تقنية «الفار»، يلقب المهاجم بـ… is glued
  // and not this), or an indefinite one after an indefinite noun, a
  // construct (دوري «يلو»، ساعة «كوروس»). A predicate quoted after its
  // subject is rarely one definite word (إن الوضع «كارثي»).
  if (n == 1 && prev.end < start && CanOpenSubject(i - 1)) {
    const bool definite = Word(first).substr(0, 4) == "ال";
    const std::string_view prev_word = Word(i - 1);
    const bool prev_definite = prev_word.substr(0, 4) == "ال";
    // A word opening like an imperfect verb (تمثل «اختراقا») is left alone.
    const std::string_view lead = prev_word.substr(0, 2);
    const bool maybe_verb = lead == "ي" || lead == "ت" || lead == "ن";
    if (definite || (!prev_definite && !maybe_verb)) return true;
  }
  return false;
}

bool Run::EndsWithTehMarbuta(const Token& tok) const {
  uint32_t end = norm_.OriginalEnd(tok.end);
  uint32_t begin = norm_.OriginalBegin(tok.end - 2);
  std::string_view original = article_.text();
  // The source of the last letter: ة (U+0629, D8 A9) or ۃ (U+06C3, DB 83).
  return end >= begin + 2 && (original.substr(begin, 2) == "\xD8\xA9" || original.substr(begin, 2) == "\xDB\x83");
}

void Run::FindCues() {
  for (size_t ti = 0; ti < tokens_.size(); ++ti) {
    const Token& tok = tokens_[ti];
    const PatternSet::CueWord* w = facts_[ti].cue;
    if (w == nullptr) continue;
    // A final ه read as an object pronoun must be written ه, not ة: the
    // fold ة -> ه makes nouns look like verbs (إضافة، إفادة، إشارة).
    if (w->object_suffix && Word(ti).substr(Word(ti).size() - 2) == "ه" && EndsWithTehMarbuta(tok)) continue;
    // Inside a quotation a cue belongs to the quoted speaker's words.
    if (InsideQuote(tok.begin)) continue;
    Cue cue{tok.begin, tok.end, tok.begin + w->proclitic_bytes, ti, w->form, w->object_suffix, false, false};
    if (ti > 0) {
      cue.after_relative = ListedStripped(ti - 1, Section::kRelativeWords);
      cue.after_connector = ListedStripped(ti - 1, Section::kPostConnectors);
      // "…، بحسب الساعدي، الذي شدد على أن": a relative clause on a source
      // after a comma reports that source's words.
      // The verb agrees with the pronoun: "، التي يقولون إنها" is a clause
      // about the antecedent, not by it.
      std::string_view rel = Word(ti - 1);
      const Gender g = w->form->gender;
      const bool agrees = (rel == "الذي" && g == Gender::kMasculine) || (rel == "التي" && g == Gender::kFeminine) ||
                          ((rel == "الذين" || rel == "اللذين" || rel == "اللتين") && g == Gender::kPlural);
      if (cue.after_relative && FollowsComma(ti - 1) && agrees && w->form->tense == Tense::kPast) {
        cue.after_relative = false;
        cue.relative_subject = true;
      }
    }
    cues_.push_back(cue);
  }
}

void Run::ScanGazetteer() {
  for (size_t i = 0; i < words_.size();) {
    std::optional<NameMatch> m;
    if (facts_[i].names != nullptr) m = g_.MatchAt(words_, i, *facts_[i].names);
    if (!m) {
      ++i;
      continue;
    }
    names_.push_back(*m);
    i = m->end;
  }
  for (const NameMatch& m : names_) {
    if (!m.is_title) ++named_[m.entity];
  }
  for (const NameMatch& m : names_) {
    if (InsideQuote(tokens_[m.begin].begin)) continue;
    SpeakerRef s = ResolveTitle(m);
    if (s.entity >= 0 && g_.entity(s.entity).type == "person") {
      named_history_.emplace_back(tokens_[m.begin].begin, s);
    }
  }
}

SpeakerRef Run::ResolveTitle(const NameMatch& m) const {
  SpeakerRef s;
  ByteSpan span{tokens_[m.begin].begin + static_cast<uint32_t>(m.prefix_bytes), tokens_[m.end - 1].end};
  if (!m.is_title) {
    s.entity = m.entity;
    s.mention = span;
  } else {
    s.title = span;
    s.mention = span;
    // A title names one person only when no other person holds it, or when
    // the article names exactly one of its holders.
    std::string title(Text(ByteSpan{tokens_[m.begin].begin, span.end}));
    const Entity& e = g_.entity(m.entity);
    std::string folded;
    for (const std::string& t : e.titles) {
      std::string_view tv(title);
      bool suffix = tv.size() >= t.size() && tv.substr(tv.size() - t.size()) == t;
      if (suffix && t.size() > folded.size()) folded = t;
    }
    std::vector<int> holders = g_.TitleHolders(folded, year_);
    if (holders.empty()) holders = g_.EntitiesWithTitle(folded);
    if (holders.size() <= 1) {
      s.entity = holders.empty() ? m.entity : holders[0];
    } else {
      int named = -1;
      for (int h : holders) {
        if (named_.count(h) == 0) continue;
        named = named == -1 ? h : -2;
      }
      if (named >= 0) s.entity = named;
    }
  }
  if (s.entity >= 0) s.gender = g_.entity(s.entity).gender;
  return s;
}

void Run::Remember(uint32_t pos, const SpeakerRef& s) {
  if (!s.valid()) return;
  // Cues are processed in text order, so this is an append; the sorted
  // insert is only for a subject found before an earlier one.
  auto& h = cue_history_;
  if (h.empty() || h.back().first <= pos) {
    h.emplace_back(pos, s);
  } else {
    h.emplace(std::upper_bound(h.begin(), h.end(), pos, [](uint32_t p, const auto& e) { return p < e.first; }),
              pos, s);
  }
}

// The nearest earlier source agreeing with the verb's gender. Looks back a
// bounded number of sources: an implied subject refers to a recent one.
std::optional<SpeakerRef> Run::AntecedentOfRelative(const Cue& cue) const {
  const size_t relative = cue.token - 1;
  constexpr size_t kMaxAntecedentTokens = 8;
  size_t first = relative;
  while (first > 0 && relative - first < kMaxAntecedentTokens) {
    bool punct = false;
    for (uint32_t b = tokens_[first - 1].end; b < tokens_[first].begin; ++b) {
      if (t_[b] != ' ') punct = true;
    }
    if (punct && first < relative) break;
    --first;
  }
  // Leading connectors and verbs: "بحسب X"، "قال X".
  while (first < relative &&
         (Listed(first, Section::kPostConnectors) || facts_[first].cue != nullptr ||
          ListedStripped(first, Section::kAuxiliaries))) {
    ++first;
  }
  if (first >= relative) return std::nullopt;
  bool only;
  return AnalyzeRegion(ByteSpan{tokens_[first].begin, tokens_[relative - 1].end}, cue.form->gender, &only);
}

std::optional<SpeakerRef> Run::SubjectOfSentence(const Cue& cue) const {
  if (cue.stem_begin == cue.begin) return std::nullopt;  // not joined by و/ف
  const uint32_t start = SentenceStart(cue.begin);
  const auto index = static_cast<size_t>(&cue - cues_.data());
  if (index > 0 && cues_[index - 1].begin >= start) return std::nullopt;
  size_t first = TokenAt(start);
  // A leading phrase closed by a comma (في المقابل، من جهته،).
  constexpr size_t kMaxLead = 4;
  for (size_t k = first + 1; k < cue.token && k <= first + kMaxLead; ++k) {
    if (FollowsComma(k)) {
      first = k;
      break;
    }
  }
  while (first < cue.token && ListedStripped(first, Section::kAuxiliaries)) ++first;
  // The verb, then its subject: a source noun or a name.
  const size_t subject = first + 1;
  if (subject >= cue.token || FollowsComma(subject)) return std::nullopt;
  if (!ListedStripped(subject, Section::kSourceNouns) && !Listed(subject, Section::kGivenNames) &&
      facts_[subject].names == nullptr) {
    return std::nullopt;
  }
  size_t end = subject + 1;
  while (end < cue.token && !FollowsComma(end)) ++end;
  bool only;
  std::optional<SpeakerRef> s =
      AnalyzeRegion(ByteSpan{tokens_[subject].begin, tokens_[end - 1].end}, cue.form->gender, &only);
  if (s && s->entity < 0) {
    // Only the noun phrase: the object follows it (المشروع بشدة).
    s->mention.end = TrimNounPhrase(s->mention);
  }
  return s;
}

std::optional<SpeakerRef> Run::FromHistory(uint32_t pos, Gender gender) const {
  constexpr int kMaxLookBack = 64;
  auto nearest = [&](const std::vector<std::pair<uint32_t, SpeakerRef>>& h)
      -> const std::pair<uint32_t, SpeakerRef>* {
    auto it = std::lower_bound(h.begin(), h.end(), pos, [](const auto& e, uint32_t p) { return e.first < p; });
    for (int n = 0; it != h.begin() && n < kMaxLookBack; ++n) {
      --it;
      Gender hg = it->second.gender;
      bool agrees = hg == Gender::kUnknown || gender == Gender::kUnknown || hg == gender ||
                    (gender == Gender::kPlural && hg == Gender::kMasculine);
      if (agrees) return &*it;
    }
    return nullptr;
  };
  // The subject of an earlier reporting verb outranks a person merely
  // named since in an earlier sentence (often as an object: "مع نظيره
  // الصيني وانغ يي"); a person named earlier in the same sentence is the
  // likelier subject ("أصدر بوتين أمرا قال فيه").
  const auto* a = nearest(named_history_);
  const auto* b = nearest(cue_history_);
  if (a != nullptr && a->first >= SentenceStart(pos) && (b == nullptr || a->first > b->first)) {
    // Only a name in the writer's own words: before any cue of the
    // sentence, not inside what another source reported.
    auto first_cue = std::lower_bound(cues_.begin(), cues_.end(), SentenceStart(pos),
                                      [](const Cue& c, uint32_t p) { return c.begin < p; });
    if (first_cue == cues_.end() || first_cue->begin > a->first) return a->second;
  }
  if (b != nullptr) return b->second;
  if (a != nullptr) return a->second;
  return std::nullopt;
}

void Run::ResolveToEarlierSource(uint32_t pos, SpeakerRef* s) const {
  constexpr size_t kMaxShortMention = 3;
  constexpr int kMaxLookBack = 32;
  size_t first = TokenAt(s->mention.begin);
  size_t last = TokenAt(s->mention.end);
  if (last <= first || last - first > kMaxShortMention) return;
  // The word to look for: the head (first word) of a role, or a surname.
  const std::string_view head = Word(first);
  if (head.size() < 6) return;
  auto mentions_word = [&](ByteSpan m) {
    if (m.empty() || m == s->mention) return false;
    for (size_t t = TokenAt(m.begin); t < tokens_.size() && tokens_[t].end <= m.end; ++t) {
      if (Word(t) == head) return true;
    }
    return false;
  };
  const std::pair<uint32_t, SpeakerRef>* best = nullptr;
  for (const auto* h : {&cue_history_, &named_history_}) {
    auto it = std::lower_bound(h->begin(), h->end(), pos, [](const auto& e, uint32_t p) { return e.first < p; });
    for (int n = 0; it != h->begin() && n < kMaxLookBack; ++n) {
      --it;
      const SpeakerRef& c = it->second;
      if (best != nullptr && it->first <= best->first) break;
      const bool agrees = c.gender == Gender::kUnknown || s->gender == Gender::kUnknown || c.gender == s->gender;
      if (!agrees) continue;
      if (mentions_word(c.mention) || mentions_word(c.title)) {
        best = &*it;
        break;
      }
    }
  }
  if (best == nullptr) return;
  const ByteSpan as_written = s->mention;
  *s = best->second;
  if (s->title.empty() && s->entity < 0) s->title = as_written;
}

// Reads the speaker out of the words between a cue and its complement.
// Returns nullopt when those words are not a subject (an object, an
// adverbial, or nothing): the subject is then implied.
std::optional<SpeakerRef> Run::AnalyzeRegion(ByteSpan region, Gender verb_gender, bool* speaker_only,
                                             bool open_subject) const {
  *speaker_only = false;
  size_t first = TokenAt(region.begin);
  size_t last = TokenAt(region.end);  // exclusive
  // Leading pronoun phrases: "قال فيه إن"، "ذكّر به بوتين".
  while (first < last && Listed(first, Section::kSkipWords)) ++first;
  if (first >= last) {
    *speaker_only = true;
    return std::nullopt;
  }
  ByteSpan rest{tokens_[first].begin, region.end};
  // Cut the phrase where an occasion, time or addressee starts.
  ByteSpan np = rest;
  re2::StringPiece window(t_.data() + rest.begin, rest.size());
  re2::StringPiece stop;
  if (region_stop_->Match(window, 0, window.size(), re2::RE2::UNANCHORED, &stop, 1)) {
    np.end = SkipSpacesBack(static_cast<uint32_t>(stop.data() - t_.data()));
  }
  if (np.empty()) return std::nullopt;
  size_t np_last = TokenAt(np.end);
  // A gazetteer name or title in the phrase: a person's name first, then a
  // title, then an organization that opens the phrase (an organization
  // further in, as in "المتحدث باسم البيت الأبيض", is the head's employer).
  std::optional<SpeakerRef> found;
  std::optional<SpeakerRef> title;
  std::optional<SpeakerRef> organization;
  for (size_t k = FirstNameAt(first); k < names_.size() && names_[k].begin < np_last; ++k) {
    const NameMatch& m = names_[k];
    if (m.end > np_last) continue;
    SpeakerRef s = ResolveTitle(m);
    if (m.is_title) {
      if (!title) title = s;
      continue;
    }
    if (g_.entity(m.entity).type == "organization") {
      if (m.begin == first && !organization) organization = s;
      continue;
    }
    // A title right before the name is kept as written.
    if (m.begin > first) s.title = ByteSpan{tokens_[first].begin, tokens_[m.begin - 1].end};
    found = s;
    break;
  }
  if (!found) found = title ? title : organization;
  if (found) {
    if (found->entity < 0) found->mention = np;
    if (found->gender == Gender::kUnknown) found->gender = verb_gender;
  } else {
    // A family name alone, maybe after a title (الرئيس يون), stands for a
    // person the article has named in full.
    bool subject = ListedStripped(first, Section::kSourceNouns) || Listed(first, Section::kGivenNames);
    constexpr size_t kMaxShortNameOffset = 3;
    for (size_t t = first; t < np_last && t <= first + kMaxShortNameOffset; ++t) {
      if (t > first && !subject) break;
      if (int e = ResolveShortName(t); e >= 0) {
        SpeakerRef s;
        s.entity = e;
        s.mention = ByteSpan{tokens_[t].begin, tokens_[t].end};
        if (t > first) s.title = ByteSpan{tokens_[first].begin, tokens_[t - 1].end};
        s.gender = g_.entity(e).gender;
        found = s;
        break;
      }
    }
    if (!found && !subject && !(open_subject && CanOpenSubject(first))) return std::nullopt;
  }
  if (!found) {
    np.end = TrimNounPhrase(ByteSpan{tokens_[first].begin, np.end});
    if (np.empty()) return std::nullopt;
    SpeakerRef s;
    s.mention = np;
    s.gender = verb_gender;
    s.document = Listed(first, Section::kDocumentNouns);
    found = s;
  }
  // Whatever follows the subject must be a circumstance (time, occasion,
  // addressee) for the quote that follows to be the subject's whole words.
  *speaker_only = CountTokens(ByteSpan{np.end, region.end}) <= 6;
  return found;
}

bool Run::CanOpenSubject(size_t i) const {
  if (i >= tokens_.size()) return false;
  if (ListedStripped(i, Section::kNotSubject) || Listed(i, Section::kSkipWords)) return false;
  // An occasion (كلمته، تصريحه), not a source; a source noun can be both
  // (البيان).
  if (ListedStripped(i, Section::kEventNouns) && !ListedStripped(i, Section::kSourceNouns)) return false;
  if (facts_[i].cue != nullptr) return false;
  std::string_view w = Word(i);
  // لل + noun is an addressee (للمحكمة، للصحفيين).
  if (w.substr(0, 4) == "لل") return false;
  // A one-letter token is a clitic cut off by punctuation (لـ"…").
  if (w.size() <= 2) return false;
  const unsigned char c = static_cast<unsigned char>(w[0]);
  if (c >= '0' && c <= '9') return false;
  // Arabic-Indic digits (U+0660..U+0669: D9 A0..D9 A9).
  if (c == 0xD9 && static_cast<unsigned char>(w[1]) >= 0xA0 && static_cast<unsigned char>(w[1]) <= 0xA9) return false;
  return true;
}

bool Run::FollowsComma(size_t i) const {
  if (i == 0 || i >= tokens_.size()) return false;
  std::string_view between = t_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end);
  return between.find("،") != std::string_view::npos || between.find(',') != std::string_view::npos;
}

uint32_t Run::TrimNounPhrase(ByteSpan np) const {
  size_t first = TokenAt(np.begin);
  size_t last = TokenAt(np.end);  // exclusive
  if (last > first + kMaxMentionTokens) last = first + kMaxMentionTokens;
  while (last > first && tokens_[last - 1].end > np.end) --last;
  // The phrase ends before an auxiliary (الوزيرة قد قالت) or a preposition
  // that opens a complement of the verb (دعا الحكومة إلى).
  for (size_t k = first + 1; k < last; ++k) {
    if (ListedStripped(k, Section::kAuxiliaries) || ListedStripped(k, Section::kNpBreaks)) {
      last = k;
      break;
    }
  }
  while (last > first && Word(last - 1).size() <= 2) --last;
  return last > first ? tokens_[last - 1].end : np.begin;
}

// "نقل عن X قوله": the speaker is X, after the last "عن" before the noun.
std::optional<SpeakerRef> Run::SpeakerOfNounCue(const Cue& cue) const {
  size_t lo = cue.token > 8 ? cue.token - 8 : 0;
  for (size_t i = cue.token; i > lo; --i) {
    if (Word(i - 1) == "عن") {
      ByteSpan region{tokens_[i - 1].end, SkipSpacesBack(cue.begin)};
      bool only;
      auto s = AnalyzeRegion(region, Gender::kUnknown, &only);
      if (!s) {
        // An unknown name: take the words as the mention.
        if (region.empty()) return std::nullopt;
        SpeakerRef r;
        r.mention = ByteSpan{SkipSpaces(region.begin), region.end};
        s = r;
      }
      return s;
    }
  }
  return std::nullopt;
}

// "X أعرب عن قلقه، وقال": a subject before the verb in the same sentence.
std::optional<SpeakerRef> Run::Preposed(const Cue& cue) const {
  // The subject opens the sentence, or the clause another cue reports
  // ("صرح المتحدث بأن الوزير شدد على ...").
  uint32_t start = SentenceStart(cue.begin);
  constexpr size_t kMaxLookBack = 8;
  const auto index = static_cast<size_t>(&cue - cues_.data());
  for (size_t n = 1; n <= kMaxLookBack && n <= index && index - n < frames_.size(); ++n) {
    const Cue& c = cues_[index - n];
    if (c.begin < start) break;
    const Frame& f = frames_[index - n];
    if (f.boundary == Boundary::kComplementizer && f.comp_end <= cue.begin) {
      start = f.comp_end;
      break;
    }
  }
  const bool at_sentence_start = start == SentenceStart(cue.begin);
  size_t first = TokenAt(start);
  while (first < cue.token && ListedStripped(first, Section::kAuxiliaries)) ++first;
  if (first >= cue.token) return std::nullopt;
  // At most a noun phrase's length between the subject and the verb.
  constexpr size_t kMaxPreposedTokens = 10;
  if (cue.token - first > kMaxPreposedTokens) return std::nullopt;
  size_t k = FirstNameAt(first);
  if (k < names_.size() && names_[k].begin == first && names_[k].end <= cue.token) {
    const NameMatch& m = names_[k];
    SpeakerRef s = ResolveTitle(m);
    // The name after a title: الوزير لويد أوستن.
    if (k + 1 < names_.size() && names_[k + 1].begin == m.end && !names_[k + 1].is_title &&
        names_[k + 1].end <= cue.token) {
      SpeakerRef named = ResolveTitle(names_[k + 1]);
      named.title = s.title.empty() ? s.mention : s.title;
      s = named;
    }
    if (s.gender == Gender::kUnknown) s.gender = cue.form->gender;
    return s;
  }
  // An unknown source: "التقارير الاستخباراتية تشير", "مسؤولون أمريكيون
  // يقولون", "المواطنة هيام سليمان قالت", or a subject with a relative
  // clause: "النائب X، الذي ...، أكد".
  if (!CanOpenSubject(first)) return std::nullopt;
  size_t np_end = cue.token;
  for (size_t i = first + 1; i < cue.token; ++i) {
    // Punctuation inside means the words are not one noun phrase, unless
    // a relative clause on the subject follows it.
    bool punct = false;
    for (uint32_t b = tokens_[i - 1].end; b < tokens_[i].begin; ++b) {
      if (t_[b] != ' ') punct = true;
    }
    if (!punct) continue;
    // "المواطنة هيام سليمان، موظفة في أحد المصارف، قالت": an apposition
    // between commas, the verb right after the second.
    // Not a verb joined by و/ف, whose subject is the previous verb's.
    const bool apposition = at_sentence_start && cue.stem_begin == cue.begin &&
                            i - first <= kMaxPreposedUnknownTokens && FollowsComma(cue.token);
    if (!Listed(i, Section::kRelativeWords) && !apposition) return std::nullopt;
    np_end = i;
    break;
  }
  if (np_end == cue.token && !ListedStripped(first, Section::kSourceNouns) &&
      cue.token - first > kMaxPreposedUnknownTokens) {
    return std::nullopt;
  }
  // The phrase, read like a subject after the verb: a name or title in it
  // names the source (وكان الرئيس أردوغان قد).
  bool only;
  std::optional<SpeakerRef> named =
      AnalyzeRegion(ByteSpan{tokens_[first].begin, tokens_[np_end - 1].end}, cue.form->gender, &only);
  if (named && named->entity >= 0) return named;
  SpeakerRef s;
  s.mention = ByteSpan{tokens_[first].begin, TrimNounPhrase(ByteSpan{tokens_[first].begin, tokens_[np_end - 1].end})};
  if (s.mention.empty()) return std::nullopt;
  s.gender = cue.form->gender;
  s.document = Listed(first, Section::kDocumentNouns);
  return s;
}

Attributed Run::Attribute(const Cue& cue, ByteSpan region, bool* speaker_only) {
  Attributed a;
  *speaker_only = false;
  if (cue.form->tense == Tense::kNoun) {
    if (auto s = SpeakerOfNounCue(cue)) {
      a.speaker = *s;
      a.how = How::kExplicit;
    }
    bool only;
    auto s = AnalyzeRegion(region, Gender::kUnknown, &only);
    *speaker_only = !s.has_value() || only;
    if (!a.speaker.valid()) {
      if (auto h = FromHistory(cue.begin, Gender::kUnknown)) {
        a.speaker = *h;
        a.how = How::kImplied;
      }
    }
    return a;
  }
  // A verb of description takes its subject first before إن/أن (اعتبر
  // المدرب أن), its object first before بأن or a quotation (وصفت الهجوم
  // بأنه، وصف الخطوة بـ"…").
  const size_t index = static_cast<size_t>(&cue - cues_.data());
  const Frame& frame = frames_[index];
  const bool subject_first_describe = frame.boundary == Boundary::kComplementizer &&
                                      Word(TokenAt(frame.pos)).substr(0, 2) != "ب";
  const bool open_subject = cue.form->tense != Tense::kParticiple &&
                            (cue.form->cls != CueClass::kDescribe || subject_first_describe);
  std::optional<SpeakerRef> s = AnalyzeRegion(region, cue.form->gender, speaker_only, open_subject);
  // A participle's subject is its clause's (داعيا الحكومة إلى: not الحكومة).
  if (cue.form->tense == Tense::kParticiple) s.reset();
  if (s && s->entity < 0) ResolveToEarlierSource(region.begin, &*s);
  if (s) {
    a.speaker = *s;
    a.how = s->entity >= 0 && !s->title.empty() && s->mention == s->title ? How::kTitle : How::kExplicit;
    Remember(region.begin, a.speaker);
    return a;
  }
  if (cue.relative_subject) {
    if (auto antecedent = AntecedentOfRelative(cue)) {
      a.speaker = *antecedent;
      a.how = How::kPreposed;
      Remember(cue.begin, a.speaker);
      return a;
    }
  }
  if (cue.form->tense != Tense::kParticiple) {
    if (auto pre = Preposed(cue)) {
      a.speaker = *pre;
      a.how = How::kPreposed;
      Remember(cue.begin, a.speaker);
      return a;
    }
  }
  // A present-tense verb with no subject of its own describes something
  // ("تقارير تفيد بأن"); it is not a report, unless it is a verb of saying
  // (ويضيف «…»، يتابع).
  if (cue.form->tense == Tense::kPresent && cue.form->cls != CueClass::kSay) return a;
  if (auto subject = SubjectOfSentence(cue)) {
    a.speaker = *subject;
    a.how = How::kPreposed;
    Remember(cue.begin, a.speaker);
    return a;
  }
  if (auto h = FromHistory(cue.begin, cue.form->gender)) {
    a.speaker = *h;
    a.how = How::kImplied;
    Remember(cue.begin, a.speaker);  // the chain goes on: وأضاف ... وتابع
  }
  return a;
}

void Run::ClaimQuote(int q, v1::Kind kind, const Attributed& who, int cue, const char* rule) {
  if (q < 0 || claimed_[static_cast<size_t>(q)]) return;
  claimed_[static_cast<size_t>(q)] = true;
  if (!who.speaker.valid() || who.speaker.document) {
    // Words of a document, or of nobody we can name: not a quotation
    // anyone is said to have said.
    if (who.speaker.document || kind == v1::PARTIAL) return;
  }
  Record r;
  r.kind = kind;
  r.text = quotes_[static_cast<size_t>(q)].inner;
  r.who = who;
  r.cue = cue;
  r.rule = rule;
  const QuoteSpan& qs = quotes_[static_cast<size_t>(q)];
  if (!qs.has_open() || !qs.has_close()) r.confidence_scale = 0.9f;
  records_.push_back(std::move(r));
}

uint32_t Run::ClauseEnd(uint32_t begin, uint32_t sentence_end) const {
  // Reported speech is a clause, not a page: past this length the sentence
  // splitter has failed (a page without punctuation), so cut at a word end.
  constexpr uint32_t kMaxClauseBytes = 2048;
  uint32_t end = sentence_end;
  if (end - begin > kMaxClauseBytes) {
    size_t t = TokenAt(begin + kMaxClauseBytes);
    end = t > 0 ? tokens_[t - 1].end : begin;
  }
  // A new cue with its own connective starts a new statement.
  auto first = std::upper_bound(cues_.begin(), cues_.end(), begin,
                                [](uint32_t p, const Cue& c) { return p < c.begin; });
  for (auto it = first; it != cues_.end(); ++it) {
    const Cue& c = *it;
    if (c.begin >= end) break;
    // A cue joined by و/ف or a participle, or one that reports a statement
    // of its own (any clause with a new source and cue), ends this one.
    bool joined = c.stem_begin > c.begin || c.form->tense == Tense::kParticiple ||
                  (!c.after_relative && frames_[static_cast<size_t>(it - cues_.begin())].reports());
    uint32_t before = SkipSpacesBack(c.begin);
    bool after_comma = before > 0 && (t_[before - 1] == ',' ||
                                      (before >= 2 && t_.compare(before - 2, 2, "،") == 0));
    if (joined || after_comma || c.after_connector) {
      end = before;
      break;
    }
  }
  // A contrasting clause or words about the statement end it too: the
  // first match of clause_stop, then of trailing_meta before it, each
  // ignored when it opens the clause. One scan for both finds the same
  // end unless its leftmost match opens the clause.
  re2::StringPiece m;
  re2::StringPiece window(t_.data() + begin, end - begin);
  if (clause_end_->Match(window, 0, window.size(), re2::RE2::UNANCHORED, &m, 1)) {
    auto at = static_cast<uint32_t>(m.data() - t_.data());
    if (at > begin) {
      end = at;
    } else {
      for (const re2::RE2* rule : {clause_stop_, trailing_meta_}) {
        window = re2::StringPiece(t_.data() + begin, end - begin);
        if (rule->Match(window, 0, window.size(), re2::RE2::UNANCHORED, &m, 1)) {
          at = static_cast<uint32_t>(m.data() - t_.data());
          if (at > begin && at < end) end = at;
        }
      }
    }
  }
  // Trailing separators.
  while (end > begin) {
    uint32_t e = SkipSpacesBack(end);
    if (e > begin && (t_[e - 1] == ',' || t_[e - 1] == ':' || t_[e - 1] == ';')) {
      end = e - 1;
    } else if (e >= begin + 2 && (t_.compare(e - 2, 2, "،") == 0 || t_.compare(e - 2, 2, "؛") == 0)) {
      end = e - 2;
    } else {
      end = e;
      break;
    }
  }
  return end;
}

void Run::EmitClause(const Cue& cue, int cue_index, uint32_t begin, const Attributed& who) {
  uint32_t sentence_end = SentenceEnd(begin);
  uint32_t end = ClauseEnd(begin, sentence_end);
  begin = SkipSpaces(begin);
  if (end <= begin) return;
  // Quotations inside the clause are the speaker's words: partial quotes.
  size_t quoted_tokens = 0;
  auto first = std::lower_bound(quotes_.begin(), quotes_.end(), begin, [](const QuoteSpan& q, uint32_t p) {
    return (q.has_open() ? q.open : q.inner.begin) < p;
  });
  for (auto it = first; it != quotes_.end(); ++it) {
    const QuoteSpan& q = *it;
    uint32_t qs = q.has_open() ? q.open : q.inner.begin;
    if (qs >= end) break;
    const auto i = static_cast<size_t>(it - quotes_.begin());
    if (q.depth != 0 || label_[i]) continue;
    // A later cue in the clause speaks for the quotations after it.
    auto later = std::upper_bound(cues_.begin(), cues_.end(), begin,
                                  [](uint32_t p, const Cue& c) { return p < c.begin; });
    if (later != cues_.end() && later->begin < qs) continue;
    quoted_tokens += CountTokens(q.inner);
    ClaimQuote(static_cast<int>(i), v1::PARTIAL, who, cue_index, "cue_clause_partial");
  }
  if (!options_.indirect || !who.speaker.valid() || who.speaker.document) return;
  // A clause inside a relative clause is not a report of its own; a
  // characterization (وصفها بأنها "…") is reported by its quotation.
  if (cue.after_relative) return;
  if (quoted_tokens > 0 && cue.form->cls == CueClass::kDescribe && Word(TokenAt(frames_[cue_index].pos)).substr(0, 2) == "ب") {
    return;
  }
  size_t tokens = CountTokens(ByteSpan{begin, end});
  if (tokens < 2) return;
  // A clause that is all quotation is reported by the quotation; one with
  // words of the writer's around its quotation is reported speech with an
  // embedded partial quote (أن فريقه "دفع ثمن خطأ واحد"), and both count.
  if (quoted_tokens >= tokens) return;
  Record r;
  r.kind = v1::INDIRECT;
  r.text = ByteSpan{begin, end};
  r.who = who;
  r.cue = cue_index;
  r.rule = "cue_complementizer_clause";
  r.confidence_scale = 0.95f;
  records_.push_back(std::move(r));
}

Frame Run::FindFrame(size_t index) const {
  const Cue& cue = cues_[index];
  Frame f;
  // Find the boundary after the cue: ":", a quotation, a complementizer,
  // another cue, a new clause, or the end of the sentence.
  const uint32_t sentence_end = SentenceEnd(cue.end);
  uint32_t pos = cue.end;
  size_t words = 0;
  size_t next_cue = index + 1;
  size_t ti = cue.token + 1;
  // The phrase after a cue is short; never scan far past it.
  constexpr uint32_t kMaxRegionBytes = 1024;
  const uint32_t scan_end = std::min<uint32_t>(sentence_end, cue.end + kMaxRegionBytes);
  // The first quotation starting at or after pos, kept in step with pos
  // (QuoteOpeningAt without a search per byte).
  size_t next_quote = FirstQuoteFrom(pos);
  while (pos < scan_end) {
    char c = t_[pos];
    if (c == ':') {
      f.boundary = Boundary::kColon;
      break;
    }
    while (next_quote < quotes_.size() && QuoteStart(quotes_[next_quote]) < pos) ++next_quote;
    int q = OpeningAt(next_quote, pos);
    if (q >= 0) {
      if (!label_[static_cast<size_t>(q)]) {
        f.boundary = Boundary::kQuote;
        f.quote = q;
        break;
      }
      pos = quotes_[static_cast<size_t>(q)].close_end;
      while (ti < tokens_.size() && tokens_[ti].begin < pos) ++ti;
      continue;
    }
    if (ti < tokens_.size() && tokens_[ti].begin == pos) {
      if (next_cue < cues_.size() && cues_[next_cue].begin == pos) {
        f.boundary = Boundary::kCue;
        break;
      }
      // A new clause (فيما، بينما، ثم ...) has a subject of its own.
      std::string_view w = Word(ti);
      if (words > 0 && ListedStripped(ti, Section::kClauseConnectives)) break;
      // Every complementizer starts with ان، بان، الي، علي or من: skip the
      // rule's call for other words.
      bool maybe_comp = w.substr(0, 4) == "ان" || w.substr(0, 6) == "بان" || w == "الي" || w == "علي" ||
                        w == "من";
      re2::StringPiece window(t_.data() + pos, sentence_end - pos);
      re2::StringPiece match;
      if (maybe_comp && complementizer_->Match(window, 0, window.size(), re2::RE2::ANCHOR_START, &match, 1)) {
        // The match ends with the boundary character, if any.
        f.comp_end = WithoutFinalBoundary(pos, pos + static_cast<uint32_t>(match.size()));
        f.boundary = Boundary::kComplementizer;
        break;
      }
      if (++words > kMaxRegionTokens) break;
      pos = tokens_[ti].end;
      ++ti;
      continue;
    }
    ++pos;
  }
  f.pos = pos;
  return f;
}

void Run::ProcessCue(size_t index) {
  const Cue& cue = cues_[index];
  const int ci = static_cast<int>(index);
  if (cue.form->cls == CueClass::kOther && cue.form->tense == Tense::kNoun) return;
  const Frame& frame = frames_[index];
  const Boundary boundary = frame.boundary;
  const uint32_t pos = frame.pos;
  const int quote = frame.quote;
  const uint32_t comp_end = frame.comp_end;
  const uint32_t sentence_end = SentenceEnd(cue.end);
  if (cue.after_connector && boundary != Boundary::kColon && boundary != Boundary::kComplementizer) {
    return;  // "…"، وفق ما ذكر X: handled with the quotation before it
  }
  ByteSpan region{cue.end, SkipSpacesBack(std::max(pos, cue.end))};
  if (boundary == Boundary::kEnd || boundary == Boundary::kCue) {
    // No speech here, but the subject can be referred back to.
    bool only;
    if (!cue.object_suffix && cue.form->tense != Tense::kNoun) {
      // Only a subject the lexicon or gazetteer knows: an open phrase here
      // is as often the verb's object (أعلن النادي إنهاء التعاقد).
      if (auto s = AnalyzeRegion(region, cue.form->gender, &only, /*open_subject=*/false)) Remember(region.begin, *s);
      else if (auto pre = Preposed(cue)) Remember(cue.begin, *pre);
    }
    return;
  }
  bool speaker_only = false;
  Attributed who = Attribute(cue, region, &speaker_only);
  if (cue.after_relative && region.empty()) return;
  if (!who.speaker.valid()) return;
  const bool describe = cue.form->cls == CueClass::kDescribe || cue.form->cls == CueClass::kOther;
  switch (boundary) {
    case Boundary::kColon: {
      uint32_t after = SkipSpaces(pos + 1);
      int q = QuoteOpeningAt(after);
      if (q < 0 && after < t_.size() && t_[after] == '\n') q = QuoteOpeningAt(after + 1);
      if (q >= 0 && !label_[static_cast<size_t>(q)]) {
        ClaimQuote(q, describe ? v1::PARTIAL : v1::DIRECT, who, ci, "cue_colon_quote");
        return;
      }
      // A quotation closed without an opening mark after the colon.
      size_t next = FirstQuoteFrom(after);
      if (next < quotes_.size() && !quotes_[next].has_open() && quotes_[next].inner.begin == after) {
        ClaimQuote(static_cast<int>(next), v1::DIRECT, who, ci, "cue_colon_orphan_quote");
        return;
      }
      // A statement after the colon with no marks: to the paragraph's end,
      // or to the next quotation mark (marks later on: not this form).
      if (describe || cue.form->tense == Tense::kNoun) return;
      uint32_t end = ParagraphEnd(after);
      if (next < quotes_.size()) end = std::min(end, QuoteStart(quotes_[next]));
      while (end > after && (t_[end - 1] == '.' || t_[end - 1] == ' ')) --end;
      ByteSpan text{after, end};
      if (CountTokens(text) < 3) return;
      Record r;
      r.kind = v1::DIRECT;
      r.text = text;
      r.who = who;
      r.cue = ci;
      r.rule = "cue_colon_unmarked";
      r.confidence_scale = 0.85f;
      records_.push_back(std::move(r));
      return;
    }
    case Boundary::kQuote: {
      bool direct = !describe && speaker_only;
      ClaimQuote(quote, direct ? v1::DIRECT : v1::PARTIAL, who, ci, direct ? "cue_quote" : "cue_partial");
      // Further quotations in the same sentence are the same speaker's.
      constexpr size_t kMaxFollowing = 8;
      for (size_t i = static_cast<size_t>(quote) + 1;
           i < quotes_.size() && i <= static_cast<size_t>(quote) + kMaxFollowing; ++i) {
        const QuoteSpan& q = quotes_[i];
        if (q.inner.begin >= sentence_end) break;
        if (q.depth != 0 || label_[i] || claimed_[i]) continue;
        // Not past another cue, which speaks for itself.
        if (index + 1 < cues_.size() && cues_[index + 1].begin < q.inner.begin) break;
        ClaimQuote(static_cast<int>(i), v1::PARTIAL, who, ci, "cue_partial");
      }
      return;
    }
    case Boundary::kComplementizer: {
      uint32_t after = SkipSpaces(comp_end);
      if (after < t_.size() && (t_[after] == ',' || t_.compare(after, 2, "،") == 0)) {
        after = SkipSpaces(after + (t_[after] == ',' ? 1 : 2));
      }
      if (after < t_.size() && t_[after] == ':') after = SkipSpaces(after + 1);
      int q = QuoteOpeningAt(after);
      if (q >= 0 && !describe && !label_[static_cast<size_t>(q)]) {
        // The quotation is the whole clause (to the sentence's end or the
        // next statement): the speaker's words, whole.
        const QuoteSpan& qs = quotes_[static_cast<size_t>(q)];
        uint32_t clause_end = ClauseEnd(comp_end, SentenceEnd(comp_end));
        if (qs.close_end >= clause_end || SkipSpaces(qs.close_end) >= SentenceEnd(qs.close_end)) {
          ClaimQuote(q, v1::DIRECT, who, ci, "cue_complementizer_quote");
          return;
        }
      }
      EmitClause(cue, ci, comp_end, who);
      return;
    }
    default:
      return;
  }
}

int Run::CueAtToken(size_t token) const {
  auto it = std::lower_bound(cues_.begin(), cues_.end(), token,
                             [](const Cue& c, size_t t) { return c.token < t; });
  return it != cues_.end() && it->token == token ? static_cast<int>(it - cues_.begin()) : -1;
}

// "…"، قال X / "…"، وفق ما ذكّر به X: the speaker named after the quote.
bool Run::AttributeAfter(size_t i) {
  const QuoteSpan& q = quotes_[i];
  constexpr size_t kMaxConnectors = 3;
  uint32_t pos = q.close_end;
  size_t ti = TokenAt(pos);
  for (size_t connectors = 0; ti < tokens_.size() && connectors <= kMaxConnectors; ++connectors) {
    // Only punctuation before the cue, and no sentence break after a connector.
    for (uint32_t k = pos; k < tokens_[ti].begin; ++k) {
      char c = t_[k];
      if (c == '\n' || ((c == '.' || c == '!' || c == '?') && connectors > 0)) return false;
    }
    int cue_index = CueAtToken(ti);
    if (cue_index >= 0) {
      const Cue& cue = cues_[static_cast<size_t>(cue_index)];
      uint32_t end = std::min<uint32_t>(SentenceEnd(cue.end), cue.end + 1024);
      size_t colon = t_.substr(cue.end, end - cue.end).find(':');
      if (colon != std::string_view::npos) end = cue.end + static_cast<uint32_t>(colon);
      auto next = std::lower_bound(quotes_.begin(), quotes_.end(), cue.end, [](const QuoteSpan& s, uint32_t p) {
        return (s.has_open() ? s.open : s.inner.begin) < p;
      });
      if (next != quotes_.end()) end = std::min(end, next->has_open() ? next->open : next->inner.begin);
      ByteSpan region{cue.end, SkipSpacesBack(std::max(end, cue.end))};
      bool only;
      std::optional<SpeakerRef> s = AnalyzeRegion(region, cue.form->gender, &only);
      Attributed who;
      if (s) {
        who.speaker = *s;
        who.how = How::kAfter;
      } else if (auto h = FromHistory(cue.begin, cue.form->gender)) {
        who.speaker = *h;
        who.how = How::kImplied;
      }
      if (!who.speaker.valid()) return false;
      // A whole statement, or a phrase inside the writer's sentence.
      uint32_t qstart = q.has_open() ? q.open : q.inner.begin;
      size_t before = CountTokens(ByteSpan{SentenceStart(qstart), qstart});
      bool direct = before == 0 || CountTokens(q.inner) >= kMinContinuationTokens;
      ClaimQuote(static_cast<int>(i), direct ? v1::DIRECT : v1::PARTIAL, who, cue_index, "quote_then_cue");
      return true;
    }
    if (!Listed(ti, Section::kPostConnectors)) return false;
    // "…"، بحسب الساعدي / على حد تعبير الخطيب: a source named after a
    // connector, with no verb.
    if (auto who = SourceAfterConnector(ti)) {
      uint32_t qstart = QuoteStart(q);
      size_t before = CountTokens(ByteSpan{SentenceStart(qstart), qstart});
      bool direct = before == 0 || CountTokens(q.inner) >= kMinContinuationTokens;
      ClaimQuote(static_cast<int>(i), direct ? v1::DIRECT : v1::PARTIAL, *who, -1, "quote_then_source");
      return true;
    }
    pos = tokens_[ti].end;
    ++ti;
  }
  return false;
}

std::optional<Attributed> Run::SourceAfterConnector(size_t connector) const {
  // The connectors that name a source directly: بحسب X، حسب X، وفق X،
  // على حد تعبير X، على لسان X. "وفق ما قال X" goes through the cue.
  std::string_view c = Word(connector);
  if (c != "بحسب" && c != "حسب" && c != "وفق" && c != "وفقا" && c != "علي") return std::nullopt;
  size_t t = connector + 1;
  if (c == "علي") {
    if (t >= tokens_.size() || (Word(t) != "حد" && Word(t) != "لسان")) return std::nullopt;
    ++t;
  }
  if (t < tokens_.size() && (Word(t) == "تعبير" || Word(t) == "قول")) ++t;
  if (t >= tokens_.size() || facts_[t].cue != nullptr || !CanOpenSubject(t)) return std::nullopt;
  // The phrase runs to the next punctuation or the sentence's end.
  uint32_t end = std::min<uint32_t>(SentenceEnd(tokens_[t].begin), tokens_[t].begin + 512);
  size_t k = t + 1;
  while (k < tokens_.size() && tokens_[k].begin < end) {
    bool punct = false;
    for (uint32_t b = tokens_[k - 1].end; b < tokens_[k].begin; ++b) {
      if (t_[b] != ' ') punct = true;
    }
    if (punct) break;
    ++k;
  }
  ByteSpan region{tokens_[t].begin, tokens_[k - 1].end};
  bool only;
  std::optional<SpeakerRef> s = AnalyzeRegion(region, Gender::kUnknown, &only);
  if (!s || s->document || ListedStripped(t, Section::kLabelNouns)) return std::nullopt;
  Attributed a;
  a.speaker = *s;
  a.how = How::kAfter;
  return a;
}

void Run::AttributeLeftovers() {
  // Ends of the direct and partial records so far, for continuations.
  std::vector<std::pair<uint32_t, size_t>> ends;  // (text end, record index)
  for (size_t r = 0; r < records_.size(); ++r) {
    if (records_[r].kind != v1::INDIRECT) ends.emplace_back(records_[r].text.end, r);
  }
  std::sort(ends.begin(), ends.end());
  // Records claimed below come in text order: almost always an append.
  size_t known = records_.size();
  auto refresh = [&] {
    for (; known < records_.size(); ++known) {
      if (records_[known].kind == v1::INDIRECT) continue;
      std::pair<uint32_t, size_t> e{records_[known].text.end, known};
      ends.insert(std::upper_bound(ends.begin(), ends.end(), e), e);
    }
  };
  for (size_t i = 0; i < quotes_.size(); ++i) {
    if (claimed_[i] || label_[i] || quotes_[i].depth != 0) continue;
    if (AttributeAfter(i)) {
      refresh();
      continue;
    }
    // A long quotation standing alone continues the previous speaker.
    const QuoteSpan& q = quotes_[i];
    uint32_t start = q.has_open() ? q.open : q.inner.begin;
    if (CountTokens(ByteSpan{SentenceStart(start), start}) > 0) continue;
    if (CountTokens(q.inner) < kMinContinuationTokens) continue;
    auto it = std::upper_bound(ends.begin(), ends.end(), std::make_pair(start, SIZE_MAX));
    if (it == ends.begin()) continue;
    const Record& prev = records_[std::prev(it)->second];
    // Only across a short distance: the same or the next paragraph.
    if (NewlinesBetween(prev.text.end, start) > 1) continue;
    Attributed who = prev.who;
    who.how = How::kContinuation;
    int cue = prev.cue;
    ClaimQuote(static_cast<int>(i), v1::DIRECT, who, cue, "continuation");
    refresh();
  }
}

void Run::Headlines() {
  // "بوتين: …" in the first paragraphs (the headline and its deck), naming a
  // person or organization of the gazetteer, when the body does not report
  // the same words.
  constexpr int kHeadlineParagraphs = 3;
  uint32_t para = 0;
  const auto n = static_cast<uint32_t>(t_.size());
  for (int p = 0; p < kHeadlineParagraphs && para < n; ++p) {
    size_t nl = t_.find('\n', para);
    uint32_t end = nl == std::string::npos ? n : static_cast<uint32_t>(nl);
    size_t first = TokenAt(para);
    size_t k = FirstNameAt(first);
    size_t colon = t_.find(':', para);
    if (colon < end && k < names_.size() && names_[k].begin == first) {
      const NameMatch& m = names_[k];
      // A person or an organization of the gazetteer (الكرملين: …); not a place.
      if (!m.is_title && SkipSpaces(tokens_[m.end - 1].end) == colon) {
        ByteSpan text{SkipSpaces(static_cast<uint32_t>(colon) + 1), end};
        while (text.end > text.begin && (t_[text.end - 1] == '.' || t_[text.end - 1] == ' ')) --text.end;
        std::vector<std::string_view> words;
        for (size_t t = TokenAt(text.begin); t < tokens_.size() && tokens_[t].end <= text.end; ++t) {
          words.push_back(Word(t));
        }
        std::sort(words.begin(), words.end());
        bool repeated = false;
        for (const Record& r : records_) {
          size_t common = 0;
          for (size_t t = TokenAt(r.text.begin); t < tokens_.size() && tokens_[t].end <= r.text.end; ++t) {
            if (std::binary_search(words.begin(), words.end(), Word(t))) ++common;
          }
          if (common * 2 >= words.size()) repeated = true;
        }
        if (words.size() >= 3 && !repeated) {
          Record r;
          r.kind = v1::DIRECT;
          r.text = text;
          r.who.speaker = ResolveTitle(m);
          r.who.how = How::kExplicit;
          r.rule = "headline_name_colon";
          r.confidence_scale = 0.8f;
          records_.push_back(std::move(r));
        }
      }
    }
    para = end + 1;
  }
}

size_t Run::Extract(std::vector<v1::Quote>* out, size_t first) {
  const Normalizer& normalizer = Normalizer::Default();
  normalizer.Normalize(article_.text(), &norm_);
  t_ = std::string_view(norm_.text());
  Tokenize();
  quotes_ = FindQuoteSpans(t_, p_.quote_marks());
  claimed_.assign(quotes_.size(), false);
  label_.assign(quotes_.size(), false);
  for (size_t i = 0; i < quotes_.size(); ++i) {
    label_[i] = IsLabel(quotes_[i]);
  }
  for (const QuoteSpan& q : quotes_) {
    if (q.depth == 0) top_quotes_.push_back(q.inner);
  }
  std::sort(top_quotes_.begin(), top_quotes_.end(),
            [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
  year_ = ArticleYear();
  FindSentenceBreaks();
  FindCues();
  ScanGazetteer();
  frames_.reserve(cues_.size());
  for (size_t i = 0; i < cues_.size(); ++i) frames_.push_back(FindFrame(i));
  for (size_t i = 0; i < cues_.size(); ++i) ProcessCue(i);
  AttributeLeftovers();
  if (options_.headlines) Headlines();
  return Write(out, first);
}

size_t Run::Write(std::vector<v1::Quote>* out, size_t first) {
  std::sort(records_.begin(), records_.end(), [](const Record& a, const Record& b) {
    if (a.text.begin != b.text.begin) return a.text.begin < b.text.begin;
    return a.kind < b.kind;
  });
  const std::string& original = article_.text();
  valid_utf8_ = IsValidUtf8(original);
  size_t n = first;
  uint32_t index = 0;
  for (const Record& r : records_) {
    // Two decimals: finer steps would suggest a precision the rules lack.
    float confidence = std::round(ConfidenceFor(r.who.how) * r.confidence_scale * 100.0f) / 100.0f;
    if (confidence < options_.min_confidence) continue;
    ByteSpan span = norm_.ToOriginal(r.text, original);
    if (span.empty()) continue;
    if (n == out->size()) out->emplace_back();
    Fill(r, index++, confidence, span, &(*out)[n++]);
  }
  return n;
}

void Run::SetOriginal(ByteSpan span, std::string* out) const {
  std::string_view piece = std::string_view(article_.text()).substr(span.begin, span.size());
  if (valid_utf8_) {
    out->assign(piece);
  } else {
    *out = SanitizeUtf8(piece);
  }
}

// Sets every field of *q, which may hold an earlier record: strings and
// sub-messages are overwritten in place, keeping their allocations.
void Run::Fill(const Record& r, uint32_t index, float confidence, ByteSpan span, v1::Quote* q) {
  const std::string& original = article_.text();
  q->set_article_id(article_.id());
  q->set_kind(r.kind);
  SetOriginal(span, q->mutable_text());
  q->mutable_span()->set_begin(span.begin);
  q->mutable_span()->set_end(span.end);
  const SpeakerRef& s = r.who.speaker;
  v1::Speaker* sp = q->mutable_speaker();
  if (s.entity >= 0) {
    const Entity& e = g_.entity(s.entity);
    sp->set_id(e.id);
    sp->set_name(e.name);
    sp->set_wikidata(e.wikidata);
    sp->set_type(e.type);
  } else {
    sp->clear_id();
    sp->clear_name();
    sp->clear_wikidata();
    sp->clear_type();
  }
  if (!s.mention.empty()) {
    ByteSpan m = norm_.ToOriginal(s.mention, original);
    SetOriginal(m, sp->mutable_mention());
    sp->mutable_mention_span()->set_begin(m.begin);
    sp->mutable_mention_span()->set_end(m.end);
  } else {
    sp->clear_mention();
    sp->clear_mention_span();
  }
  if (!s.title.empty() && !(s.title == s.mention)) {
    SetOriginal(norm_.ToOriginal(s.title, original), sp->mutable_title());
  } else if (!s.title.empty()) {
    sp->set_title(sp->mention());
  } else {
    sp->clear_title();
  }
  if (r.cue >= 0) {
    const Cue& c = cues_[static_cast<size_t>(r.cue)];
    ByteSpan cspan = norm_.ToOriginal(ByteSpan{c.begin, c.end}, original);
    v1::Cue* cue = q->mutable_cue();
    SetOriginal(cspan, cue->mutable_text());
    cue->set_lemma(c.form->lemma);
    cue->mutable_span()->set_begin(cspan.begin);
    cue->mutable_span()->set_end(cspan.end);
  } else {
    q->clear_cue();
  }
  std::string* rule = q->mutable_rule();
  rule->assign(r.rule);
  rule->append(HowSuffix(r.who.how));
  q->set_confidence(confidence);
  q->set_url(article_.url());
  q->set_date(article_.date());
  q->set_index(index);
}

}  // namespace

Extractor::Extractor(const PatternSet* patterns, ExtractOptions options)
    : patterns_(patterns), options_(options) {}

void Extractor::Extract(const v1::Article& article, std::vector<v1::Quote>* out) const {
  out->resize(ExtractReusing(article, out, out->size()));
}

size_t Extractor::ExtractReusing(const v1::Article& article, std::vector<v1::Quote>* out, size_t first) const {
  // The normalized text and the per-article tables: one set per thread.
  thread_local Workspace workspace;
  size_t end;
  {
    Run run(*patterns_, options_, article, workspace);
    end = run.Extract(out, first);
  }
  // Do not keep a huge article's buffers for the rest of a batch job.
  constexpr size_t kKeepBytes = 16 << 20;
  if (article.text().size() > kKeepBytes) workspace = Workspace();
  return end;
}

}  // namespace qawl
