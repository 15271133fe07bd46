// The batch job: ordered output whatever the thread count, sharding,
// checkpoints and resume, the errors file, and its helpers (shard.h,
// checkpoint.h, progress.h, QuoteWriter's partial files).
#include "qawl/extract_job.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "qawl/checkpoint.h"
#include "qawl/progress.h"
#include "qawl/shard.h"
#include "test_util.h"

namespace qawl {
namespace {

namespace fs = std::filesystem;
using testing::Patterns;
using testing::ReadFile;

// A fresh directory per test.
fs::path TestDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  fs::path dir = testing::ScratchPath(std::string("extract_job_") + info->test_suite_name() + "_" + info->name());
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// A corpus made of the seed articles with shuffled paragraphs and fresh
// ids, with a few bad records among them. Returns the path.
fs::path WriteCorpus(const fs::path& dir, int articles, bool with_bad_records = true) {
  std::vector<std::vector<std::string>> seeds;
  for (const auto& entry : fs::directory_iterator(fs::path(QAWL_TEST_DATA) / "seeds")) {
    std::string text = ReadFile(entry.path());
    std::vector<std::string> paragraphs;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      std::string p = text.substr(start, nl - start);
      if (p.find_first_not_of(" \r\t") != std::string::npos) paragraphs.push_back(p);
      start = nl + 1;
    }
    seeds.push_back(paragraphs);
  }
  std::mt19937 rng(12345);
  fs::path path = dir / "corpus.jsonl";
  std::ofstream out(path, std::ios::binary);
  for (int i = 0; i < articles; ++i) {
    std::vector<std::string> paragraphs = seeds[static_cast<size_t>(i) % seeds.size()];
    std::shuffle(paragraphs.begin(), paragraphs.end(), rng);
    std::string text;
    for (const std::string& p : paragraphs) text += p + "\n";
    out << "{\"id\":\"a" << i << "\",\"url\":\"https://example.org/" << i << "\",\"text\":" << JsonString(text)
        << "}\n";
    if (with_bad_records && i % 37 == 5) out << "{\"id\":\"broken" << i << "\",\"text\":\n";
    if (with_bad_records && i % 53 == 7) out << "{\"text\":\"no id here\"}\n";
  }
  return path;
}

struct RunResult {
  Status status;
  ExtractJobStats stats;
  std::string output;
  std::string errors;
};

RunResult RunJob(ExtractJobOptions options) {
  RunResult r;
  EXPECT_TRUE(Patterns().ok()) << "built-in patterns: " << Patterns().error();
  options.quiet = true;
  r.status = RunExtractJob(Patterns(), options, nullptr, &r.stats);
  if (!options.output.empty()) r.output = ReadFile(options.output);
  if (!options.errors_path.empty()) r.errors = ReadFile(options.errors_path);
  return r;
}

ExtractJobOptions BaseOptions(const fs::path& dir, const fs::path& corpus) {
  ExtractJobOptions o;
  o.inputs = {corpus.string()};
  o.output = (dir / "out.jsonl").string();
  o.errors_path = (dir / "errors.jsonl").string();
  o.format = Format::kJsonl;
  // Small batches, so that even a small corpus makes many of them.
  o.batch_records = 7;
  o.threads = 1;
  return o;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string::npos) nl = s.size();
    out.push_back(s.substr(start, nl - start));
    start = nl + 1;
  }
  return out;
}

// Sets *cancel once the job writing `output` has `bytes` in its partial
// file, or has finished, or after a minute.
std::thread CancelWhenWritten(const std::string& output, uint64_t bytes, std::atomic<bool>* cancel) {
  return std::thread([output, bytes, cancel] {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      std::error_code ec;
      auto size = fs::file_size(output + ".partial", ec);
      if ((!ec && size >= bytes) || fs::exists(output)) break;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    *cancel = true;
  });
}

