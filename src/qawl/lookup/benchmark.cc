#include "qawl/lookup/benchmark.h"

#include <stdlib.h>
#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <filesystem>
#include <random>
#include <vector>

#include "qawl/gazetteer.h"
#include "qawl/normalizer.h"
#include "qawl/quote_writer.h"

namespace qawl::lookup {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// User and system CPU time of this process so far.
double CpuSeconds() {
  struct rusage u {};
  ::getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Letters of folded Arabic text (no hamza forms, teh marbuta or alef
// maqsura: the variants below add those).
const char* const kLetters[] = {"ا", "ب", "ت", "ث", "ج", "ح", "خ", "د", "ذ", "ر", "ز", "س", "ش", "ص",
                                "ض", "ط", "ظ", "ع", "غ", "ف", "ق", "ك", "ل", "م", "ن", "ه", "و", "ي"};

// Frequent words, in folded spelling, ranked first in the vocabulary.
const char* const kFunctionWords[] = {
    "في",   "من",   "علي",  "الي",  "ان",   "عن",   "مع",   "هذا",  "هذه",   "التي", "الذي", "كان",
    "قد",   "لا",   "ما",   "او",   "ثم",   "بين",  "بعد",  "قبل",  "حتي",   "كل",   "عندما", "اذا",
    "لكن",  "لقد",  "انه",  "انها", "نحن",  "هم",   "هو",   "هي",   "ذلك",   "تلك",  "منذ",  "حول",
    "ضد",   "عبر",  "خلال", "لدي",  "امام", "ايضا", "فقط",  "جدا",  "مثل",   "غير",  "دون",  "سوف",
    "لم",   "لن",   "بل",   "كما",  "حيث",  "اي",   "اين",  "متي",  "كيف",   "لماذا", "الان", "اليوم"};

constexpr size_t kVocabulary = 30000;
constexpr size_t kRing = 1 << 16;

// Days since 1970-01-01 to "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
std::string CivilDate(int64_t z) {
  z += 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  char buf[64];  // room for any int64 year: no truncation, and none for GCC to warn about
  std::snprintf(buf, sizeof buf, "%04lld-%02lld-%02lld", static_cast<long long>(y + (m <= 2)),
                static_cast<long long>(m), static_cast<long long>(d));
  return buf;
}

class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return std::min<size_t>(static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), u) - cdf_.begin()),
                            cdf_.size() - 1);
  }

 private:
  std::vector<double> cdf_;
};

// Writes the same words another way that folds back to them: hamza on
// alef, teh marbuta, alef maqsura, a fatha, a tatweel.
std::string Respell(const std::string& word, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> p(0, 1);
  std::string w = word;
  if (w.rfind("ا", 0) == 0 && p(rng) < 0.4) w.replace(0, 2, p(rng) < 0.5 ? "أ" : "إ");
  if (w.size() >= 4 && w.compare(w.size() - 2, 2, "ه") == 0 && p(rng) < 0.6) w.replace(w.size() - 2, 2, "ة");
  if (w.size() >= 4 && w.compare(w.size() - 2, 2, "ي") == 0 && p(rng) < 0.5) w.replace(w.size() - 2, 2, "ى");
  if (w.size() >= 4 && p(rng) < 0.2) w.insert(2, "\u064E");  // fatha after the first letter
  if (w.size() >= 4 && p(rng) < 0.05) w.insert(2, "\u0640");  // tatweel
  return w;
}

class Generator {
 public:
  Generator(const Gazetteer& gazetteer, uint64_t seed)
      : gazetteer_(gazetteer), rng_(seed), words_zipf_(kVocabulary + std::size(kFunctionWords), 1.0),
        speaker_zipf_(std::max<size_t>(gazetteer.size(), 1), 1.1) {
    for (const char* w : kFunctionWords) vocabulary_.emplace_back(w);
    std::uniform_int_distribution<int> letters(0, static_cast<int>(std::size(kLetters)) - 1);
    std::uniform_int_distribution<int> length(2, 8);
    while (vocabulary_.size() < kVocabulary + std::size(kFunctionWords)) {
      std::string w = rng_() % 10 < 3 ? "ال" : "";
      for (int i = length(rng_); i > 0; --i) w += kLetters[letters(rng_)];
      vocabulary_.push_back(std::move(w));
    }
    for (int i = 0; i < 300; ++i) {
      unknown_.push_back("مسؤول " + vocabulary_[std::size(kFunctionWords) + rng_() % 5000]);
    }
    ring_.resize(kRing);
  }

