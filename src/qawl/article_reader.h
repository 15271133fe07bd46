// ArticleReader: streams articles from the inputs qawl-extract accepts.
//
//   FILE.txt          one article; its id is the file name without ".txt"
//   FILE.jsonl        one article per line: {"id", "text", "url"?, "date"?,
//   FILE.jsonl.gz       "title"?, "source"?} (field names configurable)
//   DIR               its .txt, .jsonl and .jsonl.gz files, recursively, in
//                     sorted path order
//   -                 JSON Lines on standard input
//
// A bad record (invalid JSON, no text, an article over the size limit) or
// an unreadable input is returned as an error item naming the input, the
// line and the byte offset, and reading goes on with the next record or
// input: nothing else is lost.
//
// Thread-safety: one reader per thread; it owns its open file.
#ifndef QAWL_ARTICLE_READER_H_
#define QAWL_ARTICLE_READER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "qawl/v1/quote.pb.h"

namespace qawl {

struct ReaderOptions {
  // JSON keys of the article fields.
  std::string id_field = "id";
  std::string text_field = "text";
  std::string url_field = "url";
  std::string date_field = "date";
  std::string title_field = "title";
  std::string source_field = "source";
  // Articles whose text is longer are reported and skipped. Default 256 MiB
  // (offsets are 32-bit; anything near 4 GiB is refused regardless).
  uint64_t max_article_bytes = 256ull << 20;
};

// One thing read: an article, or the reason a record or input was skipped.
struct ReadItem {
  bool ok = true;
  v1::Article article;
  std::string input;     // the path, or "-" for standard input
  uint64_t line = 0;     // 1-based line of a JSON Lines record; 0 for .txt
  uint64_t offset = 0;   // byte offset of the record in the (decompressed) input
  uint64_t bytes = 0;    // size of the record as read
  std::string error;     // when !ok: "input:line: reason (byte N)"
  bool input_failed = false;  // the whole input could not be read
};

class ArticleReader {
 public:
  ArticleReader(std::vector<std::string> inputs, ReaderOptions options);
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;

  // Fills *item with the next article or error. Returns false when every
  // input is exhausted.
  bool Next(ReadItem* item);

  // Expands directories into their article files (sorted); other inputs are
  // returned as given. A directory that cannot be listed is kept, so that
  // reading it reports the error.
  static std::vector<std::string> ExpandInputs(const std::vector<std::string>& inputs);

 private:
  class LineSource;
  bool OpenNext(ReadItem* item);
  // Parses the record in *line, which it pads in place for simdjson.
  bool ParseLine(std::string* line, ReadItem* item);

  std::deque<std::string> pending_;
  ReaderOptions options_;
  std::unique_ptr<LineSource> current_;
  std::string current_name_;
  struct Json;
  std::unique_ptr<Json> json_;
};

}  // namespace qawl

#endif  // QAWL_ARTICLE_READER_H_
