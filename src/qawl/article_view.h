// ArticleView: the first stage of extraction. One article as the later
// stages read it: the normalized text (with its map back to the original
// bytes), the tokens and what the pattern files say of each word, the
// sentences and paragraphs, and the quotation spans with the ones that are
// labels (وكالة "يونهاب") marked.
//
// Nothing here knows about cues, speakers or records; every later stage
// takes a const ArticleView&.
//
// Ownership: Build() copies nothing from the article but keeps pointers to
// it and to the PatternSet; both must outlive the view's use. A view keeps
// its buffers from article to article, so that a loop over articles stops
// allocating once they have grown.
//
// Thread-safety: const methods are safe to call concurrently; Build() is
// not. One view per thread.
#ifndef QAWL_ARTICLE_VIEW_H_
#define QAWL_ARTICLE_VIEW_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "qawl/extraction_limits.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"
#include "qawl/quote_spans.h"
#include "qawl/sorted_search.h"
#include "qawl/tokenizer.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

class ArticleView {
 public:
  using Section = PatternSet::Section;

  // Normalizes and tokenizes `article`, pairs its quotation marks and finds
  // its sentences. `patterns` must be ok().
  void Build(const PatternSet& patterns, const v1::Article& article);

  const v1::Article& article() const { return *article_; }
  const PatternSet& patterns() const { return *patterns_; }
  const Gazetteer& gazetteer() const { return patterns_->gazetteer(); }
  const NormalizedText& normalized() const { return norm_; }
  // The normalized text.
  std::string_view text() const { return t_; }
  std::string_view Text(ByteSpan s) const { return t_.substr(s.begin, s.end - s.begin); }
  // The article's year, from its date or its dateline; 0 when unknown.
  int year() const { return year_; }

  // --- Tokens ------------------------------------------------------------
  size_t token_count() const { return tokens_.size(); }
  const Token& token(size_t i) const { return tokens_[i]; }
  const std::vector<Token>& tokens() const { return tokens_; }
  std::string_view Word(size_t i) const { return words_[i]; }
  const std::vector<std::string_view>& words() const { return words_; }
  const PatternSet::WordFacts& facts(size_t i) const { return facts_[i]; }
  // Whether token i is listed in section s as written, or also less a
  // proclitic (PatternSet::WordFacts).
  bool Listed(size_t i, Section s) const { return (facts_[i].lists & PatternSet::Bit(s)) != 0; }
  bool ListedStripped(size_t i, Section s) const { return (facts_[i].lists_stripped & PatternSet::Bit(s)) != 0; }
  // The tokens, in order, that may be a cue (facts(i).cue), that start a
  // gazetteer name (facts(i).names), and that are source nouns
  // (ListedStripped(i, kSourceNouns)): the stages that look only at those
  // skip the rest of the article.
  std::span<const uint32_t> cue_tokens() const { return cue_tokens_; }
  std::span<const uint32_t> name_tokens() const { return name_tokens_; }
  std::span<const uint32_t> source_noun_tokens() const { return source_noun_tokens_; }
  // The first token that begins at or after pos (token_count() if none).
  size_t TokenAt(uint32_t pos) const;
  size_t CountTokens(ByteSpan s) const { return TokenAt(s.end) - TokenAt(s.begin); }
  // Whether anything but spaces stands between token i - 1 and token i.
  bool PunctuationBefore(size_t i) const;
  // Whether a comma (، or ,) stands between token i - 1 and token i.
  bool FollowsComma(size_t i) const;
  // Whether token i is a content word that can open a noun phrase: not a
  // preposition, particle, pronoun or adverb ([not_subject], [skip_words]),
  // not an occasion (كلمته), not an addressee (للمحكمة), not a number, not
  // a cue, and longer than one letter.
  bool IsContentWord(size_t i) const;
  // Whether the last letter of token i was written ة (not ه) originally.
  bool EndsWithTehMarbuta(size_t i) const;
  // The gender and number a noun's form shows: feminine when written with
  // ة, plural for a sound masculine plural (-ون، -ين on a stem of at least
  // three letters: المسؤولين, not الأمين), masculine otherwise. (A dual in
  // -ان is left to its verb: المترشحتان are two women.)
  Gender NounGender(size_t i) const;
  // Whether the last letter of token i was written ى (not ي) originally.
  bool EndsWithAlefMaqsura(size_t i) const;

