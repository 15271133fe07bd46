// Fuzzes the Normalizer and its offset map (normalizer.h) on arbitrary
// bytes. Checked for every input:
//   * the normalized text is well-formed UTF-8 in the documented shape: no
//     control bytes but "\n", no uppercase ASCII, no tatweel or harakat, no
//     space or newline at either end, no two in a row;
//   * the offset map: OriginalBegin is non-decreasing, lands on a code point
//     boundary of the original, is the same for all bytes of one normalized
//     code point, and maps the end to original_size() == input size;
//   * every ASCII letter and digit of the original is in the normalized
//     text (lowercased) at a byte that maps back to it;
//   * OriginalEnd and ToOriginal stay inside the original, on code point
//     boundaries, for every word, every paragraph and the whole text;
//   * a reused NormalizedText gives the same result as a fresh one;
//   * SanitizeUtf8 agrees with an independent implementation.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "qawl/normalizer.h"

namespace {

using qawl::ByteSpan;
using qawl::DecodeUtf8;
using qawl::NormalizedText;

// One U+FFFD per byte that does not start a well-formed sequence.
std::string ReferenceSanitize(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t len = 1;
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 >= 0xC2 && b0 <= 0xDF) len = 2;
    else if (b0 >= 0xE0 && b0 <= 0xEF) len = 3;
    else if (b0 >= 0xF0 && b0 <= 0xF4) len = 4;
    else if (b0 >= 0x80) len = 0;
    if (len > 0 && i + len <= s.size() && qawl_fuzz::WellFormedUtf8(s.substr(i, len))) {
      out.append(s.substr(i, len));
      i += len;
    } else {
      out.append("\xEF\xBF\xBD");
      ++i;
    }
  }
  return out;
}

// boundary[i] is true when a code point starts at byte i of `s` as the
// library's decoder steps through it; boundary[s.size()] is true.
std::vector<bool> Boundaries(std::string_view s) {
  std::vector<bool> b(s.size() + 1, false);
  size_t i = 0;
  while (i < s.size()) {
    b[i] = true;
    DecodeUtf8(s, &i);
  }
  b[s.size()] = true;
  return b;
}

bool IsDeletedCodePoint(char32_t c) {
  return c == 0x0640 || (c >= 0x064B && c <= 0x065F) || c == 0x0670 || c == 0x00AD ||
         c == 0x200B || c == 0x200C || c == 0x200D || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || c == 0x061C || c == 0xFEFF;
}

