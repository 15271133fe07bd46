// Fuzzes the JSON Lines reader (article_reader.h): the input is written to a
// temporary .jsonl file (plain, or gzip when it starts with the gzip magic:
// zlib detects it) and read to the end. Checked:
//   * reading terminates, with at most one item per line of input;
//   * an article has a non-empty id and text within max_article_bytes;
//   * line numbers increase, offsets increase and lie inside the
//     (decompressed) input, and a record's bytes do not run past its end;
//   * an error names the input, its line and the byte offset.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "qawl/article_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const qawl_fuzz::ScratchFile file("qawl_jsonl_reader_fuzzer", ".jsonl");
  file.Write(data, size);
  const std::string& path = file.path();

  // A small limit, so that fuzzed records reach the size checks too.
  qawl::ReaderOptions options;
  options.max_article_bytes = 300;
  const bool gzip = size >= 2 && data[0] == 0x1F && data[1] == 0x8B;
  size_t lines = 1;
  for (size_t i = 0; i < size; ++i) lines += data[i] == '\n';

  qawl::ArticleReader reader({path}, options);
  qawl::ReadItem item;
  size_t items = 0;
  uint64_t last_line = 0;
  uint64_t last_offset = 0;
  while (reader.Next(&item)) {
    ++items;
    // A gzip stream may decompress to any number of lines.
    if (!gzip) QAWL_FUZZ_CHECK(items <= lines, "%zu items from %zu lines", items, lines);
    QAWL_FUZZ_CHECK(items <= 1000000, "reader does not stop");
    QAWL_FUZZ_CHECK(item.input == path, "item names input '%s'", item.input.c_str());
    if (item.input_failed) {
      QAWL_FUZZ_CHECK(!item.ok && !item.error.empty(), "failed input without an error");
      continue;
    }
    QAWL_FUZZ_CHECK(item.line > last_line, "line %llu after line %llu",
                    static_cast<unsigned long long>(item.line),
                    static_cast<unsigned long long>(last_line));
    QAWL_FUZZ_CHECK(items == 1 || item.offset > last_offset, "offset %llu after %llu",
                    static_cast<unsigned long long>(item.offset),
                    static_cast<unsigned long long>(last_offset));
    if (!gzip) {
      QAWL_FUZZ_CHECK(item.offset < size && item.offset + item.bytes <= size + 1,
                      "record at byte %llu of %llu bytes in an input of %zu",
                      static_cast<unsigned long long>(item.offset),
                      static_cast<unsigned long long>(item.bytes), size);
    }
    last_line = item.line;
    last_offset = item.offset;
    if (item.ok) {
      QAWL_FUZZ_CHECK(!item.article.id().empty(), "article without an id at line %llu",
                      static_cast<unsigned long long>(item.line));
      QAWL_FUZZ_CHECK(item.article.text().size() <= options.max_article_bytes,
                      "article of %zu bytes over the limit", item.article.text().size());
    } else {
      const std::string where = path + ":" + std::to_string(item.line) + ": ";
      QAWL_FUZZ_CHECK(item.error.compare(0, where.size(), where) == 0,
                      "error does not start with '%s': %s", where.c_str(), item.error.c_str());
      const std::string byte = "(byte " + std::to_string(item.offset) + ")";
      QAWL_FUZZ_CHECK(item.error.find(byte) != std::string::npos,
                      "error does not name %s: %s", byte.c_str(), item.error.c_str());
    }
  }
  return 0;
}