  // The next record; `phrase` receives three consecutive words of a new
  // text now and then (for the phrase searches).
  void Next(v1::Quote* q) {
    q->Clear();
    uint64_t n = count_++;
    uint64_t article = n / 6;
    if (article != article_) {
      article_ = article;
      offset_ = static_cast<uint32_t>(rng_() % 400);
    }
    std::uniform_real_distribution<double> p(0, 1);
    double r = p(rng_);
    Source src;
    bool repeat = n > 1000 && r < 0.20;
    if (repeat) {
      const Source& old = ring_[rng_() % std::min<uint64_t>(n, kRing)];
      src.speaker = old.speaker;
      if (r < 0.15 || old.words.size() < 7) {
        src.words = old.words;
      } else {
        size_t len = 6 + rng_() % (old.words.size() - 6);
        size_t at = rng_() % (old.words.size() - len + 1);
        src.words.assign(old.words.begin() + static_cast<std::ptrdiff_t>(at),
                         old.words.begin() + static_cast<std::ptrdiff_t>(at + len));
      }
    } else {
      src.speaker = p(rng_) < 0.2 || gazetteer_.size() == 0
                        ? -1 - static_cast<int>(rng_() % unknown_.size())
                        : static_cast<int>(speaker_zipf_(rng_));
      size_t len = 6 + static_cast<size_t>(std::min(54.0, std::exponential_distribution<double>(1.0 / 16)(rng_)));
      for (size_t i = 0; i < len; ++i) src.words.push_back(static_cast<uint32_t>(words_zipf_(rng_)));
      ring_[n % kRing] = src;
    }
    std::string text;
    for (size_t i = 0; i < src.words.size(); ++i) {
      if (i > 0) text += rng_() % 12 == 0 ? "، " : " ";
      text += Respell(vocabulary_[src.words[i]], rng_);
    }
    static const v1::Kind kKinds[] = {v1::DIRECT, v1::DIRECT, v1::DIRECT, v1::DIRECT, v1::DIRECT,
                                      v1::INDIRECT, v1::INDIRECT, v1::INDIRECT, v1::PARTIAL, v1::PARTIAL};
    char id[32];
    std::snprintf(id, sizeof id, "bench-%08llu", static_cast<unsigned long long>(article));
    q->set_article_id(id);
    q->set_kind(repeat && r >= 0.15 ? v1::PARTIAL : kKinds[rng_() % 10]);
    q->mutable_span()->set_begin(offset_);
    q->mutable_span()->set_end(offset_ + static_cast<uint32_t>(text.size()));
    offset_ += static_cast<uint32_t>(text.size()) + 40;
    q->set_text(std::move(text));
    v1::Speaker* s = q->mutable_speaker();
    if (src.speaker >= 0) {
      const Entity& e = gazetteer_.entity(src.speaker);
      s->set_id(e.id);
      s->set_name(e.name);
      s->set_wikidata(e.wikidata);
      s->set_type(e.type);
      s->set_mention(e.aliases.empty() ? e.name : e.aliases[0]);
    } else {
      s->set_mention(unknown_[static_cast<size_t>(-1 - src.speaker)]);
    }
    q->mutable_cue()->set_text("وقال");
    q->mutable_cue()->set_lemma("قال");
    q->set_rule("bench");
    q->set_confidence(0.9f);
    q->set_url("https://news.example/" + std::string(id));
    q->set_date(CivilDate(19358 + static_cast<int64_t>((article * 2654435761ull) % 730)));  // from 2023-01-01
    q->set_index(static_cast<uint32_t>(n % 6));
    if (!repeat && src.words.size() >= 3) {
      // Reservoir sample of phrases.
      ++phrase_seen_;
      if (phrases_.size() < phrase_capacity_) {
        phrases_.push_back(PhraseOf(src));
      } else if (uint64_t k = rng_() % phrase_seen_; k < phrase_capacity_) {
        phrases_[k] = PhraseOf(src);
      }
    }
  }

  void set_phrase_capacity(size_t n) { phrase_capacity_ = n; }
  // The phrase queries, respelled.
  std::vector<std::string> Phrases() {
    std::vector<std::string> out;
    for (const auto& words : phrases_) {
      std::string s;
      for (uint32_t w : words) {
        if (!s.empty()) s += ' ';
        s += Respell(vocabulary_[w], rng_);
      }
      out.push_back(std::move(s));
    }
    return out;
  }
  std::mt19937_64& rng() { return rng_; }

 private:
  struct Source {
    int speaker = 0;  // gazetteer entity, or -1 - unknown mention
    std::vector<uint32_t> words;
  };
  std::vector<uint32_t> PhraseOf(const Source& src) {
    size_t at = rng_() % (src.words.size() - 2);
    return {src.words[at], src.words[at + 1], src.words[at + 2]};
  }

