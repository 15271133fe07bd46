#include "qawl/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "qawl/normalizer.h"

namespace qawl {
namespace {

struct Result {
  std::vector<std::pair<uint32_t, uint32_t>> tokens;
  std::vector<uint32_t> terminators;
  bool operator==(const Result&) const = default;
};

void PrintTo(const Result& r, std::ostream* os) {
  *os << "tokens:";
  for (auto [b, e] : r.tokens) *os << " [" << b << "," << e << ")";
  *os << " terminators:";
  for (uint32_t t : r.terminators) *os << " " << t;
}

template <class F>
Result Run(F tokenize, std::string_view text) {
  std::vector<Token> tokens;
  std::vector<uint32_t> terminators;
  tokenize(text, &tokens, &terminators);
  Result r;
  for (const Token& t : tokens) r.tokens.emplace_back(t.begin, t.end);
  r.terminators = terminators;
  return r;
}

Result Tok(std::string_view text) { return Run(Tokenize, text); }

bool IsTerminator(char32_t c) { return c == '\n' || c == '.' || c == '!' || c == '?' || c == 0x061F; }

// The specification, from the code points: what both implementations must give.
Result Expected(const std::vector<char32_t>& text) {
  Result r;
  uint32_t pos = 0;
  bool in_word = false;
  for (char32_t c : text) {
    std::string bytes;
    AppendUtf8(c, &bytes);
    if (IsWordChar(c)) {
      if (!in_word) r.tokens.emplace_back(pos, 0);
      in_word = true;
    } else {
      if (in_word) r.tokens.back().second = pos;
      in_word = false;
      if (IsTerminator(c)) r.terminators.push_back(pos);
    }
    pos += static_cast<uint32_t>(bytes.size());
  }
  if (in_word) r.tokens.back().second = pos;
  return r;
}

std::string Encode(const std::vector<char32_t>& text) {
  std::string s;
  for (char32_t c : text) AppendUtf8(c, &s);
  return s;
}

// The words of `text` as strings, and terminators as offsets.
std::vector<std::string> Words(std::string_view text, const Result& r) {
  std::vector<std::string> out;
  for (auto [b, e] : r.tokens) out.emplace_back(text.substr(b, e - b));
  return out;
}

struct TokenCase {
  const char* name;
  std::string text;
  std::vector<std::string> words;
  std::vector<uint32_t> terminators;
};

void PrintTo(const TokenCase& c, std::ostream* os) { *os << c.name; }

class TokenizerTest : public ::testing::TestWithParam<TokenCase> {};

// Each case alone, then shifted by 1 to 64 spaces and followed by 80 more.
TEST_P(TokenizerTest, Splits) {
  const TokenCase& c = GetParam();
  for (size_t pad = 0; pad <= 64; ++pad) {
    const std::string text = std::string(pad, ' ') + c.text + (pad == 0 ? "" : std::string(80, ' '));
    const Result r = Tok(text);
    EXPECT_EQ(Words(text, r), c.words) << "pad " << pad;
    std::vector<uint32_t> expected;
    for (uint32_t t : c.terminators) expected.push_back(t + static_cast<uint32_t>(pad));
    EXPECT_EQ(r.terminators, expected) << "pad " << pad;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizerTest,
    ::testing::Values(
        TokenCase{"empty", "", {}, {}},
        TokenCase{"arabic", "قال الوزير", {"قال", "الوزير"}, {}},
        TokenCase{"arabic_punctuation", "نعم، لا؛ لماذا؟", {"نعم", "لا", "لماذا"}, {26}},
        TokenCase{"terminators", "أ.ب!ج?د\nه", {"أ", "ب", "ج", "د", "ه"}, {2, 5, 8, 11}},
        TokenCase{"ends_in_word", "في الجملة", {"في", "الجملة"}, {}},
        TokenCase{"latin_and_digits", "Putin said 2024: ok.", {"Putin", "said", "2024", "ok"}, {19}},
        TokenCase{"mixed", "قالت BBC إن", {"قالت", "BBC", "إن"}, {}},
        TokenCase{"arabic_indic_digits", "عام ٢٠٢٤ و۱۴۰۳", {"عام", "٢٠٢٤", "و۱۴۰۳"}, {}},
        TokenCase{"harakat_split", "كَتَب", {"ك", "ت", "ب"}, {}},
        TokenCase{"percent_and_separators", "50٪ و3٫5", {"50", "و3", "5"}, {}},
        TokenCase{"latin1", "café × naïve ÷ x", {"café", "naïve", "x"}, {}},
        TokenCase{"quotes_and_dashes", "قال: “نعم” — انتهى…", {"قال", "نعم", "انتهى"}, {}},
        TokenCase{"cjk_and_hangul", "中文 한국어", {"中文", "한국어"}, {}},
        TokenCase{"astral", "a😀b", {"a", "b"}, {}},
        TokenCase{"only_separators", " ، ؛ - ", {}, {}}),
    [](const ::testing::TestParamInfo<TokenCase>& info) { return info.param.name; });

// Code points to mix: every class boundary of IsWordChar and of UTF-8.
std::vector<char32_t> Interesting() {
  std::vector<char32_t> out = {' ', ' ', ' ', '\n', '.', '!', '?', ',', ':', '"', '0', '9', 'a', 'z', 'A', 'Z',
                               '@', '[', '`', '{', '/', 0x7F, 0, 0x80, 0xA0, 0xAB, 0xBB, 0xBF, 0xC0, 0xD7, 0xF7,
                               0xFF, 0x100, 0x36F, 0x370, 0x5FF, 0x600, 0x60C, 0x61B, 0x61F, 0x620, 0x621, 0x627,
                               0x63F, 0x640, 0x644, 0x64A, 0x64B, 0x650, 0x65F, 0x660, 0x669, 0x66A, 0x66D, 0x66E,
                               0x67F, 0x680, 0x6BF, 0x6C0, 0x6CC, 0x6D3, 0x6D4, 0x6D5, 0x6DC, 0x6DD, 0x6DE, 0x6DF,
                               0x6E8, 0x6E9, 0x6EA, 0x6F0, 0x6FF, 0x700, 0x74F, 0x750, 0x77F, 0x780, 0x7FF, 0x800,
                               0x8A0, 0x8C9, 0x8CA, 0x1E00, 0x1FFF, 0x2000, 0x2014, 0x201C, 0x201D, 0x2026, 0x3040,
                               0x9FFF, 0xAC00, 0xD7AF, 0xD7B0, 0xFEFF, 0xFF02, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF};
  // Arabic letters, the bulk of real text, weighted up.
  for (char32_t c = 0x621; c <= 0x64A; ++c) out.push_back(c);
  return out;
}

TEST(Tokenizer, EveryTwoByteCodePointAloneAndBetweenLetters) {
  std::vector<char32_t> samples;
  for (char32_t c = 0; c < 0x800; ++c) samples.push_back(c);
  for (char32_t c = 0x800; c <= 0x10FFFF; c += 0x3F) {
    if (c < 0xD800 || c > 0xDFFF) samples.push_back(c);
  }
  for (char32_t c : Interesting()) samples.push_back(c);
  for (char32_t c : samples) {
    for (const std::vector<char32_t>& text :
         {std::vector<char32_t>{c}, std::vector<char32_t>{0x628, c, 0x628}, std::vector<char32_t>{'a', c, 'b'}}) {
      // Alone, and repeated at both byte parities.
      std::vector<char32_t> repeated;
      for (int k = 0; k < 50; ++k) repeated.insert(repeated.end(), text.begin(), text.end());
      for (const auto& t : {text, repeated}) {
        const std::string s = Encode(t);
        ASSERT_EQ(Tok(s), Expected(t)) << "U+" << std::hex << static_cast<uint32_t>(c);
      }
    }
  }
}

TEST(Tokenizer, RandomMixesAgreeWithTheSpecification) {
  const std::vector<char32_t> pool = Interesting();
  std::mt19937 rng(20261125);
  std::uniform_int_distribution<size_t> pick(0, pool.size() - 1);
  std::uniform_int_distribution<int> length(0, 160);
  std::vector<char32_t> text;
  for (int n = 0; n < 1'000'000; ++n) {
    text.clear();
    for (int k = length(rng); k > 0; --k) text.push_back(pool[pick(rng)]);
    const std::string s = Encode(text);
    const Result expected = Expected(text);
    ASSERT_EQ(Tok(s), expected) << "case " << n;
  }
}

// Not what the Normalizer gives, but read within the text all the same.
TEST(Tokenizer, InvalidUtf8StaysInTheText) {
  const std::vector<unsigned char> bytes = {' ', 'a', '.', 0x80, 0x9F, 0xA1, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xD8,
                                            0xD9, 0xDB, 0xDD, 0xDF, 0xE0, 0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> pick(0, bytes.size() - 1);
  std::uniform_int_distribution<int> length(0, 200);
  for (int n = 0; n < 200'000; ++n) {
    std::string s;
    for (int k = length(rng); k > 0; --k) s.push_back(static_cast<char>(bytes[pick(rng)]));
    // A copy of exactly the text's size, so that sanitizers see any read past it.
    const std::vector<char> exact(s.begin(), s.end());
    const Result r = Tok(std::string_view(exact.data(), exact.size()));
    uint32_t last = 0;
    for (auto [b, e] : r.tokens) {
      ASSERT_LE(last, b) << "case " << n;
      ASSERT_LT(b, e) << "case " << n;
      last = e;
    }
    ASSERT_LE(last, s.size()) << "case " << n;
  }
}

TEST(Tokenizer, SeedArticlesAgreeWithTheSpecification) {
  int articles = 0;
  for (const auto& entry : std::filesystem::directory_iterator(QAWL_TEST_DATA "/seeds")) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    NormalizedText norm;
    Normalizer::Default().Normalize(buffer.str(), &norm);
    std::vector<char32_t> code_points;
    for (size_t i = 0; i < norm.text().size();) code_points.push_back(DecodeUtf8(norm.text(), &i));
    const Result r = Tok(norm.text());
    EXPECT_EQ(r, Expected(code_points)) << entry.path();
    EXPECT_GT(r.tokens.size(), 100u) << entry.path();
    ++articles;
  }
  EXPECT_GT(articles, 0);
}

TEST(Tokenizer, Appends) {
  std::vector<Token> tokens = {{1, 2}};
  std::vector<uint32_t> terminators = {3};
  Tokenize("ab. c", &tokens, &terminators);
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[1].begin, 0u);
  EXPECT_EQ(tokens[2].end, 5u);
  EXPECT_EQ(terminators, (std::vector<uint32_t>{3, 2}));
}

}  // namespace
}  // namespace qawl