TEST(ShardTest, Fnv1a64MatchesPublishedValues) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(ShardTest, ParsesAndRejectsSpecs) {
  auto s = ParseShardSpec("2/5");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->index, 2u);
  EXPECT_EQ(s->count, 5u);
  EXPECT_EQ(s->ToString(), "2/5");
  for (const char* bad : {"5/5", "1", "/3", "1/", "a/3", "1/0", "-1/3", "1/3x", "0/70000"}) {
    EXPECT_FALSE(ParseShardSpec(bad).ok()) << "'" << bad << "' should be rejected";
  }
}

TEST(ShardTest, EveryIdIsInExactlyOneShard) {
  std::vector<int> per_shard(7);
  for (int i = 0; i < 7000; ++i) {
    std::string id = "article-" + std::to_string(i);
    int owners = 0;
    for (uint32_t k = 0; k < 7; ++k) {
      if (ShardSpec{k, 7}.Contains(id)) {
        ++owners;
        ++per_shard[k];
      }
    }
    ASSERT_EQ(owners, 1) << "id " << id;
  }
  for (int n : per_shard) EXPECT_GT(n, 800) << "shards should be roughly even";
}

TEST(CheckpointTest, RoundTripsAndDetectsDamage) {
  fs::path dir = TestDir();
  std::string path = (dir / "x.ckpt").string();
  auto missing = ReadCheckpoint(path);
  ASSERT_TRUE(missing.ok()) << missing.status().message();
  EXPECT_FALSE(missing->has_value());

  Checkpoint c;
  c.fingerprint = "00ff";
  c.items = 12;
  c.output_bytes = 3456;
  c.errors_bytes = 78;
  c.articles = 10;
  c.quotes = 99;
  c.bad_records = 2;
  c.failed_inputs = 1;
  c.bytes = 123456789012ull;
  c.other_shards = 5;
  ASSERT_TRUE(WriteCheckpoint(path, c).ok());
  EXPECT_FALSE(fs::exists(path + ".tmp"));
  auto read = ReadCheckpoint(path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  ASSERT_TRUE(read->has_value());
  const Checkpoint& r = **read;
  EXPECT_EQ(r.fingerprint, "00ff");
  EXPECT_EQ(r.items, 12u);
  EXPECT_EQ(r.output_bytes, 3456u);
  EXPECT_EQ(r.errors_bytes, 78u);
  EXPECT_EQ(r.articles, 10u);
  EXPECT_EQ(r.quotes, 99u);
  EXPECT_EQ(r.bad_records, 2u);
  EXPECT_EQ(r.failed_inputs, 1u);
  EXPECT_EQ(r.bytes, 123456789012ull);
  EXPECT_EQ(r.other_shards, 5u);

  std::string text = ReadFile(path);
  size_t pos = text.find("items 12");
  ASSERT_NE(pos, std::string::npos) << text;
  text[pos + 6] = '9';
  std::ofstream(path, std::ios::binary) << text;
  auto damaged = ReadCheckpoint(path);
  EXPECT_FALSE(damaged.ok()) << "a changed digit must fail the check line";
  EXPECT_EQ(damaged.status().code(), Status::Code::kCorruption);
}

TEST(ProgressTest, RendersCountsShareAndEta) {
  ProgressSnapshot first;
  ProgressSnapshot s;
  s.articles = 1500;
  s.quotes = 12000;
  s.bytes = 50'000'000;
  s.input_done = 250;
  s.input_total = 1000;
  std::string line = ProgressMeter::Render(s, first, 10.0, 120);
  EXPECT_NE(line.find("1500 articles"), std::string::npos) << line;
  EXPECT_NE(line.find("50.0 MB"), std::string::npos) << line;
  EXPECT_NE(line.find("5.0 MB/s"), std::string::npos) << line;
  EXPECT_NE(line.find("12000 quotes"), std::string::npos) << line;
  EXPECT_NE(line.find(" 25%"), std::string::npos) << line;
  EXPECT_NE(line.find("ETA 0:00:30"), std::string::npos) << line;  // 750 left at 25/s
  EXPECT_LT(line.size(), 120u);
  s.input_total = 0;  // standard input: no share, no ETA
  line = ProgressMeter::Render(s, first, 10.0, 120);
  EXPECT_EQ(line.find('%'), std::string::npos) << line;
  EXPECT_EQ(line.find("ETA"), std::string::npos) << line;
}

TEST(QuoteWriterTest, PartialFileIsLockedKeptAndCutBack) {
  fs::path dir = TestDir();
  std::string path = (dir / "q.pb").string();
  {
    auto w = QuoteWriter::OpenPartial(path, Format::kJsonl, std::nullopt);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_TRUE((*w)->WriteRaw("first\nsecond\n").ok());
    ASSERT_TRUE((*w)->Sync().ok());
    auto second = QuoteWriter::OpenPartial(path, Format::kJsonl, std::nullopt);
    EXPECT_FALSE(second.ok()) << "a second writer of the same partial file must be refused";
  }
  EXPECT_EQ(ReadFile(QuoteWriter::PartialPath(path)), "first\nsecond\n") << "kept when not committed";
  EXPECT_FALSE(fs::exists(path));
  {
    auto w = QuoteWriter::OpenPartial(path, Format::kJsonl, 6);
    ASSERT_TRUE(w.ok()) << w.status().message();
    EXPECT_EQ((*w)->bytes_written(), 6u);
    ASSERT_TRUE((*w)->WriteRaw("third\n").ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(ReadFile(path), "first\nthird\n");
  EXPECT_FALSE(fs::exists(QuoteWriter::PartialPath(path)));
  auto too_long = QuoteWriter::OpenPartial((dir / "none.pb").string(), Format::kJsonl, 10);
  EXPECT_FALSE(too_long.ok()) << "resuming past the end of the partial file must fail";
}

TEST(ExtractJobTest, OutputIsTheSameForEveryThreadCount) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 120);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  RunResult one = RunJob(o);
  ASSERT_TRUE(one.status.ok()) << one.status.message();
  EXPECT_EQ(one.stats.articles, 120u);
  EXPECT_GT(one.stats.quotes, 300u);
  EXPECT_EQ(one.stats.bad_records, 7u);  // 4 broken lines (i % 37 == 5), 3 without id (i % 53 == 7)
  EXPECT_EQ(Lines(one.errors).size(), 7u) << one.errors;
  EXPECT_FALSE(fs::exists(o.output + ".partial")) << "partial file left behind";
  EXPECT_FALSE(fs::exists(o.output + ".partial.ckpt")) << "checkpoint left behind";
  for (int threads : {2, 3, 8}) {
    for (size_t batch : {size_t{1}, size_t{7}, size_t{1000}}) {
      o.threads = threads;
      o.batch_records = batch;
      o.max_batches_in_flight = batch == 1 ? 3 : 0;
      RunResult r = RunJob(o);
      ASSERT_TRUE(r.status.ok()) << r.status.message();
      EXPECT_TRUE(r.output == one.output) << threads << " threads, batches of " << batch
                                          << ": output differs from the 1-thread run";
      EXPECT_EQ(r.errors, one.errors) << threads << " threads, batches of " << batch;
      EXPECT_EQ(r.stats.quotes, one.stats.quotes);
    }
  }
}

TEST(ExtractJobTest, ShardsTogetherEqualTheUnshardedOutput) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 90);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  o.threads = 2;
  RunResult all = RunJob(o);
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  const uint32_t n = 4;
  std::multiset<std::string> quotes;
  std::multiset<std::string> errors;
  uint64_t articles = 0;
  for (uint32_t k = 0; k < n; ++k) {
    o.shard = ShardSpec{k, n};
    RunResult r = RunJob(o);
    ASSERT_TRUE(r.status.ok()) << "shard " << k << ": " << r.status.message();
    EXPECT_GT(r.stats.articles, 0u) << "shard " << k << " got no article";
    EXPECT_EQ(r.stats.articles + r.stats.other_shards, all.stats.articles + all.stats.bad_records -
                                                           r.stats.bad_records)
        << "shard " << k << ": every good article is either here or left to another shard";
    articles += r.stats.articles;
    for (const std::string& line : Lines(r.output)) quotes.insert(line);
    for (const std::string& line : Lines(r.errors)) errors.insert(line);
  }
  EXPECT_EQ(articles, all.stats.articles);
  std::vector<std::string> want = Lines(all.output);
  EXPECT_EQ(quotes, std::multiset<std::string>(want.begin(), want.end()))
      << "the shards' records together must be the unsharded records, each once";
  std::vector<std::string> want_errors = Lines(all.errors);
  EXPECT_EQ(errors, std::multiset<std::string>(want_errors.begin(), want_errors.end()))
      << "each bad record must be reported by exactly one shard";
}

