// QuoteWriter: writes Quote records as a length-delimited protobuf stream
// ("pb": each record preceded by its size as a base-128 varint) or as JSON
// Lines in protobuf's JSON mapping with the proto field names ("jsonl").
//
// A file is written under a temporary name in the same directory
// ("OUT.tmp-PID") and renamed to OUT by Commit(), after a flush and fsync,
// so a reader never sees a half-written file under the final name. A writer
// destroyed without Commit() removes its temporary file. Path "-" writes to
// standard output (no temporary file).
//
// Thread-safety: not synchronized; one writer per thread.
#ifndef QAWL_QUOTE_WRITER_H_
#define QAWL_QUOTE_WRITER_H_

#include <cstdio>
#include <memory>
#include <string>

#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

enum class Format { kPb, kJsonl };

// "pb" or "jsonl"; false for anything else.
bool ParseFormat(std::string_view name, Format* format);

class QuoteWriter {
 public:
  // Opens `path` ("-" for standard output).
  static StatusOr<std::unique_ptr<QuoteWriter>> Open(const std::string& path, Format format);
  ~QuoteWriter();
  QuoteWriter(const QuoteWriter&) = delete;
  QuoteWriter& operator=(const QuoteWriter&) = delete;

  Status Write(const v1::Quote& quote);
  // Appends bytes already encoded in this writer's format.
  Status WriteRaw(std::string_view encoded);
  // Flushes and, for a file, fsyncs and renames it to its final name.
  Status Commit();

  // Encodes one record in `format` (with its varint prefix or its "\n").
  static void Encode(const v1::Quote& quote, Format format, std::string* out);

  const std::string& path() const { return path_; }
  uint64_t bytes_written() const { return bytes_; }

 private:
  QuoteWriter(std::string path, std::string temp, std::FILE* file, Format format)
      : path_(std::move(path)), temp_(std::move(temp)), file_(file), format_(format) {}

  std::string path_;
  std::string temp_;  // empty for standard output
  std::FILE* file_;
  Format format_;
  bool committed_ = false;
  uint64_t bytes_ = 0;
  std::string scratch_;
};

}  // namespace qawl

#endif  // QAWL_QUOTE_WRITER_H_
