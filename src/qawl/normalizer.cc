#include "qawl/normalizer.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <simdjson.h>

#include <array>
#include <cassert>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#define QAWL_NORMALIZER_SSE2 1
#endif

namespace qawl {

namespace {

// Actions for code points in the table below; values >= 0 are replacements.
constexpr int32_t kKeep = -1;
constexpr int32_t kDelete = -2;
constexpr int32_t kSpace = -3;
constexpr int32_t kNewline = -4;
constexpr int32_t kNfkc = -5;  // ask ICU

constexpr char32_t kTableSize = 0x900;  // U+0000-U+08FF: Latin-1 to Arabic Ext-A

struct FoldTable {
  std::array<int32_t, kTableSize> action{};

  FoldTable() {
    action.fill(kKeep);
    auto set = [&](char32_t lo, char32_t hi, int32_t a) {
      for (char32_t c = lo; c <= hi; ++c) action[c] = a;
    };
    // Controls: C0 controls other than whitespace are dropped.
    set(0x00, 0x1F, kDelete);
    set(0x7F, 0x9F, kDelete);
    action['\t'] = kSpace;
    action['\v'] = kSpace;
    action['\f'] = kSpace;
    action[' '] = kSpace;
    action['\r'] = kNewline;
    action['\n'] = kNewline;
    action[0x85] = kNewline;
    action[0xA0] = kSpace;
    action[0xAD] = kDelete;  // soft hyphen
    set('A', 'Z', kKeep);
    for (char32_t c = 'A'; c <= 'Z'; ++c) action[c] = static_cast<int32_t>(c + 32);
    // Latin-1 compatibility characters (ª, ², ¼, ...) go through NFKC.
    for (char32_t c : {0xA8, 0xAA, 0xAF, 0xB2, 0xB3, 0xB4, 0xB5, 0xB8, 0xB9,
                       0xBA, 0xBC, 0xBD, 0xBE}) {
      action[c] = kNfkc;
    }
    action[0x034F] = kDelete;  // combining grapheme joiner
    // Arabic marks, tatweel, Quranic annotation signs.
    set(0x0610, 0x061A, kDelete);
    action[0x061C] = kDelete;  // ALM
    set(0x064B, 0x065F, kDelete);
    action[0x0640] = kDelete;
    action[0x0670] = kDelete;
    action[0x0674] = kDelete;  // high hamza
    set(0x06D6, 0x06ED, kDelete);
    set(0x08CA, 0x08E1, kDelete);
    set(0x08E3, 0x08FF, kDelete);
    set(0x0898, 0x089F, kDelete);
    // Alef variants.
    for (char32_t c : {0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673, 0x0675}) {
      action[c] = 0x0627;
    }
    // Hamza seats.
    action[0x0624] = 0x0648;  // ؤ -> و
    action[0x0626] = 0x064A;  // ئ -> ي
    action[0x0678] = 0x064A;
    // Yeh family.
    for (char32_t c : {0x0649, 0x06CC, 0x06CD, 0x06CE, 0x06D0, 0x06D1, 0x06D2,
                       0x06D3, 0x063D, 0x063E, 0x063F}) {
      action[c] = 0x064A;
    }
    // Teh marbuta, heh family.
    action[0x0629] = 0x0647;
    action[0x06C3] = 0x0647;
    for (char32_t c : {0x06BE, 0x06C0, 0x06C1, 0x06C2, 0x06D5, 0x06FF}) {
      action[c] = 0x0647;
    }
    // Kaf family, including gaf and ng.
    for (char32_t c = 0x06A9; c <= 0x06B4; ++c) action[c] = 0x0643;
    action[0x063B] = 0x0643;
    action[0x063C] = 0x0643;
    // Other Persian/Urdu/Maghrebi letters.
    action[0x067E] = 0x0628;  // پ
    action[0x0686] = 0x062C;  // چ
    action[0x0698] = 0x0632;  // ژ
    action[0x06A4] = 0x0641;  // ڤ
    action[0x06A5] = 0x0641;
    action[0x06A6] = 0x0641;
    action[0x06A7] = 0x0642;
    action[0x06A8] = 0x0642;  // ڨ
    action[0x0679] = 0x062A;
    action[0x0688] = 0x062F;
    action[0x0691] = 0x0631;
    action[0x06BA] = 0x0646;
    // Digits.
    for (char32_t d = 0; d < 10; ++d) {
      action[0x0660 + d] = static_cast<int32_t>('0' + d);
      action[0x06F0 + d] = static_cast<int32_t>('0' + d);
    }
    // Arabic format characters (number signs) carry no text.
    set(0x0600, 0x0605, kDelete);
    action[0x06DD] = kDelete;
    action[0x0890] = kDelete;
    action[0x0891] = kDelete;
    action[0x08E2] = kDelete;
  }
};

const FoldTable& Table() {
  static const FoldTable* table = new FoldTable();
  return *table;
}

bool IsQuoteMark(char32_t c) {
  switch (c) {
    case 0x22: case 0x27: case 0xAB: case 0xBB:
    case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    case 0x2039: case 0x203A: case 0x2032: case 0x2033:
    case 0x275B: case 0x275C: case 0x275D: case 0x275E:
    case 0xFF02:
      return true;
    default:
      return false;
  }
}

int32_t ActionFor(char32_t c, const icu::Normalizer2* nfkc) {
  if (c < kTableSize) return Table().action[c];
  if (IsQuoteMark(c)) return kKeep;
  if (c == 0xFFFD) return kKeep;
  if (c == 0x2028 || c == 0x2029) return kNewline;
  if ((c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000) {
    return kSpace;
  }
  if (u_hasBinaryProperty(static_cast<UChar32>(c), UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) {
    return kDelete;
  }
  if (nfkc == nullptr || nfkc->isInert(static_cast<UChar32>(c))) return kKeep;
  return kNfkc;
}

// Emits normalized text with its origin map into raw buffers. The caller
// guarantees capacity with Reserve(); Finish() trims to the length used.
class Emitter {
 public:
  Emitter(std::string* text, std::vector<uint32_t>* origin) : text_(text), origin_(origin) {}

  // Room for `extra` more bytes.
  void Reserve(size_t extra) {
    if (len_ + extra <= text_->size()) return;
    size_t size = std::max(text_->size() * 2, len_ + extra);
    text_->resize(size);
    origin_->resize(size);
  }
  void Bytes(const char* bytes, size_t n, uint32_t from) {
    if (pending_space_) FlushSpace();
    char* t = text_->data() + len_;
    uint32_t* o = origin_->data() + len_;
    for (size_t k = 0; k < n; ++k) {
      t[k] = bytes[k];
      o[k] = from;
    }
    len_ += n;
  }
  void Char(char32_t c, uint32_t from) {
    char buf[4];
    size_t n = EncodeUtf8(c, buf);
    Reserve(n + 1);
    Bytes(buf, n, from);
  }
  void Space(uint32_t from) {
    if (!pending_space_) space_from_ = from;
    pending_space_ = true;
  }
  void Newline(uint32_t from) {
    pending_space_ = false;
    if (len_ == 0 || (*text_)[len_ - 1] == '\n') return;
    (*text_)[len_] = '\n';
    (*origin_)[len_] = from;
    ++len_;
  }
  void SetState(size_t len, bool pending, uint32_t space_from) {
    len_ = len;
    pending_space_ = pending;
    space_from_ = space_from;
  }
  void GetState(size_t* len, bool* pending, uint32_t* space_from) const {
    *len = len_;
    *pending = pending_space_;
    *space_from = space_from_;
  }
  void Finish() {
    // Texts end with content, not with a paragraph break.
    if (len_ > 0 && (*text_)[len_ - 1] == '\n') --len_;
    text_->resize(len_);
    origin_->resize(len_);
  }

  static size_t EncodeUtf8(char32_t c, char* out) {
    if (c < 0x80) {
      out[0] = static_cast<char>(c);
      return 1;
    }
    if (c < 0x800) {
      out[0] = static_cast<char>(0xC0 | (c >> 6));
      out[1] = static_cast<char>(0x80 | (c & 0x3F));
      return 2;
    }
    if (c < 0x10000) {
      out[0] = static_cast<char>(0xE0 | (c >> 12));
      out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out[2] = static_cast<char>(0x80 | (c & 0x3F));
      return 3;
    }
    out[0] = static_cast<char>(0xF0 | (c >> 18));
    out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (c & 0x3F));
    return 4;
  }

 private:
  void FlushSpace() {
    pending_space_ = false;
    if (len_ == 0 || (*text_)[len_ - 1] == '\n') return;
    (*text_)[len_] = ' ';
    (*origin_)[len_] = space_from_;
    ++len_;
  }

  std::string* text_;
  std::vector<uint32_t>* origin_;
  size_t len_ = 0;
  bool pending_space_ = false;
  uint32_t space_from_ = 0;
};

// The actions for U+0000-U+07FF (one and two UTF-8 bytes) and for General
// Punctuation U+2000-U+207F (quotation marks, dashes, bidi controls, spaces)
// precomputed as UTF-8 bytes, so the common cases need no decode or encode.
// Anything else, and whatever needs NFKC, takes the slow path.
struct FastTable {
  struct Entry {
    int8_t action;  // kKeep (emit bytes), kDelete, kSpace, kNewline, kNfkc
    uint8_t len;
    char bytes[3];
  };
  static constexpr size_t kPunctuation = 0x800;  // index of U+2000
  std::array<Entry, kPunctuation + 0x80> entries{};

  FastTable() {
    const auto& table = Table().action;
    for (char32_t c = 0; c < 0x800; ++c) {
      int32_t a = table[c];
      char32_t out = c;
      if (a >= 0) {
        out = static_cast<char32_t>(a);
        a = kKeep;
      }
      Set(&entries[c], a, out);
    }
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    for (char32_t c = 0x2000; c < 0x2080; ++c) {
      // Keeping needs ICU's word (isInert); without ICU, and for anything
      // but keep, delete, space or newline, the slow path decides.
      int32_t a = U_SUCCESS(status) && nfkc != nullptr ? ActionFor(c, nfkc) : kNfkc;
      Set(&entries[kPunctuation + c - 0x2000], a >= 0 ? kNfkc : a, c);
    }
  }

  // Index of the entry for the code point at s[0] (with `avail` bytes from
  // s), and its length in bytes; 0 when the table has none.
  static size_t Find(const unsigned char* s, size_t avail, size_t* index) {
    const unsigned char b0 = s[0];
    if (b0 < 0x80) {
      *index = b0;
      return 1;
    }
    if (b0 >= 0xC2 && b0 <= 0xDF && avail >= 2 && (s[1] & 0xC0) == 0x80) {
      *index = ((b0 & 0x1Fu) << 6) | (s[1] & 0x3Fu);
      return 2;
    }
    if (b0 == 0xE2 && avail >= 3 && (s[1] & 0xFE) == 0x80 && (s[2] & 0xC0) == 0x80) {
      *index = kPunctuation + (((s[1] & 1u) << 6) | (s[2] & 0x3Fu));
      return 3;
    }
    return 0;
  }

 private:
  static void Set(Entry* e, int32_t action, char32_t out) {
    e->action = static_cast<int8_t>(action);
    if (action == kKeep) {
      char buf[4];
      e->len = static_cast<uint8_t>(Emitter::EncodeUtf8(out, buf));
      for (size_t k = 0; k < e->len; ++k) e->bytes[k] = buf[k];
    }
  }
};

const FastTable& Fast() {
  static const FastTable* table = new FastTable();
  return *table;
}

#if QAWL_NORMALIZER_SSE2
// Sixteen input bytes at once, for the common case of text that normalizes
// to itself byte for byte. A run is the longest prefix of the 16 bytes made
// of printable ASCII (A-Z lowered), the Arabic comma and the letters
// U+061D-U+063A and U+0641-U+064A (those folding to another letter refolded
// from the table: ة -> ه, أ -> ا, ى -> ي, ...), and single spaces and line
// breaks between two of those. Each normalized byte then has the offset of
// its own code point. The ranges restate part of FoldTable; the test
// FastPathAgreesWithTheTable checks every code point they cover against it.
struct Run {
  uint32_t size;   // bytes in the run, 0-16
  uint32_t folds;  // bit k: bytes k-1, k are a letter to refold (in or past the run)
  __m128i text;    // the 16 bytes, A-Z lowered
  __m128i second;  // 0xFF at the second byte of each two-byte letter
};

inline __m128i Byte(uint8_t b) { return _mm_set1_epi8(static_cast<char>(b)); }

// Bytes in [lo, hi], unsigned: v - lo <= hi - lo.
inline __m128i InRange(__m128i v, uint8_t lo, uint8_t hi) {
  const __m128i excess = _mm_subs_epu8(_mm_sub_epi8(v, Byte(lo)), Byte(hi - lo));
  return _mm_cmpeq_epi8(excess, _mm_setzero_si128());
}

// `first_break_ok`: a space or line break at s[0] would map to itself: no
// space is pending and the normalized text so far ends with a code point
// other than a line break.
inline Run ScanRun(const unsigned char* s, bool first_break_ok) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s));
  const __m128i after_d8 = _mm_slli_si128(_mm_cmpeq_epi8(v, Byte(0xD8)), 1);
  const __m128i after_d9 = _mm_slli_si128(_mm_cmpeq_epi8(v, Byte(0xD9)), 1);
  const __m128i letter = _mm_or_si128(
      _mm_and_si128(after_d8, _mm_or_si128(InRange(v, 0x9D, 0xBA), _mm_cmpeq_epi8(v, Byte(0x8C)))),
      _mm_and_si128(after_d9, InRange(v, 0x81, 0x8A)));
  // Second bytes of U+0622-U+0626, U+0629 and U+0649, the letters that fold
  // to another letter; only taken where `letter` is set.
  const __m128i fold =
      _mm_or_si128(InRange(v, 0xA2, 0xA6),
                   _mm_or_si128(_mm_cmpeq_epi8(v, Byte(0xA9)), _mm_cmpeq_epi8(v, Byte(0x89))));
  const __m128i breaks = _mm_or_si128(_mm_cmpeq_epi8(v, Byte(' ')), _mm_cmpeq_epi8(v, Byte('\n')));