TEST(ExtractJobTest, CancelledJobResumesToTheUninterruptedOutput) {
  fs::path dir = TestDir();
  // Enough work that a run lasts far longer than the stopper thread takes
  // to notice the output has grown, even on a loaded machine.
  fs::path corpus = WriteCorpus(dir, 1500);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  o.threads = 2;
  RunResult want = RunJob(o);
  ASSERT_TRUE(want.status.ok()) << want.status.message();
  fs::remove(o.output);
  fs::remove(o.errors_path);

  o.checkpoint_seconds = 1e-6;  // after every batch
  std::mt19937 rng(7);
  std::atomic<bool> cancel{false};
  o.cancel = &cancel;
  int runs = 0;
  uint64_t last_resumed = 0;
  for (;;) {
    ASSERT_LT(++runs, 200) << "the job never finished";
    cancel = false;
    // Cancel after a random number of further output bytes.
    std::error_code ec;
    uint64_t have = fs::file_size(o.output + ".partial", ec);
    if (ec) have = 0;
    uint64_t at = have + std::uniform_int_distribution<uint64_t>(1, want.output.size() / 3)(rng);
    std::thread stopper = CancelWhenWritten(o.output, at, &cancel);
    RunResult r = RunJob(o);
    stopper.join();
    ASSERT_TRUE(r.status.ok()) << "run " << runs << ": " << r.status.message();
    if (runs > 1) {
      EXPECT_GE(r.stats.resumed_records, last_resumed) << "run " << runs << " went backwards";
    }
    last_resumed = r.stats.resumed_records;
    if (!r.stats.interrupted) {
      EXPECT_TRUE(r.output == want.output) << "after " << runs << " runs the output differs from an "
                                           << "uninterrupted run's (" << r.output.size() << " vs "
                                           << want.output.size() << " bytes)";
      EXPECT_EQ(r.errors, want.errors) << "after " << runs << " runs";
      EXPECT_EQ(r.stats.articles, want.stats.articles);
      EXPECT_EQ(r.stats.quotes, want.stats.quotes);
      EXPECT_EQ(r.stats.bad_records, want.stats.bad_records) << "totals must include earlier runs";
      break;
    }
    EXPECT_FALSE(fs::exists(o.output)) << "run " << runs << ": final name exists before the end";
    EXPECT_TRUE(fs::exists(o.output + ".partial.ckpt")) << "run " << runs;
    o.resume = true;
  }
  EXPECT_GT(runs, 2) << "the test should interrupt the job at least twice";
}

