#include "qawl/quote_spans.h"

#include <algorithm>
#include <array>
#include <bit>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
// AVX2 is used where the CPU has it, chosen at run time.
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define QAWL_AVX2 1
#else
#define QAWL_AVX2 0
#endif

namespace qawl {

namespace {

enum class Role { kOpen, kClose, kAmbiguous };

struct Mark {
  uint32_t pos;
  uint32_t end;
  Role role;
};

// Nesting deeper than this is treated as unbalanced text, not structure.
constexpr size_t kMaxDepth = 8;
// Paragraphs of no marks a quotation left open may run through before the
// paragraph whose closing mark ends it.
constexpr size_t kMaxContinuedParagraphs = 3;

bool IsSpaceLike(char32_t c) {
  switch (c) {
    case ' ': case '\n': case '(': case '[': case ':': case '-':
    case 0x2013: case 0x2014:
      return true;
    default:
      return false;
  }
}

bool IsClosingContext(char32_t c) {
  switch (c) {
    case ' ': case '\n': case '.': case ',': case ':': case ';': case ')':
    case ']': case '!': case '?': case 0x060C: case 0x061B: case 0x061F:
    case 0x2026:
      return true;
    default:
      return false;
  }
}

bool IsTerminator(char c) { return c == '.' || c == '!' || c == '?'; }

// The first byte of AppendUtf8(c).
unsigned char Utf8Lead(char32_t c) {
  if (c < 0x80) return static_cast<unsigned char>(c);
  if (c < 0x800) return static_cast<unsigned char>(0xC0 | c >> 6);
  if (c < 0x10000) return static_cast<unsigned char>(0xE0 | c >> 12);
  return static_cast<unsigned char>(0xF0 | c >> 18);
}

// DecodeUtf8 for a 3-byte sequence (the marks), else DecodeUtf8.
char32_t DecodeLong(std::string_view text, size_t* pos) {
  size_t i = *pos;
  auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 >= 0xE0 && b0 <= 0xEF && i + 2 < text.size()) {
    auto b1 = static_cast<unsigned char>(text[i + 1]);
    auto b2 = static_cast<unsigned char>(text[i + 2]);
    auto c = static_cast<char32_t>((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F));
    if ((b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 && c >= 0x800 && (c < 0xD800 || c > 0xDFFF)) {
      *pos = i + 3;
      return c;
    }
  }
  return DecodeUtf8(text, pos);
}

// DecodeUtf8 with the 1- and 2-byte sequences (ASCII and Arabic, most of
// what surrounds a mark) inline.
inline char32_t Decode(std::string_view text, size_t* pos) {
  size_t i = *pos;
  auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) {
    *pos = i + 1;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF && i + 1 < text.size() && (text[i + 1] & 0xC0) == 0x80) {
    *pos = i + 2;
    return static_cast<char32_t>((b0 & 0x1F) << 6 | (text[i + 1] & 0x3F));
  }
  return DecodeLong(text, pos);
}

// Code point just before `pos`, or 0 at the start.
char32_t Before(std::string_view text, uint32_t pos, uint32_t floor) {
  if (pos <= floor) return 0;
  uint32_t start = pos - 1;
  while (start > floor && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  size_t p = start;
  return Decode(text, &p);
}

ByteSpan TrimSpaces(std::string_view text, uint32_t b, uint32_t e) {
  while (b < e && (text[b] == ' ' || text[b] == '\n')) ++b;
  while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\n')) --e;
  return ByteSpan{b, e};
}

// Whether the text between `from` and `to` ends a sentence ("؟" is 2 bytes).
uint32_t LastTerminatorEnd(std::string_view text, uint32_t from, uint32_t to) {
  for (uint32_t i = to; i > from; --i) {
    char c = text[i - 1];
    if (IsTerminator(c)) return i;
    if (c == '\x9F' && i >= from + 2 && text[i - 2] == '\xD8') return i;  // ؟
  }
  return UINT32_MAX;
}

// Finds the marks of one text and pairs them as they come, a paragraph at
// a time: an opener is pushed, a closer pops its opener, and what is left
// at the paragraph's end becomes an unclosed span.
class SpanFinder {
 public:
  SpanFinder(std::string_view text, const QuoteMarks& quote_marks, std::vector<QuoteSpan>* out)
      : text_(text), quote_marks_(quote_marks), spans_(*out) {}

  // Classifies the character at `*i`, which may start a mark, and moves
  // `*i` past it.
  void Candidate(size_t* i) {
    const auto p = static_cast<uint32_t>(*i);
    char32_t c = Decode(text_, i);
    if (!quote_marks_.contains(c)) return;
    const auto e = static_cast<uint32_t>(*i);
    char32_t prev = Before(text_, p, para_begin_);
    char32_t next = 0;
    if (e < text_.size() && text_[e] != '\n') {
      size_t q = e;
      next = Decode(text_, &q);
    }
    bool prev_space = prev == 0 || IsSpaceLike(prev) || quote_marks_.contains(prev);
    bool next_space = next == 0 || IsClosingContext(next) || quote_marks_.contains(next);
    Role role;
    if (prev_space && !next_space) {
      role = Role::kOpen;
    } else if (!prev_space && next_space) {
      role = Role::kClose;
    } else {
      role = Role::kAmbiguous;
    }
    Pair(Mark{p, e, role});
  }

  // Ends the paragraph at `end`, a '\n' or the end of the text.
  void EndParagraph(uint32_t end) {
    if (has_marks_) {
      FinishParagraph(end);
    } else if (open_until_ != 0) {
      // A paragraph of no marks after one whose quotation is left open:
      // the quotation may go on through it (see Orphan).
      const ByteSpan p = TrimSpaces(text_, para_begin_, end);
      if (!p.empty()) {
        if (between_.size() < kMaxContinuedParagraphs) {
          between_.push_back(p);
        } else {
          open_until_ = 0;
        }
      }
    }
    para_begin_ = end + 1;
    last_top_end_ = para_begin_;
  }

 private:
  void Pair(const Mark& m) {
    const bool first_mark = !has_marks_;
    has_marks_ = true;
    Role role = m.role;
    if (role == Role::kAmbiguous) role = depth_ == 0 ? Role::kOpen : Role::kClose;
    if (role == Role::kOpen) {
      if (depth_ >= kMaxDepth) return;  // ignore pathological nesting
      stack_[depth_++] = m;
      return;
    }
    if (depth_ == 0) {
      Orphan(m, first_mark);
      return;
    }
    const Mark& o = stack_[--depth_];
    QuoteSpan q;
    q.open = o.pos;
    q.open_end = o.end;
    q.close = m.pos;
    q.close_end = m.end;
    q.inner = TrimSpaces(text_, o.end, m.pos);
    q.depth = static_cast<int>(depth_);
    if (!q.inner.empty()) Add(q);
    if (depth_ == 0) last_top_end_ = m.end;
  }

  // A closer with nothing open. As the first mark of a paragraph after
  // one whose quotation was left open (and paragraphs of no marks between
  // them), it closes that quotation: "قال: "… ¶ … ¶ … فورا"." The
  // paragraphs between and this one up to the mark are quoted whole.
  void Orphan(const Mark& m, bool first_mark) {
    if (first_mark && open_until_ != 0) {
      for (const ByteSpan& p : between_) {
        QuoteSpan q;
        q.inner = p;
        q.open_end = p.begin;
        q.close_end = p.end;
        Add(q);
      }
      open_until_ = 0;
      return AddOrphan(m, para_begin_);
    }
    uint32_t start = std::max(last_top_end_, para_begin_);
    // After the last colon, else after the last sentence end, before it.
    uint32_t colon = UINT32_MAX;
    for (uint32_t i = m.pos; i > start; --i) {
      if (text_[i - 1] == ':') {
        colon = i;
        break;
      }
    }
    if (colon != UINT32_MAX) {
      start = colon;
    } else {
      uint32_t t = LastTerminatorEnd(text_, start, m.pos);
      if (t != UINT32_MAX && t < m.pos) {
        // Skip a terminator that ends the text right before the mark.
        ByteSpan rest = TrimSpaces(text_, t, m.pos);
        if (!rest.empty()) start = t;
      }
    }
    AddOrphan(m, start);
  }

  // The span closed by m with no opener, from `start`.
  void AddOrphan(const Mark& m, uint32_t start) {
    QuoteSpan q;
    q.close = m.pos;
    q.close_end = m.end;
    q.inner = TrimSpaces(text_, start, m.pos);
    q.open_end = q.inner.begin;
    if (!q.inner.empty()) Add(q);
    last_top_end_ = m.end;
  }

  // Kept out of line: most paragraphs have no marks.
  [[gnu::noinline]] void FinishParagraph(uint32_t end) {
    open_until_ = 0;
    between_.clear();
    if (depth_ > 0) CloseUnclosed(end);
    if (spans_.size() - first_ > 1) Sort();
    first_ = spans_.size();
    has_marks_ = false;
  }

  // Openers never closed in the paragraph: from the bottom of the stack
  // up, each runs to the end of the last sentence before the next opener
  // that was closed, or to the paragraph's end. A quotation in other marks
  // after an unclosed « is nested in it, as the press nests «… "…" …» (a
  // paragraph of a quotation that goes on in the next one is left open).
  void CloseUnclosed(uint32_t para_end) {
    for (size_t k = 0; k < depth_; ++k) {
      const Mark& o = stack_[k];
      uint32_t end = para_end;
      uint32_t next_open = UINT32_MAX;
      const bool guillemet = IsGuillemet(o.pos);
      for (size_t j = first_; j < spans_.size(); ++j) {
        const QuoteSpan& s = spans_[j];
        if (guillemet && s.has_open() && !IsGuillemet(s.open)) continue;
        if (s.has_open() && s.open > o.pos && s.open < next_open) next_open = s.open;
      }
      if (k + 1 < depth_) next_open = std::min(next_open, stack_[k + 1].pos);
      if (next_open != UINT32_MAX) {
        uint32_t t = LastTerminatorEnd(text_, o.end, next_open);
        end = t != UINT32_MAX ? t : next_open;
      }
      QuoteSpan q;
      q.open = o.pos;
      q.open_end = o.end;
      q.inner = TrimSpaces(text_, o.end, end);
      q.close_end = q.inner.end;
      if (q.inner.empty()) continue;
      if (k == 0 && end == para_end) open_until_ = para_end;
      // Spans after this one's end are no longer nested in it.
      for (size_t j = first_; j < spans_.size(); ++j) {
        QuoteSpan& s = spans_[j];
        if (s.inner.begin >= end && s.depth > 0) --s.depth;
      }
      Add(q);
    }
    depth_ = 0;
  }

  bool IsGuillemet(uint32_t pos) const {
    return pos + 1 < text_.size() && text_[pos] == '\xC2' && (text_[pos + 1] == '\xAB' || text_[pos + 1] == '\xBB');
  }

  void Add(const QuoteSpan& q) {
    if (spans_.empty()) spans_.reserve(16);
    spans_.push_back(q);
  }

  // Orders the paragraph's spans by start, outer first.
  void Sort() {
    auto before = [](const QuoteSpan& a, const QuoteSpan& b) {
      uint32_t sa = a.has_open() ? a.open : a.inner.begin;
      uint32_t sb = b.has_open() ? b.open : b.inner.begin;
      if (sa != sb) return sa < sb;
      return a.depth < b.depth;
    };
    auto begin = spans_.begin() + first_;
    // Usually in order already; std::sort would leave a strictly increasing
    // range as it is, so it is only run on the others.
    auto not_before = [&](const QuoteSpan& a, const QuoteSpan& b) { return !before(a, b); };
    if (std::adjacent_find(begin, spans_.end(), not_before) == spans_.end()) return;
    std::sort(begin, spans_.end(), before);
  }

  std::string_view text_;
  const QuoteMarks& quote_marks_;
  std::vector<QuoteSpan>& spans_;
  // The current paragraph: where it begins, the index of its first span,
  // the end of its last top-level quotation, its open marks.
  uint32_t para_begin_ = 0;
  size_t first_ = 0;
  uint32_t last_top_end_ = 0;
  std::array<Mark, kMaxDepth> stack_;
  size_t depth_ = 0;
  bool has_marks_ = false;
  // Where the last paragraph with marks ended when its top-level quotation
  // was left open to its end (else 0), and the paragraphs of no marks since.
  uint32_t open_until_ = 0;
  std::vector<ByteSpan> between_;
};

// Scanners find the bytes FindSpans stops at: '\n' and the bytes that may
// start a mark. Find(i, &bits) returns the start b of the first block of
// 64 bytes with a stop at or after i, bit k of *bits set for a stop at
// b + k (none before i), or the text's size if there is none.

// A byte at a time, for any set of marks and any text.
class TableScanner {
 public:
  TableScanner(std::string_view text, const std::array<bool, 256>& may_start)
      : text_(text), may_start_(may_start) {}

  size_t Find(size_t i, uint64_t* bits) const {
    for (; i < text_.size(); i += 64) {
      const size_t end = std::min(text_.size(), i + 64);
      uint64_t found = 0;
      for (size_t k = i; k < end; ++k) {
        auto c = static_cast<unsigned char>(text_[k]);
        if (c == '\n' || may_start_[c]) found |= uint64_t{1} << (k - i);
      }
      if (found != 0) {
        *bits = found;
        return i;
      }
    }
    return text_.size();
  }

 private:
  std::string_view text_;
  const std::array<bool, 256>& may_start_;
};

#if defined(__SSE2__)
// 16 bytes at a time, a compare per stop byte (N of them). The text must
// have 64 bytes at least.
template <size_t N>
class Sse2Scanner {
 public:
  Sse2Scanner(std::string_view text, const unsigned char* stops) : text_(text) {
    for (size_t k = 0; k < N; ++k) stops_[k] = _mm_set1_epi8(static_cast<char>(stops[k]));
  }

  size_t Find(size_t i, uint64_t* bits) const {
    const size_t n = text_.size();
    for (; i + 64 <= n; i += 64) {
      if (uint64_t found = Bits(i)) {
        *bits = found;
        return i;
      }
    }
    if (i >= n) return n;
    // The last bytes, in a block overlapping the one before.
    *bits = Bits(n - 64) & (~uint64_t{0} << (i - (n - 64)));
    return *bits != 0 ? n - 64 : n;
  }

 private:
  __m128i Match(size_t i) const {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
    __m128i hit = _mm_cmpeq_epi8(v, stops_[0]);
    for (size_t k = 1; k < N; ++k) hit = _mm_or_si128(hit, _mm_cmpeq_epi8(v, stops_[k]));
    return hit;
  }

  uint64_t Bits(size_t i) const {
    __m128i a = Match(i), b = Match(i + 16), c = Match(i + 32), d = Match(i + 48);
    if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) == 0) return 0;
    return static_cast<uint64_t>(_mm_movemask_epi8(a)) | static_cast<uint64_t>(_mm_movemask_epi8(b)) << 16 |
           static_cast<uint64_t>(_mm_movemask_epi8(c)) << 32 | static_cast<uint64_t>(_mm_movemask_epi8(d)) << 48;
  }

