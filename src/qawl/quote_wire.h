// QuoteWire: writes a qawl.v1.Quote in protobuf's binary wire format,
// preceded by its size as a base-128 varint -- the bytes of
// varint(size) + quote.SerializeAsString() -- directly, without protobuf's
// serializer.
//
// protobuf re-validates the UTF-8 of every proto3 string field on
// serialization, which cost most of the "pb" output's time; the extractor
// already checks each article's UTF-8 once, so the records it makes hold
// valid UTF-8. A string that is not valid UTF-8 is written as it is, as
// protobuf itself writes it (after logging an error).
//
// Fields follow protobuf's serializer: in field-number order, proto3
// defaults omitted (empty strings, zero integers, enum value 0, a float
// whose bits are all zero: -0.0 is written), a sub-message written when
// present even if empty, an enum as a sign-extended int32 varint. A quote
// with unknown fields (in any of its messages) is handed to protobuf
// itself. Tests compare both on real output and on every field.
//
// Thread-safety: a plain function.
#ifndef QAWL_QUOTE_WIRE_H_
#define QAWL_QUOTE_WIRE_H_

#include <string>

#include "qawl/v1/quote.pb.h"

namespace qawl {

// Appends varint(size) and the serialized `quote` to `out`.
void AppendQuoteDelimited(const v1::Quote& quote, std::string* out);

}  // namespace qawl

#endif  // QAWL_QUOTE_WIRE_H_
