#include "qawl/shard.h"

#include <charconv>

namespace qawl {

uint64_t Fnv1a64(std::string_view data) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (char c : data) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ull;
  }
  return h;
}

std::string ShardSpec::ToString() const {
  return std::to_string(index) + "/" + std::to_string(count);
}

StatusOr<ShardSpec> ParseShardSpec(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return Status::InvalidArgument("--shard '" + std::string(text) + "': " + std::string(why));
  };
  size_t slash = text.find('/');
  if (slash == std::string_view::npos) return bad("expected K/N, e.g. 0/4");
  auto number = [](std::string_view s, uint64_t* out) {
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
    return ec == std::errc() && end == s.data() + s.size();
  };
  uint64_t k = 0;
  uint64_t n = 0;
  if (!number(text.substr(0, slash), &k) || !number(text.substr(slash + 1), &n)) {
    return bad("K and N must be non-negative integers");
  }
  if (n < 1 || n > 65536) return bad("N must be from 1 to 65536");
  if (k >= n) return bad("K counts from 0 and must be less than N");
  ShardSpec spec;
  spec.index = static_cast<uint32_t>(k);
  spec.count = static_cast<uint32_t>(n);
  return spec;
}

}  // namespace qawl
