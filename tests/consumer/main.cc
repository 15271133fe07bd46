// Reads articles (.txt, .jsonl, directories) with qawl's reader, extracts
// their quotes and prints "ARTICLES articles, QUOTES quotes" and the first
// quote's speaker id. Exit status 1 if an input could not be read.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "qawl/article_reader.h"
#include "qawl/extractor.h"
#include "qawl/pattern_set.h"
#include "qawl/v1/quote.pb.h"

int main(int argc, char** argv) {
  std::unique_ptr<qawl::PatternSet> patterns = qawl::PatternSet::LoadEmbedded();
  if (!patterns->ok()) {
    std::fprintf(stderr, "qawl_consumer: %s\n", patterns->error().c_str());
    return 2;
  }
  qawl::Extractor extractor(patterns.get());
  qawl::ArticleReader reader(std::vector<std::string>(argv + 1, argv + argc), qawl::ReaderOptions());
  qawl::ReadItem item;
  std::vector<qawl::v1::Quote> quotes;
  size_t articles = 0;
  bool failed = false;
  while (reader.Next(&item)) {
    if (!item.ok) {
      std::fprintf(stderr, "qawl_consumer: %s\n", item.error.c_str());
      failed = true;
      continue;
    }
    ++articles;
    extractor.Extract(item.article, &quotes);
  }
  std::printf("%zu articles, %zu quotes, first speaker %s\n", articles, quotes.size(),
              quotes.empty() ? "-" : quotes[0].speaker().id().c_str());
  return failed ? 1 : 0;
}