  std::string_view text_;
  __m128i stops_[N];
};
#endif

#if QAWL_AVX2
// Sse2Scanner with 32 bytes at a time, where the CPU has AVX2.
template <size_t N>
class Avx2Scanner {
 public:
  Avx2Scanner(std::string_view text, const unsigned char* stops) : text_(text), stops_(stops) {}

  [[gnu::target("avx2")]] size_t Find(size_t i, uint64_t* bits) const {
    __m256i stops[N];
    for (size_t k = 0; k < N; ++k) stops[k] = _mm256_set1_epi8(static_cast<char>(stops_[k]));
    const size_t n = text_.size();
    for (; i + 64 <= n; i += 64) {
      if (uint64_t found = Bits(i, stops)) {
        *bits = found;
        return i;
      }
    }
    if (i >= n) return n;
    *bits = Bits(n - 64, stops) & (~uint64_t{0} << (i - (n - 64)));
    return *bits != 0 ? n - 64 : n;
  }

 private:
  [[gnu::target("avx2")]] __m256i Match(size_t i, const __m256i* stops) const {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(text_.data() + i));
    __m256i hit = _mm256_cmpeq_epi8(v, stops[0]);
    for (size_t k = 1; k < N; ++k) hit = _mm256_or_si256(hit, _mm256_cmpeq_epi8(v, stops[k]));
    return hit;
  }

  [[gnu::target("avx2")]] uint64_t Bits(size_t i, const __m256i* stops) const {
    __m256i a = Match(i, stops), b = Match(i + 32, stops);
    if (_mm256_testz_si256(_mm256_or_si256(a, b), _mm256_or_si256(a, b))) return 0;
    return static_cast<uint32_t>(_mm256_movemask_epi8(a)) |
           static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(b))) << 32;
  }

  std::string_view text_;
  const unsigned char* stops_;
};
#endif

