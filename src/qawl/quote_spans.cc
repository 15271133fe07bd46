#include "qawl/quote_spans.h"

#include <algorithm>
#include <array>

namespace qawl {

namespace {

enum class Role { kOpen, kClose, kAmbiguous };

struct Mark {
  uint32_t pos;
  uint32_t end;
  char32_t glyph;
  Role role;
};

// Nesting deeper than this is treated as unbalanced text, not structure.
constexpr size_t kMaxDepth = 8;

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

// Code point just before `pos`, or 0 at the start.
char32_t Before(std::string_view text, uint32_t pos, uint32_t floor) {
  if (pos <= floor) return 0;
  uint32_t start = pos - 1;
  while (start > floor && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
  size_t p = start;
  return DecodeUtf8(text, &p);
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
    if (i >= from + 2 && text.substr(i - 2, 2) == "\xD8\x9F") return i;  // ؟
  }
  return UINT32_MAX;
}

void PairParagraph(std::string_view text, uint32_t para_begin, uint32_t para_end,
                   std::vector<Mark>& marks, std::vector<QuoteSpan>* out) {
  std::vector<size_t> stack;  // indexes into marks
  std::vector<QuoteSpan> spans;
  std::vector<size_t> unclosed;
  uint32_t last_top_end = para_begin;
  auto make_orphan = [&](const Mark& m) {
    uint32_t start = std::max(last_top_end, para_begin);
    // After the last colon, else after the last sentence end, before it.
    uint32_t colon = UINT32_MAX;
    for (uint32_t i = m.pos; i > start; --i) {
      if (text[i - 1] == ':') {
        colon = i;
        break;
      }
    }
    if (colon != UINT32_MAX) {
      start = colon;
    } else {
      uint32_t t = LastTerminatorEnd(text, start, m.pos);
      if (t != UINT32_MAX && t < m.pos) {
        // Skip a terminator that ends the text right before the mark.
        ByteSpan rest = TrimSpaces(text, t, m.pos);
        if (!rest.empty()) start = t;
      }
    }
    QuoteSpan q;
    q.close = m.pos;
    q.close_end = m.end;
    q.inner = TrimSpaces(text, start, m.pos);
    q.open_end = q.inner.begin;
    if (!q.inner.empty()) spans.push_back(q);
    last_top_end = m.end;
  };
  for (size_t i = 0; i < marks.size(); ++i) {
    Mark& m = marks[i];
    Role role = m.role;
    if (role == Role::kAmbiguous) role = stack.empty() ? Role::kOpen : Role::kClose;
    if (role == Role::kOpen) {
      if (stack.size() >= kMaxDepth) continue;  // ignore pathological nesting
      stack.push_back(i);
      continue;
    }
    if (stack.empty()) {
      make_orphan(m);
      continue;
    }
    const Mark& o = marks[stack.back()];
    stack.pop_back();
    QuoteSpan q;
    q.open = o.pos;
    q.open_end = o.end;
    q.close = m.pos;
    q.close_end = m.end;
    q.inner = TrimSpaces(text, o.end, m.pos);
    q.depth = static_cast<int>(stack.size());
    if (!q.inner.empty()) spans.push_back(q);
    if (stack.empty()) last_top_end = m.end;
  }
  // Openers never closed in this paragraph: from the bottom of the stack
  // up, each runs to the end of the last sentence before the next opener
  // that was closed, or to the paragraph's end.
  for (size_t k = 0; k < stack.size(); ++k) {
    const Mark& o = marks[stack[k]];
    uint32_t end = para_end;
    uint32_t next_open = UINT32_MAX;
    for (const QuoteSpan& s : spans) {
      if (s.has_open() && s.open > o.pos && s.open < next_open) next_open = s.open;
    }
    if (k + 1 < stack.size()) next_open = std::min(next_open, marks[stack[k + 1]].pos);
    if (next_open != UINT32_MAX) {
      uint32_t t = LastTerminatorEnd(text, o.end, next_open);
      end = t != UINT32_MAX ? t : next_open;
    }
    QuoteSpan q;
    q.open = o.pos;
    q.open_end = o.end;
    q.inner = TrimSpaces(text, o.end, end);
    q.close_end = q.inner.end;
    if (q.inner.empty()) continue;
    // Spans after this one's end are no longer nested in it.
    for (QuoteSpan& s : spans) {
      if (s.inner.begin >= end && s.depth > 0) --s.depth;
    }
    spans.push_back(q);
  }
  std::sort(spans.begin(), spans.end(), [](const QuoteSpan& a, const QuoteSpan& b) {
    uint32_t sa = a.has_open() ? a.open : a.inner.begin;
    uint32_t sb = b.has_open() ? b.open : b.inner.begin;
    if (sa != sb) return sa < sb;
    return a.depth < b.depth;
  });
  out->insert(out->end(), spans.begin(), spans.end());
}

}  // namespace

QuoteMarks::QuoteMarks()
    : QuoteMarks({'"', 0xAB, 0xBB, 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x275D, 0x275E, 0xFF02}) {}

QuoteMarks::QuoteMarks(std::vector<char32_t> marks) : marks_(std::move(marks)) {
  std::sort(marks_.begin(), marks_.end());
  marks_.erase(std::unique(marks_.begin(), marks_.end()), marks_.end());
  for (char32_t c : marks_) {
    std::string utf8;
    AppendUtf8(c, &utf8);
    first_byte_[static_cast<unsigned char>(utf8[0])] = true;
  }
}

bool QuoteMarks::contains(char32_t c) const { return std::binary_search(marks_.begin(), marks_.end(), c); }

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
  std::vector<Mark> marks;
  uint32_t para_begin = 0;
  const auto n = static_cast<uint32_t>(text.size());
  size_t i = 0;
  while (i <= n) {
    if (i == n || text[i] == '\n') {
      if (!marks.empty()) PairParagraph(text, para_begin, static_cast<uint32_t>(i), marks, &out);
      marks.clear();
      para_begin = static_cast<uint32_t>(i + 1);
      ++i;
      continue;
    }
    // Skip, a byte at a time, everything that cannot start a mark.
    while (i < n && text[i] != '\n' && !quote_marks.MayStart(static_cast<unsigned char>(text[i]))) ++i;
    if (i == n || text[i] == '\n') continue;
    size_t pos = i;
    char32_t c = DecodeUtf8(text, &i);
    if (!quote_marks.contains(c)) continue;
    const auto p = static_cast<uint32_t>(pos);
    const auto e = static_cast<uint32_t>(i);
    char32_t prev = Before(text, p, para_begin);
    char32_t next = 0;
    if (e < n && text[e] != '\n') {
      size_t q = e;
      next = DecodeUtf8(text, &q);
    }
    bool prev_space = prev == 0 || IsSpaceLike(prev) || quote_marks.contains(prev);
    bool next_space = next == 0 || IsClosingContext(next) || quote_marks.contains(next);
    Role role;
    if (prev_space && !next_space) {
      role = Role::kOpen;
    } else if (!prev_space && next_space) {
      role = Role::kClose;
    } else {
      role = Role::kAmbiguous;
    }
    marks.push_back(Mark{p, e, c, role});
  }
  return out;
}

}  // namespace qawl
