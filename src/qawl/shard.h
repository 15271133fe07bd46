// Shard: which of N cooperating jobs handles an article.
//
// An article belongs to shard K of N when Fnv1a64(id) % N == K, where
// Fnv1a64 is the 64-bit FNV-1a hash of the id's bytes (offset basis
// 0xcbf29ce484222325, prime 0x100000001b3). The hash is part of the
// contract: it never changes between versions or machines, so N jobs over
// the same inputs split them the same way everywhere, and together emit
// every quote exactly once. K is 0-based: "--shard 0/4" ... "--shard 3/4".
//
// A bad record (no usable id) is assigned by the hash of "INPUT:LINE", so
// exactly one shard reports it; an input that cannot be read at all is
// reported by every shard, since every shard lost its part of it.
//
// Thread-safety: plain values and pure functions.
#ifndef QAWL_SHARD_H_
#define QAWL_SHARD_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "qawl/status.h"

namespace qawl {

// 64-bit FNV-1a of `data`.
uint64_t Fnv1a64(std::string_view data);

struct ShardSpec {
  uint32_t index = 0;  // K, 0 <= K < N
  uint32_t count = 1;  // N; 1 means "everything"

  bool sharded() const { return count > 1; }
  // True if an article with this id belongs to this shard.
  bool Contains(std::string_view id) const {
    return count <= 1 || Fnv1a64(id) % count == index;
  }
  // "K/N"
  std::string ToString() const;
};

// Parses "K/N" (decimal, 0 <= K < N, 1 <= N <= 65536).
StatusOr<ShardSpec> ParseShardSpec(std::string_view text);

}  // namespace qawl

#endif  // QAWL_SHARD_H_
