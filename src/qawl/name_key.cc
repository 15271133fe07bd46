#include "qawl/name_key.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cstddef>

#include "qawl/normalizer.h"

namespace qawl {

namespace {

// Both sides first spell a word as a sequence of units, one per sound:
// a key class (a consonant, see name_key.h) or one of these, which are
// resolved by position in Assemble.
constexpr char kVowel = 'V';  // ا ع ء / a e i o u: "A" first, else dropped
constexpr char kW = 'W';      // و / w: "w" first, else a vowel
constexpr char kY = 'Y';      // ي / y: "y" first, else a vowel

// Longest word read; the rest of a longer "word" is ignored.
constexpr size_t kMaxUnits = 64;

struct Units {
  std::array<char, kMaxUnits> unit;
  // What a unit was written with, when that decides whether two units of
  // one class in a row are one sound: the Arabic letter (ميللر, but not قج
  // in عراقجي); 0 for Latin, where any two are ("ck", "tt").
  std::array<char32_t, kMaxUnits> spelling;
  size_t size = 0;
  void Add(char c, char32_t written = 0) {
    if (size < kMaxUnits) {
      spelling[size] = written;
      unit[size++] = c;
    }
  }
};

std::string Assemble(const Units& u) {
  std::string key;
  char prev = 0;  // last class emitted; 0 after a vowel
  char32_t prev_spelling = 0;
  for (size_t i = 0; i < u.size; ++i) {
    char c = u.unit[i];
    if (i == 0) {
      if (c == kVowel) c = 'A';
      else if (c == kW) c = 'w';
      else if (c == kY) c = 'y';
    } else if (c == kVowel || c == kW || c == kY) {
      prev = 0;
      continue;
    }
    if (c != prev || u.spelling[i] != prev_spelling) key.push_back(c);
    prev = c;
    prev_spelling = u.spelling[i];
  }
  return key;
}

// ---------------------------------------------------------------------------
// Arabic

// Arabic units before the digraph rules. 'T' is ت (تس تز تش), 'C' is ش
// (initial شت شب), 'H' is ه (dropped last). 0: not a letter, skipped.
constexpr char kTeh = 'T';
constexpr char kSheen = 'C';
constexpr char kHeh = 'H';

// U+0621 .. U+064A.
constexpr char kArabic[] = {
    kVowel, kVowel, kVowel, kW,  kVowel, kY,  kVowel, 'b', kHeh, kTeh,    // ء آ أ ؤ إ ئ ا ب ة ت
    't',    'k',    'h',    'x', 'd',    'z', 'r',    'z', 's',  kSheen,  // ث ج ح خ د ذ ر ز س ش
    's',    'd',    't',    'z', kVowel, 'k', 0,      0,   0,    0,       // ص ض ط ظ ع غ (063B-063E)
    0,      0,      'f',    'k', 'k',    'l', 'm',    'n', kHeh, kW,      // (063F) ـ ف ق ك ل م ن ه و
    kY,     kY,                                                           // ى ي
};
static_assert(sizeof(kArabic) == 0x064A - 0x0621 + 1);

char ArabicUnit(char32_t c) {
  if (c >= 0x0621 && c <= 0x064A) return kArabic[c - 0x0621];
  switch (c) {
    case 0x0671: return kVowel;                       // ٱ
    case 0x067E: return 'b';                          // پ
    case 0x0686: return 'k';                          // چ (folded to ج)
    case 0x0698: return 'z';                          // ژ
    case 0x06A4: return 'f';                          // ڤ
    case 0x06A8: case 0x06A9: case 0x06AD: case 0x06AF: return 'k';  // ڨ ک ڭ گ
    case 0x06BE: case 0x06C1: case 0x06D5: return kHeh;  // ھ ہ ە
    case 0x06CC: return kY;                           // ی
    default: return 0;
  }
}

}  // namespace

namespace {

// The letter the Normalizer folds `c` to, for the consonants it folds
// (the vowel letters are all alike to SpellingDistance anyway).
char32_t FoldedLetter(char32_t c) {
  switch (c) {
    case 0x067E: return U'ب';                      // پ
    case 0x0686: return U'ج';                      // چ
    case 0x0698: return U'ز';                      // ژ
    case 0x06A4: return U'ف';                      // ڤ
    case 0x06A8: return U'ق';                      // ڨ
    case 0x06A9: case 0x06AD: case 0x06AF: return U'ك';  // ک ڭ گ
    case 0x0629: case 0x06BE: case 0x06C1: case 0x06D5: return U'ه';  // ة ھ ہ ە
    default: return c;
  }
}

// The units of an Arabic word, each with the letter it was written with.
void ArabicUnits(std::string_view word, Units* units) {
  Units raw;
  for (size_t pos = 0; pos < word.size() && raw.size < kMaxUnits;) {
    const auto b = static_cast<unsigned char>(word[pos]);
    char32_t c;
    // The Arabic block is two bytes, D8 80 .. DB BF: decode it inline.
    if (b >= 0xD8 && b <= 0xDB && pos + 1 < word.size() &&
        (static_cast<unsigned char>(word[pos + 1]) & 0xC0) == 0x80) {
      c = (static_cast<char32_t>(b & 0x1F) << 6) | (static_cast<unsigned char>(word[pos + 1]) & 0x3F);
      pos += 2;
    } else {
      c = DecodeUtf8(word, &pos);
    }
    if (char u = ArabicUnit(c)) raw.Add(u, FoldedLetter(c));
  }
  for (size_t i = 0; i < raw.size; ++i) {
    const char c = raw.unit[i];
    const char32_t written = raw.spelling[i];
    const char next = i + 1 < raw.size ? raw.unit[i + 1] : 0;
    switch (c) {
      case kTeh:
        if (next == 's' || next == 'z') {  // تس تز: German/Slavic ts
          units->Add('z', U'ز');
          ++i;
        } else if (next == kSheen) {  // تش: ch
          units->Add('c', U'ش');
          ++i;
        } else {
          units->Add('t', written);
        }
        break;
      case kSheen:  // شت شب at the start: German St- Sp-
        units->Add(i == 0 && (next == kTeh || next == 't' || next == 'b') ? 's' : 'c', written);
        break;
      case kHeh:  // a final ه (ة) is a vowel
        units->Add(i + 1 == raw.size && i > 0 ? kVowel : 'h', written);
        break;
      default:
        units->Add(c, written);
    }
  }
}

}  // namespace

std::string SkeletonKey(std::string_view word) {
  Units units;
  ArabicUnits(word, &units);
  return Assemble(units);
}

int SpellingDistance(std::string_view a, std::string_view b, VowelLetters vowels) {
  Units ua;
  Units ub;
  ArabicUnits(a, &ua);
  ArabicUnits(b, &ub);
  // Free swaps: the long vowels (not ع) among themselves, غ and ج (g), and
  // a digraph and its letter (تس is written ز, تش ش).
  auto vowel = [vowels](const Units& u, size_t i) {
    if (vowels == VowelLetters::kCounted) return false;
    const char c = u.unit[i];
    return (c == kVowel || c == kW || c == kY) && u.spelling[i] != U'ع';
  };
  auto alike = [&](size_t i, size_t j) {
    const char32_t x = ua.spelling[i];
    const char32_t y = ub.spelling[j];
    // و (o, u) is not swapped for ا ي (a, e, i): تدريس is not تيدروس.
    auto is_waw = [](char32_t c) { return c == U'و' || c == U'ؤ'; };
    if (vowel(ua, i) && vowel(ub, j)) return is_waw(x) == is_waw(y);
    return x == y || (x == U'غ' && y == U'ج') || (x == U'ج' && y == U'غ');
  };
  // Levenshtein over units, one row at a time.
  std::array<int, kMaxUnits + 1> row;
  for (size_t j = 0; j <= ub.size; ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= ua.size; ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= ub.size; ++j) {
      const int up = row[j];
      const int substitute = diagonal + (alike(i - 1, j - 1) ? 0 : 1);
      row[j] = std::min({substitute, up + 1, row[j - 1] + 1});
      diagonal = up;
    }
  }
  return row[ub.size];
}