void CheckSpan(const NormalizedText& norm, std::string_view original,
               const std::vector<bool>& orig_boundary, ByteSpan span) {
  const uint32_t size = static_cast<uint32_t>(original.size());
  ByteSpan o = norm.ToOriginal(span, original);
  QAWL_FUZZ_CHECK(o.begin <= o.end && o.end <= size,
                  "ToOriginal([%u,%u)) = [%u,%u) outside [0,%u)", span.begin, span.end, o.begin,
                  o.end, size);
  QAWL_FUZZ_CHECK(orig_boundary[o.begin] && orig_boundary[o.end],
                  "ToOriginal([%u,%u)) = [%u,%u) not on code point boundaries", span.begin,
                  span.end, o.begin, o.end);
  if (!span.empty()) {
    QAWL_FUZZ_CHECK(o.begin >= norm.OriginalBegin(span.begin) &&
                        o.end <= norm.OriginalEnd(span.end),
                    "ToOriginal([%u,%u)) = [%u,%u) outside the mapped range [%u,%u)",
                    span.begin, span.end, o.begin, o.end, norm.OriginalBegin(span.begin),
                    norm.OriginalEnd(span.end));
  }
  uint32_t e = norm.OriginalEnd(span.end);
  QAWL_FUZZ_CHECK(e <= size && orig_boundary[e], "OriginalEnd(%u) = %u (size %u)", span.end, e,
                  size);
  if (span.end > 0) {
    QAWL_FUZZ_CHECK(e > norm.OriginalBegin(span.end - 1), "OriginalEnd(%u) = %u <= OriginalBegin(%u) = %u",
                    span.end, e, span.end - 1, norm.OriginalBegin(span.end - 1));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view original(reinterpret_cast<const char*>(data), size);
  const qawl::Normalizer& normalizer = qawl::Normalizer::Default();
  QAWL_FUZZ_CHECK(normalizer.ok(), "normalizer: %s", normalizer.error().c_str());

  NormalizedText norm;
  normalizer.Normalize(original, &norm);
  const std::string& t = norm.text();
  const auto n = static_cast<uint32_t>(t.size());

  // Shape of the normalized text.
  QAWL_FUZZ_CHECK(qawl_fuzz::WellFormedUtf8(t), "normalized text is not UTF-8 (%u bytes)", n);
  QAWL_FUZZ_CHECK(norm.original_size() == size, "original_size() %u != %zu",
                  norm.original_size(), size);
  if (n > 0) {
    QAWL_FUZZ_CHECK(t.front() != ' ' && t.front() != '\n' && t.back() != ' ' && t.back() != '\n',
                    "normalized text starts or ends with whitespace");
  }
  for (uint32_t i = 0; i < n; ++i) {
    auto b = static_cast<unsigned char>(t[i]);
    QAWL_FUZZ_CHECK((b >= 0x20 && b != 0x7F) || b == '\n', "control byte 0x%02x at %u", b, i);
    QAWL_FUZZ_CHECK(!(b >= 'A' && b <= 'Z'), "uppercase '%c' at %u", b, i);
    if (i + 1 < n && (b == ' ' || b == '\n')) {
      auto next = static_cast<unsigned char>(t[i + 1]);
      QAWL_FUZZ_CHECK(next != ' ' && next != '\n', "whitespace run 0x%02x 0x%02x at %u", b, next, i);
    }
  }

  // The offset map.
  const std::vector<bool> orig_boundary = Boundaries(original);
  QAWL_FUZZ_CHECK(norm.OriginalBegin(n) == size, "OriginalBegin(end) %u != %zu",
                  norm.OriginalBegin(n), size);
  size_t i = 0;
  uint32_t prev = 0;
  while (i < n) {
    const size_t start = i;
    char32_t c = DecodeUtf8(t, &i);
    QAWL_FUZZ_CHECK(!IsDeletedCodePoint(c), "U+%04X at %zu should have been deleted",
                    static_cast<unsigned>(c), start);
    const uint32_t from = norm.OriginalBegin(static_cast<uint32_t>(start));
    QAWL_FUZZ_CHECK(from < size, "OriginalBegin(%zu) = %u, size %zu", start, from, size);
    QAWL_FUZZ_CHECK(from >= prev, "OriginalBegin(%zu) = %u < %u before it", start, from, prev);
    QAWL_FUZZ_CHECK(orig_boundary[from], "OriginalBegin(%zu) = %u is inside a code point",
                    start, from);
    for (size_t k = start + 1; k < i; ++k) {
      QAWL_FUZZ_CHECK(norm.OriginalBegin(static_cast<uint32_t>(k)) == from,
                      "bytes of one code point map to %u and %u", from,
                      norm.OriginalBegin(static_cast<uint32_t>(k)));
    }
    prev = from;
  }

  // ASCII letters and digits are never deleted or merged: each one of the
  // original appears, lowercased, at a normalized byte that maps back to it.
  std::vector<uint32_t> produced_at(size + 1, UINT32_MAX);  // original -> normalized
  for (uint32_t k = n; k-- > 0;) produced_at[norm.OriginalBegin(k)] = k;
  for (size_t k = 0; k < size; ++k) {
    const auto b = static_cast<unsigned char>(original[k]);
    const bool alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    if (!alnum) continue;
    const uint32_t at = produced_at[k];
    const char want = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
    QAWL_FUZZ_CHECK(at != UINT32_MAX && t[at] == want,
                    "'%c' at original byte %zu is missing from the normalized text", b, k);
  }

  // Spans: the whole text, every paragraph and every word.
  CheckSpan(norm, original, orig_boundary, ByteSpan{0, n});
  CheckSpan(norm, original, orig_boundary, ByteSpan{n, n});
  uint32_t para = 0;
  uint32_t word = 0;
  for (uint32_t k = 0; k <= n; ++k) {
    const bool end = k == n;
    if (end || t[k] == ' ' || t[k] == '\n') {
      if (k > word) CheckSpan(norm, original, orig_boundary, ByteSpan{word, k});
      word = k + 1;
    }
    if (end || t[k] == '\n') {
      if (k > para) CheckSpan(norm, original, orig_boundary, ByteSpan{para, k});
      para = k + 1;
    }
  }

  // Reusing storage changes nothing: the previous input's text is in it.
  static NormalizedText* reused = new NormalizedText();
  normalizer.Normalize(original, reused);
  QAWL_FUZZ_CHECK(reused->text() == t, "a reused NormalizedText differs");
  for (uint32_t k = 0; k <= n; ++k) {
    QAWL_FUZZ_CHECK(reused->OriginalBegin(k) == norm.OriginalBegin(k),
                    "a reused NormalizedText maps %u differently", k);
  }
  QAWL_FUZZ_CHECK(normalizer.Fold(original) == t, "Fold differs from Normalize");

  // SanitizeUtf8.
  std::string clean = qawl::SanitizeUtf8(original);
  QAWL_FUZZ_CHECK(clean == ReferenceSanitize(original),
                  "SanitizeUtf8 differs from the reference (%zu vs %zu bytes)", clean.size(),
                  ReferenceSanitize(original).size());
  return 0;
}
