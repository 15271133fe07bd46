#include "qawl/normalizer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// The normalized text and every offset.
struct Normalized {
  std::string text;
  std::vector<uint32_t> begins;  // OriginalBegin(0) ... OriginalBegin(text.size())
  friend bool operator==(const Normalized&, const Normalized&) = default;
};

Normalized NormalizeAll(std::string_view s) {
  NormalizedText t;
  Normalizer::Default().Normalize(s, &t);
  Normalized r{t.text(), {}};
  for (uint32_t i = 0; i <= t.text().size(); ++i) r.begins.push_back(t.OriginalBegin(i));
  return r;
}

void PrintTo(const Normalized& n, std::ostream* os) {
  *os << "\"" << n.text << "\" from";
  for (uint32_t b : n.begins) *os << " " << b;
}

// Texts of 16 bytes or more go through the vectorized runs, shorter ones
// code point by code point. Each code point the runs might cover, in a few
// contexts, comes out the same both ways: a short piece alone, and repeated
// (the pieces begin and end with letters, so they do not interact).
TEST(Normalizer, FastPathAgreesWithTheTable) {
  std::vector<char32_t> cps;
  for (char32_t c = 0; c < 0x800; ++c) cps.push_back(c);
  for (char32_t c = 0x2000; c < 0x2080; ++c) cps.push_back(c);
  for (char32_t c : {0xFB50, 0xFDF2, 0xFE70, 0xFEFB, 0xFEFF, 0xFF02, 0xFFFD}) cps.push_back(c);
  for (char32_t c : cps) {
    std::string x;
    AppendUtf8(c, &x);
    for (const std::string& piece : {"ب" + x + "ب", "ب " + x + " ب", "a" + x + x + "Z", "ى\n" + x + "ة"}) {
      ASSERT_LT(piece.size(), 16u);
      const Normalized one = NormalizeAll(piece);
      std::string repeated;
      Normalized expected;
      for (uint32_t k = 0; k < 8; ++k) {
        repeated += piece;
        expected.text += one.text;
        for (size_t j = 0; j < one.text.size(); ++j) {
          expected.begins.push_back(one.begins[j] + k * static_cast<uint32_t>(piece.size()));
        }
      }
      expected.begins.push_back(static_cast<uint32_t>(repeated.size()));
      ASSERT_EQ(NormalizeAll(repeated), expected) << "U+" << std::hex << static_cast<uint32_t>(c);
    }
  }
}

// A run covers at most 16 bytes and stops before a letter that straddles
// them: shifting the input shifts the result, whatever lands at a boundary.
TEST(Normalizer, ResultDoesNotDependOnAlignment) {
  const std::string text =
      "قالَ الرئيس  «نعم»\n\n“هذه” ة أإآ ى ئ ؤ ی کـــ ٢٠ Putin SAID\t\u00A0 ok.\r\n"
      "بوتين\u200Fقال \uFEFB \xFF\xD8 x ، ؛ ؟ ٪ \n وقال  :\n \"لا\" الأمم المتحدة والرئاسة";
  const Normalized base = NormalizeAll(text);
  for (uint32_t pad = 1; pad <= 34; ++pad) {
    Normalized expected{std::string(pad, 'x') + " " + base.text, {}};
    for (uint32_t k = 0; k <= pad; ++k) expected.begins.push_back(k);
    for (uint32_t b : base.begins) expected.begins.push_back(b + pad + 1);
    EXPECT_EQ(NormalizeAll(std::string(pad, 'x') + " " + text), expected) << "pad " << pad;
  }
}

TEST(SanitizeUtf8, ReplacesEachBadByteAnywhere) {
  std::string valid;
  for (int k = 0; k < 4; ++k) valid += "قال بوتين: \"نعم\" “لا” \U0001F600 ok \uFFFD ";
  ASSERT_TRUE(IsValidUtf8(valid));
  ASSERT_EQ(SanitizeUtf8(valid), valid);
  for (const std::string bad : {"\xFF", "\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80",
                                "\xF4\x90\x80\x80", "\xD8", "\xE2\x80", "\xF0\x9F\x98"}) {
    for (size_t at = 0; at <= valid.size(); ++at) {
      if (at < valid.size() && (static_cast<unsigned char>(valid[at]) & 0xC0) == 0x80) continue;
      const std::string s = valid.substr(0, at) + bad + valid.substr(at);
      std::string expected = valid.substr(0, at);
      for (size_t k = 0; k < bad.size(); ++k) expected += "\uFFFD";
      expected += valid.substr(at);
      EXPECT_FALSE(IsValidUtf8(s)) << "at " << at;
      EXPECT_EQ(SanitizeUtf8(s), expected) << "at " << at;
    }
  }
}

TEST(SanitizeUtf8, ReplacesEachBadByte) {
  EXPECT_EQ(SanitizeUtf8("ok"), "ok");
  EXPECT_EQ(SanitizeUtf8(std::string("\xE2\x80")), "\uFFFD\uFFFD");
  EXPECT_EQ(SanitizeUtf8("\uFFFD"), "\uFFFD");
  EXPECT_EQ(SanitizeUtf8(std::string("\xED\xA0\x80")), "\uFFFD\uFFFD\uFFFD") << "surrogates are invalid";
}

}  // namespace
}  // namespace qawl
