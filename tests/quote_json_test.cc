// AppendQuoteJson must write exactly what protobuf's JSON printer writes:
// compared on every quote of the seed articles and on made-up quotes that
// reach every escape, float and default-value case.
#include "qawl/quote_json.h"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "qawl/normalizer.h"
#include "test_util.h"

namespace qawl {
namespace {

std::string Protobuf(const v1::Quote& q) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(q, &json, options);
  EXPECT_TRUE(status.ok()) << status.ToString();
  return json;
}

std::string Ours(const v1::Quote& q) {
  std::string json;
  AppendQuoteJson(q, &json);
  return json;
}

TEST(QuoteJsonTest, MatchesProtobufOnEverySeedQuote) {
  int compared = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(QAWL_TEST_DATA) / "seeds")) {
    std::string text = testing::ReadFile(entry.path());
    for (const v1::Quote& q : testing::ExtractText(text, entry.path().stem().string())) {
      ASSERT_EQ(Ours(q), Protobuf(q)) << "quote " << q.index() << " of " << entry.path();
      ++compared;
    }
  }
  EXPECT_GT(compared, 30);
}

TEST(QuoteJsonTest, MatchesProtobufOnEveryEscapeClass) {
  // Every code point up to U+3000, and the escaped ones above, one string
  // per block of 64 (in the text) and one per code point (in the rule).
  std::vector<uint32_t> points;
  for (uint32_t cp = 1; cp < 0x3000; ++cp) {
    if (cp < 0xD800 || cp > 0xDFFF) points.push_back(cp);
  }
  for (uint32_t cp : {0xFEFFu, 0xFFF9u, 0xFFFAu, 0xFFFBu, 0xFFFDu, 0xE0001u, 0xE0020u, 0xE007Fu, 0x1D173u,
                      0x1D17Au, 0x1F600u, 0x10FFFFu, 0xFB50u, 0xFE70u}) {
    points.push_back(cp);
  }
  for (size_t i = 0; i < points.size(); i += 64) {
    v1::Quote q;
    std::string text = "a";
    for (size_t k = i; k < std::min(points.size(), i + 64); ++k) AppendUtf8(points[k], &text);
    q.set_text(text + "z");
    ASSERT_EQ(Ours(q), Protobuf(q)) << "code points from U+" << std::hex << points[i];
  }
  for (uint32_t cp : points) {
    v1::Quote q;
    std::string s;
    AppendUtf8(cp, &s);
    q.set_rule(s);
    q.mutable_speaker()->set_mention("x" + s);
    ASSERT_EQ(Ours(q), Protobuf(q)) << "code point U+" << std::hex << cp;
  }
}

TEST(QuoteJsonTest, MatchesProtobufOnDefaultsSubmessagesAndFloats) {
  v1::Quote empty;
  EXPECT_EQ(Ours(empty), "{}");
  EXPECT_EQ(Ours(empty), Protobuf(empty));
  v1::Quote q;
  q.mutable_span();  // present but zero: {}
  q.mutable_speaker()->mutable_mention_span()->set_end(5);
  q.mutable_cue()->set_lemma("قال");
  q.set_kind(v1::INDIRECT);
  q.set_index(7);
  EXPECT_EQ(Ours(q), Protobuf(q));
  std::mt19937 rng(1);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (int i = 0; i < 20000; ++i) {
    float f = i < 1000 ? static_cast<float>(i) / 1000.0f : unit(rng);
    if (i % 7 == 0) f *= 0.95f;
    q.set_confidence(f);
    ASSERT_EQ(Ours(q), Protobuf(q)) << "confidence " << f;
  }
  for (float f : {-0.0f, 1e-30f, 3.4e38f, -2.5f, 123456789.0f}) {
    q.set_confidence(f);
    EXPECT_EQ(Ours(q), Protobuf(q)) << "confidence " << f;
  }
}

TEST(QuoteJsonTest, FallsBackToProtobufOnInvalidUtf8AndNonFinite) {
  v1::Quote q;
  q.set_article_id("bad\xff" "id");
  q.set_text("نص");
  // protobuf logs and prints what it can; we must print the same.
  EXPECT_EQ(Ours(q), Protobuf(q));
  q.set_article_id("ok");
  q.set_confidence(std::nanf(""));
  EXPECT_EQ(Ours(q), Protobuf(q));
  q.set_confidence(INFINITY);
  EXPECT_EQ(Ours(q), Protobuf(q));
}

TEST(QuoteJsonTest, JsonStringRejectsInvalidUtf8WithoutWriting) {
  std::string out = "x";
  EXPECT_FALSE(AppendJsonString("ab\xc3", &out));
  EXPECT_EQ(out, "x");
  EXPECT_TRUE(AppendJsonString("a\"b\\c\n<\x7f", &out));
  EXPECT_EQ(out, "x\"a\\\"b\\\\c\\n\\u003c\\u007f\"");
}

}  // namespace
}  // namespace qawl
