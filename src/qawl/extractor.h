// Extractor: finds the quotations in one article and attributes each to its
// source.
//
// It runs over the normalized text (normalizer.h) and reports offsets into
// the original. The steps, each a separate function in extractor.cc:
//   1. quotation spans by mark pairing (quote_spans.h);
//   2. reporting cues from the verb lexicon (patterns/verbs.txt), each with
//      the phrase after it up to a colon, a quotation mark, a
//      complementizer (إن/أن/بأن/إلى أن ...) or the end of the sentence;
//   3. the speaker of each cue: a gazetteer name or title in that phrase, an
//      unknown source noun phrase (مسؤولون في المخابرات), a subject before
//      the verb (X أعرب ... وقال), or, for an implied subject (وأضاف،
//      قائلة), the nearest earlier source of the verb's gender;
//   4. records: direct quotes (cue + ":" + quote, cue + speaker + quote,
//      cue + إن + a quote that is the whole clause, "…"، قال X, قال X: …
//      without marks, the headline form بوتين: …), partial quotes (a quote
//      inside the writer's sentence), and reported speech (the clause after
//      the complementizer, to the end of its sentence or the next cue).
// Quotes that nobody is said to have said (وكالة "يونهاب") are dropped.
//
// Thread-safety: Extract() is const and keeps its scratch state in a
// per-thread workspace (reused from article to article), so one Extractor
// may serve many threads. The PatternSet must outlive it.
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
