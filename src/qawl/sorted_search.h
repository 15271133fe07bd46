// Searching the short sorted lists the stages keep per article (sentence
// breaks, quotations, cues, names): a binary search that selects instead
// of branching, since which way each comparison goes is what no predictor
// learns, and these searches run for every token or cue.
#ifndef QAWL_SORTED_SEARCH_H_
#define QAWL_SORTED_SEARCH_H_

#include <cstddef>
#include <span>

namespace qawl {

// The number of leading elements of `sorted` that `before` holds for:
// `before` must hold for a prefix of it and for nothing after. With
// before(e) == comp(e, value), the index std::lower_bound(…, value, comp)
// returns; with before(e) == !comp(value, e), std::upper_bound's.
template <typename T, typename Before>
inline size_t CountBefore(std::span<const T> sorted, Before before) {
  if (sorted.empty()) return 0;
  const T* base = sorted.data();
  for (size_t n = sorted.size(); n > 1;) {
    const size_t half = n / 2;
    base = before(base[half]) ? base + half : base;
    n -= half;
  }
  return static_cast<size_t>(base - sorted.data()) + (before(*base) ? 1 : 0);
}

}  // namespace qawl

#endif  // QAWL_SORTED_SEARCH_H_
