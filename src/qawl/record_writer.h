// RecordWriter: the last stage of extraction. Turns the constructions'
// records (normalized offsets) into v1::Quote messages with byte offsets
// into the original text, the speaker's canonical entity and mention as
// written, the cue, the rule that fired with how the speaker was found
// ("cue_colon_quote/implied"), and a confidence.
//
// Every written record satisfies text == the original text's bytes at
// span (sanitized only when the article is not valid UTF-8).
//
// Thread-safety: stateless functions.
#ifndef QAWL_RECORD_WRITER_H_
#define QAWL_RECORD_WRITER_H_

#include <vector>

#include "qawl/article_view.h"
#include "qawl/constructions.h"
#include "qawl/cues.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

// The confidence of a speaker found this way, before the construction's
// scale.
float ConfidenceFor(How how);
// The suffix the rule name gets for a speaker found this way ("/implied").
const char* HowSuffix(How how);
// The confidence scale of a speaker whose name was matched this way
// (a spelling variant or a Latin-script name: weaker than a listed alias).
float MatchScale(MatchHow how);

// Sorts *records by position and writes those at or above min_confidence
// over (*out)[first...], growing *out as needed; returns one past the last
// element written. Overwriting keeps each message's allocations.
size_t WriteRecords(const ArticleView& view, const CueSet& cues, float min_confidence, std::vector<Record>* records,
                    std::vector<v1::Quote>* out, size_t first);

}  // namespace qawl

#endif  // QAWL_RECORD_WRITER_H_