template <class Scanner>
void FindSpans(std::string_view text, const QuoteMarks& quote_marks, const Scanner& scanner,
               std::vector<QuoteSpan>* out) {
  SpanFinder finder(text, quote_marks, out);
  const size_t n = text.size();
  uint64_t bits;
  for (size_t i = 0, b; (b = scanner.Find(i, &bits)) < n; i = std::max(i, b + 64)) {
    do {
      const size_t pos = b + std::countr_zero(bits);
      bits &= bits - 1;
      if (pos < i) continue;  // inside the mark just read
      if (text[pos] == '\n') {
        finder.EndParagraph(static_cast<uint32_t>(pos));
        i = pos + 1;
      } else {
        i = pos;
        finder.Candidate(&i);
      }
    } while (bits != 0);
  }
  finder.EndParagraph(static_cast<uint32_t>(n));
}

// Runs FindSpans with the scanner for the CPU and the number of stop bytes.
template <template <size_t> class Scanner>
bool FindSpansSimd(std::string_view text, const QuoteMarks& quote_marks, const std::vector<unsigned char>& stops,
                   std::vector<QuoteSpan>* out) {
  switch (stops.size()) {
    case 1: FindSpans(text, quote_marks, Scanner<1>(text, stops.data()), out); return true;
    case 2: FindSpans(text, quote_marks, Scanner<2>(text, stops.data()), out); return true;
    case 3: FindSpans(text, quote_marks, Scanner<3>(text, stops.data()), out); return true;
    case 4: FindSpans(text, quote_marks, Scanner<4>(text, stops.data()), out); return true;
    case 5: FindSpans(text, quote_marks, Scanner<5>(text, stops.data()), out); return true;
    case 6: FindSpans(text, quote_marks, Scanner<6>(text, stops.data()), out); return true;
    case 7: FindSpans(text, quote_marks, Scanner<7>(text, stops.data()), out); return true;
    case 8: FindSpans(text, quote_marks, Scanner<8>(text, stops.data()), out); return true;
    default: return false;
  }
}

}  // namespace

