// Fuzzes the feed reader (feed_reader.h) on arbitrary bytes, as a feed of
// detected format, as pb and as JSON Lines. Checked for each:
//   * reading terminates, returning fewer records than there are bytes, and
//     records() counts them;
//   * at a clean end offset() is the size of the feed; on an error the
//     status is kCorruption, names the feed and "at byte offset()", and
//     offset() lies inside the feed; Next() stays false afterwards;
//   * ParseFeed gives the same records and status as the loop;
//   * reading the same bytes from a file (Open) gives the same records and
//     the same status as reading them from memory (FromString).
#include <google/protobuf/stubs/logging.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "qawl/feed_reader.h"

namespace {

using qawl::FeedReader;
using qawl::FeedReaderOptions;
using qawl::Format;
using qawl::Status;

struct Result {
  std::vector<std::string> records;  // serialized
  Status status;
  uint64_t offset = 0;
};

Result ReadAll(FeedReader* reader, std::string_view data, const char* mode) {
  Result r;
  qawl::v1::Quote quote;
  while (reader->Next(&quote)) {
    r.records.push_back(quote.SerializeAsString());
    QAWL_FUZZ_CHECK(r.records.size() <= data.size(), "%s: %zu records from %zu bytes", mode,
                    r.records.size(), data.size());
    QAWL_FUZZ_CHECK(reader->offset() <= data.size(), "%s: offset %llu past %zu bytes", mode,
                    static_cast<unsigned long long>(reader->offset()), data.size());
  }
  QAWL_FUZZ_CHECK(reader->records() == r.records.size(), "%s: records() %llu, returned %zu", mode,
                  static_cast<unsigned long long>(reader->records()), r.records.size());
  r.status = reader->status();
  r.offset = reader->offset();
  if (r.status.ok()) {
    QAWL_FUZZ_CHECK(r.offset == data.size(), "%s: clean end at offset %llu of %zu bytes", mode,
                    static_cast<unsigned long long>(r.offset), data.size());
  } else {
    const std::string& msg = r.status.message();
    QAWL_FUZZ_CHECK(r.status.code() == Status::Code::kCorruption, "%s: unexpected error: %s",
                    mode, msg.c_str());
    QAWL_FUZZ_CHECK(msg.compare(0, reader->name().size(), reader->name()) == 0,
                    "%s: error does not name the feed: %s", mode, msg.c_str());
    const std::string at = "at byte " + std::to_string(r.offset);
    QAWL_FUZZ_CHECK(msg.find(at) != std::string::npos, "%s: error does not say '%s': %s", mode,
                    at.c_str(), msg.c_str());
    QAWL_FUZZ_CHECK(r.offset <= data.size(), "%s: error offset %llu past %zu bytes", mode,
                    static_cast<unsigned long long>(r.offset), data.size());
  }
  QAWL_FUZZ_CHECK(!reader->Next(&quote), "%s: Next() true after the end", mode);
  QAWL_FUZZ_CHECK(reader->status().ToString() == r.status.ToString(),
                  "%s: status changed after the end", mode);
  return r;
}

void CheckSame(const Result& a, const Result& b, const char* what) {
  QAWL_FUZZ_CHECK(a.records == b.records, "%s: %zu vs %zu records (or different ones)", what,
                  a.records.size(), b.records.size());
  QAWL_FUZZ_CHECK(a.status.ToString() == b.status.ToString(), "%s: '%s' vs '%s'", what,
                  a.status.ToString().c_str(), b.status.ToString().c_str());
  QAWL_FUZZ_CHECK(a.offset == b.offset, "%s: offsets %llu vs %llu", what,
                  static_cast<unsigned long long>(a.offset),
                  static_cast<unsigned long long>(b.offset));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  // Protobuf logs every string field with invalid UTF-8 it refuses; the
  // refusal is what is checked, the log only slows fuzzing down.
  static const bool quiet = (google::protobuf::SetLogHandler(nullptr), true);
  (void)quiet;
  // No .pb or .jsonl extension: the format is detected from the content.
  static const qawl_fuzz::ScratchFile file("qawl_feed_reader_fuzzer", ".feed");
  const std::string& path = file.path();
  const std::string_view data(reinterpret_cast<const char*>(bytes), size);

  FeedReaderOptions detect;
  detect.max_record_bytes = 1 << 16;  // small, so that fuzzed sizes reach it
  FeedReaderOptions pb = detect;
  pb.format = Format::kPb;
  FeedReaderOptions jsonl = detect;
  jsonl.format = Format::kJsonl;

  Result detected = ReadAll(FeedReader::FromString(data, path, detect).get(), data, "detect");
  ReadAll(FeedReader::FromString(data, path, pb).get(), data, "pb");
  ReadAll(FeedReader::FromString(data, path, jsonl).get(), data, "jsonl");

  std::vector<qawl::v1::Quote> parsed;
  Status s = qawl::ParseFeed(data, &parsed, detect);
  QAWL_FUZZ_CHECK(parsed.size() == detected.records.size(), "ParseFeed: %zu records, loop %zu",
                  parsed.size(), detected.records.size());
  QAWL_FUZZ_CHECK(s.ok() == detected.status.ok(), "ParseFeed: '%s', loop '%s'",
                  s.ToString().c_str(), detected.status.ToString().c_str());

  file.Write(bytes, size);
  auto opened = FeedReader::Open(path, detect);
  QAWL_FUZZ_CHECK(opened.ok(), "Open: %s", opened.status().ToString().c_str());
  Result from_file = ReadAll(opened->get(), data, "file");
  CheckSame(from_file, detected, "file vs memory");
  return 0;
}