  const auto seconds = static_cast<uint32_t>(_mm_movemask_epi8(letter));
  const auto ascii = static_cast<uint32_t>(_mm_movemask_epi8(InRange(v, 0x21, 0x7E)));
  const uint32_t starts = ascii | (seconds >> 1);
  const uint32_t spaces = static_cast<uint32_t>(_mm_movemask_epi8(breaks)) & (starts >> 1) &
                          (first_break_ok ? ~0u : ~1u);
  Run run;
  run.size = static_cast<uint32_t>(__builtin_ctz(~(starts | seconds | spaces)));
  // Past the run too: those bytes are rewritten later.
  run.folds = static_cast<uint32_t>(_mm_movemask_epi8(fold)) & seconds;
  run.text = _mm_add_epi8(v, _mm_and_si128(InRange(v, 'A', 'Z'), Byte(0x20)));
  run.second = letter;
  return run;
}

// Writes all 16 bytes and offsets of `run` (the caller has room for them
// and keeps run.size); `from` is the original offset of s[0].
inline void EmitRun(const Run& run, const unsigned char* s, uint32_t from,
                    const FastTable& fast, char* t, uint32_t* o) {
  _mm_storeu_si128(reinterpret_cast<__m128i*>(t), run.text);
  for (uint32_t f = run.folds; f != 0; f &= f - 1) {
    const int k = __builtin_ctz(f);
    const FastTable::Entry& e = fast.entries[((s[k - 1] & 0x1Fu) << 6) | (s[k] & 0x3Fu)];
    t[k - 1] = e.bytes[0];
    t[k] = e.bytes[1];
  }
  // from + k, minus one at second bytes.
  const __m128i step =
      _mm_add_epi8(_mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), run.second);
  const __m128i zero = _mm_setzero_si128();
  const __m128i base = _mm_set1_epi32(static_cast<int>(from));
  const __m128i lo = _mm_unpacklo_epi8(step, zero);
  const __m128i hi = _mm_unpackhi_epi8(step, zero);
  auto* out = reinterpret_cast<__m128i*>(o);
  _mm_storeu_si128(out + 0, _mm_add_epi32(base, _mm_unpacklo_epi16(lo, zero)));
  _mm_storeu_si128(out + 1, _mm_add_epi32(base, _mm_unpackhi_epi16(lo, zero)));
  _mm_storeu_si128(out + 2, _mm_add_epi32(base, _mm_unpacklo_epi16(hi, zero)));
  _mm_storeu_si128(out + 3, _mm_add_epi32(base, _mm_unpackhi_epi16(hi, zero)));
}
#endif  // QAWL_NORMALIZER_SSE2

