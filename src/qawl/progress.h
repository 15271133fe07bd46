// ProgressMeter: the one-line progress bar qawl-extract draws on a
// terminal's standard error while a job runs:
//
//   [########............]  41%  81234 articles  402.1 MB  151.3 MB/s  803122 quotes  ETA 0:04:12
//
// The share done and the ETA come from the input bytes consumed against
// the total size of the inputs (estimated inside gzip files); both are left
// out when the total is unknown (standard input). Redraws are limited to a
// few per second. Lines printed through Message() appear above the bar.
// A disabled meter draws nothing and only passes Message() lines through.
//
// Thread-safety: not synchronized; drive it from one thread (the writer).
#ifndef QAWL_PROGRESS_H_
#define QAWL_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace qawl {

struct ProgressSnapshot {
  uint64_t articles = 0;
  uint64_t quotes = 0;
  uint64_t bytes = 0;         // article text processed
  uint64_t input_done = 0;    // input bytes consumed (estimate)
  uint64_t input_total = 0;   // total input bytes; 0 if unknown
};

class ProgressMeter {
 public:
  // Draws on `out` if `enabled` (and `out` is not null).
  ProgressMeter(std::FILE* out, bool enabled);
  ProgressMeter(const ProgressMeter&) = delete;
  ProgressMeter& operator=(const ProgressMeter&) = delete;

  bool enabled() const { return enabled_; }

  // Redraws the bar if enough time has passed since the last redraw.
  void Update(const ProgressSnapshot& s);
  // Prints `line` (without its newline) on its own line, above the bar.
  void Message(const std::string& line);
  // Erases the bar; the next output starts on a clean line.
  void Finish();

  // The bar's text for `s`, `seconds` after the first snapshot `first`,
  // at most `width` columns. Exposed for tests.
  static std::string Render(const ProgressSnapshot& s, const ProgressSnapshot& first, double seconds,
                            int width);

 private:
  void Draw(const ProgressSnapshot& s);
  void Erase();

  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  bool have_first_ = false;
  ProgressSnapshot first_;
  ProgressSnapshot last_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace qawl

#endif  // QAWL_PROGRESS_H_
