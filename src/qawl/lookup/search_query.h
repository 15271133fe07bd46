// SearchQuery: what `qawl-lookup search` asks the quote index for, and the
// parsing of its date and kind arguments.
//
// Every condition is optional; the conditions given must all hold. The
// speaker, words and phrase conditions apply to an entry (one quote with all
// its occurrences, see quote_index.h); the date, kind, article and url
// conditions apply to occurrences, and an entry matches when one of its
// occurrences meets all of them.
//
// Thread-safety: plain values and pure functions.
#ifndef QAWL_LOOKUP_SEARCH_QUERY_H_
#define QAWL_LOOKUP_SEARCH_QUERY_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl::lookup {

struct SearchQuery {
  // Who: a gazetteer id ("vladimir-putin"), an Arabic alias or title
  // ("بوتين", "الرئيس الروسي") or an English alias ("Putin"), spelled in any
  // way the normalizer folds together; failing that, a speaker id or
  // display name stored in the index (an index built with another
  // gazetteer), or how articles name a speaker that is not in the gazetteer
  // ("مسؤولون في المخابرات"). Empty (the default): anyone.
  std::string speaker;
  // All these words, in any order. Empty: any text.
  std::string words;
  // These words, in this order, next to each other. Empty: any text.
  std::string phrase;
  // Occurrence dates, inclusive: "YYYY-MM-DD", "YYYY-MM" or "YYYY" (a month
  // or year "since" starts on its first day, "until" ends on its last).
  // Occurrences without a recognizable date never match a date condition.
  // Empty (the default): unbounded.
  std::string since;
  std::string until;
  // Occurrence kind; KIND_UNSPECIFIED (the default): any.
  v1::Kind kind = v1::KIND_UNSPECIFIED;
  // Occurrence article id, or url; empty (the default): any.
  std::string article;
  std::string url;
  // At most this many entries, most recently reported first; 0: all.
  // Default 20.
  uint32_t limit = 20;
  // Skip this many entries first (pagination). Default 0.
  uint32_t offset = 0;
  // Also fetch every occurrence of each entry (Entry::occurrences).
  // Default false.
  bool occurrences = false;
  // With `occurrences`: at most this many per entry (the first by date);
  // 0 (the default): all. Entry::count still counts them all.
  uint32_t max_occurrences = 0;
};

// The day of a record's date as "YYYY-MM-DD", when the date starts with an
// ISO 8601 date ("2024-06-19", "2024-06-19T14:49:00+03:00") or uses slashes
// ("2024/06/19"); otherwise "".
std::string DayOf(std::string_view date);

// Parses a --since ("upper" false) or --until ("upper" true) bound into a
// day string that compares with DayOf() values: "2024" becomes
// "2024-01-01" or "2024-12-31", "2024-06" "2024-06-01" or "2024-06-31".
StatusOr<std::string> ParseDayBound(std::string_view text, bool upper);

// "direct", "partial" or "indirect" (any case) into *kind.
bool ParseKind(std::string_view name, v1::Kind* kind);
// "direct", "partial", "indirect", or "kind-N" for other values.
std::string KindName(int kind);

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_SEARCH_QUERY_H_