  const Gazetteer& gazetteer_;
  std::mt19937_64 rng_;
  Zipf words_zipf_;
  Zipf speaker_zipf_;
  std::vector<std::string> vocabulary_;
  std::vector<std::string> unknown_;
  std::vector<Source> ring_;
  uint64_t count_ = 0;
  uint64_t article_ = ~0ull;
  uint32_t offset_ = 0;
  size_t phrase_capacity_ = 0;
  uint64_t phrase_seen_ = 0;
  std::vector<std::vector<uint32_t>> phrases_;
};

Status WriteFeed(Generator* gen, uint64_t records, const std::string& path, uint64_t* bytes) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return Status::IoError(path + ": " + std::strerror(errno));
  std::string buf;
  v1::Quote q;
  for (uint64_t i = 0; i < records; ++i) {
    gen->Next(&q);
    QuoteWriter::Encode(q, Format::kPb, &buf);
    if (buf.size() > (1 << 20) || i + 1 == records) {
      if (std::fwrite(buf.data(), 1, buf.size(), f) != buf.size()) {
        std::fclose(f);
        return Status::IoError(path + ": write failed: " + std::strerror(errno));
      }
      *bytes += buf.size();
      buf.clear();
    }
  }
  if (std::fclose(f) != 0) return Status::IoError(path + ": close failed: " + std::strerror(errno));
  return Status::Ok();
}

Latency Summarize(std::vector<double> ms, uint64_t entries, uint64_t empty) {
  Latency l;
  l.count = ms.size();
  if (ms.empty()) return l;
  std::sort(ms.begin(), ms.end());
  auto pct = [&](double p) {
    size_t i = static_cast<size_t>(std::ceil(p * static_cast<double>(ms.size()))) - 1;
    return ms[std::min(i, ms.size() - 1)];
  };
  l.p50_ms = pct(0.50);
  l.p90_ms = pct(0.90);
  l.p99_ms = pct(0.99);
  l.max_ms = ms.back();
  l.mean_entries = static_cast<double>(entries) / static_cast<double>(ms.size());
  l.empty = empty;
  return l;
}

void Log(std::FILE* log, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void Log(std::FILE* log, const char* fmt, ...) {
  if (log == nullptr) return;
  va_list args;
  va_start(args, fmt);
  std::fputs("qawl-lookup bench: ", log);
  std::vfprintf(log, fmt, args);
  std::fputc('\n', log);
  va_end(args);
}

Status Run(const BenchOptions& options, const Gazetteer& gazetteer, const std::string& dir, std::FILE* log,
           BenchReport* report) {
  Generator gen(gazetteer, options.seed);
  gen.set_phrase_capacity(static_cast<size_t>(options.queries));
  const std::string feed = dir + "/bench.pb";
  const std::string update_feed = dir + "/bench-update.pb";
  report->db_path = dir + "/bench.db";
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(report->db_path + suffix, ec);

  auto start = Clock::now();
  report->records = options.records;
  if (Status s = WriteFeed(&gen, options.records, feed, &report->feed_bytes); !s.ok()) return s;
  report->generate_seconds = Seconds(start);
  Log(log, "wrote %llu records (%.1f MB) to %s in %.1f s", static_cast<unsigned long long>(options.records),
      static_cast<double>(report->feed_bytes) / 1e6, feed.c_str(), report->generate_seconds);
  uint64_t update_records = std::max<uint64_t>(options.records / 100, 1);
  uint64_t update_bytes = 0;
  if (Status s = WriteFeed(&gen, update_records, update_feed, &update_bytes); !s.ok()) return s;

  {
    auto index = QuoteIndex::Open(report->db_path);
    if (!index.ok()) return index.status();
    double cpu = CpuSeconds();
    if (Status s = (*index)->Update({feed}, &report->index); !s.ok()) return s;
    report->index_cpu_seconds = CpuSeconds() - cpu;
    if (report->index.failed_feeds() > 0) return report->index.feeds[0].status;
    Log(log, "indexed in %.1f s (grouping %.1f s)", report->index.seconds, report->index.grouping_seconds);
    UpdateStats again;
    if (Status s = (*index)->Update({feed}, &again); !s.ok()) return s;
    report->reindex_seconds = again.seconds;
    if (Status s = (*index)->Update({update_feed}, &report->update); !s.ok()) return s;
    Log(log, "updated with %llu records in %.2f s", static_cast<unsigned long long>(update_records),
        report->update.seconds);
    auto counts = (*index)->Count();
    if (!counts.ok()) return counts.status();
    report->quotes = counts->quotes;
    report->entries = counts->entries;
    if (Status s = (*index)->Checkpoint(); !s.ok()) return s;
  }
  report->db_bytes = std::filesystem::file_size(report->db_path, ec);

  auto index = QuoteIndex::OpenExisting(report->db_path);
  if (!index.ok()) return index.status();
  std::vector<std::string> speakers;
  for (uint64_t i = 0; i < options.queries && gazetteer.size() > 0; ++i) {
    const Entity& e = gazetteer.entity(static_cast<int>(gen.rng()() % gazetteer.size()));
    switch (gen.rng()() % 3) {
      case 0:
        speakers.push_back(e.id);
        break;
      case 1:
        speakers.push_back(e.aliases.empty() ? e.id : e.aliases[gen.rng()() % e.aliases.size()]);
        break;
      default:
        speakers.push_back(e.english.empty() ? e.name : e.english[gen.rng()() % e.english.size()]);
    }
  }
  std::vector<std::string> phrases = gen.Phrases();
  for (int kind = 0; kind < 2; ++kind) {
    const std::vector<std::string>& inputs = kind == 0 ? speakers : phrases;
    std::vector<double> ms;
    uint64_t entries = 0, empty = 0;
    for (const std::string& input : inputs) {
      SearchQuery q;
      (kind == 0 ? q.speaker : q.phrase) = input;
      auto t = Clock::now();
      auto found = (*index)->Search(q, &gazetteer);
      ms.push_back(Seconds(t) * 1000);
      if (!found.ok()) return found.status();
      entries += found->size();
      empty += found->empty() ? 1 : 0;
    }
    (kind == 0 ? report->speaker : report->phrase) = Summarize(std::move(ms), entries, empty);
  }
  return Status::Ok();
}

}  // namespace

