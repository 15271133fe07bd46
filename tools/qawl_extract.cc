// qawl-extract: extracts attributed quotations from Arabic news articles.
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "qawl/extract_job.h"
#include "qawl/flags.h"
#include "qawl/pattern_set.h"

namespace {

constexpr char kUsage[] = R"(Usage: qawl-extract [OPTIONS] INPUT...

Extracts quotations (direct, partial and reported speech) and their speakers
from Arabic news articles.

INPUT is a .txt file (one article; its id is the file name without .txt), a
.jsonl or .jsonl.gz file (one JSON object per line with "id" and "text", and
optional "url", "date", "title", "source"), a directory (its .txt, .jsonl and
.jsonl.gz files, recursively, sorted by path), or - for JSON Lines on
standard input.

Records are written in input order whatever the number of threads.

Options:
  --format=pb|jsonl|text
                      output format: length-delimited qawl.v1.Quote records
                      (pb), JSON Lines in protobuf's JSON mapping (jsonl), or
                      one block per quote for people to read (text: speaker,
                      kind, confidence and the quote, the Arabic isolated for
                      right-to-left display; not meant to be parsed).
                      Default: text when writing to a terminal (no -o),
                      pb otherwise
  -o, --output=FILE   write to FILE; default standard output. FILE is written
                      as FILE.partial, with a checkpoint in
                      FILE.partial.ckpt, and renamed to FILE when complete
  --resume            continue an interrupted or killed job from its
                      checkpoint (same inputs and options, -o FILE needed);
                      without it an old FILE.partial is discarded
  --checkpoint-seconds=S
                      seconds between checkpoints (default 5)
  --threads=N         extraction threads (default: all cores)
  --shard=K/N         extract only the articles whose id hashes to K of N
                      (FNV-1a 64 of the id, modulo N; K from 0 to N-1): N
                      jobs over the same inputs emit every quote once
  --patterns=DIR      load verbs.txt, lexicon.txt, rules.txt and speakers.txt
                      from DIR instead of the set built into the binary
  --errors=FILE       also write one JSON line per bad record or input:
                      {"input", "line", "offset", "reason"}
  --min-confidence=X  drop records below confidence X (0 to 1; default 0)
  --no-indirect       do not emit reported speech (INDIRECT records)
  --id-field=NAME     JSON key of the article id (default id); likewise
  --text-field, --url-field, --date-field, --title-field, --source-field
  --max-article-bytes=N
                      skip (and report) articles larger than N bytes
                      (default 268435456)
  -q, --quiet         no progress bar and no per-record diagnostics; the
                      summary line remains
  --help              show this help

On a terminal, a progress bar is drawn on standard error. SIGINT or SIGTERM
stops the job after writing a checkpoint; rerun with --resume to continue.

Exit status: 0 all inputs processed; 1 some articles or inputs were bad and
were skipped (each is reported on standard error; a resumed job counts those
of its earlier runs too); 2 usage or configuration error (bad option,
broken pattern file, output not writable, impossible resume); 128+SIGNAL
stopped by SIGINT or SIGTERM (resumable).
)";

std::atomic<bool> g_cancel{false};
std::atomic<int> g_signal{0};

void OnSignal(int sig) {
  g_signal.store(sig);
  g_cancel.store(true);
  // A second signal kills at once.
  std::signal(sig, SIG_DFL);
}

}  // namespace

