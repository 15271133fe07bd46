#include "qawl/lookup/near_duplicates.h"

#include <algorithm>

#include "qawl/lookup/index_text.h"

namespace qawl::lookup {

size_t NearDuplicates::Find(uint64_t key) const {
  size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(key) & mask;
  while (slots_[i].used && slots_[i].key != key) i = (i + 1) & mask;
  return i;
}

void NearDuplicates::Grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(std::max<size_t>(old.size() * 2, 1024), Slot());
  used_slots_ = 0;
  for (const Slot& s : old) {
    if (!s.used || s.head == kNone) continue;  // drop emptied chains
    slots_[Find(s.key)] = s;
    ++used_slots_;
  }
}

void NearDuplicates::Add(int64_t id, uint64_t lead, uint32_t words) {
  if ((used_slots_ + 1) * 2 > slots_.size()) Grow();
  uint32_t node;
  if (!free_.empty()) {
    node = free_.back();
    free_.pop_back();
  } else {
    node = static_cast<uint32_t>(nodes_.size());
    nodes_.emplace_back();
  }
  Slot& slot = slots_[Find(lead)];
  if (!slot.used) {
    slot.used = true;
    slot.key = lead;
    ++used_slots_;
  }
  nodes_[node] = Node{id, words, slot.head};
  slot.head = node;
  ++size_;
}

void NearDuplicates::Remove(int64_t id, uint64_t lead) {
  if (slots_.empty()) return;
  Slot& slot = slots_[Find(lead)];
  if (!slot.used) return;
  for (uint32_t* link = &slot.head; *link != kNone; link = &nodes_[*link].next) {
    if (nodes_[*link].id == id) {
      uint32_t node = *link;
      *link = nodes_[node].next;
      free_.push_back(node);
      --size_;
      return;
    }
  }
}

void NearDuplicates::Candidates(uint64_t speaker_hash, const std::vector<uint64_t>& word_hashes,
                                std::vector<Candidate>* out) const {
  out->clear();
  size_t n = word_hashes.size();
  if (n <= min_words_ || size_ == 0) return;
  for (size_t at = 0; at + min_words_ <= n; ++at) {
    const Slot& slot = slots_[Find(RunKey(speaker_hash, word_hashes.data() + at, min_words_))];
    if (!slot.used) continue;
    size_t first = out->size();
    for (uint32_t node = slot.head; node != kNone; node = nodes_[node].next) {
      const Node& r = nodes_[node];
      if (r.words < n && at + r.words <= n) out->push_back(Candidate{r.id, r.words, at});
    }
    std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
              [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
  }
}

}  // namespace qawl::lookup
