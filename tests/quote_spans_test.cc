#include "qawl/quote_spans.h"

#include <gtest/gtest.h>

#include <random>
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
        SpanCase{"unclosed_guillemet_nests_other_marks",
                 "قال: «سألني قارئ: \"هل تكتب؟\"، فضحكت.\n«الرواية ذاكرة».",
                 {"سألني قارئ: \"هل تكتب؟\"، فضحكت.", "الرواية ذاكرة"}},
        SpanCase{"unclosed_guillemet_then_another_guillemet", "«نحن مستعدون. قال الوزير: «هذا واضح»",
                 {"نحن مستعدون.", "هذا واضح"}},
        SpanCase{"per_paragraph", "قال: \"أولا\nثانيا\" انتهى", {"أولا", "ثانيا"}},
        SpanCase{"open_quote_runs_through_unmarked_paragraphs",
                 "قال: \"أولا.\nثانيا.\n\nثالثا\".\nوأضاف أن الوضع صعب.",
                 {"أولا.", "ثانيا.", "ثالثا"}},
        SpanCase{"unmarked_paragraphs_without_a_closer_stay_unquoted",
                 "قال: \"أولا.\nثانيا.\nوقال آخر: \"ثالثا\".",
                 {"أولا.", "ثالثا"}},
        SpanCase{"too_many_unmarked_paragraphs", "قال: \"أ.\nب.\nج.\nد.\nه.\nو\".", {"أ.", "و"}},
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

namespace qawl {
namespace {

std::string Utf8(char32_t c) {
  std::string s;
  AppendUtf8(c, &s);
  return s;
}

// Marks are found a block of bytes at a time; every offset from a block's
// start, and the short tail of the text, must give the same spans.
TEST(QuoteSpans, SameSpansAtEveryOffset) {
  const std::string text =
      "قال: \"نعم\" ثم «لا» و“ربما”.\n"
      "قال أحدهم ”كلام «منقول» هنا“ انتهى\n"
      "قائلا: لن نسلم أسلحتنا\".\n"
      "وقال: \"لن نتراجع عن موقفنا";
  const std::vector<QuoteSpan> base = FindQuoteSpans(text);
  ASSERT_EQ(base.size(), 7u);
  for (uint32_t k = 1; k <= 200; ++k) {
    std::string shifted = std::string(k - 1, 'a') + "\n" + text;
    std::vector<QuoteSpan> spans = FindQuoteSpans(shifted);
    ASSERT_EQ(spans.size(), base.size()) << "offset " << k;
    for (size_t j = 0; j < spans.size(); ++j) {
      const QuoteSpan& a = spans[j];
      const QuoteSpan& b = base[j];
      EXPECT_EQ(a.open, b.has_open() ? b.open + k : QuoteSpan::kNoMark) << "offset " << k;
      EXPECT_EQ(a.close, b.has_close() ? b.close + k : QuoteSpan::kNoMark) << "offset " << k;
      EXPECT_EQ(a.open_end, b.open_end + k) << "offset " << k;
      EXPECT_EQ(a.close_end, b.close_end + k) << "offset " << k;
      EXPECT_EQ(a.inner, (ByteSpan{b.inner.begin + k, b.inner.end + k})) << "offset " << k;
      EXPECT_EQ(a.depth, b.depth) << "offset " << k;
    }
  }
}

// Sets whose marks start with many different bytes are scanned a byte at
// a time, the others with SIMD compares where the CPU has them: marks that
// never occur in the text must not change the spans either way.
TEST(QuoteSpans, ScanDoesNotChangeSpans) {
  std::vector<char32_t> builtin = QuoteMarks().marks();
  std::vector<char32_t> many = builtin;
  for (char32_t c : {0x3008, 0x4E00, 0x5000, 0x6000, 0x7000, 0x8000, 0x1F5E8}) many.push_back(c);
  const QuoteMarks few_leads(builtin), many_leads(many);
  std::vector<std::string> pieces = {" ", " ", " ", "\n", ":", ".", "؟", "،", "-", "(", ")", "a"};
  for (char32_t c = 0x627; c <= 0x64A; ++c) pieces.push_back(Utf8(c));
  std::vector<std::string> marks;
  for (char32_t c : builtin) marks.push_back(Utf8(c));
  std::mt19937 rng(7);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const size_t size = rng() % 4 == 0 ? rng() % 64 : rng() % 600;
    while (text.size() < size) {
      text += rng() % 8 == 0 ? marks[rng() % marks.size()] : pieces[rng() % pieces.size()];
    }
    std::vector<QuoteSpan> a = FindQuoteSpans(text, few_leads);
    std::vector<QuoteSpan> b = FindQuoteSpans(text, many_leads);
    ASSERT_EQ(a.size(), b.size()) << text;
    for (size_t j = 0; j < a.size(); ++j) {
      EXPECT_EQ(a[j].open, b[j].open) << text;
      EXPECT_EQ(a[j].close, b[j].close) << text;
      EXPECT_EQ(a[j].inner, b[j].inner) << text;
      EXPECT_EQ(a[j].depth, b[j].depth) << text;
    }
  }
}

TEST(QuoteMarks, MarksOutsideTheBasicPlane) {
  QuoteMarks marks({0x1F5E8, '"'});
  EXPECT_TRUE(marks.contains(0x1F5E8));
  EXPECT_FALSE(marks.contains(0x1F5E9));
  EXPECT_FALSE(marks.contains(0x201C));
  EXPECT_TRUE(marks.contains('"'));
  std::string text = "قال: " + Utf8(0x1F5E8) + "نعم" + Utf8(0x1F5E8) + " ثم \"لا\"";
  std::vector<QuoteSpan> spans = FindQuoteSpans(text, marks);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].inner.begin, spans[0].inner.size()), "نعم");
  EXPECT_EQ(text.substr(spans[1].inner.begin, spans[1].inner.size()), "لا");
}

}  // namespace
}  // namespace qawl
