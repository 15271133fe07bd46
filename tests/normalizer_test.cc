#include "qawl/normalizer.h"

#include <gtest/gtest.h>

#include <string>

namespace qawl {
namespace {

struct FoldCase {
  const char* name;
  std::string input;
  std::string expected;
};

void PrintTo(const FoldCase& c, std::ostream* os) { *os << c.name; }

class FoldTest : public ::testing::TestWithParam<FoldCase> {};

TEST_P(FoldTest, Folds) {
  const FoldCase& c = GetParam();
  EXPECT_EQ(Normalizer::Default().Fold(c.input), c.expected) << "input: " << c.input;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FoldTest,
    ::testing::Values(
        FoldCase{"diacritics", "قَالَ الرَّئِيسُ", "قال الرييس"},
        FoldCase{"tatweel", "وقـــــال", "وقال"},
        FoldCase{"alef_variants", "أإآٱ", "اااا"},
        FoldCase{"yeh_and_alef_maqsura", "زيلينسكى ی", "زيلينسكي ي"},
        FoldCase{"teh_marbuta", "وزارة", "وزاره"},
        FoldCase{"hamza_seats", "مؤكدا الرئيس", "موكدا الرييس"},
        FoldCase{"persian_letters", "پوتین کيربي گ", "بوتين كيربي ك"},
        FoldCase{"digits", "٢٠٢٤ و۱۴۰۳", "2024 و1403"},
        FoldCase{"bidi_and_zero_width", "\u200Fبوتين\u200C\u061C\u2067قال\u2069\uFEFF", "بوتينقال"},
        FoldCase{"presentation_forms", "\uFEFB \uFDF2", "لا الله"},
        FoldCase{"isolated_harakat_dropped", "ب\uFE70ت", "بت"},
        FoldCase{"whitespace_runs", "  قال \t\u00A0 بوتين  ", "قال بوتين"},
        FoldCase{"paragraphs", "أ\r\n\r\n  ب\n", "ا\nب"},
        FoldCase{"ascii_lowercase", "Putin SAID", "putin said"},
        FoldCase{"quote_marks_kept", "«نعم» ”لا“ \"x\"", "«نعم» ”لا“ \"x\""},
        FoldCase{"fullwidth", "\uFF1A\uFF1F", ":?"},
        FoldCase{"invalid_utf8", std::string("a\xFF\xC3z"), "a\uFFFD\uFFFDz"},
        FoldCase{"nul_dropped", std::string("a\0b", 3), "ab"}),
    [](const ::testing::TestParamInfo<FoldCase>& info) { return info.param.name; });

TEST(NormalizedText, MapsEveryByteBackToItsSource) {
  // The example of ../shared/reference/arabic.md: RLM + lam-alef ligature.
  std::string original = "\u200F\uFEFB قال\u200C: ”نعم“";
  NormalizedText t;
  Normalizer::Default().Normalize(original, &t);
  EXPECT_EQ(t.text(), "لا قال: ”نعم“");
  EXPECT_EQ(t.OriginalBegin(0), 3u) << "destination byte 0 comes from the ligature after the RLM";
  EXPECT_EQ(t.OriginalBegin(2), 3u) << "both letters come from one ligature";
  EXPECT_EQ(t.original_size(), original.size());
  // Monotonic, in range.
  for (uint32_t i = 0; i + 1 <= t.text().size(); ++i) {
    ASSERT_LE(t.OriginalBegin(i), t.OriginalBegin(i + 1)) << "at " << i;
    ASSERT_LE(t.OriginalBegin(i), original.size());
  }
}

TEST(NormalizedText, SpansMapToTheOriginalWithMarksAndWithoutControls) {
  std::string original = "قالَ \u200Fبُوتِينُ\u200F اليومَ";
  NormalizedText t;
  Normalizer::Default().Normalize(original, &t);
  ASSERT_EQ(t.text(), "قال بوتين اليوم");
  size_t b = t.text().find("بوتين");
  ByteSpan span = t.ToOriginal(ByteSpan{static_cast<uint32_t>(b), static_cast<uint32_t>(b + std::string("بوتين").size())},
                               original);
  EXPECT_EQ(original.substr(span.begin, span.size()), "بُوتِينُ") << "diacritics kept, RLM trimmed";
  ByteSpan all = t.ToOriginal(ByteSpan{0, static_cast<uint32_t>(t.text().size())}, original);
  EXPECT_EQ(original.substr(all.begin, all.size()), original);
}

TEST(NormalizedText, InvalidBytesKeepTheirOffsets) {
  std::string original = std::string("قال \xFF\xFE بوتين");
  NormalizedText t;
  Normalizer::Default().Normalize(original, &t);
  size_t b = t.text().find("بوتين");
  ASSERT_NE(b, std::string::npos);
  EXPECT_EQ(t.OriginalBegin(static_cast<uint32_t>(b)), original.find("بوتين"));
}

TEST(SanitizeUtf8, ReplacesEachBadByte) {
  EXPECT_EQ(SanitizeUtf8("ok"), "ok");
  EXPECT_EQ(SanitizeUtf8(std::string("\xE2\x80")), "\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\uFFFD"), "\uFFFD");
  EXPECT_EQ(SanitizeUtf8(std::string("\xED\xA0\x80")), "\uFFFD\uFFFD\uFFFD") << "surrogates are invalid";
}

}  // namespace
}  // namespace qawl
