#include "qawl/lookup/text_table.h"

#include <unicode/uchar.h>

#include <algorithm>

#include "qawl/lookup/index_text.h"
#include "qawl/normalizer.h"

namespace qawl::lookup {
namespace {

constexpr char kRli[] = "\u2067";
constexpr char kPdi[] = "\u2069";

size_t CharWidth(char32_t c) {
  if (c >= 0x20 && c < 0x7F) return 1;
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_FORMAT_CHAR:
      return 0;
    default:
      break;
  }
  int eaw = u_getIntPropertyValue(static_cast<UChar32>(c), UCHAR_EAST_ASIAN_WIDTH);
  return eaw == U_EA_WIDE || eaw == U_EA_FULLWIDTH ? 2 : 1;
}

std::string Flatten(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return out;
}

}  // namespace

size_t DisplayWidth(std::string_view text) {
  size_t width = 0;
  size_t pos = 0;
  while (pos < text.size()) width += CharWidth(DecodeUtf8(text, &pos));
  return width;
}

bool HasRightToLeft(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = DecodeUtf8(text, &pos);
    if (c < 0x590) continue;
    UCharDirection d = u_charDirection(static_cast<UChar32>(c));
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

std::vector<std::string> WrapText(std::string_view text, size_t width) {
  std::vector<std::string> lines;
  if (width == 0) {
    lines.emplace_back(text);
    return lines;
  }
  std::string line;
  size_t line_width = 0;
  auto flush = [&] {
    lines.push_back(line);
    line.clear();
    line_width = 0;
  };
  for (std::string_view word : SplitWords(text)) {
    size_t w = DisplayWidth(word);
    if (line_width > 0 && line_width + 1 + w <= width) {
      line += ' ';
      line += word;
      line_width += 1 + w;
      continue;
    }
    if (line_width > 0) flush();
    if (w <= width) {
      line = word;
      line_width = w;
      continue;
    }
    // A word wider than the column: cut it between characters.
    size_t p = 0;
    while (p < word.size()) {
      size_t q = p;
      char32_t c = DecodeUtf8(word, &q);
      size_t cw = CharWidth(c);
      if (line_width + cw > width && line_width > 0) flush();
      line.append(word.substr(p, q - p));
      line_width += cw;
      p = q;
    }
  }
  if (line_width > 0 || lines.empty()) flush();
  return lines;
}

void TextTable::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  for (std::string& c : cells) c = Flatten(c);
  rows_.push_back(std::move(cells));
}

std::string TextTable::Render(const TableStyle& style) const {
  const size_t n = columns_.size();
  if (n == 0) return "";
  std::vector<size_t> widths(n);
  for (size_t i = 0; i < n; ++i) {
    widths[i] = DisplayWidth(columns_[i].header);
    for (const auto& row : rows_) widths[i] = std::max(widths[i], DisplayWidth(row[i]));
  }
  // Fit the wrapped columns into what the others leave of the width.
  if (style.width > 0) {
    size_t fixed = style.separator.size() * (n - 1);
    size_t wrapped = 0;
    size_t wrapped_count = 0;
    for (size_t i = 0; i < n; ++i) {
      if (columns_[i].wrap) {
        wrapped += widths[i];
        ++wrapped_count;
      } else {
        fixed += widths[i];
      }
    }
    if (wrapped_count > 0 && fixed + wrapped > style.width) {
      size_t room = style.width > fixed ? style.width - fixed : 0;
      size_t each = std::max<size_t>(room / wrapped_count, 12);
      for (size_t i = 0; i < n; ++i) {
        if (columns_[i].wrap) widths[i] = std::min(widths[i], each);
      }
    }
  }

  std::string out;
  auto emit_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t i = 0; i < n; ++i) {
      if (i > 0) line += style.separator;
      const std::string& cell = cells[i];
      size_t w = DisplayWidth(cell);
      size_t pad = widths[i] > w ? widths[i] - w : 0;
      bool rtl = style.isolate_rtl && HasRightToLeft(cell);
      if (columns_[i].align_right) line.append(pad, ' ');
      if (rtl) line += kRli;
      line += cell;
      if (rtl) line += kPdi;
      if (!columns_[i].align_right) line.append(pad, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  std::vector<std::string> header(n);
  std::vector<std::string> rule(n);
  for (size_t i = 0; i < n; ++i) {
    header[i] = columns_[i].header;
    rule[i] = std::string(widths[i], '-');
  }
  emit_line(header);
  emit_line(rule);
  for (const auto& row : rows_) {
    std::vector<std::vector<std::string>> lines(n);
    size_t height = 1;
    for (size_t i = 0; i < n; ++i) {
      lines[i] = columns_[i].wrap && style.width > 0 ? WrapText(row[i], widths[i])
                                                     : std::vector<std::string>{row[i]};
      height = std::max(height, lines[i].size());
    }
    for (size_t l = 0; l < height; ++l) {
      std::vector<std::string> cells(n);
      for (size_t i = 0; i < n; ++i) {
        if (l < lines[i].size()) cells[i] = lines[i][l];
      }
      emit_line(cells);
    }
  }
  return out;
}

}  // namespace qawl::lookup
