#include "qawl/lookup/index_text.h"

#include <unicode/uchar.h>

#include "qawl/normalizer.h"

namespace qawl::lookup {
namespace {

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
    case U_PRIVATE_USE_CHAR:
      return true;
    default:
      return false;
  }
}

uint64_t Mix(uint64_t x) {
  // splitmix64's finalizer.
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  x ^= x >> 31;
  return x;
}

}  // namespace

std::string IndexText(std::string_view text) {
  std::string folded = Normalizer::Default().Fold(text);
  std::string out;
  out.reserve(folded.size());
  bool in_word = false;
  size_t pos = 0;
  while (pos < folded.size()) {
    char32_t c = DecodeUtf8(folded, &pos);
    if (!IsWordChar(c)) {
      in_word = false;
      continue;
    }
    if (!in_word && !out.empty()) out.push_back(' ');
    in_word = true;
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    } else {
      AppendUtf8(static_cast<char32_t>(u_foldCase(static_cast<UChar32>(c), U_FOLD_CASE_DEFAULT)), &out);
    }
  }
  return out;
}

std::vector<std::string_view> SplitWords(std::string_view text) {
  std::vector<std::string_view> words;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t begin = text.find_first_not_of(' ', pos);
    if (begin == std::string_view::npos) break;
    size_t end = text.find(' ', begin);
    if (end == std::string_view::npos) end = text.size();
    words.push_back(text.substr(begin, end - begin));
    pos = end;
  }
  return words;
}

std::string FtsPhrase(const std::vector<std::string_view>& words) {
  std::string q = "\"";
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) q.push_back(' ');
    q.append(words[i]);
  }
  q.push_back('"');
  return q;
}

std::string FtsAllWords(const std::vector<std::string_view>& words) {
  std::string q;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) q.push_back(' ');
    q.push_back('"');
    q.append(words[i]);
    q.push_back('"');
  }
  return q;
}

uint64_t Hash64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
  for (char c : s) {
    h ^= static_cast<uint8_t>(c);
    h *= 0x100000001b3ull;
  }
  return Mix(h);
}

uint64_t TextKey(std::string_view speaker_id, std::string_view index_text) {
  return Mix(Hash64(speaker_id) * 31 + Hash64(index_text));
}

std::vector<uint64_t> WordHashes(const std::vector<std::string_view>& words) {
  std::vector<uint64_t> hashes;
  hashes.reserve(words.size());
  for (std::string_view w : words) hashes.push_back(Hash64(w));
  return hashes;
}

uint64_t RunKey(uint64_t speaker_hash, const uint64_t* word_hashes, size_t n) {
  uint64_t h = speaker_hash;
  for (size_t i = 0; i < n; ++i) h = Mix(h * 0x9E3779B97F4A7C15ull + word_hashes[i]);
  return h;
}

bool WordsAt(const std::vector<std::string_view>& haystack, size_t at, const std::vector<std::string_view>& needle) {
  if (at > haystack.size() || needle.size() > haystack.size() - at) return false;
  for (size_t i = 0; i < needle.size(); ++i) {
    if (haystack[at + i] != needle[i]) return false;
  }
  return true;
}

}  // namespace qawl::lookup
