// Quotation-mark pairing over normalized text.
//
// Arabic news uses every mark style: " “…” ”…“ ”…” «…» »…« and marks glued
// to a proclitic (بـ”…”). Glyph direction is unreliable, so marks of the
// double class are paired by context (a mark after a space and before a
// letter opens, one after a letter and before a space or punctuation
// closes) and, where the context is ambiguous, by nesting. Pairing is done
// per paragraph; what is left over becomes an unclosed or an orphan span
// instead of swallowing the rest of the article.
//
// Runs in time linear in the text (each mark is pushed and popped once).
#ifndef QAWL_QUOTE_SPANS_H_
#define QAWL_QUOTE_SPANS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "qawl/normalizer.h"

namespace qawl {

struct QuoteSpan {
  static constexpr uint32_t kNoMark = UINT32_MAX;
  uint32_t open = kNoMark;   // offset of the opening mark, or kNoMark
  uint32_t close = kNoMark;  // offset of the closing mark, or kNoMark
  uint32_t open_end = 0;     // offset just past the opening mark (== inner.begin
                             // before trimming); for orphans, inner.begin
  uint32_t close_end = 0;    // offset just past the closing mark, or inner.end
  ByteSpan inner;            // the quoted text, trimmed of spaces
  int depth = 0;             // 0 for a top-level quotation
  bool has_open() const { return open != kNoMark; }
  bool has_close() const { return close != kNoMark; }
};

// True for the code points treated as double quotation marks.
bool IsDoubleQuoteMark(char32_t c);

// Finds quotation spans in normalized text, in order of their start.
// Nested spans (depth > 0) are included after their parent.
std::vector<QuoteSpan> FindQuoteSpans(std::string_view text);

}  // namespace qawl

#endif  // QAWL_QUOTE_SPANS_H_
