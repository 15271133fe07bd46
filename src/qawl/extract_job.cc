#include "qawl/extract_job.h"

#include <pthread.h>

#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <chrono>
#include <cinttypes>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "qawl/checkpoint.h"
#include "qawl/gcc_warnings.h"
#include "qawl/normalizer.h"
#include "qawl/progress.h"
#include "qawl/quote_json.h"

namespace qawl {

namespace {

// A JSON string for the errors file; file names may be any bytes.
void AppendErrorString(std::string_view s, std::string* out) {
  if (!AppendJsonString(s, out)) AppendJsonString(SanitizeUtf8(s), out);
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Until a gzip input has been read to its end, its size uncompressed is
// estimated with the ratio seen so far, starting from this.
constexpr double kDefaultGzipRatio = 4.0;

// A run of consecutive input records, the unit of work and of ordering.
struct Batch {
  uint64_t seq = 0;
  uint64_t consumed = 0;        // input records it accounts for
  std::vector<ReadItem> items;  // the articles and bad records among them
  uint64_t other_shards = 0;    // articles among them left to other shards
  uint64_t input_done = 0;      // input bytes consumed after it (estimate)
  // Filled by a worker.
  std::string output;                    // encoded quotes
  std::string errors;                    // errors-file lines
  std::vector<std::string> diagnostics;  // one per bad record or input
  uint64_t articles = 0;
  uint64_t quotes = 0;
  uint64_t bytes = 0;
  uint64_t bad_records = 0;
  uint64_t failed_inputs = 0;
};

// The reading stage: turns the inputs into batches, dropping the records
// of other shards and, when resuming, the records already done.
class BatchSource {
 public:
  BatchSource(const std::vector<std::string>& expanded, const ExtractJobOptions& options, uint64_t skip)
      : reader_(expanded, options.reader), inputs_(expanded), options_(options), skip_(skip) {
    for (const std::string& in : inputs_) {
      struct stat st;
      uint64_t size = 0;
      if (in == "-") unknown_total_ = true;
      else if (::stat(in.c_str(), &st) == 0 && S_ISREG(st.st_mode)) size = static_cast<uint64_t>(st.st_size);
      sizes_.push_back(size);
      total_ += size;
    }
  }

  uint64_t input_total() const { return unknown_total_ ? 0 : total_; }
  uint64_t skipped() const { return skipped_; }

  // Fills `b` with the next records. False when nothing was left to read
  // (or the job was cancelled before anything was read).
  bool Fill(Batch* b) {
    b->consumed = 0;
    size_t text_bytes = 0;
    while (!Cancelled()) {
      if (!reader_.Next(&item_)) {
        exhausted_ = true;
        break;
      }
      Track(item_);
      if (skipped_ < skip_) {
        ++skipped_;
        continue;
      }
      ++b->consumed;
      if (!InShard(item_)) {
        ++b->other_shards;
        continue;
      }
      text_bytes += item_.ok ? item_.article.text().size() : 0;
      b->items.push_back(std::move(item_));
      if (text_bytes >= options_.batch_bytes || b->items.size() >= options_.batch_records) break;
    }
    b->input_done = Position();
    return b->consumed > 0;
  }

  bool exhausted() const { return exhausted_; }

 private:
  bool Cancelled() const {
    return options_.cancel != nullptr && options_.cancel->load(std::memory_order_relaxed);
  }

  bool InShard(const ReadItem& item) const {
    if (!options_.shard.sharded()) return true;
    if (item.ok) return options_.shard.Contains(item.article.id());
    if (item.input_failed) return true;  // every shard lost its part
    return options_.shard.Contains(item.input + ":" + std::to_string(item.line));
  }

  // Follows the reader through the inputs, for the progress estimate.
  void Track(const ReadItem& item) {
    auto advance = [&] {
      if (current_ < inputs_.size()) {
        done_ += sizes_[current_];
        if (EndsWith(inputs_[current_], ".gz") && sizes_[current_] > 0) {
          gz_raw_ += sizes_[current_];
          gz_plain_ += offset_;
        }
      }
      ++current_;
      offset_ = 0;
    };
    while (current_ < inputs_.size() && inputs_[current_] != item.input) advance();
    uint64_t end = item.offset + item.bytes;
    if (end < offset_) advance();  // the same input listed again
    offset_ = end;
  }

  uint64_t Position() const {
    if (current_ >= inputs_.size()) return total_;
    uint64_t size = sizes_[current_];
    uint64_t within = offset_;
    if (EndsWith(inputs_[current_], ".gz")) {
      double ratio = gz_raw_ > 0 && gz_plain_ > 0 ? static_cast<double>(gz_plain_) / static_cast<double>(gz_raw_)
                                                  : kDefaultGzipRatio;
      within = static_cast<uint64_t>(static_cast<double>(offset_) / ratio);
      if (within >= size) within = size > 0 ? size - 1 : 0;
    }
    return done_ + std::min(within, size);
  }

  ArticleReader reader_;
  const std::vector<std::string>& inputs_;
  const ExtractJobOptions& options_;
  uint64_t skip_;
  uint64_t skipped_ = 0;
  bool exhausted_ = false;
  ReadItem item_;
  // Progress.
  std::vector<uint64_t> sizes_;
  uint64_t total_ = 0;
  bool unknown_total_ = false;
  size_t current_ = 0;
  uint64_t offset_ = 0;
  uint64_t done_ = 0;
  uint64_t gz_raw_ = 0;
  uint64_t gz_plain_ = 0;
};

// The extraction stage: fills a batch's output and releases its articles.
void ProcessBatch(const Extractor& extractor, Format format, Batch* b, std::vector<v1::Quote>* quotes) {
  for (ReadItem& item : b->items) {
    if (!item.ok) {
      if (item.input_failed) ++b->failed_inputs;
      else ++b->bad_records;
      b->diagnostics.push_back(std::move(item.error));
      std::string& line = b->errors;
      line += "{\"input\":";
      AppendErrorString(item.input, &line);
      line += ",\"line\":" + std::to_string(item.line) + ",\"offset\":" + std::to_string(item.offset) +
              ",\"reason\":";
      AppendErrorString(b->diagnostics.back(), &line);
      line += "}\n";
      continue;
    }
    ++b->articles;
    b->bytes += item.article.text().size();
    const size_t n = extractor.ExtractReusing(item.article, quotes, 0);
    for (size_t i = 0; i < n; ++i) QuoteWriter::Encode((*quotes)[i], format, &b->output);
    b->quotes += n;
  }
  b->items = std::vector<ReadItem>();
}

// A fingerprint of what determines the output: the inputs (with their
// sizes and modification times) and the options.
std::string Fingerprint(const std::vector<std::string>& expanded, const ExtractJobOptions& o) {
  std::string key = "qawl-extract/1";
  for (const std::string& in : expanded) {
    key += "\n" + in;
    struct stat st;
    if (in != "-" && ::stat(in.c_str(), &st) == 0) {
      QAWL_GCC_BUG_105329_BEGIN  // -Wrestrict false positive, see gcc_warnings.h
      key += " " + std::to_string(st.st_size) + " " + std::to_string(st.st_mtim.tv_sec) + "." +
             std::to_string(st.st_mtim.tv_nsec);
      QAWL_GCC_BUG_105329_END
    }
  }
  const ReaderOptions& r = o.reader;
  char extract[64];
  std::snprintf(extract, sizeof(extract), "%.9g %d %d", static_cast<double>(o.extract.min_confidence),
                o.extract.indirect ? 1 : 0, o.extract.headlines ? 1 : 0);
  key += "\nformat " + std::to_string(static_cast<int>(o.format)) + "\nshard " + o.shard.ToString() +
         "\nfields " + r.id_field + "\x1f" + r.text_field + "\x1f" + r.url_field + "\x1f" + r.date_field +
         "\x1f" + r.title_field + "\x1f" + r.source_field + "\nmax " + std::to_string(r.max_article_bytes) +
         "\nextract " + extract + "\nerrors " + (o.errors_path.empty() ? "no" : "yes");
  char hex[17];
  std::snprintf(hex, sizeof(hex), "%016" PRIx64, Fnv1a64(key));
  return hex;
}

uint64_t PeakRss() {
  struct rusage ru;
  if (::getrusage(RUSAGE_SELF, &ru) != 0) return 0;
  return static_cast<uint64_t>(ru.ru_maxrss) * 1024;
}

// The writing stage: appends batches in order, reports bad records, keeps
// the totals and writes checkpoints.
class BatchSink {
 public:
  BatchSink(const ExtractJobOptions& options, std::FILE* diag, ExtractJobStats* stats, ProgressMeter* meter,
            QuoteWriter* output, QuoteWriter* errors, std::string checkpoint_path, std::string fingerprint,
            uint64_t items_done, uint64_t input_total)
      : options_(options), diag_(diag), stats_(stats), meter_(meter), output_(output), errors_(errors),
        checkpoint_path_(std::move(checkpoint_path)), fingerprint_(std::move(fingerprint)),
        items_done_(items_done), input_total_(input_total), last_checkpoint_(std::chrono::steady_clock::now()) {}

  Status Write(Batch& b) {
    if (!b.output.empty()) {
      Status s = output_->WriteRaw(b.output);
      if (!s.ok()) return s;
    }
    if (!b.errors.empty() && errors_ != nullptr) {
      Status s = errors_->WriteRaw(b.errors);
      if (!s.ok()) return s;
    }
    if (diag_ != nullptr && !options_.quiet) {
      for (const std::string& d : b.diagnostics) {
        std::string line = options_.program + ": " + d;
        if (meter_->enabled()) meter_->Message(line);
        else std::fprintf(diag_, "%s\n", line.c_str());
      }
    }
    stats_->articles += b.articles;
    stats_->quotes += b.quotes;
    stats_->bytes += b.bytes;
    stats_->bad_records += b.bad_records;
    stats_->failed_inputs += b.failed_inputs;
    stats_->other_shards += b.other_shards;
    items_done_ += b.consumed;
    ProgressSnapshot snap;
    snap.articles = stats_->articles;
    snap.quotes = stats_->quotes;
    snap.bytes = stats_->bytes;
    snap.input_done = b.input_done;
    snap.input_total = input_total_;
    meter_->Update(snap);
    if (!checkpoint_path_.empty() &&
        std::chrono::steady_clock::now() - last_checkpoint_ >=
            std::chrono::duration<double>(options_.checkpoint_seconds)) {
      return Checkpoint();
    }
    return Status::Ok();
  }

  // Makes everything written so far durable and records it; `complete`
  // marks the job's last checkpoint, written before the final renames.
  Status Checkpoint(bool complete = false) {
    last_checkpoint_ = std::chrono::steady_clock::now();
    if (checkpoint_path_.empty()) return Status::Ok();
    Status s = output_->Sync();
    if (s.ok() && errors_ != nullptr) s = errors_->Sync();
    if (!s.ok()) return s;
    qawl::Checkpoint c;
    c.fingerprint = fingerprint_;
    c.items = items_done_;
    c.output_bytes = output_->bytes_written();
    c.errors_bytes = errors_ != nullptr ? errors_->bytes_written() : 0;
    c.articles = stats_->articles;
    c.quotes = stats_->quotes;
    c.bad_records = stats_->bad_records;
    c.failed_inputs = stats_->failed_inputs;
    c.bytes = stats_->bytes;
    c.other_shards = stats_->other_shards;
    c.complete = complete;
    return WriteCheckpoint(checkpoint_path_, c);
  }

 private:
  const ExtractJobOptions& options_;
  std::FILE* diag_;
  ExtractJobStats* stats_;
  ProgressMeter* meter_;
  QuoteWriter* output_;
  QuoteWriter* errors_;
  std::string checkpoint_path_;
  std::string fingerprint_;
  uint64_t items_done_;
  uint64_t input_total_;
  std::chrono::steady_clock::time_point last_checkpoint_;
};

// Runs the stages on the calling thread.
Status RunInline(BatchSource* source, const Extractor& extractor, Format format, BatchSink* sink) {
  std::vector<v1::Quote> quotes;
  // The encoded quotes of one batch, kept from batch to batch: they run to
  // about a megabyte, which a new string would grow to by copying itself
  // over and over.
  std::string output;
  for (;;) {
    Batch b;
    if (!source->Fill(&b)) return Status::Ok();
    output.clear();
    b.output.swap(output);
    ProcessBatch(extractor, format, &b, &quotes);
    Status s = sink->Write(b);
    b.output.swap(output);
    if (!s.ok()) return s;
  }
}

// Runs a job on `threads` workers, the calling thread being one of them,
// with no reader or writer thread of its own. A worker takes the reader
// (one worker at a time) to fill a batch, extracts it, and then writes it
// if it is the next in input order, together with any later batches that
// other workers finished first; a batch that is not next waits for the
// worker that writes its predecessor. So a batch is read and extracted on
// one core, its text still in that core's cache, and no thread stands
// between the stages (measured: a reader and a writer thread beside two
// workers cost 6 to 8% more CPU time than one thread doing everything).
// At most `max_in_flight` batches are read and not yet written.
class Pipeline {
 public:
  Pipeline(BatchSource* source, const Extractor* extractor, Format format, int threads, size_t max_in_flight)
      : source_(source), extractor_(extractor), format_(format), threads_(threads),
        max_in_flight_(max_in_flight) {}

  Status Run(BatchSink* sink) {
    std::vector<std::thread> threads;
    for (int i = 1; i < threads_; ++i) {
      threads.emplace_back([this, sink] {
        pthread_setname_np(pthread_self(), "qawl-work");  // for top -H and perf
        WorkLoop(sink);
      });
    }
    WorkLoop(sink);
    for (std::thread& t : threads) t.join();
    return status_;
  }

 private:
  void WorkLoop(BatchSink* sink) {
    std::vector<v1::Quote> quotes;
    for (;;) {
      auto b = std::make_unique<Batch>();
      {
        std::lock_guard<std::mutex> read_lock(read_mu_);
        {
          std::unique_lock<std::mutex> lock(mu_);
          space_cv_.wait(lock, [&] { return failed_ || read_done_ || in_flight_ < max_in_flight_; });
          if (failed_ || read_done_) return;
        }
        const bool filled = source_->Fill(b.get());
        std::lock_guard<std::mutex> lock(mu_);
        if (!filled) {
          read_done_ = true;
          space_cv_.notify_all();
          return;
        }
        b->seq = next_read_++;
        ++in_flight_;
      }
      ProcessBatch(*extractor_, format_, b.get(), &quotes);
      std::unique_lock<std::mutex> lock(mu_);
      done_.emplace(b->seq, std::move(b));
      if (writing_) continue;  // the worker writing now will take it
      writing_ = true;
      for (auto it = done_.find(next_write_); it != done_.end() && !failed_; it = done_.find(next_write_)) {
        std::unique_ptr<Batch> next = std::move(it->second);
        done_.erase(it);
        lock.unlock();
        Status s = sink->Write(*next);
        next.reset();
        lock.lock();
        ++next_write_;
        --in_flight_;
        if (!s.ok()) {
          failed_ = true;
          status_ = s;
        }
        space_cv_.notify_all();
      }
      // Still under the lock that found nothing to write: a batch finished
      // from now on finds writing_ false and writes itself.
      writing_ = false;
    }
  }

  BatchSource* source_;
  const Extractor* extractor_;
  Format format_;
  int threads_;
  size_t max_in_flight_;

  std::mutex read_mu_;  // held while filling a batch: the source is not thread-safe
  std::mutex mu_;       // everything below
  std::condition_variable space_cv_;  // in_flight_ went down, or the job ends
  std::map<uint64_t, std::unique_ptr<Batch>> done_;  // extracted, waiting for their turn
  uint64_t next_read_ = 0;
  uint64_t next_write_ = 0;
  size_t in_flight_ = 0;  // read and not yet written
  bool writing_ = false;  // a worker is writing batches
  bool read_done_ = false;
  bool failed_ = false;
  Status status_ = Status::Ok();
};

}  // namespace

int DefaultThreadCount() {
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof(set), &set) == 0) {
    int n = CPU_COUNT(&set);
    if (n > 0) return n;
  }
  unsigned n = std::thread::hardware_concurrency();
  return n > 0 ? static_cast<int>(n) : 1;
}