Status RunBenchmark(const BenchOptions& options, const Gazetteer& gazetteer, std::FILE* log, BenchReport* report) {
  std::string dir = options.dir;
  bool temporary = dir.empty();
  if (temporary) {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp != nullptr && *tmp != '\0' ? tmp : "/tmp") + "/qawl-lookup-bench-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      return Status::IoError(pattern + ": cannot create a directory: " + std::strerror(errno));
    }
    dir = pattern;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return Status::IoError(dir + ": " + ec.message());
  }
  Status s = Run(options, gazetteer, dir, log, report);
  if (temporary) {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  return s;
}

std::string FormatBenchReport(const BenchReport& r) {
  std::string out;
  char line[256];
  auto add = [&](const char* fmt, auto... args) {
    std::snprintf(line, sizeof line, fmt, args...);
    out += line;
    out += '\n';
  };
  auto latency = [&](const char* name, const Latency& l) {
    add("%-24s %llu searches: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %.1f entries each, %llu empty",
        name, static_cast<unsigned long long>(l.count), l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms, l.mean_entries,
        static_cast<unsigned long long>(l.empty));
  };
  add("%-24s %llu (%.1f MB pb), written in %.1f s", "records", static_cast<unsigned long long>(r.records),
      static_cast<double>(r.feed_bytes) / 1e6, r.generate_seconds);
  add("%-24s %.1f s (%.0f records/s; %.1f s CPU), of which grouping %.1f s; %llu texts, %llu near-duplicates "
      "grouped",
      "index", r.index.seconds, static_cast<double>(r.index.records) / std::max(r.index.seconds, 1e-9),
      r.index_cpu_seconds, r.index.grouping_seconds, static_cast<unsigned long long>(r.index.new_texts),
      static_cast<unsigned long long>(r.index.near_duplicates));
  add("%-24s %.3f s (feed unchanged, skipped)", "index again", r.reindex_seconds);
  add("%-24s %llu records in %.2f s, %llu near-duplicates grouped", "update (+1%)",
      static_cast<unsigned long long>(r.update.records), r.update.seconds,
      static_cast<unsigned long long>(r.update.near_duplicates));
  add("%-24s %llu quotes in %llu entries", "index holds", static_cast<unsigned long long>(r.quotes),
      static_cast<unsigned long long>(r.entries));
  latency("speaker search", r.speaker);
  latency("phrase search", r.phrase);
  add("%-24s %.1f MB (%.0f bytes per quote)", "database size", static_cast<double>(r.db_bytes) / 1e6,
      static_cast<double>(r.db_bytes) / static_cast<double>(std::max<uint64_t>(r.quotes, 1)));
  return out;
}

}  // namespace qawl::lookup
