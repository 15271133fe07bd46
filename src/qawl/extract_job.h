// RunExtractJob: the whole of qawl-extract as a library call. Reads every
// input, extracts quotes from each article, writes them in input order to
// one output, reports bad records and unreadable inputs to `diag` (and to an
// errors file, if asked), and goes on.
//
// The job runs on `threads` workers (the calling thread is one of them).
// Each worker in turn takes the reader to parse a batch of articles,
// extracts and encodes it, and writes the finished batches in input order,
// so the output is byte for byte the same whatever the thread count. The
// number of batches read and not yet written is bounded, so memory does
// not grow with the corpus (it grows with the thread count, the batch size
// and the largest article).
//
// Sharding (shard.h): only the articles of shard K of N are extracted.
//
// Durability: a file output is written to OUT.partial and renamed to OUT at
// the end. Every `checkpoint_seconds` the job fsyncs it (and the errors
// file) and records its progress in OUT.partial.ckpt (checkpoint.h). After
// a crash, a kill -9 or an interruption (`cancel`), a job started with
// `resume` and the same inputs and options continues from the checkpoint:
// its output is then identical to an uninterrupted run's. A job without
// `resume` discards an old partial output. Standard output cannot be
// resumed.
//
// Thread-safety: a job uses its own reader, threads and writers; the
// PatternSet is only read and may be shared with other jobs.
#ifndef QAWL_EXTRACT_JOB_H_
#define QAWL_EXTRACT_JOB_H_

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "qawl/article_reader.h"
#include "qawl/extractor.h"
#include "qawl/pattern_set.h"
#include "qawl/quote_writer.h"
#include "qawl/shard.h"
#include "qawl/status.h"

namespace qawl {

struct ExtractJobOptions {
  std::vector<std::string> inputs;
  // Output path; "" or "-" is standard output. Files are written to
  // OUT.partial and renamed when complete.
  std::string output;
  Format format = Format::kPb;
  ReaderOptions reader;
  ExtractOptions extract;
  // If set, one JSON line per bad record or input: {"input", "line",
  // "offset", "reason"}, in input order. Written (and resumed) like the
  // output.
  std::string errors_path;
  // Suppress per-record diagnostics (the summary line is always printed).
  bool quiet = false;
  // Program name used in diagnostics.
  std::string program = "qawl-extract";

  // Extraction threads; 0 means one per available core. With 1, reading,
  // extraction and writing all run on the calling thread.
  int threads = 0;
  // Extract only the articles of this shard. Default: all.
  ShardSpec shard;
  // Continue from OUT.partial.ckpt if there is one (see above).
  bool resume = false;
  // Seconds between checkpoints of a file output. Default 5.
  double checkpoint_seconds = 5.0;
  // A batch is closed at this many bytes of article text or this many
  // records, whichever comes first. Defaults: 1 MiB, 512.
  size_t batch_bytes = 1 << 20;
  size_t batch_records = 512;
  // Batches read but not yet written, at most; 0 means 4 per thread + 2.
  size_t max_batches_in_flight = 0;
  // If set, a progress bar is drawn there (meant for a terminal).
  std::FILE* progress = nullptr;
  // If set and it becomes true, the job stops reading, writes what it has
  // read and a checkpoint, and returns OK with stats->interrupted set.
  const std::atomic<bool>* cancel = nullptr;
};

struct ExtractJobStats {
  // Totals over the whole job, including the part done before a resume.
  uint64_t articles = 0;       // articles extracted
  uint64_t bad_records = 0;    // records skipped (bad JSON, too large, ...)
  uint64_t failed_inputs = 0;  // inputs that could not be read
  uint64_t quotes = 0;         // records written
  uint64_t bytes = 0;          // article text bytes processed
  uint64_t other_shards = 0;   // articles left to the other shards
  // This run.
  uint64_t resumed_records = 0;  // input records skipped as already done
  uint64_t resumed_bytes = 0;    // of `bytes`, done before the resume
  double seconds = 0;
  int threads = 0;               // extraction threads used
  uint64_t peak_rss_bytes = 0;   // of the process, at the end
  bool interrupted = false;      // stopped by `cancel`; resumable
  ShardSpec shard;
};

// Returns OK when the job ran to the end (or was cancelled), even if some
// records or inputs were bad (see stats); an error when the output cannot
// be written or a resume is impossible.
Status RunExtractJob(const PatternSet& patterns, const ExtractJobOptions& options,
                     std::FILE* diag, ExtractJobStats* stats);

// "N articles, M quotes, ..." for the final summary line.
std::string FormatSummary(const ExtractJobStats& stats);

// Extraction threads to use by default: the cores this process may run on.
int DefaultThreadCount();

}  // namespace qawl

#endif  // QAWL_EXTRACT_JOB_H_
