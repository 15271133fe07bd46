// Index text: the words of a quote, a speaker mention or a query as the
// quote index compares them.
//
// IndexWords() folds text with the extractor's normalizer
// (Normalizer::Default().Fold: diacritics and tatweel removed, hamza forms
// of alef, teh marbuta, alef maqsura and the like folded, digits made ASCII),
// folds letter case, and splits it into words: maximal runs of letters,
// digits, marks and private-use characters (Unicode L*, N*, M*, Co);
// everything else (spaces, punctuation, quotation marks, symbols) separates
// words. Two quotes are exact duplicates when their words are equal, so
// "قال: «إنّ…»" and "قال إن" compare equal.
//
// The full-text table is built with kFtsTokenizer, which splits on the same
// categories, and is fed the words joined by single spaces; FtsPhrase() and
// FtsAllWords() quote every word, so user input never reaches the FTS5
// query syntax.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef QAWL_LOOKUP_INDEX_TEXT_H_
#define QAWL_LOOKUP_INDEX_TEXT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qawl::lookup {

// The FTS5 tokenizer of the full-text table.
inline constexpr char kFtsTokenizer[] = "unicode61 remove_diacritics 0 categories 'L* N* M* Co'";

// The words of folded, case-folded `text`, joined by single spaces.
std::string IndexText(std::string_view text);
// Splits IndexText() output (or any text) into its words: views into `text`.
std::vector<std::string_view> SplitWords(std::string_view index_text);

// FTS5 query matching the words in this order, as one phrase.
std::string FtsPhrase(const std::vector<std::string_view>& words);
// FTS5 query matching all the words, in any order.
std::string FtsAllWords(const std::vector<std::string_view>& words);

// A 64-bit hash of a string (not cryptographic; stable across runs and
// platforms, as hashes are stored in the index).
uint64_t Hash64(std::string_view s);
// The exact-duplicate key of a quote: speaker id and index text.
uint64_t TextKey(std::string_view speaker_id, std::string_view index_text);
// Hash64 of every word.
std::vector<uint64_t> WordHashes(const std::vector<std::string_view>& words);
// The near-duplicate lookup key of the `n` words whose hashes start at
// `word_hashes`, for the speaker whose id has Hash64 `speaker_hash`: see
// near_duplicates.h.
uint64_t RunKey(uint64_t speaker_hash, const uint64_t* word_hashes, size_t n);

// True if `needle` occurs as a contiguous run of whole words in `haystack`
// starting at word `at`.
bool WordsAt(const std::vector<std::string_view>& haystack, size_t at, const std::vector<std::string_view>& needle);

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_INDEX_TEXT_H_