int main(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddValue("format");
  flags.AddValue("output");
  flags.AddShort('o', "output");
  flags.AddValue("patterns");
  flags.AddValue("errors");
  flags.AddValue("min-confidence", "0");
  flags.AddBool("no-indirect");
  for (const char* f : {"id-field", "text-field", "url-field", "date-field", "title-field", "source-field"}) {
    flags.AddValue(f);
  }
  flags.AddValue("max-article-bytes");
  flags.AddValue("threads", "0");
  flags.AddValue("shard");
  flags.AddBool("resume");
  flags.AddValue("checkpoint-seconds", "5");
  flags.AddBool("quiet");
  flags.AddShort('q', "quiet");
  flags.AddBool("help");
  flags.AddShort('h', "help");
  if (qawl::Status s = flags.Parse(argc, argv); !s.ok()) {
    std::fprintf(stderr, "qawl-extract: %s\nTry 'qawl-extract --help'.\n", s.message().c_str());
    return 2;
  }
  if (flags.flag("help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  qawl::ExtractJobOptions options;
  options.inputs = flags.positional();
  if (options.inputs.empty()) {
    std::fprintf(stderr, "qawl-extract: no INPUT given\nTry 'qawl-extract --help'.\n");
    return 2;
  }
  options.output = flags.value("output");
  const bool to_terminal = (options.output.empty() || options.output == "-") && ::isatty(1);
  if (!flags.is_set("format")) {
    options.format = to_terminal ? qawl::Format::kText : qawl::Format::kPb;
  } else if (!qawl::ParseFormat(flags.value("format"), &options.format)) {
    std::fprintf(stderr, "qawl-extract: --format must be pb, jsonl or text, not '%s'\n", flags.value("format").c_str());
    return 2;
  }
  if (options.format == qawl::Format::kPb && to_terminal) {
    std::fprintf(stderr, "qawl-extract: refusing to write binary protobuf to a terminal; use -o FILE or --format=jsonl\n");
    return 2;
  }
  options.errors_path = flags.value("errors");
  options.quiet = flags.flag("quiet");
  options.resume = flags.flag("resume");
  if (options.resume && (options.output.empty() || options.output == "-")) {
    std::fprintf(stderr, "qawl-extract: --resume needs -o FILE\n");
    return 2;
  }
  {
    char* tend = nullptr;
    long threads = std::strtol(flags.value("threads").c_str(), &tend, 10);
    if (*tend != '\0' || threads < 0 || threads > 1024) {
      std::fprintf(stderr, "qawl-extract: --threads must be an integer from 0 (all cores) to 1024\n");
      return 2;
    }
    options.threads = static_cast<int>(threads);
    double seconds = std::strtod(flags.value("checkpoint-seconds").c_str(), &tend);
    if (*tend != '\0' || !(seconds > 0)) {
      std::fprintf(stderr, "qawl-extract: --checkpoint-seconds must be a positive number\n");
      return 2;
    }
    options.checkpoint_seconds = seconds;
  }
  if (flags.is_set("shard")) {
    auto shard = qawl::ParseShardSpec(flags.value("shard"));
    if (!shard.ok()) {
      std::fprintf(stderr, "qawl-extract: %s\n", shard.status().message().c_str());
      return 2;
    }
    options.shard = *shard;
  }
  options.extract.indirect = !flags.flag("no-indirect");
  char* end = nullptr;
  options.extract.min_confidence = std::strtof(flags.value("min-confidence").c_str(), &end);
  if (end == nullptr || *end != '\0' || options.extract.min_confidence < 0 || options.extract.min_confidence > 1) {
    std::fprintf(stderr, "qawl-extract: --min-confidence must be a number from 0 to 1\n");
    return 2;
  }
  auto field = [&](const char* name, std::string* target) {
    if (flags.is_set(name)) *target = flags.value(name);
  };
  field("id-field", &options.reader.id_field);
  field("text-field", &options.reader.text_field);
  field("url-field", &options.reader.url_field);
  field("date-field", &options.reader.date_field);
  field("title-field", &options.reader.title_field);
  field("source-field", &options.reader.source_field);
  if (flags.is_set("max-article-bytes")) {
    options.reader.max_article_bytes = std::strtoull(flags.value("max-article-bytes").c_str(), &end, 10);
    if (*end != '\0' || options.reader.max_article_bytes == 0) {
      std::fprintf(stderr, "qawl-extract: --max-article-bytes must be a positive integer\n");
      return 2;
    }
  }

  std::unique_ptr<qawl::PatternSet> patterns = flags.is_set("patterns")
                                                   ? qawl::PatternSet::LoadDirectory(flags.value("patterns"))
                                                   : qawl::PatternSet::LoadEmbedded();
  if (!patterns->ok()) {
    std::fprintf(stderr, "qawl-extract: %s\n", patterns->error().c_str());
    return 2;
  }
  if (!options.quiet && ::isatty(2)) options.progress = stderr;
  options.cancel = &g_cancel;
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  qawl::ExtractJobStats stats;
  qawl::Status s = qawl::RunExtractJob(*patterns, options, options.quiet ? nullptr : stderr, &stats);
  if (!s.ok()) {
    std::fprintf(stderr, "qawl-extract: %s\n", s.message().c_str());
    return 2;
  }
  std::fprintf(stderr, "qawl-extract: %s\n", qawl::FormatSummary(stats).c_str());
  if (stats.interrupted) return 128 + g_signal.load();
  return stats.bad_records + stats.failed_inputs > 0 ? 1 : 0;
}
