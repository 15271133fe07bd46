// Extractor: finds the quotations in one article and attributes each to its
// source, known to the gazetteer or not.
//
// It runs the extraction stages over the normalized text, each a unit of
// its own that takes the earlier stages' results and owns its state; data
// flows one way:
//   1. ArticleView (article_view.h): normalized text, tokens and their
//      pattern facts, sentences, paragraphs, quotation spans and labels;
//   2. CueSet (cues.h): reporting cues and the frame after each (a colon,
//      a quotation, a complementizer, another cue, the phrase's end);
//   3. MentionSet (mentions.h): who each cue's sentence names as its
//      subject, by structure: a gazetteer name or title, an organization,
//      or any noun phrase in the subject's place;
//   4. Discourse (discourse.h): each cue's speaker: its mention, linked to
//      an earlier source when it repeats its surname or role, or for an
//      implied subject the nearest earlier source of the verb's gender;
//   5. Constructions (constructions.h): the rules that turn frames and
//      speakers into DIRECT, PARTIAL and INDIRECT records;
//   6. WriteRecords (record_writer.h): v1::Quote messages with offsets into
//      the original text, the rule that fired and a confidence.
// The numbers the stages work with are in extraction_limits.h.
//
// Thread-safety: Extract() is const and keeps its stages in a per-thread
// workspace (reused from article to article), so one Extractor may serve
// many threads. The PatternSet must outlive it.
#ifndef QAWL_EXTRACTOR_H_
#define QAWL_EXTRACTOR_H_

#include <vector>

#include "qawl/pattern_set.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

struct ExtractOptions {
  // Records below this confidence are not emitted. Default: all.
  float min_confidence = 0.0f;
  // Emit reported speech (INDIRECT). Default: true.
  bool indirect = true;
  // Emit the headline form "بوتين: …" when the body does not repeat it.
  // Default: true.
  bool headlines = true;
};

class Extractor {
 public:
  // `patterns` must be ok() and outlive the Extractor.
  explicit Extractor(const PatternSet* patterns, ExtractOptions options = ExtractOptions());

  // Appends the quotes of `article` to *out, in text order, with
  // article_id, url and date copied from the article. Never fails: text
  // that yields nothing yields no records. Every record satisfies
  // text == SanitizeUtf8(article.text().substr(span.begin, span.end - span.begin)).
  void Extract(const v1::Article& article, std::vector<v1::Quote>* out) const;

  // For loops over many articles: writes the same records over
  // (*out)[first, end), growing *out when it is too short, and returns end.
  // Elements from end on are left as they were. Overwriting a record keeps
  // the allocations of its strings and sub-messages, so a loop that passes
  // first = 0 each time stops allocating once its records have grown:
  //
  //   size_t n = extractor.ExtractReusing(article, &quotes, 0);
  //   for (size_t i = 0; i < n; ++i) Use(quotes[i]);
  size_t ExtractReusing(const v1::Article& article, std::vector<v1::Quote>* out, size_t first) const;

 private:
  const PatternSet* patterns_;
  ExtractOptions options_;
};

}  // namespace qawl

#endif  // QAWL_EXTRACTOR_H_