std::string FormatSummary(const ExtractJobStats& s) {
  char buf[512];
  double mb = static_cast<double>(s.bytes) / 1e6;
  double run_mb = static_cast<double>(s.bytes - s.resumed_bytes) / 1e6;
  double run_articles = 0;
  double run_quotes = 0;
  if (s.seconds > 0) {
    // Articles and quotes of this run are not kept apart from the resumed
    // ones; the rates use this run's share of the text instead.
    double share = s.bytes > 0 ? run_mb / mb : 1.0;
    run_articles = static_cast<double>(s.articles) * share / s.seconds;
    run_quotes = static_cast<double>(s.quotes) * share / s.seconds;
  }
  std::snprintf(buf, sizeof(buf),
                "%" PRIu64 " articles, %" PRIu64 " quotes, %" PRIu64 " bad records, %" PRIu64
                " inputs failed, %.1f MB in %.2f s (%.1f MB/s, %.0f articles/s, %.0f quotes/s), "
                "%d threads, peak RSS %.0f MB",
                s.articles, s.quotes, s.bad_records, s.failed_inputs, mb, s.seconds,
                s.seconds > 0 ? run_mb / s.seconds : 0.0, run_articles, run_quotes, s.threads,
                static_cast<double>(s.peak_rss_bytes) / 1e6);
  std::string out = buf;
  if (s.shard.sharded()) {
    out += "; shard " + s.shard.ToString() + " (" + std::to_string(s.other_shards) +
           " articles left to other shards)";
  }
  if (s.resumed_records > 0) out += "; resumed after " + std::to_string(s.resumed_records) + " records";
  if (s.interrupted) out += "; interrupted, rerun with --resume to continue";
  return out;
}