TEST(ExtractJobTest, ResumeCutsOffWhatTheCheckpointDoesNotCover) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 600);  // still running when the stopper looks
  ExtractJobOptions o = BaseOptions(dir, corpus);
  RunResult want = RunJob(o);
  ASSERT_TRUE(want.status.ok()) << want.status.message();
  fs::remove(o.output);
  fs::remove(o.errors_path);
  // Interrupted once some output is on disk.
  std::atomic<bool> cancel{false};
  o.cancel = &cancel;
  o.checkpoint_seconds = 1e-6;
  std::thread stopper = CancelWhenWritten(o.output, 5000, &cancel);
  RunResult first = RunJob(o);
  stopper.join();
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  ASSERT_TRUE(first.stats.interrupted) << "the corpus was done before the cancel";
  // Then bytes written after the checkpoint, as by a job killed mid-write.
  std::ofstream(o.output + ".partial", std::ios::binary | std::ios::app) << "{\"article_id\":\"half a rec";
  std::ofstream(o.errors_path + ".partial", std::ios::binary | std::ios::app) << "{\"input\":";
  o.cancel = nullptr;
  o.resume = true;
  RunResult r = RunJob(o);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_GT(r.stats.resumed_records, 0u);
  EXPECT_TRUE(r.output == want.output) << "the half-written record after the checkpoint must be cut off";
  EXPECT_EQ(r.errors, want.errors) << "likewise in the errors file";
}

