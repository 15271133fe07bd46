// QuoteJson: writes a qawl.v1.Quote as one JSON object in protobuf's JSON
// mapping with the proto field names -- the bytes that
// google::protobuf::util::MessageToJsonString(quote, &s, {preserve_proto_
// field_names = true}) produces -- directly, without protobuf's reflection
// and type resolver (about ten times faster).
//
// Field order, the omission of default values, enum names, float digits
// (shortest of %.6g and %.9g that reads back as the same float) and string
// escaping all follow protobuf's printer: besides '"' and '\\', it escapes
// control characters, '<', '>', U+007F-U+009F and a fixed list of
// invisible format characters (soft hyphen, U+0600-U+0603, U+06DD, U+200B-
// U+200F, U+2028-U+202E, U+2060-U+2064, U+206A-U+206F, U+FEFF, ...) as
// \uXXXX. A quote holding invalid UTF-8 or a non-finite confidence is
// handed to protobuf itself. Tests compare both on real output.
//
// Thread-safety: plain functions.
#ifndef QAWL_QUOTE_JSON_H_
#define QAWL_QUOTE_JSON_H_

#include <string>
#include <string_view>

#include "qawl/v1/quote.pb.h"

namespace qawl {

// Appends the JSON object for `quote` (no newline).
void AppendQuoteJson(const v1::Quote& quote, std::string* out);

// Appends `s` as a JSON string, quotes included, escaped as protobuf's
// JSON printer does. Returns false (having appended nothing) if `s` is not
// valid UTF-8.
bool AppendJsonString(std::string_view s, std::string* out);

}  // namespace qawl

#endif  // QAWL_QUOTE_JSON_H_
