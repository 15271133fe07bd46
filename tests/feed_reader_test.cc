// Tests of FeedReader: both feed formats, format detection, chunked reads
// of large files, and every kind of damage with its byte offset.
#include "qawl/feed_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "qawl/quote_writer.h"

namespace qawl {
namespace {

v1::Quote MakeQuote(int i, size_t text_bytes = 0) {
  v1::Quote q;
  q.set_article_id("article-" + std::to_string(i));
  q.set_kind(v1::DIRECT);
  q.set_text(text_bytes == 0 ? "قال إن المعاهدة " + std::to_string(i) : std::string(text_bytes, 'x'));
  q.mutable_span()->set_begin(static_cast<uint32_t>(10 * i));
  q.mutable_span()->set_end(static_cast<uint32_t>(10 * i + 5));
  q.mutable_speaker()->set_id("vladimir-putin");
  q.set_date("2024-06-19");
  return q;
}

std::string Encode(const std::vector<v1::Quote>& quotes, Format format) {
  std::string out;
  for (const v1::Quote& q : quotes) QuoteWriter::Encode(q, format, &out);
  return out;
}

std::vector<v1::Quote> Quotes(int n) {
  std::vector<v1::Quote> out;
  for (int i = 0; i < n; ++i) out.push_back(MakeQuote(i));
  return out;
}

class TempFile {
 public:
  explicit TempFile(const std::string& name, const std::string& data) {
    path_ = (std::filesystem::temp_directory_path() / ("feed_reader_test_" + std::to_string(::getpid()) + "_" + name))
                .string();
    std::ofstream(path_, std::ios::binary) << data;
  }
  ~TempFile() { std::filesystem::remove(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Reads everything; returns the records and leaves the reader's final state.
std::vector<v1::Quote> ReadAll(FeedReader* reader) {
  std::vector<v1::Quote> out;
  v1::Quote q;
  while (reader->Next(&q)) out.push_back(q);
  return out;
}

TEST(FeedReaderTest, ReadsWellFormedFeeds) {
  const std::vector<v1::Quote> quotes = Quotes(5);
  const std::string pb = Encode(quotes, Format::kPb);
  const std::string jsonl = Encode(quotes, Format::kJsonl);
  std::string jsonl_no_newline = jsonl;
  jsonl_no_newline.pop_back();
  struct Case {
    const char* name;
    std::string data;
    Format format;
  } const cases[] = {
      {"pb", pb, Format::kPb},
      {"jsonl", jsonl, Format::kJsonl},
      {"jsonl without final newline", jsonl_no_newline, Format::kJsonl},
      {"jsonl with blank and CRLF lines", "\n  \n" + jsonl + "\r\n\n", Format::kJsonl},
      {"jsonl with byte order mark", "\xEF\xBB\xBF" + jsonl, Format::kJsonl},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = FeedReader::FromString(c.data);
    std::vector<v1::Quote> got = ReadAll(reader.get());
    EXPECT_TRUE(reader->status().ok()) << reader->status().message();
    EXPECT_EQ(reader->format(), c.format);
    ASSERT_EQ(got.size(), quotes.size());
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].SerializeAsString(), quotes[i].SerializeAsString()) << "record " << i;
    }
    EXPECT_EQ(reader->records(), quotes.size());
    EXPECT_EQ(reader->offset(), c.data.size());
  }
}

TEST(FeedReaderTest, EmptyFeedHasNoRecords) {
  for (Format format : {Format::kPb, Format::kJsonl}) {
    FeedReaderOptions options;
    options.format = format;
    auto reader = FeedReader::FromString("", "empty", options);
    v1::Quote q;
    EXPECT_FALSE(reader->Next(&q));
    EXPECT_TRUE(reader->status().ok()) << reader->status().message();
  }
}

TEST(FeedReaderTest, TextFormatCannotBeRead) {
  FeedReaderOptions options;
  options.format = Format::kText;
  auto reader = FeedReader::FromString("x #0  DIRECT  0.95\n", "quotes.txt", options);
  v1::Quote q;
  EXPECT_FALSE(reader->Next(&q));
  EXPECT_EQ(reader->status().code(), Status::Code::kInvalidArgument) << reader->status().message();
  EXPECT_NE(reader->status().message().find("quotes.txt"), std::string::npos) << reader->status().message();
}

TEST(FeedReaderTest, ReportsDamageWithItsByteOffset) {
  const std::vector<v1::Quote> quotes = Quotes(3);
  const std::string pb = Encode(quotes, Format::kPb);
  const std::string jsonl = Encode(quotes, Format::kJsonl);
  const size_t pb2 = Encode(Quotes(2), Format::kPb).size();         // where record 3 starts
  const size_t jsonl2 = Encode(Quotes(2), Format::kJsonl).size();   // where line 3 starts
  struct Case {
    const char* name;
    std::string data;
    size_t records_before;
    size_t offset;
    const char* message;  // a part of the message
  } const cases[] = {
      {"pb cut inside a record", pb.substr(0, pb.size() - 7), 2, pb2, "truncated record at byte"},
      {"pb cut inside a size prefix", pb + "\x85", 3, pb.size(), "ends inside its size prefix"},
      {"pb zero-filled tail", pb + std::string(16, '\0'), 3, pb.size(), "zero size prefix"},
      {"pb size prefix of 6 bytes", pb + "\xff\xff\xff\xff\xff\x01", 3, pb.size(), "longer than 5 bytes"},
      {"pb size over the limit", pb + "\xff\xff\xff\xff\x0f" + std::string(10, 'a'), 3, pb.size(),
       "over the limit"},
      {"pb bytes that are no Quote", pb.substr(0, pb2) + "\x04\xff\xff\xff\xff" + pb.substr(pb2), 2, pb2,
       "not a valid qawl.v1.Quote"},
      {"jsonl broken line in the middle", jsonl.substr(0, jsonl2) + "{\"article_id\": \n" + jsonl.substr(jsonl2), 2,
       jsonl2, ":3: corrupt record at byte"},
      {"jsonl wrong field type", jsonl.substr(0, jsonl2) + "{\"span\": \"nope\"}\n", 2, jsonl2, "not a JSON"},
      {"jsonl cut last line", jsonl.substr(0, jsonl.size() - 10), 2, jsonl2, "truncated record at byte"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto reader = FeedReader::FromString(c.data, "feed");
    std::vector<v1::Quote> got = ReadAll(reader.get());
    EXPECT_EQ(got.size(), c.records_before);
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].article_id(), quotes[i].article_id()) << "record " << i;
    }
    EXPECT_EQ(reader->status().code(), Status::Code::kCorruption) << reader->status().message();
    EXPECT_EQ(reader->offset(), c.offset) << reader->status().message();
    EXPECT_NE(reader->status().message().find(c.message), std::string::npos) << reader->status().message();
    EXPECT_NE(reader->status().message().find("byte " + std::to_string(c.offset)), std::string::npos)
        << reader->status().message();
    // Reading stops for good.
    v1::Quote q;
    EXPECT_FALSE(reader->Next(&q));
  }
}