  // --- Sentences and paragraphs ------------------------------------------
  // Sentence ends: \n . ! ? ؟ outside quotations, sorted.
  uint32_t SentenceEnd(uint32_t pos) const;
  uint32_t SentenceStart(uint32_t pos) const;
  // The sentence ends themselves, in order (each sentence after the first
  // starts after one).
  std::span<const uint32_t> sentence_breaks() const { return breaks_; }
  uint32_t ParagraphEnd(uint32_t pos) const;
  // The paragraph breaks (\n), sorted.
  const std::vector<uint32_t>& newlines() const { return newlines_; }
  size_t NewlinesBetween(uint32_t begin, uint32_t end) const;
  uint32_t SkipSpaces(uint32_t pos) const;
  uint32_t SkipSpacesBack(uint32_t pos) const;
  // end, less a final character of [begin, end) that is not a letter or
  // digit (\p{L}, \p{N}).
  uint32_t WithoutFinalBoundary(uint32_t begin, uint32_t end) const;

  // --- Quotations ---------------------------------------------------------
  // In order of their start (QuoteStart).
  const std::vector<QuoteSpan>& quotes() const { return quotes_; }
  // Whether quotes()[i] names something rather than quoting anyone.
  bool is_label(size_t i) const { return label_[i]; }
  // Whether quotes()[i] is mostly in Latin script: a post in English in an
  // Arabic article, which the article follows with its translation.
  bool is_foreign(size_t i) const { return foreign_[i]; }
  static uint32_t QuoteStart(const QuoteSpan& q) { return q.has_open() ? q.open : q.inner.begin; }
  // The first quotation starting at or after pos.
  size_t FirstQuoteFrom(uint32_t pos) const;
  // i if quotes()[i] is a top-level quotation whose opening mark is at
  // pos, else -1.
  int OpeningAt(size_t i, uint32_t pos) const;
  int QuoteOpeningAt(uint32_t pos) const { return OpeningAt(FirstQuoteFrom(pos), pos); }
  bool InsideQuote(uint32_t pos) const { return QuoteEndAfter(pos) != pos; }
  // Whether a quotation closes right before pos, with only spaces and
  // punctuation between ("…"، قال).
  bool QuoteClosesBefore(uint32_t pos) const;
  // The end of the inner span of the top-level quotation holding pos, or
  // pos when none does.
  uint32_t QuoteEndAfter(uint32_t pos) const;

  // Whether normalized word w is إن، أن or بأن, with or without an
  // attached pronoun (أنه، بأنها).
  static bool IsPlainComplementizer(std::string_view w);
  // Whether normalized word w is a statement noun (lexicon.txt
  // [statement_nouns]) with the article, after at most one proclitic
  // (البيان، وبالبيان، للبيان). Its indefinite forms (بيان، ببيان، بيانا)
  // are ListedStripped(i, kStatementNouns).
  bool IsDefiniteStatementNoun(std::string_view w) const;
  // Normalized word w without a leading conjunction و (وإنها → إنها).
  static std::string_view WithoutWa(std::string_view w) { return w.starts_with("و") ? w.substr(2) : w; }
  // Whether normalized word w is a form of كان or of its sisters (أصبح،
  // بات، ظل، بقي) whose predicate may follow in quotation marks.
  static bool IsCopula(std::string_view w);
  // Whether normalized word w opens like an imperfect verb (يـ تـ نـ, after
  // the future's سـ).
  static bool OpensLikeImperfect(std::string_view w);

