// RunBenchmark: the figures behind the performance section of
// docs/lookup.md, as run by `qawl-lookup bench`.
//
// It writes a pb feed of synthetic quote records and indexes it into a new
// database, timing each step, then:
//   * indexes the same feed again (unchanged: skipped) and a second feed of
//     1% new records, a third of which repeat or cut quotes of the first
//     (an incremental update that groups against the existing index);
//   * times `queries` speaker searches (a random gazetteer speaker named by
//     id, Arabic alias or English alias; the 20 latest entries) and as many
//     phrase searches (three consecutive words of a random record, spelled
//     with other hamza, teh marbuta, alef maqsura and diacritic forms), each
//     through QuoteIndex::Search on a freshly opened index;
//   * checkpoints the WAL and measures the database file.
//
// The synthetic records: speakers drawn from the gazetteer with Zipf
// weights (a fifth not in the gazetteer), six records per article, article
// dates over two years, texts of 6 to 60 words from a Zipf-distributed
// vocabulary of 30000 Arabic-letter words and 60 function words; 15% of
// records repeat an earlier quote (spelled differently) in a new article,
// 5% are a run of at least 6 words cut from an earlier quote.
//
// Thread-safety: runs on the calling thread; touches only `dir`.
#ifndef QAWL_LOOKUP_BENCHMARK_H_
#define QAWL_LOOKUP_BENCHMARK_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "qawl/lookup/quote_index.h"
#include "qawl/status.h"

namespace qawl {
class Gazetteer;
}

namespace qawl::lookup {

struct BenchOptions {
  // Records in the main feed. Default 1000000.
  uint64_t records = 1000000;
  // Searches of each kind. Default 1000.
  uint64_t queries = 1000;
  // Directory for the feeds and the index; "" (the default): a new
  // directory under $TMPDIR (or /tmp), removed at the end.
  std::string dir;
  uint64_t seed = 1;
};

struct Latency {
  uint64_t count = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double mean_entries = 0;  // entries returned per search
  uint64_t empty = 0;       // searches that found nothing
};

struct BenchReport {
  uint64_t records = 0;
  uint64_t feed_bytes = 0;
  double generate_seconds = 0;
  UpdateStats index;          // the main feed
  double index_cpu_seconds = 0;  // user + system CPU time of indexing it
  double reindex_seconds = 0;  // the same feed again
  UpdateStats update;         // the 1% feed
  uint64_t quotes = 0;        // occurrences in the index at the end
  uint64_t entries = 0;
  Latency speaker;
  Latency phrase;
  uint64_t db_bytes = 0;
  std::string db_path;
};

// Runs the benchmark, logging progress lines to `log` (may be null).
Status RunBenchmark(const BenchOptions& options, const Gazetteer& gazetteer, std::FILE* log,
                    BenchReport* report);

// The report as aligned "name: value" lines.
std::string FormatBenchReport(const BenchReport& report);

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_BENCHMARK_H_
