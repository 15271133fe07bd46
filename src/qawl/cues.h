// Cues: the second stage of extraction. The reporting verbs, participles
// and nouns of an article (patterns/verbs.txt), each with its frame: what
// follows it up to a colon, a quotation, a complementizer (إن، أن، بأن،
// إلى أن ...), another cue or the end of the phrase.
//
// Input: an ArticleView. Output: a CueSet, read by every later stage. A cue
// inside a quotation belongs to the quoted words and is not listed.
//
// Ownership and thread-safety: a CueSet owns its vectors and keeps them
// from article to article; Find() is not thread-safe, const methods are.
#ifndef QAWL_CUES_H_
#define QAWL_CUES_H_

#include <re2/re2.h>

#include <cstdint>
#include <vector>

#include "qawl/article_view.h"
#include "qawl/pattern_set.h"

namespace qawl {

struct Cue {
  uint32_t begin;       // start of the word, with its proclitic
  uint32_t end;         // end of the word, with any object suffix
  uint32_t stem_begin;  // start of the listed form: > begin when joined by و/ف
  size_t token;
  const CueForm* form;
  bool object_suffix;
  const PatternSet::CueWord* word;  // the reading matched; form is word->form
  bool after_relative = false;    // "التي يقولون ...": inside a relative clause
  bool after_connector = false;   // "وفق ما ذكر ..."، "حسبما قال ..."
  bool relative_subject = false;  // "X، الذي قال ...": X is the subject
  bool joined() const { return stem_begin > begin; }
};

// What follows a cue: where its phrase ends and why.
enum class Boundary { kColon, kQuote, kComplementizer, kCue, kEnd };

struct Frame {
  Boundary boundary = Boundary::kEnd;
  uint32_t pos = 0;       // where the phrase after the cue ends
  int quote = -1;         // kQuote: index of the quotation in view.quotes()
  uint32_t comp_end = 0;  // kComplementizer: end of the complementizer
  // Whether the cue introduces speech of its own (a new statement).
  bool reports() const { return boundary == Boundary::kColon || boundary == Boundary::kComplementizer; }
};

class CueSet {
 public:
  // Finds the cues of `view` and their frames. `complementizer` is the
  // rule of that name in rules.txt (anchored at a word's start).
  void Find(const ArticleView& view, const re2::RE2& complementizer);

  size_t size() const { return cues_.size(); }
  const Cue& cue(size_t i) const { return cues_[i]; }
  const Frame& frame(size_t i) const { return frames_[i]; }
  const std::vector<Cue>& cues() const { return cues_; }
  // The words between cue i and the end of its phrase, spaces trimmed.
  ByteSpan Region(const ArticleView& view, size_t i) const;
  // The index of the cue at token t, or -1.
  int AtToken(size_t t) const;
  // The first cue starting after byte pos (size() if none).
  size_t FirstAfter(uint32_t pos) const;
  // The first cue starting at or after byte pos (size() if none).
  size_t FirstFrom(uint32_t pos) const;

 private:
  Frame FindFrame(const ArticleView& view, const re2::RE2& complementizer, size_t index) const;
  // Whether cue i comes after a connector set off by a comma ("، وفق ما
  // نقلت عنه الوكالة،"): an aside inside another cue's phrase.
  bool Interjected(const ArticleView& view, size_t i) const;
  // Whether cue i opens a relative clause set off by commas on the noun
  // before it, with إن/أن/بأن right after the closing comma ("أوضحت X،
  // التي تتابع عددا من الحالات، أن"): an aside inside another cue's
  // phrase, the complementizer that cue's.
  bool InRelativeAside(const ArticleView& view, size_t i) const;
  // A relative aside's verb does not report the complementizer after it
  // when the cue whose phrase it interrupts does: its frame becomes kEnd.
  void SilenceRelativeAsides(const ArticleView& view);
  // Whether token ti opens its sentence, or follows the opening phrase
  // the sentence's first comma closes (من جهته، في المقابل،).
  static bool OpensSentence(const ArticleView& view, size_t ti);
  // A guarded form (CueForm::guarded) is a cue where it opens a clause
  // (after و/ف, punctuation or a clause connective) and its frame is a
  // colon, إن/أن/بأن, a participle cue, or an answer.
  bool GuardHolds(const ArticleView& view, size_t i) const;
  // Whether cue i is the verb its form says: its guard holds, and a verb
  // with a source preposition (source=في) has it in reach.
  bool ReadingHolds(const ArticleView& view, size_t i) const;
  // Gives a cue whose reading does not hold its other reading
  // (CueWord::other: ورد "appeared" or "and he replied"), or drops it.
  void KeepReadingsThatHold(const ArticleView& view, const re2::RE2& complementizer);

  std::vector<Cue> cues_;
  std::vector<Frame> frames_;
};

}  // namespace qawl

#endif  // QAWL_CUES_H_
