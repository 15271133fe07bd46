// Assertions for the fuzz targets: a failed check prints what was expected
// and the values involved, then aborts, which libFuzzer reports as a crash
// and saves the input.
#ifndef QAWL_TESTS_FUZZ_FUZZ_CHECK_H_
#define QAWL_TESTS_FUZZ_FUZZ_CHECK_H_

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define QAWL_FUZZ_CHECK(cond, ...)                                            \
  do {                                                                        \
    if (!(cond)) {                                                            \
      std::fprintf(stderr, "%s:%d: check failed: %s\n  ", __FILE__, __LINE__, \
                   #cond);                                                    \
      std::fprintf(stderr, __VA_ARGS__);                                      \
      std::fprintf(stderr, "\n");                                             \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

namespace qawl_fuzz {

// True if `s` is well-formed UTF-8 (no overlong forms, surrogates or code
// points above U+10FFFF). Written here, independently of the library's
// decoder, so that the two check each other.
inline bool WellFormedUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    unsigned char lo = 0x80, hi = 0xBF;  // bounds of the second byte
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      len = 3;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      len = 4;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      return false;
    }
    if (i + len > s.size()) return false;
    auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b1 < lo || b1 > hi) return false;
    for (size_t k = 2; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    }
    i += len;
  }
  return true;
}

// A file in $TMPDIR named "<stem>_<pid><extension>", rewritten by every
// iteration and removed when the process exits normally. Keep one per
// process in a function-local static.
class ScratchFile {
 public:
  ScratchFile(std::string_view stem, std::string_view extension) {
    const char* dir = std::getenv("TMPDIR");
    path_ = dir != nullptr && *dir != '\0' ? dir : "/tmp";
    path_ += "/";
    path_ += stem;
    path_ += "_" + std::to_string(getpid());
    path_ += extension;
  }
  ~ScratchFile() { std::remove(path_.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  const std::string& path() const { return path_; }

  // Replaces the contents with `data`; aborts if it cannot.
  void Write(const uint8_t* data, size_t size) const {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    QAWL_FUZZ_CHECK(f != nullptr, "cannot write %s", path_.c_str());
    QAWL_FUZZ_CHECK(size == 0 || std::fwrite(data, 1, size, f) == size, "short write to %s",
                    path_.c_str());
    QAWL_FUZZ_CHECK(std::fclose(f) == 0, "cannot close %s", path_.c_str());
  }

 private:
  std::string path_;
};

}  // namespace qawl_fuzz

#endif  // QAWL_TESTS_FUZZ_FUZZ_CHECK_H_