namespace {

namespace fs = std::filesystem;

// The totals of the runs before a resume, so that the summary and exit
// status cover the whole job.
void RestoreTotals(const Checkpoint& ckpt, ExtractJobStats* stats) {
  stats->articles = ckpt.articles;
  stats->quotes = ckpt.quotes;
  stats->bad_records = ckpt.bad_records;
  stats->failed_inputs = ckpt.failed_inputs;
  stats->bytes = ckpt.bytes;
  stats->other_shards = ckpt.other_shards;
  stats->resumed_records = ckpt.items;
  stats->resumed_bytes = ckpt.bytes;
}

// The job of `ckpt` had finished and was renaming its partial files when
// it stopped: renames what is left, checking each file's recorded length,
// and reports the job's totals.
Status FinishCommit(const ExtractJobOptions& options, const std::string& checkpoint_path, const Checkpoint& ckpt,
                    ExtractJobStats* stats, std::chrono::steady_clock::time_point start) {
  std::vector<std::pair<std::string, uint64_t>> files = {{options.output, ckpt.output_bytes}};
  if (!options.errors_path.empty()) files.emplace_back(options.errors_path, ckpt.errors_bytes);
  for (const auto& [path, bytes] : files) {
    const std::string partial = QuoteWriter::PartialPath(path);
    std::error_code ec;
    const bool have_partial = fs::exists(partial, ec);
    const std::string& which = have_partial ? partial : path;
    const uint64_t size = fs::file_size(which, ec);
    if (ec || size != bytes) {
      return Status::Corruption(checkpoint_path + ": the finished job's " + which + " should hold " +
                                std::to_string(bytes) + " bytes" +
                                (ec ? std::string(", but it is missing") : ", but it holds " + std::to_string(size)) +
                                "; rerun without --resume");
    }
    if (have_partial && std::rename(partial.c_str(), path.c_str()) != 0) {
      return Status::IoError(path + ": rename from " + partial + " failed: " + std::strerror(errno));
    }
    Status s = SyncParentDirectory(path);
    if (!s.ok()) return s;
  }
  std::remove(checkpoint_path.c_str());
  Status s = SyncParentDirectory(checkpoint_path);
  if (!s.ok()) return s;
  RestoreTotals(ckpt, stats);
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stats->peak_rss_bytes = PeakRss();
  return Status::Ok();
}

}  // namespace