void Apply(char32_t c, uint32_t from, const icu::Normalizer2* nfkc, Emitter* out);

void ApplyNfkc(char32_t c, uint32_t from, const icu::Normalizer2* nfkc, Emitter* out) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString result =
      nfkc->normalize(icu::UnicodeString(static_cast<UChar32>(c)), status);
  if (U_FAILURE(status)) {
    out->Char(c, from);
    return;
  }
  // Isolated harakat (U+FE70...) decompose to SPACE + mark: drop them whole.
  bool only_space_and_marks = true;
  for (int32_t i = 0; i < result.length();) {
    UChar32 r = result.char32At(i);
    i += U16_LENGTH(r);
    int32_t a = ActionFor(static_cast<char32_t>(r), nullptr);
    if (r != ' ' && a != kDelete) only_space_and_marks = false;
  }
  if (only_space_and_marks) return;
  for (int32_t i = 0; i < result.length();) {
    UChar32 r = result.char32At(i);
    i += U16_LENGTH(r);
    // The decomposition is already NFKC: apply only our folds to it.
    Apply(static_cast<char32_t>(r), from, nullptr, out);
  }
}

void Apply(char32_t c, uint32_t from, const icu::Normalizer2* nfkc, Emitter* out) {
  int32_t a = ActionFor(c, nfkc);
  switch (a) {
    case kKeep: out->Char(c, from); return;
    case kDelete: return;
    case kSpace: out->Space(from); return;
    case kNewline: out->Newline(from); return;
    case kNfkc:
      if (nfkc != nullptr) {
        ApplyNfkc(c, from, nfkc, out);
      } else {
        out->Char(c, from);
      }
      return;
    default: out->Char(static_cast<char32_t>(a), from); return;
  }
}