 private:
  void Tokenize();
  // A name is a name wherever the article quotes it: a short quotation
  // written like one that IsLabel found a label ("قال لـ«البيان»") is a
  // label too where nothing around it says so ("سألت «البيان» الممثلة").
  void LabelRepeats();
  // Fills token_blocks_ from tokens_.
  void IndexTokenBlocks();
  // A word both a given name and a particle (علي: the name, and على after
  // the ى fold) keeps one reading: the name where written with a final ي
  // and not before a definite word, the particle otherwise.
  // ReadNameOrParticle(k) settles token k, one IsNameAndParticle holds for;
  // it reads the next word, so words_ must be complete.
  static constexpr uint32_t kNameBit = PatternSet::Bit(Section::kGivenNames);
  static constexpr uint32_t kParticleBits =
      PatternSet::Bit(Section::kNpBreaks) | PatternSet::Bit(Section::kNotSubject);
  static bool IsNameAndParticle(const PatternSet::WordFacts& f) {
    return (f.lists & kNameBit) != 0 && (f.lists & kParticleBits) != 0;
  }
  void ReadNameOrParticle(size_t k);
  void FindSentenceBreaks();
  // Whether the line holding pos is a link to another page (its first two
  // words are [link_openers], or it is a few words whose first is one and
  // whose second is the quotation at pos: تابعوا «المدن» عبر واتساب).
  bool InLinkLine(uint32_t pos) const;
  // Whether pos follows, on its line, at most a few words and a dash: the
  // source of a dateline (بيروت - «المدن»).
  bool InDateline(uint32_t pos) const;
  // IsLabel's tests on the word before the opening mark; `first` is the
  // quotation's first token and `n` its number of tokens.
  // Whether the quotation whose mark stands before token i (its words
  // opening at token `first`) says how or why («بالإجماع»، «لاحتواء
  // التوتر») or is the predicate of كان or of the definite subject of
  // إن/أن: words of a speaker, never a label. i > 0.
  bool IsPredicateOrAdverbial(size_t i, size_t first) const;
  bool IsLabelByPreviousWord(const QuoteSpan& q, size_t first, size_t n) const;
  // Whether quotation words opening at token `first` (n of them) say
  // where, when or what of the noun before them: a preposition, a copula,
  // a particle of the verb or أن first (ستدخل الخدمة «خلال الأسبوعين»،
  // البطولة «كان الهدف»، فيلم «لم يكن سهلا»، على مجموعة العشرين «أن تقود
  // الطريق»).
  bool SaysOfTheNoun(size_t first, size_t n) const;
  // IsLabelByPreviousWord's rules on a label noun before the mark at token
  // i: right before it, with its adjectives, or heading a construct.
  bool IsLabelAfterLabelNoun(size_t i, size_t first, size_t n) const;
  // Whether quotation q (n tokens, closed) is the name of the subject of
  // the verb of saying right before it, quoted as the press often quotes
  // names: followed by the verb's complementizer (أعلنت «جمعية ضحايا
  // المشروع» أنها), or, one or two words, by its relay preposition (نقلت
  // «الغد» عن) or by في/خلال and an occasion (وأضاف «جرجس» في تصريحات).
  bool IsSubjectOfVerb(const QuoteSpan& q, size_t n) const;
  // Whether every word of quotation q names a platform or an app
  // ([platform_names]: «فيسبوك»، «تيك توك»).
  bool IsPlatformName(const QuoteSpan& q) const;
  // Whether the quotation whose mark stands before token i follows a word
  // that names ([naming_words]), with بـ (`glued`: the mark right after
  // it) and an adverb between: المعروفة محليا بـ«بوحمرون»، ما يسمى «…».
  bool IsNamed(size_t i, bool glued) const;
  // Whether token i is a label noun with a possessive pronoun (روايتها).
  bool IsLabelNounWithPronoun(size_t i) const;
  // Whether the period at `dot` ends an initial (a letter standing alone).
  bool IsInitial(uint32_t dot) const;
  int ArticleYear() const;
  bool IsLabel(const QuoteSpan& q) const;
  // Whether an indefinite label noun stands right before q's opening
  // mark, with only spaces between (منظمة «…»، حملة «…»).
  bool AfterIndefiniteLabelNoun(const QuoteSpan& q) const;
  bool IsForeign(const QuoteSpan& q) const;