Status RunExtractJob(const PatternSet& patterns, const ExtractJobOptions& options,
                     std::FILE* diag, ExtractJobStats* stats) {
  auto start = std::chrono::steady_clock::now();
  *stats = ExtractJobStats();
  stats->shard = options.shard;
  stats->threads = options.threads > 0 ? options.threads : DefaultThreadCount();
  const bool to_file = !options.output.empty() && options.output != "-";
  if (options.resume && !to_file) {
    return Status::InvalidArgument("--resume needs a file output (-o FILE), not standard output");
  }
  const std::vector<std::string> expanded = ArticleReader::ExpandInputs(options.inputs);
  const std::string fingerprint = Fingerprint(expanded, options);

  // Open the outputs, from a checkpoint if resuming.
  std::unique_ptr<QuoteWriter> output;
  std::unique_ptr<QuoteWriter> errors;
  std::string checkpoint_path;
  uint64_t skip = 0;
  if (to_file) {
    checkpoint_path = QuoteWriter::PartialPath(options.output) + ".ckpt";
    std::optional<Checkpoint> ckpt;
    if (options.resume) {
      auto read = ReadCheckpoint(checkpoint_path);
      if (!read.ok()) return read.status();
      ckpt = std::move(read.value());
      if (ckpt && ckpt->fingerprint != fingerprint) {
        return Status::InvalidArgument(checkpoint_path +
                                       ": the inputs or options differ from the interrupted job's; "
                                       "rerun them unchanged, or without --resume to start over");
      }
      if (ckpt && ckpt->complete) return FinishCommit(options, checkpoint_path, *ckpt, stats, start);
    } else {
      std::remove(checkpoint_path.c_str());
    }
    std::optional<uint64_t> keep_output;
    std::optional<uint64_t> keep_errors;
    if (ckpt) {
      keep_output = ckpt->output_bytes;
      keep_errors = ckpt->errors_bytes;
      skip = ckpt->items;
      RestoreTotals(*ckpt, stats);
    }
    auto o = QuoteWriter::OpenPartial(options.output, options.format, keep_output);
    if (!o.ok()) return o.status();
    output = std::move(o.value());
    if (!options.errors_path.empty()) {
      auto e = QuoteWriter::OpenPartial(options.errors_path, Format::kJsonl, keep_errors);
      if (!e.ok()) return e.status();
      errors = std::move(e.value());
    }
  } else {
    auto o = QuoteWriter::Open(options.output, options.format);
    if (!o.ok()) return o.status();
    output = std::move(o.value());
    if (!options.errors_path.empty()) {
      auto e = QuoteWriter::Open(options.errors_path, Format::kJsonl);
      if (!e.ok()) return e.status();
      errors = std::move(e.value());
    }
  }

  ExtractJobOptions o = options;
  if (o.batch_bytes == 0) o.batch_bytes = 1;
  if (o.batch_records == 0) o.batch_records = 1;
  Extractor extractor(&patterns, o.extract);
  BatchSource source(expanded, o, skip);
  ProgressMeter meter(o.progress, o.progress != nullptr);
  BatchSink sink(o, diag, stats, &meter, output.get(), errors.get(), checkpoint_path, fingerprint, skip,
                 source.input_total());
  // A first checkpoint, so that even a job killed at once resumes cleanly
  // instead of finding a stale one.
  Status s = sink.Checkpoint();
  if (s.ok()) {
    if (stats->threads == 1) {
      s = RunInline(&source, extractor, o.format, &sink);
    } else {
      size_t in_flight = o.max_batches_in_flight > 0 ? o.max_batches_in_flight
                                                     : 4 * static_cast<size_t>(stats->threads) + 2;
      Pipeline pipeline(&source, &extractor, o.format, stats->threads, in_flight);
      s = pipeline.Run(&sink);
    }
  }
  meter.Finish();
  if (s.ok() && source.exhausted() && source.skipped() < skip) {
    s = Status::Corruption(checkpoint_path + ": the inputs hold " + std::to_string(source.skipped()) +
                           " records, fewer than the " + std::to_string(skip) + " already done");
  }
  if (!s.ok()) return s;
  stats->interrupted = !source.exhausted();
  if (stats->interrupted) {
    s = sink.Checkpoint();
  } else {
    // A kill between the two renames below leaves one file final and one
    // partial; the checkpoint marked complete lets --resume finish the job.
    if (!checkpoint_path.empty()) s = sink.Checkpoint(/*complete=*/true);
    if (s.ok() && errors) s = errors->Commit();
    if (s.ok()) s = output->Commit();
    if (s.ok() && !checkpoint_path.empty()) {
      std::remove(checkpoint_path.c_str());
      s = SyncParentDirectory(checkpoint_path);
    }
  }
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  stats->peak_rss_bytes = PeakRss();
  return s;
}

}  // namespace qawl
