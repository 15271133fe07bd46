// ArticleReader: the same records whatever the file's compression and
// name, lines longer than the read buffer, CRLF endings and blank lines.
#include "qawl/article_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace qawl {
namespace {

std::string Records() {
  std::string long_text;
  while (long_text.size() < 300000) long_text += "قال الوزير إن المفاوضات مستمرة ";  // over the 128 KiB buffer
  return "{\"id\": \"a\", \"text\": \"قال بوتين: \\\"لا\\\"\"}\r\n"
         "\n"
         "{\"id\": \"b\", \"text\": \"" + long_text + "\", \"url\": \"https://example.org/b\"}\n"
         "{\"id\": 7, \"text\": \"نص\"}";  // no final newline
}

void WritePlain(const std::string& path, const std::string& data) {
  std::ofstream(path, std::ios::binary) << data;
}

void WriteGzip(const std::string& path, const std::string& data) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  ASSERT_EQ(gzwrite(f, data.data(), static_cast<unsigned>(data.size())), static_cast<int>(data.size())) << path;
  ASSERT_EQ(gzclose(f), Z_OK) << path;
}

TEST(ArticleReader, SameRecordsWhateverTheCompressionAndName) {
  const std::string data = Records();
  struct Row {
    std::string name;
    bool gzip;
  };
  const Row rows[] = {
      {"plain.jsonl", false},
      {"compressed.jsonl.gz", true},
      {"compressed_named_plain.jsonl", true},  // gzip is told by its magic bytes
      {"plain_named_compressed.jsonl.gz", false},
  };
  for (const Row& row : rows) {
    const std::string path = testing::ScratchPath("reader_" + row.name);
    if (row.gzip) {
      ASSERT_NO_FATAL_FAILURE(WriteGzip(path, data));
    } else {
      WritePlain(path, data);
    }
    ArticleReader reader({path}, ReaderOptions());
    ReadItem item;
    std::vector<ReadItem> items;
    while (reader.Next(&item)) items.push_back(item);
    ASSERT_EQ(items.size(), 3u) << row.name;
    for (const ReadItem& it : items) EXPECT_TRUE(it.ok) << row.name << ": " << it.error;
    EXPECT_EQ(items[0].article.id(), "a") << row.name;
    EXPECT_EQ(items[0].article.text(), "قال بوتين: \"لا\"") << row.name << ": CRLF and escapes";
    EXPECT_EQ(items[0].line, 1u) << row.name;
    EXPECT_EQ(items[1].article.id(), "b") << row.name;
    EXPECT_GT(items[1].article.text().size(), 300000u) << row.name;
    EXPECT_EQ(items[1].article.url(), "https://example.org/b") << row.name;
    EXPECT_EQ(items[1].line, 3u) << row.name << ": the blank line counts";
    EXPECT_EQ(items[2].article.id(), "7") << row.name << ": a numeric id";
    EXPECT_EQ(items[2].article.text(), "نص") << row.name;
    EXPECT_EQ(items[2].offset, data.rfind('\n') + 1) << row.name << ": offset in the decompressed input";
    std::filesystem::remove(path);
  }
}

TEST(ArticleReader, MissingFileIsAnInputError) {
  ArticleReader reader({testing::ScratchPath("reader_no_such_file.jsonl")}, ReaderOptions());
  ReadItem item;
  ASSERT_TRUE(reader.Next(&item));
  EXPECT_FALSE(item.ok);
  EXPECT_TRUE(item.input_failed);
  EXPECT_NE(item.error.find("reader_no_such_file.jsonl"), std::string::npos) << item.error;
  EXPECT_FALSE(reader.Next(&item));
}

}  // namespace
}  // namespace qawl