  const PatternSet* patterns_ = nullptr;
  const v1::Article* article_ = nullptr;
  NormalizedText norm_;
  std::string_view t_;
  std::vector<Token> tokens_;
  // token_blocks_[b]: the first token that begins at or after byte
  // b << kTokenBlockShift, so that TokenAt scans a few tokens, not the text.
  std::vector<uint32_t> token_blocks_;
  std::vector<uint32_t> terminators_;  // \n . ! ? ؟ positions
  std::vector<std::string_view> words_;
  // Copied per token: the hot loops read them in order instead of chasing
  // pointers into the pattern set's table.
  std::vector<PatternSet::WordFacts> facts_;
  // Tokenize's scratch: the tokens the pattern set may have facts on, and
  // their words' hashes.
  std::vector<uint32_t> candidates_;
  std::vector<uint64_t> candidate_hashes_;
  std::vector<uint32_t> cue_tokens_;
  std::vector<uint32_t> name_tokens_;
  std::vector<uint32_t> source_noun_tokens_;
  std::vector<uint32_t> breaks_;
  std::vector<uint32_t> newlines_;
  std::vector<QuoteSpan> quotes_;
  std::vector<bool> label_;
  std::vector<bool> foreign_;
  std::vector<ByteSpan> top_quotes_;  // inner spans of top-level quotes, sorted
  int year_ = 0;
  // Whether the article's text has ى anywhere (1), not (0), or not yet
  // looked at (-1): ReadNameOrParticle's evidence.
  int writes_alef_maqsura_ = -1;
};


// Hot lookups, inline: every stage calls them per token or per cue.

inline size_t ArticleView::TokenAt(uint32_t pos) const {
  const size_t n = tokens_.size();
  if (n == 0) return 0;
  size_t k = token_blocks_[std::min<size_t>(pos >> limits::kTokenBlockShift, token_blocks_.size() - 1)];
  // A block holds a word or two, so pos is rarely past more than one token
  // of it: one step without a branch (its load always within the tokens),
  // then a loop that seldom runs.
  k += static_cast<size_t>((k < n) & (tokens_[std::min(k, n - 1)].begin < pos));
  while (k < n && tokens_[k].begin < pos) ++k;
  return k;
}

inline uint32_t ArticleView::SentenceEnd(uint32_t pos) const {
  const size_t i = CountBefore<uint32_t>(breaks_, [pos](uint32_t b) { return b < pos; });
  return i == breaks_.size() ? static_cast<uint32_t>(t_.size()) : breaks_[i];
}

inline uint32_t ArticleView::SentenceStart(uint32_t pos) const {
  const size_t i = CountBefore<uint32_t>(breaks_, [pos](uint32_t b) { return b < pos; });
  if (i == 0) return 0;
  const uint32_t b = breaks_[i - 1];
  // ؟ is two bytes (D8 9F); the others one.
  return b + (t_[b] == '\xD8' ? 2 : 1);
}

inline size_t ArticleView::FirstQuoteFrom(uint32_t pos) const {
  return CountBefore<QuoteSpan>(quotes_,
                                                       [pos](const QuoteSpan& q) { return QuoteStart(q) < pos; });
}

inline uint32_t ArticleView::QuoteEndAfter(uint32_t pos) const {
  // The last top-level quotation starting at or before pos.
  const size_t i =
      CountBefore<ByteSpan>(top_quotes_, [pos](const ByteSpan& s) { return s.begin <= pos; });
  if (i == 0) return pos;
  const ByteSpan& s = top_quotes_[i - 1];
  return pos < s.end ? s.end : pos;
}

inline int ArticleView::OpeningAt(size_t i, uint32_t pos) const {
  if (i >= quotes_.size()) return -1;
  const QuoteSpan& q = quotes_[i];
  return q.has_open() && q.open == pos && q.depth == 0 ? static_cast<int>(i) : -1;
}

}  // namespace qawl

#endif  // QAWL_ARTICLE_VIEW_H_