// ---------------------------------------------------------------------------
// Latin

namespace {

// Lowercase ASCII letters of a Latin word, accents stripped.
struct Letters {
  std::array<char, kMaxUnits> letter;
  size_t size = 0;
  void Add(char c) {
    if (size < kMaxUnits) letter[size++] = c;
  }
  void Add(std::string_view s) {
    for (char c : s) Add(c);
  }
  char at(size_t i) const { return i < size ? letter[i] : 0; }
};

// The ASCII spelling of a lowercase non-ASCII Latin letter, or "" when it
// is not one.
std::string_view AsciiOf(char32_t c) {
  switch (c) {
    case U'ş': case U'š': case U'ș': return "sh";
    case U'ç': case U'č': case U'ć': return "ch";
    case U'ž': return "zh";
    case U'ß': return "ss";
    case U'æ': return "ae";
    case U'œ': return "oe";
    case U'ø': return "o";
    case U'ł': return "l";
    case U'đ': case U'ð': return "d";
    case U'þ': return "th";
    case U'ı': return "i";
    default: break;
  }
  // Anything else: the base letter of its canonical decomposition.
  static const icu::Normalizer2* nfd = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  if (nfd == nullptr) return "";
  icu::UnicodeString d;
  if (!nfd->getDecomposition(static_cast<UChar32>(c), d) || d.isEmpty()) return "";
  const char16_t base = d.charAt(0);
  if (base < 'a' || base > 'z') return "";
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz";
  return std::string_view(&kAlphabet[base - 'a'], 1);
}

bool IsLatinVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

}  // namespace

