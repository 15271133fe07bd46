// QuoteWriter: writes Quote records as a length-delimited protobuf stream
// ("pb": each record preceded by its size as a base-128 varint), as JSON
// Lines in protobuf's JSON mapping with the proto field names ("jsonl"), or
// as blocks of text for people (quote_text.h; "text", not read back).
//
// A file is written under a temporary name in the same directory and
// renamed to OUT by Commit(), after a flush and fsync, so a reader never
// sees a half-written file under the final name. Open() uses a private
// name ("OUT.tmp-PID") that a writer destroyed without Commit() removes.
// OpenPartial() uses the stable name "OUT.partial", locked (flock) against
// a second writer, and keeps it when destroyed without Commit(), so that a
// job can be resumed: it may reopen the partial file, cut back to a length
// recorded by a checkpoint (checkpoint.h) after Sync(), and append. Path
// "-" writes to standard output (no temporary file).
//
// Thread-safety: not synchronized; one writer per thread.
#ifndef QAWL_QUOTE_WRITER_H_
#define QAWL_QUOTE_WRITER_H_

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

enum class Format { kPb, kJsonl, kText };

// "pb", "jsonl" or "text"; false for anything else.
bool ParseFormat(std::string_view name, Format* format);

class QuoteWriter {
 public:
  // Opens `path` ("-" for standard output).
  static StatusOr<std::unique_ptr<QuoteWriter>> Open(const std::string& path, Format format);
  // Opens PartialPath(path) for a resumable job; `path` must be a file.
  // With `keep_bytes` unset the partial file is started afresh (an old one
  // is discarded); with a value, an existing partial file is cut to that
  // many bytes and appended to (Corruption if it is shorter or missing).
  // IoError if another writer holds the partial file.
  static StatusOr<std::unique_ptr<QuoteWriter>> OpenPartial(const std::string& path, Format format,
                                                            std::optional<uint64_t> keep_bytes);
  static std::string PartialPath(const std::string& path) { return path + ".partial"; }
  ~QuoteWriter();
  QuoteWriter(const QuoteWriter&) = delete;
  QuoteWriter& operator=(const QuoteWriter&) = delete;

  Status Write(const v1::Quote& quote);
  // Appends bytes already encoded in this writer's format.
  Status WriteRaw(std::string_view encoded);
  // Flushes and, for a file, fsyncs; the file stays open. After OK,
  // bytes_written() bytes are durable.
  Status Sync();
  // Flushes and, for a file, fsyncs and renames it to its final name.
  Status Commit();

  // Encodes one record in `format` (with its varint prefix or its "\n").
  static void Encode(const v1::Quote& quote, Format format, std::string* out);

  const std::string& path() const { return path_; }
  // Length of the output so far (for a resumed partial file, including
  // the bytes kept from before).
  uint64_t bytes_written() const { return bytes_; }

 private:
  QuoteWriter(std::string path, std::string temp, std::FILE* file, Format format, bool keep_temp)
      : path_(std::move(path)), temp_(std::move(temp)), file_(file), format_(format),
        keep_temp_(keep_temp) {}

  std::string path_;
  std::string temp_;  // empty for standard output
  std::FILE* file_;
  Format format_;
  bool keep_temp_;  // a partial file, kept for resuming
  bool committed_ = false;
  uint64_t bytes_ = 0;
  // Every kWritebackBytes the kernel is asked to start writing the new
  // bytes out (sync_file_range without waiting, as RocksDB's bytes_per_sync
  // does), so that the fsync of Sync() and Commit() finds little left to
  // write instead of stalling on the whole file.
  static constexpr uint64_t kWritebackBytes = 8 << 20;
  uint64_t writeback_from_ = 0;
  std::string scratch_;
};

}  // namespace qawl

#endif  // QAWL_QUOTE_WRITER_H_
