// WordMap: an immutable-after-build hash map from short byte strings
// (normalized words) to values, made for the extractor's hot loop: every
// token of an article is looked up, almost all of them miss, and the caller
// hashes each token once (HashWord) and probes any number of maps with it.
//
// Open addressing with linear probing over a power-of-two slot array kept
// at most half full; each slot holds 32 bits of the hash, so a probe rarely
// compares strings. In front of the slots, a one-bit-per-hash filter about
// 16 bits per entry large (128 KiB for the extractor's 40,000 words, small
// enough to stay in L2 where the slots do not) turns away about 15 of 16
// misses without touching the slots.
//
// Ownership: the map owns its keys and values. Pointers returned by Find
// stay valid until the next Insert.
//
// Thread-safety: Insert is not thread-safe; once built, any number of
// threads may call Find concurrently.
#ifndef QAWL_WORD_MAP_H_
#define QAWL_WORD_MAP_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qawl {

namespace word_map_internal {
inline uint64_t Load64(const char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}
inline uint64_t Load32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
}  // namespace word_map_internal

// A 64-bit hash of `s` with full avalanche: fixed-size loads only, so a
// word of up to 16 bytes costs a handful of instructions.
inline uint64_t HashWord(std::string_view s) {
  using word_map_internal::Load32;
  using word_map_internal::Load64;
  constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
  auto mix = [](uint64_t h, uint64_t v) {
    h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
  };
  const char* p = s.data();
  size_t n = s.size();
  uint64_t h = (n + 1) * kMul;
  while (n > 16) {
    h = mix(h, Load64(p));
    h = mix(h, Load64(p + 8));
    p += 16;
    n -= 16;
  }
  if (n > 8) {
    h = mix(h, Load64(p));
    h = mix(h, Load64(p + n - 8));
  } else if (n >= 4) {
    h = mix(h, Load32(p) | (Load32(p + n - 4) << 32));
  } else if (n > 0) {
    auto b = [&](size_t i) { return static_cast<uint64_t>(static_cast<unsigned char>(p[i])); };
    h = mix(h, b(0) | (b(n / 2) << 8) | (b(n - 1) << 16));
  }
  h ^= h >> 33;
  h *= 0xFF51AFD7ED558CCDull;
  h ^= h >> 33;
  return h;
}

// a[0, n) == b[0, n) with fixed-size loads for words up to 16 bytes (a
// call to memcmp costs more than the comparison).
inline bool SameBytes(const char* a, const char* b, size_t n) {
  using word_map_internal::Load32;
  using word_map_internal::Load64;
  if (n > 16) return std::memcmp(a, b, n) == 0;
  if (n >= 8) {
    return ((Load64(a) ^ Load64(b)) | (Load64(a + n - 8) ^ Load64(b + n - 8))) == 0;
  }
  if (n >= 4) return ((Load32(a) ^ Load32(b)) | (Load32(a + n - 4) ^ Load32(b + n - 4))) == 0;
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

template <typename V>
class WordMap {
 public:
  WordMap() = default;

  // The value for `key`, inserted value-initialized if absent.
  V& operator[](std::string_view key) {
    const uint64_t h = HashWord(key);
    if (V* v = FindMutable(key, h)) return *v;
    if ((entries_.size() + 1) * 2 > slots_.size()) Grow();
    entries_.emplace_back(std::string(key), V());
    Place(h, static_cast<uint32_t>(entries_.size()));
    return entries_.back().second;
  }

  // The value for `key` or nullptr; `hash` must be HashWord(key).
  const V* Find(std::string_view key, uint64_t hash) const {
    return MayHold(hash) ? FindPassed(key, hash) : nullptr;
  }
  const V* Find(std::string_view key) const { return Find(key, HashWord(key)); }
  // Find(key, hash) for a hash that MayHold passed (so the map is not
  // empty): the caller sorted out the keys worth a lookup and need not pay
  // for the filter twice.
  const V* FindPassed(std::string_view key, uint64_t hash) const {
    const size_t mask = slots_.size() - 1;
    const auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.entry == 0) return nullptr;
      if (s.tag == tag) {
        const auto& e = entries_[s.entry - 1];
        if (e.first.size() == key.size() && SameBytes(e.first.data(), key.data(), key.size())) return &e.second;
      }
    }
  }
  // Whether a key of hash `hash` may be in the map: true for every key that
  // is, false for about 15 of 16 that are not. One load and no branch on
  // the answer, so that a caller can sort out the few keys worth a Find.
  bool MayHold(uint64_t hash) const {
    const uint64_t bit = (hash >> 16) & filter_mask_;
    return !filter_.empty() && (filter_[bit >> 6] & (uint64_t{1} << (bit & 63))) != 0;
  }

  size_t size() const { return entries_.size(); }
  // Entries in insertion order.
  const std::vector<std::pair<std::string, V>>& entries() const { return entries_; }
  // Calls fn(V&) on every value, in insertion order (keys stay as they are).
  template <typename Fn>
  void ForEachValue(Fn fn) {
    for (auto& entry : entries_) fn(entry.second);
  }

 private:
  struct Slot {
    uint32_t tag = 0;    // high half of the hash
    uint32_t entry = 0;  // index into entries_ plus one; 0 = empty
  };

  V* FindMutable(std::string_view key, uint64_t hash) {
    return const_cast<V*>(static_cast<const WordMap*>(this)->Find(key, hash));
  }
  void Place(uint64_t hash, uint32_t entry) {
    const uint64_t bit = (hash >> 16) & filter_mask_;
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    const size_t mask = slots_.size() - 1;
    size_t i = hash & mask;
    while (slots_[i].entry != 0) i = (i + 1) & mask;
    slots_[i] = Slot{static_cast<uint32_t>(hash >> 32), entry};
  }
  void Grow() {
    slots_.assign(slots_.empty() ? 16 : slots_.size() * 2, Slot());
    // 4 filter bits per slot, i.e. at least 8 per entry: few false
    // positives, and a filter small enough to stay in the L1 cache.
    filter_.assign(slots_.size() / 16, 0);
    filter_mask_ = slots_.size() * 4 - 1;
    for (size_t k = 0; k < entries_.size(); ++k) {
      Place(HashWord(entries_[k].first), static_cast<uint32_t>(k + 1));
    }
  }

  std::vector<Slot> slots_;
  std::vector<uint64_t> filter_;  // bit (hash >> 16) & filter_mask_ set for every key
  uint64_t filter_mask_ = 0;
  std::vector<std::pair<std::string, V>> entries_;
};

}  // namespace qawl

#endif  // QAWL_WORD_MAP_H_
