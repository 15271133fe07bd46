// FeedReader: reads the Quote records of a feed, as written by qawl-extract
// (quote_writer.h), one at a time:
//
//   pb     each record is a serialized qawl.v1.Quote preceded by its size as
//          a base-128 varint (at most 32 bits);
//   jsonl  one Quote per line in protobuf's JSON mapping; unknown keys are
//          ignored, blank lines skipped, and the last line may lack its
//          "\n".
//
// The format is taken from FeedReaderOptions::format when set, else from the
// file name (".pb"; ".jsonl" or ".json"), else from the first byte: "{"
// starts JSON Lines (a pb record starting with byte 0x7B would be followed by
// a field tag, never by '"', '}' or white space, which are checked too).
//
// Errors: Next() returns false at the end of the feed and on the first bad
// record; status() then tells which. A bad record (a size prefix that is
// malformed, zero (qawl-extract never writes an empty record, while a
// zero-filled tail is a common form of damage) or larger than the limit, a
// record cut short by the end of the file, bytes that are not a Quote, a
// line that is not a JSON Quote) stops reading
// with kCorruption and a message naming the feed (and line) and the byte
// offset where the bad record starts ("feed.pb: truncated record at byte
// 5120: size prefix says 395 bytes but the file ends after 98").
// Every record returned before it is good. Read errors give kIoError.
//
// Ownership: a reader opened with Open() owns its file; FromString() reads
// from memory the caller keeps alive for the reader's lifetime.
// Thread-safety: not synchronized; use one reader per thread.
#ifndef QAWL_FEED_READER_H_
#define QAWL_FEED_READER_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qawl/quote_writer.h"
#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

struct FeedReaderOptions {
  // The feed's format; unset (the default): detected as described above.
  // Format::kText cannot be read: Next() fails with kInvalidArgument.
  std::optional<Format> format;
  // A record whose size prefix or line is longer than this is corrupt.
  // Default 64 MiB (an article is at most 256 MiB and a quote a small part
  // of it; the limit keeps a damaged prefix from allocating gigabytes).
  uint32_t max_record_bytes = 64u << 20;
};

class FeedReader {
 public:
  // Opens `path` ("-" for standard input). Fails with kNotFound or kIoError
  // if the file cannot be opened; format problems surface from Next().
  static StatusOr<std::unique_ptr<FeedReader>> Open(const std::string& path,
                                                    FeedReaderOptions options = FeedReaderOptions());
  // Reads the feed in `data`, which must outlive the reader. `name` stands
  // for the feed in error messages.
  static std::unique_ptr<FeedReader> FromString(std::string_view data,
                                                std::string name = "<memory>",
                                                FeedReaderOptions options = FeedReaderOptions());
  ~FeedReader();
  FeedReader(const FeedReader&) = delete;
  FeedReader& operator=(const FeedReader&) = delete;

  // Reads the next record into *quote (cleared first). False at the end of
  // the feed or on error: check status().
  bool Next(v1::Quote* quote);

  // OK while reading and at a clean end; the error after Next() failed.
  const Status& status() const { return status_; }
  // Byte offset of the next record: after an error, where the bad record
  // starts; at the end, the size of the feed.
  uint64_t offset() const { return offset_; }
  // Records returned so far.
  uint64_t records() const { return records_; }
  // The format in use; meaningful once Next() has been called.
  Format format() const { return format_; }
  const std::string& name() const { return name_; }

 private:
  FeedReader(std::string name, int fd, std::string_view data, FeedReaderOptions options);
  // Makes at least `n` bytes available at data_ (fewer only at the end of
  // input). False on a read error (status_ is set).
  bool Fill(size_t n);
  bool DetectFormat();
  bool NextPb(v1::Quote* quote);
  bool NextJsonl(v1::Quote* quote);
  bool Fail(std::string_view what, std::string_view detail, uint64_t at);

  std::string name_;
  int fd_;  // -1 for memory; not closed when it is standard input
  bool owns_fd_ = false;
  bool eof_ = false;
  FeedReaderOptions options_;
  Format format_ = Format::kPb;
  bool format_known_ = false;
  std::string buffer_;    // file input: bytes read but not yet consumed
  std::string_view data_;  // the unconsumed input (into buffer_ or memory)
  uint64_t offset_ = 0;
  uint64_t line_ = 0;  // lines consumed (jsonl)
  uint64_t records_ = 0;
  Status status_;
  bool done_ = false;
};

// Reads every record of the feed in `data`, appending them to *out. Returns
// the first error; the records before it are in *out.
Status ParseFeed(std::string_view data, std::vector<v1::Quote>* out,
                 FeedReaderOptions options = FeedReaderOptions());

}  // namespace qawl

#endif  // QAWL_FEED_READER_H_
