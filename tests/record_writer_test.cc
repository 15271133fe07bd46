// WriteRecords: records as v1::Quote with offsets into the original text.
#include "qawl/record_writer.h"

#include <gtest/gtest.h>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Stages;

TEST(RecordWriter, ConfidenceOrdersHowTheSpeakerWasFound) {
  EXPECT_GT(ConfidenceFor(How::kExplicit), ConfidenceFor(How::kAfter));
  EXPECT_GT(ConfidenceFor(How::kAfter), ConfidenceFor(How::kTitle));
  EXPECT_GT(ConfidenceFor(How::kTitle), ConfidenceFor(How::kPreposed));
  EXPECT_GT(ConfidenceFor(How::kPreposed), ConfidenceFor(How::kImplied));
  EXPECT_GT(ConfidenceFor(How::kImplied), ConfidenceFor(How::kContinuation));
  EXPECT_STREQ(HowSuffix(How::kImplied), "/implied");
  EXPECT_STREQ(HowSuffix(How::kExplicit), "");
}

TEST(RecordWriter, OffsetsSliceTheOriginalWithItsDiacriticsAndTatweel) {
  const std::string text = "وقالَ المدرّبُ حسـام البدري: «الفريقُ جاهزٌ للمباراة».\nوأضاف أن الجماهير ستحضر.";
  Stages s(text);
  std::vector<v1::Quote> out;
  const size_t n = WriteRecords(s.view, s.cues, 0.0f, &s.constructions.records(), &out, 0);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(testing::CheckSpans(text, out), "");
  EXPECT_EQ(out[0].text(), "الفريقُ جاهزٌ للمباراة");
  EXPECT_EQ(out[0].speaker().mention(), "المدرّبُ حسـام البدري");
  EXPECT_EQ(out[0].cue().text(), "وقالَ");
  EXPECT_EQ(out[0].rule(), "cue_colon_quote");
  EXPECT_EQ(out[1].kind(), v1::INDIRECT);
  EXPECT_EQ(out[1].rule(), "cue_complementizer_clause/implied");
  EXPECT_EQ(out[0].index(), 0u);
  EXPECT_EQ(out[1].index(), 1u);
}

TEST(RecordWriter, MinConfidenceDropsWeakRecordsAndReuseOverwrites) {
  const std::string text = "وقال المدرب: «الفريق جاهز للمباراة».\nوأضاف أن الجماهير ستحضر.";
  Stages s(text);
  std::vector<v1::Quote> out(5);
  out[0].set_url("stale");
  const size_t n = WriteRecords(s.view, s.cues, 0.9f, &s.constructions.records(), &out, 0);
  ASSERT_EQ(n, 1u);  // the implied one is below 0.9
  EXPECT_EQ(out[0].url(), "");
  EXPECT_EQ(out.size(), 5u);
}

}  // namespace
}  // namespace qawl
