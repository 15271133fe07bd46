// Normalizer: folds Arabic news text into the form that patterns, the verb
// lexicon and the gazetteer are matched against, and keeps a map from every
// normalized byte back to the original bytes.
//
// What it does, per code point (see patterns/README.md for the tables):
//   * invalid UTF-8 bytes become U+FFFD (one per bad byte);
//   * NFKC (ICU) for compatibility characters outside the Arabic blocks:
//     presentation forms and ligatures (U+FB50-U+FDFF, U+FE70-U+FEFF),
//     fullwidth forms, "…";
//   * deleted: tatweel, Arabic diacritics and Quranic marks (U+0610-U+061A,
//     U+064B-U+065F, U+0670, U+06D6-U+06ED, U+08CA-U+08FF), and every
//     Default_Ignorable code point (bidi controls, ZWJ/ZWNJ, ALM, BOM, soft
//     hyphen, variation selectors);
//   * 1:1 folds: alef variants -> ا, ى and Persian/Urdu yeh -> ي, ة -> ه,
//     ؤ -> و, ئ -> ي, keheh/gaf -> ك, Urdu heh -> ه, پ چ ژ ڤ ڨ -> ب ج ز ف ق,
//     Arabic-Indic and Persian digits -> 0-9, ASCII A-Z -> a-z;
//   * whitespace: runs of spaces and tabs become one " ", line breaks one
//     "\n" (paragraph boundary), with no space around it;
//   * quotation marks are kept as they are: pairing needs their glyphs.
// Every step is a deletion or a mapping of one original code point to one or
// more normalized code points, so each normalized byte has exactly one
// original code point it came from: the offset map is one uint32 per
// normalized byte, no icu::Edits needed. NFKC is applied per code point
// (Normalizer2::normalize of that code point alone); the only compositions
// NFKC would make across code points in Arabic text put a hamza or madda
// mark on a letter (ا + U+0654 -> أ), and those marks are deleted and those
// letters folded here anyway, so the result is the same as whole-text NFKC
// followed by the folds.
//
// Thread-safety: a Normalizer is immutable after construction and may be
// shared by any number of threads. NormalizedText is a plain value.
#ifndef QAWL_NORMALIZER_H_
#define QAWL_NORMALIZER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qawl {

// A half-open byte range [begin, end).
struct ByteSpan {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  friend bool operator==(const ByteSpan&, const ByteSpan&) = default;
};

class NormalizedText {
 public:
  NormalizedText() = default;

  // The normalized UTF-8 text (always valid UTF-8).
  const std::string& text() const { return text_; }
  // Size in bytes of the original text.
  uint32_t original_size() const { return origin_.empty() ? 0 : origin_.back(); }

  // Original byte offset where the code point that produced normalized byte
  // `pos` begins; pos == text().size() gives original_size().
  uint32_t OriginalBegin(uint32_t pos) const { return origin_[pos]; }
  // Original byte offset just past the code point(s) that produced
  // normalized bytes up to `end` (exclusive), including any deleted
  // characters (diacritics, controls) that follow them.
  uint32_t OriginalEnd(uint32_t end) const;
  // Maps a normalized range to the original range that produced it, with
  // leading and trailing whitespace and invisible controls trimmed off the
  // original side. `original` must be the text this was built from.
  ByteSpan ToOriginal(ByteSpan normalized, std::string_view original) const;

 private:
  friend class Normalizer;
  std::string text_;
  // origin_[i] = original offset for normalized byte i; one extra entry at
  // the end holding the original size.
  std::vector<uint32_t> origin_;
};

class Normalizer {
 public:
  // Builds the folding tables and looks up ICU's NFKC instance. Check ok()
  // before use (ICU data can be missing from a broken installation).
  Normalizer();
  Normalizer(const Normalizer&) = delete;
  Normalizer& operator=(const Normalizer&) = delete;

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  // Normalizes `original` (any bytes; invalid UTF-8 is tolerated) into *out.
  // Reuses out's storage. Texts over 4 GiB are truncated by the caller's
  // size limits, never here: the offsets are 32-bit, so callers must reject
  // larger inputs first (Normalize asserts it).
  void Normalize(std::string_view original, NormalizedText* out) const;

  // Convenience for short strings (lexicon entries, queries): the
  // normalized text only.
  std::string Fold(std::string_view s) const;

  // The process-wide shared instance.
  static const Normalizer& Default();

 private:
  struct Impl;
  std::string error_;
  const void* nfkc_ = nullptr;  // const icu::Normalizer2*, owned by ICU
};

// Replaces invalid UTF-8 sequences in `s` by U+FFFD (one per bad byte),
// the same way the Normalizer reads them. Returns s unchanged when valid.
std::string SanitizeUtf8(std::string_view s);

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates, code
// points past U+10FFFF or truncated sequences), that is when
// SanitizeUtf8(s) == s. SIMD, a fraction of a cycle per byte: check a whole
// text once rather than sanitizing each piece of it.
bool IsValidUtf8(std::string_view s);

// Decodes one code point at s[*pos], advancing *pos. Invalid or truncated
// sequences yield U+FFFD and advance by one byte.
char32_t DecodeUtf8(std::string_view s, size_t* pos);
// Appends the UTF-8 encoding of `c`.
void AppendUtf8(char32_t c, std::string* out);

}  // namespace qawl

#endif  // QAWL_NORMALIZER_H_
