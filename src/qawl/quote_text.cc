#include "qawl/quote_text.h"

#include <cstdio>

namespace qawl {

namespace {

constexpr std::string_view kFsi = "\xE2\x81\xA8";  // U+2068
constexpr std::string_view kPdi = "\xE2\x81\xA9";  // U+2069

// True for the UTF-8 of U+202A-U+202E (E2 80 AA-AE) and U+2066-U+2069
// (E2 81 A6-A9), starting at s[i].
bool IsBidiControl(std::string_view s, size_t i) {
  if (i + 2 >= s.size() || s[i] != '\xE2') return false;
  const unsigned char b1 = static_cast<unsigned char>(s[i + 1]);
  const unsigned char b2 = static_cast<unsigned char>(s[i + 2]);
  return (b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
}

}  // namespace

void AppendIsolated(std::string_view s, std::string* out) {
  out->append(kFsi);
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out->push_back(' ');
    } else if (IsBidiControl(s, i)) {
      i += 2;
    } else {
      out->push_back(c);
    }
  }
  out->append(kPdi);
}

void AppendQuoteText(const v1::Quote& quote, std::string* out) {
  AppendIsolated(quote.article_id(), out);
  char buf[64];
  std::snprintf(buf, sizeof(buf), " #%u  %s  %.2f\n", static_cast<unsigned>(quote.index()),
                v1::Kind_Name(quote.kind()).c_str(), static_cast<double>(quote.confidence()));
  out->append(buf);
  out->append("  speaker: ");
  const v1::Speaker& speaker = quote.speaker();
  if (!speaker.name().empty()) {
    AppendIsolated(speaker.name(), out);
  } else if (!speaker.mention().empty()) {
    AppendIsolated(speaker.mention(), out);
  } else {
    out->append("(unknown)");
  }
  out->append("\n  quote:   ");
  AppendIsolated(quote.text(), out);
  out->append("\n\n");
}

}  // namespace qawl
