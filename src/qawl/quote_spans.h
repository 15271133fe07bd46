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

#include <array>
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

// The set of code points paired as double quotation marks. The built-in
// set is " « » “ ” „ ‟ ″ ❝ ❞ ＂; patterns/lexicon.txt ([double_quotes])
// gives the one the extractor uses. Immutable; share freely.
class QuoteMarks {
 public:
  QuoteMarks();  // the built-in set
  explicit QuoteMarks(std::vector<char32_t> marks);
  bool contains(char32_t c) const {
    return c < 0x10000 ? (bmp_[c / 64] >> (c % 64)) & 1 : ContainsAstral(c);
  }
  // Whether a UTF-8 sequence starting with byte `b` can be a mark.
  bool MayStart(unsigned char b) const { return first_byte_[b]; }
  const std::vector<char32_t>& marks() const { return marks_; }

 private:
  friend std::vector<QuoteSpan> FindQuoteSpans(std::string_view text, const QuoteMarks& marks);

  bool ContainsAstral(char32_t c) const;

  std::vector<char32_t> marks_;  // sorted
  std::array<bool, 256> first_byte_{};
  std::vector<uint64_t> bmp_;  // bit c set for each mark c < 0x10000
  // '\n' and the bytes MayStart accepts, the bytes FindQuoteSpans stops at.
  std::vector<unsigned char> stop_bytes_;
};

// True for the code points of the built-in set.
bool IsDoubleQuoteMark(char32_t c);

// Finds quotation spans in normalized text, in order of their start.
// Nested spans (depth > 0) are included after their parent.
std::vector<QuoteSpan> FindQuoteSpans(std::string_view text, const QuoteMarks& marks);
// The same with the built-in set.
std::vector<QuoteSpan> FindQuoteSpans(std::string_view text);

}  // namespace qawl

#endif  // QAWL_QUOTE_SPANS_H_