bool IsInvisible(char32_t c) {
  if (c > ' ' && c < 0xA0) return false;  // most of the time
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') return true;
  if (c == 0xA0 || c == 0x0640) return true;
  if (c >= 0x2000 && c <= 0x200F) return true;
  if (c >= 0x2028 && c <= 0x202F) return true;
  if (c >= 0x2060 && c <= 0x206F) return true;
  return c == 0x061C || c == 0xFEFF || c == 0x00AD || c == 0x3000;
}

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  size_t i = *pos;
  auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  int len;
  char32_t c;
  char32_t min;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2; c = b0 & 0x1F; min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3; c = b0 & 0x0F; min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4; c = b0 & 0x07; min = 0x10000;
  } else {
    *pos = i + 1;
    return 0xFFFD;
  }
  if (i + len > s.size()) {
    *pos = i + 1;
    return 0xFFFD;
  }
  for (int k = 1; k < len; ++k) {
    auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      *pos = i + 1;
      return 0xFFFD;
    }
    c = (c << 6) | (b & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
    *pos = i + 1;
    return 0xFFFD;
  }
  *pos = i + len;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsValidUtf8(std::string_view s) { return simdjson::validate_utf8(s.data(), s.size()); }

std::string SanitizeUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    // Fast paths for ASCII and well-formed two-byte sequences.
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(s[i++]);
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF && i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xC0) == 0x80) {
      out.append(s.data() + i, 2);
      i += 2;
      continue;
    }
    size_t start = i;
    char32_t c = DecodeUtf8(s, &i);
    if (c == 0xFFFD && !(i - start == 3 && s.substr(start, 3) == "\xEF\xBF\xBD")) {
      AppendUtf8(0xFFFD, &out);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out;
}

