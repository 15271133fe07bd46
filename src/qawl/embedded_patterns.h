// The pattern files from patterns/, compiled into the library at build time
// (cmake/embed_patterns.cmake) so that tools work from any directory.
// The data is static and immutable; safe to read from any thread.
#ifndef QAWL_EMBEDDED_PATTERNS_H_
#define QAWL_EMBEDDED_PATTERNS_H_

#include <string_view>
#include <vector>

namespace qawl {

struct EmbeddedFile {
  std::string_view name;  // file name, e.g. "verbs.txt"
  std::string_view data;  // its bytes
};

const std::vector<EmbeddedFile>& EmbeddedPatternFiles();

}  // namespace qawl

#endif  // QAWL_EMBEDDED_PATTERNS_H_