// A job killed while renaming its finished partial files (after the
// checkpoint marked complete, between or before the renames) is finished
// by --resume, whichever files were already renamed; a finished file of
// the wrong length is refused.
TEST(ExtractJobTest, ResumeFinishesAJobKilledWhileRenamingItsFiles) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 40);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  const std::string ckpt_path = o.output + ".partial.ckpt";
  // The job's fingerprint, from the checkpoint of a run cancelled at once.
  std::atomic<bool> cancel{true};
  o.cancel = &cancel;
  ASSERT_TRUE(RunJob(o).status.ok());
  auto first = ReadCheckpoint(ckpt_path);
  ASSERT_TRUE(first.ok() && first.value().has_value()) << "no checkpoint after a cancelled run";
  const std::string fingerprint = first.value()->fingerprint;
  o.cancel = nullptr;
  RunResult want = RunJob(o);
  ASSERT_TRUE(want.status.ok()) << want.status.message();
  ASSERT_FALSE(fs::exists(ckpt_path)) << "a finished job removes its checkpoint";
  ASSERT_GT(want.stats.bad_records, 0u) << "the corpus should hold bad records, for the errors file";

  struct Row {
    std::string name;
    bool output_renamed;
    bool errors_renamed;
    int64_t output_size_error;  // bytes the checkpoint claims beyond the file's length
  };
  const Row rows[] = {
      {"before_any_rename", false, false, 0},
      {"after_the_errors_file", false, true, 0},
      {"after_both", true, true, 0},
      {"output_of_another_length", false, true, 7},
  };
  for (const Row& row : rows) {
    fs::remove(ckpt_path);
    const std::string out_partial = o.output + ".partial";
    const std::string err_partial = o.errors_path + ".partial";
    std::ofstream(row.output_renamed ? o.output : out_partial, std::ios::binary) << want.output;
    if (!row.output_renamed) fs::remove(o.output);
    std::ofstream(row.errors_renamed ? o.errors_path : err_partial, std::ios::binary) << want.errors;
    if (!row.errors_renamed) fs::remove(o.errors_path);
    Checkpoint c;
    c.fingerprint = fingerprint;
    c.items = want.stats.articles + want.stats.bad_records;
    c.output_bytes = want.output.size() + static_cast<uint64_t>(row.output_size_error);
    c.errors_bytes = want.errors.size();
    c.articles = want.stats.articles;
    c.quotes = want.stats.quotes;
    c.bad_records = want.stats.bad_records;
    c.bytes = want.stats.bytes;
    c.complete = true;
    ASSERT_TRUE(WriteCheckpoint(ckpt_path, c).ok()) << row.name;

    ExtractJobOptions resume = o;
    resume.resume = true;
    RunResult r = RunJob(resume);
    if (row.output_size_error != 0) {
      EXPECT_EQ(r.status.code(), Status::Code::kCorruption) << row.name << ": " << r.status.message();
      EXPECT_NE(r.status.message().find("should hold"), std::string::npos) << row.name << ": " << r.status.message();
      fs::remove(out_partial);
      continue;
    }
    ASSERT_TRUE(r.status.ok()) << row.name << ": " << r.status.message();
    EXPECT_TRUE(r.output == want.output) << row.name;
    EXPECT_EQ(r.errors, want.errors) << row.name;
    EXPECT_FALSE(fs::exists(out_partial)) << row.name;
    EXPECT_FALSE(fs::exists(err_partial)) << row.name;
    EXPECT_FALSE(fs::exists(ckpt_path)) << row.name;
    EXPECT_EQ(r.stats.quotes, want.stats.quotes) << row.name;
    EXPECT_EQ(r.stats.bad_records, want.stats.bad_records) << row.name << ": the exit status depends on it";
  }
}

