// Result formats: how qawl-lookup prints entries and speaker counts.
//
//   table  an aligned table for people (text_table.h): for entries the
//          columns #, dates (first…last report), n (reports), art.
//          (distinct articles), kind (D direct, P partial, I indirect),
//          speaker (the gazetteer name, else the mention) and quote (the
//          longest version, wrapped to the width);
//   jsonl  one JSON object per entry or speaker, for scripts (keys listed
//          in docs/lookup.md); an entry's "occurrences" are its records in
//          protobuf's JSON mapping, as qawl-extract writes them;
//   pb     the occurrences of the entries, entry after entry, as a
//          length-delimited qawl.v1.Quote feed (the schema has no entry
//          message; use jsonl to keep the grouping).
//
// Thread-safety: pure functions.
#ifndef QAWL_LOOKUP_RESULT_FORMAT_H_
#define QAWL_LOOKUP_RESULT_FORMAT_H_

#include <string>
#include <vector>

#include "qawl/lookup/quote_index.h"
#include "qawl/lookup/text_table.h"

namespace qawl::lookup {

enum class ResultFormat { kTable, kJsonl, kPb };

// "table", "jsonl" or "pb".
bool ParseResultFormat(std::string_view name, ResultFormat* format);

// Appends `entries` in `format` to *out. kJsonl and kPb need the entries'
// occurrences (SearchQuery::occurrences).
void FormatEntries(const std::vector<Entry>& entries, ResultFormat format, const TableStyle& style,
                   std::string* out);
// Appends the JSON object of one entry (a line of kJsonl, without its
// newline) to *out.
void AppendEntryJson(const Entry& entry, std::string* out);
// Appends `speakers` to *out; kPb is not a speaker format (treated as
// kJsonl).
void FormatSpeakers(const std::vector<SpeakerCount>& speakers, ResultFormat format, const TableStyle& style,
                    std::string* out);

// "2024-06-19", "2024-06-18…06-20", "2023-12-01…2024-06-20", or "" when
// undated.
std::string FormatDays(const std::string& first, const std::string& last);
// `s` as a JSON string literal (with its quotes).
std::string JsonString(std::string_view s);

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_RESULT_FORMAT_H_