QuoteMarks::QuoteMarks()
    : QuoteMarks({'"', 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x275D, 0x275E, 0xFF02}) {}

QuoteMarks::QuoteMarks(std::vector<char32_t> marks) : marks_(std::move(marks)) {
  std::sort(marks_.begin(), marks_.end());
  marks_.erase(std::unique(marks_.begin(), marks_.end()), marks_.end());
  bmp_.resize(0x10000 / 64);
  for (char32_t c : marks_) {
    first_byte_[Utf8Lead(c)] = true;
    if (c < 0x10000) bmp_[c / 64] |= uint64_t{1} << (c % 64);
  }
  stop_bytes_.push_back('\n');
  for (int b = 0; b < 256; ++b) {
    if (first_byte_[b] && b != '\n') stop_bytes_.push_back(static_cast<unsigned char>(b));
  }
}

bool QuoteMarks::ContainsAstral(char32_t c) const { return std::binary_search(marks_.begin(), marks_.end(), c); }

namespace {
const QuoteMarks& Builtin() {
  static const QuoteMarks* builtin = new QuoteMarks();
  return *builtin;
}
}  // namespace

bool IsDoubleQuoteMark(char32_t c) { return Builtin().contains(c); }

std::vector<QuoteSpan> FindQuoteSpans(std::string_view text) { return FindQuoteSpans(text, Builtin()); }

std::vector<QuoteSpan> FindQuoteSpans(std::string_view text, const QuoteMarks& quote_marks) {
  std::vector<QuoteSpan> out;
  // Offsets are 32-bit.
  text = text.substr(0, static_cast<uint32_t>(text.size()));
#if defined(__SSE2__)
  if (text.size() >= 64) {
    const std::vector<unsigned char>& stops = quote_marks.stop_bytes_;
#if QAWL_AVX2
    static const bool avx2 = (__builtin_cpu_init(), __builtin_cpu_supports("avx2"));
    if (avx2 && FindSpansSimd<Avx2Scanner>(text, quote_marks, stops, &out)) return out;
#endif
    if (FindSpansSimd<Sse2Scanner>(text, quote_marks, stops, &out)) return out;
  }
#endif
  FindSpans(text, quote_marks, TableScanner(text, quote_marks.first_byte_), &out);
  return out;
}

}  // namespace qawl