TEST(ExtractJobTest, WithoutResumeAnOldPartialOutputIsDiscarded) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 30);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  RunResult want = RunJob(o);
  ASSERT_TRUE(want.status.ok()) << want.status.message();
  fs::remove(o.output);
  std::ofstream(o.output + ".partial") << "stale bytes from an old job\n";
  Checkpoint c;
  c.fingerprint = "0";
  c.items = 5;
  c.output_bytes = 10;
  ASSERT_TRUE(WriteCheckpoint(o.output + ".partial.ckpt", c).ok());
  RunResult r = RunJob(o);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.stats.resumed_records, 0u);
  EXPECT_TRUE(r.output == want.output) << "stale partial content must not survive";
  EXPECT_FALSE(fs::exists(o.output + ".partial.ckpt"));
}

TEST(ExtractJobTest, ResumeRefusesAnotherJobsCheckpointAndStandardOutput) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 20);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  std::atomic<bool> cancel{true};
  o.cancel = &cancel;
  RunResult first = RunJob(o);
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  ASSERT_TRUE(first.stats.interrupted);
  o.cancel = nullptr;
  o.resume = true;
  o.extract.min_confidence = 0.9f;  // a different job
  RunResult r = RunJob(o);
  EXPECT_FALSE(r.status.ok()) << "a checkpoint of other options must not be resumed";
  EXPECT_NE(r.status.message().find("differ"), std::string::npos) << r.status.message();
  o.extract.min_confidence = 0;
  o.output = "-";
  o.errors_path.clear();
  ExtractJobStats stats;
  EXPECT_FALSE(RunExtractJob(Patterns(), o, nullptr, &stats).ok()) << "--resume to standard output";
}

TEST(ExtractJobTest, ResumeWithoutCheckpointStartsFromTheBeginning) {
  fs::path dir = TestDir();
  fs::path corpus = WriteCorpus(dir, 20, /*with_bad_records=*/false);
  ExtractJobOptions o = BaseOptions(dir, corpus);
  o.resume = true;
  RunResult r = RunJob(o);
  ASSERT_TRUE(r.status.ok()) << r.status.message();
  EXPECT_EQ(r.stats.articles, 20u);
  EXPECT_EQ(r.stats.resumed_records, 0u);
  EXPECT_EQ(r.stats.bad_records, 0u);
  EXPECT_TRUE(r.errors.empty()) << r.errors;
}

TEST(ExtractJobTest, SummaryNamesShardResumeAndRates) {
  ExtractJobStats s;
  s.articles = 100;
  s.quotes = 1000;
  s.bytes = 20'000'000;
  s.resumed_bytes = 10'000'000;
  s.resumed_records = 50;
  s.seconds = 2;
  s.threads = 2;
  s.peak_rss_bytes = 50'000'000;
  s.shard = ShardSpec{1, 3};
  s.other_shards = 200;
  std::string line = FormatSummary(s);
  EXPECT_NE(line.find("100 articles, 1000 quotes"), std::string::npos) << line;
  EXPECT_NE(line.find("(5.0 MB/s, 25 articles/s, 250 quotes/s)"), std::string::npos)
      << "rates are of this run's share: " << line;
  EXPECT_NE(line.find("peak RSS 50 MB"), std::string::npos) << line;
  EXPECT_NE(line.find("shard 1/3 (200 articles left to other shards)"), std::string::npos) << line;
  EXPECT_NE(line.find("resumed after 50 records"), std::string::npos) << line;
}

}  // namespace
}  // namespace qawl
