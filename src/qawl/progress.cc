#include "qawl/progress.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cinttypes>

#include "qawl/gcc_warnings.h"

namespace qawl {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(200);

int TerminalWidth(std::FILE* out) {
  struct winsize ws;
  if (::ioctl(::fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

std::string Duration(double seconds) {
  auto s = static_cast<uint64_t>(seconds + 0.5);
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%" PRIu64 ":%02" PRIu64 ":%02" PRIu64, s / 3600, s / 60 % 60, s % 60);
  return buf;
}

}  // namespace

ProgressMeter::ProgressMeter(std::FILE* out, bool enabled)
    : out_(out), enabled_(enabled && out != nullptr), start_(std::chrono::steady_clock::now()) {}

std::string ProgressMeter::Render(const ProgressSnapshot& s, const ProgressSnapshot& first, double seconds,
                                  int width) {
  char buf[256];
  std::string stats;
  double mb = static_cast<double>(s.bytes) / 1e6;
  double rate = seconds > 0 ? static_cast<double>(s.bytes - first.bytes) / 1e6 / seconds : 0;
  std::snprintf(buf, sizeof(buf), "%" PRIu64 " articles  %.1f MB  %.1f MB/s  %" PRIu64 " quotes", s.articles,
                mb, rate, s.quotes);
  stats = buf;
  if (s.input_total == 0) return stats.substr(0, static_cast<size_t>(std::max(width - 1, 0)));
  double share = std::min(1.0, static_cast<double>(s.input_done) / static_cast<double>(s.input_total));
  std::string eta = "ETA -:--:--";
  uint64_t done_here = s.input_done > first.input_done ? s.input_done - first.input_done : 0;
  if (seconds >= 1 && done_here > 0) {
    double left = static_cast<double>(s.input_total > s.input_done ? s.input_total - s.input_done : 0);
    eta = "ETA " + Duration(left * seconds / static_cast<double>(done_here));
  }
  std::snprintf(buf, sizeof(buf), " %3d%%  ", static_cast<int>(share * 100));
  std::string tail = buf + stats + "  " + eta;
  int bar = std::min(30, width - 1 - static_cast<int>(tail.size()) - 2);
  std::string line;
  if (bar >= 5) {
    int filled = static_cast<int>(share * bar);
    QAWL_GCC_BUG_105329_BEGIN  // -Wrestrict false positive, see gcc_warnings.h
    line = "[" + std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(bar - filled), '.') + "]";
    QAWL_GCC_BUG_105329_END
  }
  line += tail;
  return line.substr(0, static_cast<size_t>(std::max(width - 1, 0)));
}

void ProgressMeter::Update(const ProgressSnapshot& s) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (!have_first_) {
    have_first_ = true;
    first_ = s;
    start_ = now;
  }
  last_ = s;
  if (drawn_ && now - last_draw_ < kRedrawInterval) return;
  Draw(s);
  last_draw_ = now;
}

void ProgressMeter::Draw(const ProgressSnapshot& s) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::string line = Render(s, first_, seconds, TerminalWidth(out_));
  std::fprintf(out_, "\r%s\033[K", line.c_str());
  std::fflush(out_);
  drawn_ = true;
}

void ProgressMeter::Erase() {
  if (!drawn_) return;
  std::fputs("\r\033[K", out_);
  drawn_ = false;
}

void ProgressMeter::Message(const std::string& line) {
  if (out_ == nullptr) return;
  Erase();
  std::fprintf(out_, "%s\n", line.c_str());
  if (enabled_ && have_first_) Draw(last_);
  else std::fflush(out_);
}

void ProgressMeter::Finish() {
  if (!enabled_) return;
  Erase();
  std::fflush(out_);
}

}  // namespace qawl
