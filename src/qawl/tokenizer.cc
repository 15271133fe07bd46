#include "qawl/tokenizer.h"

#include <array>

#include "qawl/normalizer.h"

namespace qawl {

namespace {

// The code points of one- and two-byte UTF-8 (nearly all of Arabic news
// text) by what tokenizing needs of them.
enum CharClass : uint8_t { kOther, kWord, kTerminator };
constexpr std::array<uint8_t, 0x800> kCharClass2 = [] {
  std::array<uint8_t, 0x800> t{};
  for (char32_t c = 0; c < 0x800; ++c) t[c] = IsWordChar(c) ? kWord : kOther;
  for (char32_t c : {U'\n', U'.', U'!', U'?', U'\u061F'}) t[c] = kTerminator;  // ؟
  return t;
}();

}  // namespace

void Tokenize(std::string_view text, std::vector<Token>* tokens, std::vector<uint32_t>* terminators) {
  const auto n = static_cast<uint32_t>(text.size());  // offsets are 32-bit
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  constexpr uint32_t kNone = UINT32_MAX;
  uint32_t start = kNone;  // where the token being read begins
  size_t i = 0;
  while (i < n) {
    const auto pos = static_cast<uint32_t>(i);
    uint8_t cls;
    const unsigned char b = s[i];
    if (b < 0x80) {
      cls = kCharClass2[b];
      ++i;
    } else if (b < 0xE0 && i + 1 < n) {  // a two-byte character in valid UTF-8
      cls = kCharClass2[((b & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)];
      i += 2;
    } else {
      size_t next = i;  // i's address must not escape: it lives in a register
      cls = IsWordChar(DecodeUtf8(text, &next)) ? kWord : kOther;
      i = next;
    }
    if (cls == kWord) {
      if (start == kNone) start = pos;
      continue;
    }
    if (start != kNone) {
      tokens->push_back(Token{start, pos});
      start = kNone;
    }
    if (cls == kTerminator) terminators->push_back(pos);
  }
  if (start != kNone) tokens->push_back(Token{start, n});
}

}  // namespace qawl