bool IsLatinWord(std::string_view word) {
  if (word.empty()) return false;
  const auto b = static_cast<unsigned char>(word[0]);
  if (b < 0x80) return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
  size_t pos = 0;
  const char32_t c = DecodeUtf8(word, &pos);
  return (c >= 0xC0 && c <= 0x024F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}

namespace {

Letters LatinLetters(std::string_view word) {
  Letters s;
  for (size_t pos = 0; pos < word.size() && s.size < kMaxUnits;) {
    const auto b = static_cast<unsigned char>(word[pos]);
    if (b < 0x80) {
      ++pos;
      if (b >= 'A' && b <= 'Z') s.Add(static_cast<char>(b - 'A' + 'a'));
      else if (b >= 'a' && b <= 'z') s.Add(static_cast<char>(b));
      continue;
    }
    const char32_t c = DecodeUtf8(word, &pos);
    s.Add(AsciiOf(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)))));
  }
  return s;
}

// Letters one Latin spelling of a name swaps for another at no cost.
char LatinSwapClass(char c) {
  switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y': return 'a';
    case 'c': case 'k': case 'q': return 'k';
    case 'f': case 'v': return 'f';
    default: return c;
  }
}

}  // namespace

int LatinSpellingDistance(std::string_view a, std::string_view b) {
  const Letters la = LatinLetters(a);
  const Letters lb = LatinLetters(b);
  std::array<int, kMaxUnits + 1> row;
  for (size_t j = 0; j <= lb.size; ++j) row[j] = static_cast<int>(j);
  for (size_t i = 1; i <= la.size; ++i) {
    int diagonal = row[0];
    row[0] = static_cast<int>(i);
    for (size_t j = 1; j <= lb.size; ++j) {
      const int up = row[j];
      const bool alike = LatinSwapClass(la.letter[i - 1]) == LatinSwapClass(lb.letter[j - 1]);
      row[j] = std::min({diagonal + (alike ? 0 : 1), up + 1, row[j - 1] + 1});
      diagonal = up;
    }
  }
  return row[lb.size];
}

std::string LatinKey(std::string_view word) {
  const Letters s = LatinLetters(word);

  Units units;
  for (size_t i = 0; i < s.size; ++i) {
    const char c = s.letter[i];
    const char n1 = s.at(i + 1);
    const char n2 = s.at(i + 2);
    const char n3 = s.at(i + 3);
    // Digraphs and trigraphs, longest first.
    if (c == 't' && n1 == 's' && n2 == 'c' && n3 == 'h') {  // tsch
      units.Add('c');
      i += 3;
      continue;
    }
    if ((c == 's' || c == 't') && n1 == 'c' && n2 == 'h') {  // sch tch
      units.Add('c');
      i += 2;
      continue;
    }
    if (c == 'd' && n1 == 'z' && n2 == 'h') {  // dzh: ج
      units.Add('k');
      i += 2;
      continue;
    }
    if (n1 == 'h') {
      char d = 0;
      switch (c) {
        case 'c': case 's': d = 'c'; break;  // ch sh
        case 'z': case 'g': d = 'k'; break;  // zh (ج) gh (غ)
        case 'k': d = 'x'; break;            // kh
        case 'p': d = 'f'; break;            // ph
        case 't': d = 't'; break;            // th
        case 'd': d = 'z'; break;            // dh (ذ ظ)
        case 'w': d = kW; break;             // wh
        case 'r': d = 'r'; break;            // rh
        default: break;
      }
      if (d != 0) {
        units.Add(d);
        ++i;
        continue;
      }
    }
    if (c == 't' && (n1 == 's' || n1 == 'z')) {  // ts tz: تس
      units.Add('z');
      ++i;
      continue;
    }
    if (c == 'd' && n1 == 'j') {  // dj: ج
      units.Add('k');
      ++i;
      continue;
    }
    switch (c) {
      case 'a': case 'e': case 'i': case 'o': case 'u': units.Add(kVowel); break;
      case 'y': units.Add(kY); break;
      case 'w': units.Add(kW); break;
      case 'b': case 'p': units.Add('b'); break;
      case 'c': units.Add(n1 == 'e' || n1 == 'i' || n1 == 'y' ? 's' : 'k'); break;
      case 'g': case 'j': case 'k': case 'q': units.Add('k'); break;
      case 'f': case 'v': units.Add('f'); break;
      case 'x':
        if (i == 0) {
          units.Add('c');  // Xi, Xavier: ش
        } else {
          units.Add('k');
          units.Add('s');
        }
        break;
      case 'h':
        // Silent last, and between o and a consonant (John, Johnson);
        // elsewhere ح or ه (Harris, Ahmed, Netanyahu).
        if (n1 == 0 || (i > 0 && s.letter[i - 1] == 'o' && !IsLatinVowel(n1))) break;
        units.Add('h');
        break;
      default: units.Add(c); break;  // d l m n r s t z
    }
  }
  return Assemble(units);
}

}  // namespace qawl
