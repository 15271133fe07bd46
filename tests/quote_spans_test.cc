#include "qawl/quote_spans.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace qawl {
namespace {

// Top-level quoted texts, in order.
std::vector<std::string> TopLevel(const std::string& text) {
  std::vector<std::string> out;
  for (const QuoteSpan& q : FindQuoteSpans(text)) {
    if (q.depth == 0) out.push_back(text.substr(q.inner.begin, q.inner.size()));
  }
  return out;
}

struct SpanCase {
  const char* name;
  std::string text;
  std::vector<std::string> expected;
};

void PrintTo(const SpanCase& c, std::ostream* os) { *os << c.name; }

class QuoteSpansTest : public ::testing::TestWithParam<SpanCase> {};

TEST_P(QuoteSpansTest, PairsMarks) {
  const SpanCase& c = GetParam();
  EXPECT_EQ(TopLevel(c.text), c.expected) << "text: " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QuoteSpansTest,
    ::testing::Values(
        SpanCase{"ascii", "قال: \"نعم\" ثم \"لا\"", {"نعم", "لا"}},
        SpanCase{"english_order", "قال: “نعم”.", {"نعم"}},
        SpanCase{"cldr_arabic_order", "قال: ”نعم“.", {"نعم"}},
        SpanCase{"same_mark_twice", "قال: ”نعم”.", {"نعم"}},
        SpanCase{"guillemets", "قال «نعم» و«لا»", {"نعم", "لا"}},
        SpanCase{"glued_to_prefix", "تؤمن ب”القيادة الحكيمة” لبوتين", {"القيادة الحكيمة"}},
        SpanCase{"closing_glued_to_next_word", "\"تهنئة بوتين\"قال بيسكوف", {"تهنئة بوتين"}},
        SpanCase{"colon_glued", "وقال:” نحتاج إلى وقت”", {"نحتاج إلى وقت"}},
        SpanCase{"never_closed", "قال: \"لن نتراجع عن موقفنا", {"لن نتراجع عن موقفنا"}},
        SpanCase{"closed_without_opening", "قائلا: لن نسلم أسلحتنا\".", {"لن نسلم أسلحتنا"}},
        SpanCase{"unclosed_then_new_quote", "“نحن مستعدون. قال الوزير: “هذا واضح”", {"نحن مستعدون.", "هذا واضح"}},
        SpanCase{"per_paragraph", "قال: \"أولا\nثانيا\" انتهى", {"أولا", "ثانيا"}},
        SpanCase{"empty_quotes_ignored", "\"\" نص", {}},
        SpanCase{"no_marks", "لا علامات هنا", {}}),
    [](const ::testing::TestParamInfo<SpanCase>& info) { return info.param.name; });

TEST(QuoteSpans, NestedQuoteIsInsideTheOuter) {
  std::string text = "قال: «كما قال أحدهم “لا سلام بلا عدالة” ونحن نؤمن بذلك».";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].depth, 0);
  EXPECT_EQ(text.substr(spans[0].inner.begin, spans[0].inner.size()), "كما قال أحدهم “لا سلام بلا عدالة” ونحن نؤمن بذلك");
  EXPECT_EQ(spans[1].depth, 1);
  EXPECT_EQ(text.substr(spans[1].inner.begin, spans[1].inner.size()), "لا سلام بلا عدالة");
}

TEST(QuoteSpans, ManyMarksStayInsideTheText) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += (i % 3 == 0) ? "\" كلمة" : "”";
  for (const QuoteSpan& q : FindQuoteSpans(text)) {
    ASSERT_LE(q.inner.end, text.size());
    ASSERT_LE(q.inner.begin, q.inner.end);
  }
}

}  // namespace
}  // namespace qawl

namespace qawl {
namespace {

TEST(QuoteMarks, SetFromPatternDataDecidesWhatPairs) {
  // Only guillemets: ASCII marks are ordinary characters then.
  QuoteMarks guillemets({0xAB, 0xBB});
  std::string text = "قال: «نعم» و\"لا\"";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text, guillemets);
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_EQ(text.substr(spans[0].inner.begin, spans[0].inner.size()), "نعم");
  EXPECT_TRUE(guillemets.contains(0xAB));
  EXPECT_FALSE(guillemets.contains('"'));
}

}  // namespace
}  // namespace qawl
