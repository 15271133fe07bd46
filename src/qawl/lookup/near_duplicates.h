// NearDuplicates: finds the entries whose text is contained in a longer
// quote of the same speaker, so that the index can fold them into it.
//
// The quote index groups occurrences into entries (quote_index.h): exact
// duplicates share an index text (index_text.h) and a speaker id; a text of
// at least `min_words` words that occurs, as a run of whole words, inside a
// longer text of the same speaker is a near-duplicate and joins the longer
// one's entry. This class holds, for every entry root (the longest text of
// an entry), the key of its first `min_words` words (RunKey), so that for a
// new text of n words the roots it may contain are found with n - min_words
// + 1 hash lookups; the caller confirms each candidate by comparing words.
// Texts are added in order of increasing length, so a text only ever needs
// to look for shorter roots inside itself.
//
// Ownership: plain value. Thread-safety: not synchronized.
#ifndef QAWL_LOOKUP_NEAR_DUPLICATES_H_
#define QAWL_LOOKUP_NEAR_DUPLICATES_H_

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace qawl::lookup {

class NearDuplicates {
 public:
  struct Candidate {
    int64_t id = 0;      // the root's text id
    uint32_t words = 0;  // its length in words
    size_t at = 0;       // the word where it would start in the new text
  };

  // `min_words` >= 1.
  explicit NearDuplicates(uint32_t min_words) : min_words_(min_words) {}

  uint32_t min_words() const { return min_words_; }
  size_t size() const { return size_; }

  // Registers a root of `words` words whose RunKey over its first
  // min_words() words is `lead`. Texts shorter than min_words() are never
  // near-duplicates and should not be added.
  void Add(int64_t id, uint64_t lead, uint32_t words);
  // Forgets a root (it was folded into a longer one).
  void Remove(int64_t id, uint64_t lead);

  // The roots that may occur inside a text of the speaker whose id hashes
  // to `speaker_hash` (Hash64), with these word hashes (WordHashes): those
  // whose lead key equals the RunKey at some word, that are shorter than
  // the text and fit before its end. Ordered by position, then id.
  // Candidates must be confirmed by comparing words (keys can collide).
  void Candidates(uint64_t speaker_hash, const std::vector<uint64_t>& word_hashes,
                  std::vector<Candidate>* out) const;

 private:
  // An open-addressing table from lead key to the head of a chain of
  // nodes: a lookup that misses (the common case) costs one probe.
  static constexpr uint32_t kNone = 0xFFFFFFFF;
  struct Slot {
    uint64_t key = 0;
    uint32_t head = kNone;  // first node of the chain; kNone: none
    bool used = false;      // never reset: probe sequences run through it
  };
  struct Node {
    int64_t id;
    uint32_t words;
    uint32_t next;  // kNone ends the chain
  };
  size_t Find(uint64_t key) const;  // the slot of `key`, or the empty one for it
  void Grow();

  uint32_t min_words_;
  size_t size_ = 0;
  size_t used_slots_ = 0;
  std::vector<Slot> slots_;
  std::vector<Node> nodes_;
  std::vector<uint32_t> free_;  // removed nodes, for reuse
};

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_NEAR_DUPLICATES_H_