TEST(FeedReaderTest, ParseFeedKeepsRecordsBeforeAnError) {
  std::string pb = Encode(Quotes(4), Format::kPb);
  std::vector<v1::Quote> out;
  Status s = ParseFeed(pb.substr(0, pb.size() - 1), &out);
  EXPECT_EQ(s.code(), Status::Code::kCorruption) << s.message();
  EXPECT_EQ(out.size(), 3u);
}

TEST(FeedReaderTest, ReadsFilesAcrossChunksAndLargeRecords) {
  // More than one 1 MiB read, and a record larger than a read.
  std::vector<v1::Quote> quotes = Quotes(20000);
  quotes.insert(quotes.begin() + 7000, MakeQuote(-1, 3 << 20));
  for (Format format : {Format::kPb, Format::kJsonl}) {
    SCOPED_TRACE(format == Format::kPb ? "pb" : "jsonl");
    std::string data = Encode(quotes, format);
    ASSERT_GT(data.size(), 2u << 20);
    TempFile file(format == Format::kPb ? "big.bin" : "big.txt", data);
    auto reader = FeedReader::Open(file.path());
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    std::vector<v1::Quote> got = ReadAll(reader->get());
    EXPECT_TRUE((*reader)->status().ok()) << (*reader)->status().message();
    ASSERT_EQ(got.size(), quotes.size());
    EXPECT_EQ(got[7000].text().size(), size_t{3} << 20);
    EXPECT_EQ(got.back().article_id(), quotes.back().article_id());
    EXPECT_EQ((*reader)->offset(), data.size());
  }
}

TEST(FeedReaderTest, FormatFromNameOrOptionsWins) {
  std::string jsonl = Encode(Quotes(2), Format::kJsonl);
  // Named .pb, the JSON text is read as pb and fails as such.
  TempFile named("x.pb", jsonl);
  auto reader = FeedReader::Open(named.path());
  ASSERT_TRUE(reader.ok());
  std::vector<v1::Quote> got = ReadAll(reader->get());
  EXPECT_EQ((*reader)->format(), Format::kPb);
  EXPECT_FALSE((*reader)->status().ok());
  FeedReaderOptions options;
  options.format = Format::kJsonl;
  auto forced = FeedReader::Open(named.path(), options);
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(ReadAll(forced->get()).size(), 2u);
  EXPECT_TRUE((*forced)->status().ok()) << (*forced)->status().message();
}

TEST(FeedReaderTest, MissingFileIsNotFound) {
  auto reader = FeedReader::Open("/nonexistent/feed.pb");
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), Status::Code::kNotFound);
  EXPECT_NE(reader.status().message().find("/nonexistent/feed.pb"), std::string::npos);
}

// The damaged feeds in tests/data/feeds (see README.md there).
TEST(FeedReaderTest, DamagedFeedFiles) {
  struct Case {
    const char* file;
    uint64_t records_before;
    uint64_t offset;
    const char* message;
  } const cases[] = {
      {"truncated.pb", 3, 872, "truncated record at byte 872"},
      {"zero_tail.pb", 2, 656, "corrupt record at byte 656: zero size prefix"},
      {"garbage.pb", 2, 656, "corrupt record at byte 656"},
      {"corrupt.jsonl", 2, 1111, "corrupt.jsonl:3: corrupt record at byte 1111"},
      {"truncated.jsonl", 3, 1557, "truncated.jsonl:4: truncated record at byte 1557"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.file);
    std::string path = std::string(QAWL_TEST_DATA) + "/feeds/" + c.file;
    auto reader = FeedReader::Open(path);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    std::vector<v1::Quote> got = ReadAll(reader->get());
    EXPECT_EQ(got.size(), c.records_before);
    for (const v1::Quote& q : got) EXPECT_EQ(q.article_id(), "002_d4c75918ac5c958f");
    EXPECT_EQ((*reader)->status().code(), Status::Code::kCorruption);
    EXPECT_EQ((*reader)->offset(), c.offset);
    EXPECT_NE((*reader)->status().message().find(c.message), std::string::npos) << (*reader)->status().message();
  }
}

}  // namespace
}  // namespace qawl
