// Discourse: the fourth stage of extraction. Who each cue's speaker is.
//
// It walks the cues in text order with a model of the article's sources:
// the subjects of earlier reporting verbs (known to the gazetteer or not)
// and the gazetteer's people named in the writer's words. A cue whose
// sentence names its subject (mentions.h) gets that mention; a short one
// that repeats a word of an earlier source's mention (a surname: ديب; a
// role: المدرب، الأمين العام، المتحدث الأميركي) is linked to that source;
// an implied subject (وأضاف، وتابعت، قائلة) is the nearest earlier source
// of the verb's gender and number, never jumping over a nearer one. A
// second pass links a role quoted before its holder is named (cataphora)
// to the later, fuller mention.
//
// Each result says how it was decided (How), which the records carry as
// the suffix of their rule ("cue_colon_quote/implied") and in their
// confidence.
//
// Input: the view, the cues and the mentions. Output: one Attributed per
// cue. Ownership and thread-safety: owns its tables, reused from article to
// article; Resolve() is not thread-safe, const methods are.
#ifndef QAWL_DISCOURSE_H_
#define QAWL_DISCOURSE_H_

#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "qawl/article_view.h"
#include "qawl/cues.h"
#include "qawl/mentions.h"

namespace qawl {

// How a speaker was found.
enum class How {
  kExplicit,      // named in the cue's phrase
  kTitle,         // by a title the gazetteer resolves (المتحدث باسم الكرملين)
  kPreposed,      // a subject before the verb, or the sentence's subject
  kImplied,       // the verb's implied subject: an earlier source
  kAfter,         // named after the quotation ("…"، قال X)
  kContinuation,  // a quotation with no cue continuing the previous one
  kNone,
};

struct Attributed {
  Mention speaker;
  How how = How::kNone;
};

class Discourse {
 public:
  void Resolve(const ArticleView& view, const CueSet& cues, const MentionSet& mentions);

  // The speaker of cue i; speaker.valid() is false when there is none.
  const Attributed& speaker(size_t i) const { return speakers_[i]; }
  // The source a pronoun of `gender` at `pos` refers to: the nearest earlier
  // one that agrees ("«…»، على حد تعبيرها"), as for an implied subject.
  std::optional<Mention> PronounReferent(uint32_t pos, Gender gender) const { return FromHistory(pos, gender); }

 private:
  Attributed Decide(size_t i);
  // Decide for a cue whose frame does not report (no colon, إن or quote).
  Attributed DecideUnreported(size_t i);
  // Decide for a reporting cue with no mention of its own.
  Attributed DecideWithoutSubject(size_t i);
  void Remember(uint32_t pos, const Mention& s);
  // The nearest earlier source agreeing with `gender`, other than `not_this`
  // (a source compared by entity, or by its words when unknown).
  std::optional<Mention> FromHistory(uint32_t pos, Gender gender, const Mention* not_this = nullptr) const;
  // Whether cue i answers a question asked before it in its sentence: a
  // verb of answering (Turn::kAnswer: أجاب، ردّ) or of saying joined by ف
  // (سألته X عن …، فقالت).
  bool Answers(size_t i) const;
  // For an answer cue (Answers): the speaker of the question cue
  // before it in its sentence, who is not the one answering; or nullptr.
  const Mention* Asker(size_t i) const;
  // For an answer cue: the one the question cue before it in its sentence
  // asks (CueMention::addressee); or nullptr.
  const Mention* Asked(size_t i) const;
  // Whether a and b open with the same word, less its article (المدرب
  // الألماني، المدرب يورغن بيكر).
  bool SameHead(const Mention& a, const Mention& b) const;
  // Whether the next cue of cue i's sentence is a noun cue naming its own
  // speaker after عن ("نقلت قناة X عن Y قوله"): cue i's subject is then
  // the channel, not a source a later implied subject can refer to.
  bool RelaysNounCue(size_t i) const;
  // The nearest earlier cue of cue i's sentence whose reported clause
  // (after its إن/أن) cue i stands in, or -1.
  int ReportingCue(size_t i) const;
  // The subject of the verb that participle cue i modifies, or that verb
  // cue i is joined to after a comma: the speaker of the nearest earlier
  // cue of its sentence that is not inside another cue's reported clause,
  // if the sentence names it (not implied) and it agrees with cue i's
  // gender. A verb joined to one with an object pronoun may be the
  // object's ("وسأله أحد الصحفيين ...، فأجاب"): none then.
  std::optional<Mention> ClauseSubject(size_t i) const;
  void LinkToEarlierSource(uint32_t pos, Mention* s) const;
  // "وجاء في البيان: «…»": a statement named again by its definite noun
  // alone is its issuer's, the speaker of the nearest earlier cue whose
  // sentence names a statement ("وقالت الوزارة، في بيان، …"، "أصدرت X
  // بيانا هاجمت فيه …"). Returns whether *s was replaced.
  bool LinkStatementToIssuer(uint32_t pos, Mention* s) const;
  void LinkLaterSources();
  class ShortMention;

  const ArticleView* view_ = nullptr;
  const CueSet* cues_ = nullptr;
  const MentionSet* mentions_ = nullptr;
  // The subjects of cues so far, by position.
  std::vector<std::pair<uint32_t, Mention>> history_;
  std::vector<Attributed> speakers_;
};

}  // namespace qawl

#endif  // QAWL_DISCOURSE_H_
