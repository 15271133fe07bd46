// RunExtractJob: the whole of qawl-extract as a library call. Reads every
// input, extracts quotes from each article, writes them in input order to
// one output, reports bad records and unreadable inputs to `diag` (and to an
// errors file, if asked), and goes on.
//
// Thread-safety: a job uses its own reader and writer; the PatternSet may be
// shared with other jobs.
#ifndef QAWL_EXTRACT_JOB_H_
#define QAWL_EXTRACT_JOB_H_

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "qawl/article_reader.h"
#include "qawl/extractor.h"
#include "qawl/pattern_set.h"
#include "qawl/quote_writer.h"
#include "qawl/status.h"

namespace qawl {

struct ExtractJobOptions {
  std::vector<std::string> inputs;
  // Output path; "" or "-" is standard output. Files are written to a
  // temporary name and renamed when complete.
  std::string output;
  Format format = Format::kPb;
  ReaderOptions reader;
  ExtractOptions extract;
  // If set, one JSON line per bad record or input: {"input", "line",
  // "offset", "reason"}. Written atomically like the output.
  std::string errors_path;
  // Suppress per-record diagnostics (the summary line is always printed).
  bool quiet = false;
  // Program name used in diagnostics.
  std::string program = "qawl-extract";
};

struct ExtractJobStats {
  uint64_t articles = 0;       // articles extracted
  uint64_t bad_records = 0;    // records skipped (bad JSON, too large, ...)
  uint64_t failed_inputs = 0;  // inputs that could not be read
  uint64_t quotes = 0;         // records written
  uint64_t bytes = 0;          // article text bytes processed
  double seconds = 0;
};

// Returns OK when the job ran to the end, even if some records or inputs
// were bad (see stats); an error only when output cannot be written.
Status RunExtractJob(const PatternSet& patterns, const ExtractJobOptions& options,
                     std::FILE* diag, ExtractJobStats* stats);

// "N articles, M quotes, ..." for the final summary line.
std::string FormatSummary(const ExtractJobStats& stats);

}  // namespace qawl

#endif  // QAWL_EXTRACT_JOB_H_
