// Microbenchmarks of the per-article steps, over the seed articles
// (tests/data/seeds): normalization, UTF-8 sanitizing, quotation-mark
// pairing, the whole extraction (cues, speakers, records), and record
// encoding. Throughput is reported in bytes of article text per second.
//
//   build/bench/extract_bench [--benchmark_filter=Extract]
#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qawl/extractor.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"
#include "qawl/quote_spans.h"
#include "qawl/quote_writer.h"

namespace {

const std::vector<qawl::v1::Article>& Seeds() {
  static const std::vector<qawl::v1::Article>* seeds = [] {
    auto* out = new std::vector<qawl::v1::Article>();
    std::vector<std::filesystem::path> paths;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(QAWL_SOURCE_DIR) /
                                                             "tests/data/seeds")) {
      if (e.path().extension() == ".txt") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      qawl::v1::Article a;
      a.set_id(p.stem().string());
      a.set_text(ss.str());
      out->push_back(std::move(a));
    }
    return out;
  }();
  return *seeds;
}

const qawl::PatternSet& Patterns() {
  static const qawl::PatternSet* set = qawl::PatternSet::LoadEmbedded().release();
  return *set;
}

int64_t SeedBytes() {
  int64_t n = 0;
  for (const auto& a : Seeds()) n += static_cast<int64_t>(a.text().size());
  return n;
}

void BM_Normalize(benchmark::State& state) {
  const qawl::Normalizer& norm = qawl::Normalizer::Default();
  qawl::NormalizedText out;
  for (auto _ : state) {
    for (const auto& a : Seeds()) {
      norm.Normalize(a.text(), &out);
      benchmark::DoNotOptimize(out.text().data());
    }
  }
  state.SetBytesProcessed(state.iterations() * SeedBytes());
}
BENCHMARK(BM_Normalize);

// Valid text, the common case: a validation pass and a copy.
void BM_SanitizeUtf8(benchmark::State& state) {
  for (auto _ : state) {
    for (const auto& a : Seeds()) benchmark::DoNotOptimize(qawl::SanitizeUtf8(a.text()));
  }
  state.SetBytesProcessed(state.iterations() * SeedBytes());
}
BENCHMARK(BM_SanitizeUtf8);

void BM_FindQuoteSpans(benchmark::State& state) {
  std::vector<qawl::NormalizedText> normalized(Seeds().size());
  for (size_t i = 0; i < Seeds().size(); ++i) {
    qawl::Normalizer::Default().Normalize(Seeds()[i].text(), &normalized[i]);
  }
  for (auto _ : state) {
    for (const auto& n : normalized) benchmark::DoNotOptimize(qawl::FindQuoteSpans(n.text()));
  }
  state.SetBytesProcessed(state.iterations() * SeedBytes());
}
BENCHMARK(BM_FindQuoteSpans);

// The whole per-article extraction: normalization, spans, cues, speakers
// and attribution, records with offsets mapped back.
void BM_ExtractArticle(benchmark::State& state) {
  if (!Patterns().ok()) {
    state.SkipWithError(Patterns().error().c_str());
    return;
  }
  qawl::Extractor extractor(&Patterns());
  std::vector<qawl::v1::Quote> quotes;
  int64_t records = 0;
  for (auto _ : state) {
    for (const auto& a : Seeds()) {
      quotes.clear();
      extractor.Extract(a, &quotes);
      records += static_cast<int64_t>(quotes.size());
    }
  }
  state.SetBytesProcessed(state.iterations() * SeedBytes());
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(Seeds().size()));
  state.counters["quotes/s"] = benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ExtractArticle);

// Encoding the records of one pass over the seeds, as pb or JSON Lines.
void BM_EncodeQuotes(benchmark::State& state) {
  const auto format = static_cast<qawl::Format>(state.range(0));
  qawl::Extractor extractor(&Patterns());
  std::vector<qawl::v1::Quote> quotes;
  for (const auto& a : Seeds()) extractor.Extract(a, &quotes);
  std::string out;
  for (auto _ : state) {
    out.clear();
    for (const auto& q : quotes) qawl::QuoteWriter::Encode(q, format, &out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(quotes.size()));
  state.SetLabel(format == qawl::Format::kPb ? "pb" : "jsonl");
}
BENCHMARK(BM_EncodeQuotes)->Arg(static_cast<int>(qawl::Format::kPb))->Arg(static_cast<int>(qawl::Format::kJsonl));

}  // namespace

BENCHMARK_MAIN();