uint32_t NormalizedText::OriginalEnd(uint32_t end) const {
  if (end == 0) return origin_.empty() ? 0 : origin_[0];
  const uint32_t n = static_cast<uint32_t>(text_.size());
  const uint32_t from = origin_[end - 1];
  uint32_t j = end;
  while (j < n && origin_[j] == from) ++j;
  return origin_[j];
}

ByteSpan NormalizedText::ToOriginal(ByteSpan normalized, std::string_view original) const {
  ByteSpan span{OriginalBegin(normalized.begin), OriginalEnd(normalized.end)};
  if (normalized.empty()) return ByteSpan{span.begin, span.begin};
  // Trim invisible characters and whitespace from both ends.
  while (span.begin < span.end) {
    size_t pos = span.begin;
    char32_t c = DecodeUtf8(original, &pos);
    if (!IsInvisible(c) || pos > span.end) break;
    span.begin = static_cast<uint32_t>(pos);
  }
  while (span.begin < span.end) {
    // Step back to the start of the last code point.
    uint32_t start = span.end - 1;
    while (start > span.begin &&
           (static_cast<unsigned char>(original[start]) & 0xC0) == 0x80 &&
           span.end - start < 4) {
      --start;
    }
    size_t pos = start;
    char32_t c = DecodeUtf8(original, &pos);
    if (pos != span.end || !IsInvisible(c)) break;
    span.end = start;
  }
  return span;
}

