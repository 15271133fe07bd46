// TextTable: an aligned plain-text table for a terminal, right for Arabic.
//
// Columns are padded to the display width of their widest cell, counted in
// terminal cells, not bytes: combining marks (Arabic diacritics) and format
// characters take no cell, East Asian wide and fullwidth characters two,
// everything else one. A cell holding right-to-left text (any Arabic,
// Hebrew, Syriac, Thaana or N'Ko letter) is written, line by line, between
// U+2067 RIGHT-TO-LEFT ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so that
// a terminal or viewer that applies the Unicode bidi algorithm lays out
// each cell on its own and keeps the columns in place; the padding stays
// outside the isolate. Columns marked `wrap` are wrapped at spaces to fit
// the table in a given width.
//
// Ownership: plain value. Thread-safety: not synchronized.
#ifndef QAWL_LOOKUP_TEXT_TABLE_H_
#define QAWL_LOOKUP_TEXT_TABLE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace qawl::lookup {

// Terminal cells taken by UTF-8 `text` (invalid bytes count one each).
size_t DisplayWidth(std::string_view text);
// True if `text` has a strong right-to-left character.
bool HasRightToLeft(std::string_view text);

struct TableColumn {
  std::string header;
  bool align_right = false;  // numbers
  bool wrap = false;         // may be wrapped to fit the width
};

struct TableStyle {
  // Total width in terminal cells that wrapped columns are fitted into;
  // 0: no limit (nothing is wrapped). Default 0.
  size_t width = 0;
  // Wrap right-to-left cells in isolates (see above). Default true.
  bool isolate_rtl = true;
  // Between columns. Default two spaces.
  std::string separator = "  ";
};

class TextTable {
 public:
  explicit TextTable(std::vector<TableColumn> columns) : columns_(std::move(columns)) {}

  // A row of cells, one per column (missing cells are empty; extra ones are
  // dropped). Line breaks and tabs in cells become spaces.
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }

  // The header, a rule of '-', and the rows, each line ending in "\n".
  std::string Render(const TableStyle& style) const;

 private:
  std::vector<TableColumn> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Splits `text` into lines of at most `width` cells, breaking at spaces
// (and inside a word only when the word alone is wider). width 0: one line.
std::vector<std::string> WrapText(std::string_view text, size_t width);

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_TEXT_TABLE_H_
