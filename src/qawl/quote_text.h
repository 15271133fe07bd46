// QuoteText: writes a qawl.v1.Quote as a short block of text for people
// reading a terminal (qawl-extract --format=text):
//
//   sample-1 #0  DIRECT  0.95
//     speaker: ⁨فلاديمير بوتين⁩
//     quote:   ⁨نحن مستعدون للحوار مع جميع الشركاء⁩
//   (blank line)
//
// The speaker is the gazetteer's canonical name, else the mention as
// written, else "(unknown)". Every string taken from the article (id,
// speaker, quote) is wrapped in U+2068 FIRST STRONG ISOLATE ... U+2069 POP
// DIRECTIONAL ISOLATE, so that a terminal or viewer that applies the
// Unicode bidirectional algorithm shows the Arabic right to left without
// reordering the labels and numbers around it. Inside, line breaks and tabs
// become spaces and bidirectional embedding, override and isolate controls
// (U+202A-U+202E, U+2066-U+2069) are dropped, so each isolate is balanced
// and a block keeps its three lines.
//
// Not meant to be parsed back: use pb or jsonl for that.
//
// Thread-safety: plain functions.
#ifndef QAWL_QUOTE_TEXT_H_
#define QAWL_QUOTE_TEXT_H_

#include <string>
#include <string_view>

#include "qawl/v1/quote.pb.h"

namespace qawl {

// Appends the block for `quote`, blank line included.
void AppendQuoteText(const v1::Quote& quote, std::string* out);

// Appends U+2068, `s` cleaned as described above, U+2069.
void AppendIsolated(std::string_view s, std::string* out);

}  // namespace qawl

#endif  // QAWL_QUOTE_TEXT_H_