Normalizer::Normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status) || nfkc == nullptr) {
    error_ = std::string("ICU NFKC normalizer unavailable: ") + u_errorName(status);
    return;
  }
  nfkc_ = nfkc;
  Table();
}

void Normalizer::Normalize(std::string_view original, NormalizedText* out) const {
  assert(original.size() < std::numeric_limits<uint32_t>::max());
  const auto* nfkc = static_cast<const icu::Normalizer2*>(nfkc_);
  const size_t n = original.size();
  // The fast paths never emit more bytes than they read, and write at most
  // 16 bytes (a run) past what they keep.
  out->text_.resize(n + 16);
  out->origin_.resize(n + 16);
  Emitter emit(&out->text_, &out->origin_);
  const FastTable& fast_table = Fast();
  const auto& fast = fast_table.entries;
  const auto* s = reinterpret_cast<const unsigned char*>(original.data());
  // The hot loop keeps the emitter's state in locals (writes through char*
  // would otherwise force reloads) and hands it over for the rare slow path.
  char* t = out->text_.data();
  uint32_t* o = out->origin_.data();
  size_t len = 0;
  bool pending = false;
  uint32_t space_from = 0;
  size_t i = 0;
  while (i < n) {
#if QAWL_NORMALIZER_SSE2
    if (n - i >= 16) {
      Run run = ScanRun(s + i, !pending && len > 0 && t[len - 1] != '\n');
      if (run.size > 0) {
        if (pending) {
          pending = false;
          if (len > 0 && t[len - 1] != '\n') {
            t[len] = ' ';
            o[len++] = space_from;
          }
        }
        // Runs follow one another until a code point the runs do not cover
        // (a run also stops before a letter that straddles its 16 bytes).
        // After a run no space is pending and the text does not end with a
        // line break, so the next run may start with a space.
        do {
          EmitRun(run, s + i, static_cast<uint32_t>(i), fast_table, t + len, o + len);
          i += run.size;
          len += run.size;
          if (n - i < 16) break;
          run = ScanRun(s + i, true);
        } while (run.size > 0);
        if (i == n) break;
      }
    }
#endif
    const auto from = static_cast<uint32_t>(i);
    size_t index;
    const size_t size = FastTable::Find(s + i, n - i, &index);
    const FastTable::Entry* e = size > 0 ? &fast[index] : nullptr;
    i += size;
    if (e != nullptr && e->action == kKeep) {
      if (pending) {
        pending = false;
        if (len > 0 && t[len - 1] != '\n') {
          t[len] = ' ';
          o[len++] = space_from;
        }
      }
      for (size_t k = 0; k < e->len; ++k) {
        t[len] = e->bytes[k];
        o[len++] = from;
      }
      continue;
    }
    if (e != nullptr && e->action == kDelete) continue;
    if (e != nullptr && e->action == kSpace) {
      if (!pending) space_from = from;
      pending = true;
      continue;
    }
    if (e != nullptr && e->action == kNewline) {
      pending = false;
      if (len > 0 && t[len - 1] != '\n') {
        t[len] = '\n';
        o[len++] = from;
      }
      continue;
    }
    // Slow path: ICU and the general folds, through the emitter. Decode
    // again from the start of this code point (the fast path may have
    // stepped over it already).
    size_t next = from;
    char32_t c = DecodeUtf8(original, &next);
    i = next;
    emit.SetState(len, pending, space_from);
    emit.Reserve(64);  // NFKC can expand one code point into many (ﷺ)
    Apply(c, from, nfkc, &emit);
    emit.Reserve(n - i + 16);
    emit.GetState(&len, &pending, &space_from);
    t = out->text_.data();
    o = out->origin_.data();
  }
  emit.SetState(len, pending, space_from);
  emit.Finish();
  out->origin_.push_back(static_cast<uint32_t>(n));
}

std::string Normalizer::Fold(std::string_view s) const {
  NormalizedText t;
  Normalize(s, &t);
  return t.text();
}

const Normalizer& Normalizer::Default() {
  static const Normalizer* instance = new Normalizer();
  return *instance;
}

}  // namespace qawl
