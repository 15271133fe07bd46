// Splitting normalized text into word tokens and sentence terminators.
//
// A token is a maximal run of word characters (IsWordChar: letters and
// digits of the scripts news text uses); a terminator is one of \n . ! ?
// and U+061F (؟). Everything else (spaces, punctuation, marks) separates
// tokens. Offsets are bytes into the text.
//
// Stateless; safe to call from any number of threads.
#ifndef QAWL_TOKENIZER_H_
#define QAWL_TOKENIZER_H_

#include <cstdint>
#include <string_view>
#include <vector>

namespace qawl {

struct Token {
  uint32_t begin;
  uint32_t end;
};

// Whether `c` belongs to a word: ASCII letters and digits, Latin-1 and
// Latin Extended letters, Greek to Hebrew, the Arabic letters and digits
// (not the harakat U+064B-U+065F, ٪ ٫ ٬ ٭ ۔ ۝ ۞ ۩), Arabic Supplement and
// Extended-A, Latin Extended Additional, CJK and Hangul.
constexpr bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  if (c >= 0x0621 && c <= 0x064A) return true;
  if (c >= 0x0660 && c <= 0x06FF) {
    return c != 0x066A && c != 0x066B && c != 0x066C && c != 0x066D && c != 0x06D4 &&
           c != 0x06DD && c != 0x06DE && c != 0x06E9;
  }
  if (c >= 0xC0 && c < 0x0370) return c != 0xD7 && c != 0xF7;
  if (c >= 0x0370 && c < 0x0600) return true;  // Greek, Cyrillic, Hebrew...
  if (c >= 0x0750 && c <= 0x077F) return true;
  if (c >= 0x08A0 && c <= 0x08C9) return true;
  if (c >= 0x1E00 && c <= 0x1FFF) return true;
  if (c >= 0x3040 && c <= 0x9FFF) return true;
  if (c >= 0xAC00 && c <= 0xD7AF) return true;
  return false;
}

// Appends the tokens of `text` to *tokens and the offsets of its
// terminators to *terminators, both in text order. The text must be valid
// UTF-8 (the Normalizer's output is) and shorter than 4 GiB. Other input
// is read safely, never past its end, but how it splits into tokens is
// unspecified: checking every two-byte sequence costs the hot loop 3%.
void Tokenize(std::string_view text, std::vector<Token>* tokens, std::vector<uint32_t>* terminators);

}  // namespace qawl

#endif  // QAWL_TOKENIZER_H_
