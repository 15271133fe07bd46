// qawl-lookup: indexes qawl-extract feeds in SQLite and searches them.
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

#include "qawl/flags.h"
#include "qawl/lookup/benchmark.h"
#include "qawl/lookup/quote_index.h"
#include "qawl/lookup/result_format.h"
#include "qawl/lookup/web_handler.h"
#include "qawl/lookup/web_server.h"
#include "qawl/pattern_set.h"

namespace {

constexpr char kUsage[] = R"(Usage: qawl-lookup COMMAND [OPTIONS]

Finds who said what in the quotes extracted by qawl-extract.

Commands:
  index FEED... --db FILE   add feeds to the index FILE (created if missing)
  search --db FILE [...]    find quotes by speaker, words, phrase, date, kind
  speakers --db FILE        list the speakers with their quote counts
  serve --db FILE [...]     search the index in a browser (HTTP server)
  bench [...]               index synthetic quotes and time searches

Run 'qawl-lookup COMMAND --help' for a command's options. See docs/lookup.md.
)";

constexpr char kIndexUsage[] = R"(Usage: qawl-lookup index FEED... --db FILE [OPTIONS]

Adds the quotes of each FEED, as written by qawl-extract (length-delimited
pb, or jsonl; told apart by the .pb/.jsonl name or by the first byte; - is
standard input), to the index FILE, creating it if it does not exist.

Records already in the index (same article id, span and kind) are skipped,
and a feed whose size and modification time are those of its last complete
reading is not read again, so indexing is incremental. The same quote in
many articles becomes one entry with all its reports; a quote whose words
(at least --min-words of them) occur inside a longer quote of the same
speaker joins that quote's entry.

A damaged feed is reported with the byte offset of its first bad record;
the records before it are kept and the other feeds are indexed.

Options:
  --db=FILE          the index (SQLite); required
  --min-words=N      shortest quote, in words, grouped into a longer one
                     (default 5; 0: exact duplicates only); used when the
                     index is created, ignored afterwards
  --batch=N          records per transaction (default 50000)
  -q, --quiet        report only damaged or unreadable feeds, and the
                     summary line
  --help             show this help

Exit status: 0 every feed indexed; 1 some feed was damaged or unreadable
(its good records are indexed); 2 usage error or the index cannot be
written.
)";

constexpr char kSearchUsage[] = R"(Usage: qawl-lookup search --db FILE [OPTIONS]

Lists the entries (a quote with all its reports) that meet every condition
given, most recently reported first.

Conditions:
  --speaker=NAME     a speaker by gazetteer id (vladimir-putin), Arabic name
                     or title (بوتين, الرئيس الروسي) or English name (Putin),
                     in any spelling the normalizer folds together; else a
                     speaker id or name stored in the index, or how articles
                     name a speaker that is not in the gazetteer
  --text=WORDS       all these words, in any order
  --phrase=WORDS     these words in this order
                     (words match whatever their diacritics, hamza forms,
                     teh marbuta or alef maqsura; punctuation is ignored)
  --since=DATE       reported on or after DATE (YYYY-MM-DD, YYYY-MM, YYYY)
  --until=DATE       reported on or before DATE
  --kind=KIND        direct, partial or indirect
  --article=ID       reported in this article
  --url=URL          reported at this url
Date, kind, article and url conditions hold when one report meets them all.

Output:
  --limit=N          at most N entries (default 20; 0: all)
  --format=FORMAT    table (default): one row per entry: #, dates (first and
                     last report), n (reports), art. (articles), kind
                     (D direct, P partial, I indirect), speaker, quote;
                     jsonl: one JSON object per entry with its reports;
                     pb: the reports as a length-delimited qawl.v1.Quote feed
                     (not to a terminal)
  --width=N          wrap quotes to fit N columns (default: the terminal's
                     width, else $COLUMNS, else no wrapping; 0: no wrapping)
  --no-isolates      do not wrap Arabic cells in Unicode bidi isolates
                     (U+2067 ... U+2069)
  --patterns=DIR     read the gazetteer from DIR/speakers.txt (with the other
                     pattern files) instead of the built-in one
  --help             show this help

Exit status: 0 entries found; 1 none found, or the speaker is unknown;
2 usage error or the index cannot be read.
)";

constexpr char kSpeakersUsage[] = R"(Usage: qawl-lookup speakers --db FILE [OPTIONS]

Lists the speakers in the index, most quoted first: gazetteer id, name,
quotes (reports), entries (distinct quotes) and the dates of the first and
last report. Speakers not in the gazetteer are counted together.

Options:
  --db=FILE          the index; required
  --limit=N          at most N speakers (default 0: all)
  --format=FORMAT    table (default) or jsonl
  --help             show this help

Exit status: 0 done; 2 usage error or the index cannot be read.
)";

constexpr char kServeUsage[] = R"(Usage: qawl-lookup serve --db FILE [OPTIONS]

Serves a search page and a JSON API over the index FILE, which it opens
read-only (docs/lookup.md lists the API). Prints the address it listens
on, then answers requests until SIGINT or SIGTERM.

Options:
  --db=FILE          the index; required
  --bind=ADDRESS     address to listen on (default 127.0.0.1: this machine
                     only; 0.0.0.0 for every interface)
  --port=N           TCP port (default 8080; 0: any free port)
  --threads=N        requests answered at once (default 8)
  --time-limit=MS    each index query is abandoned after MS milliseconds
                     (default 2000)
  --patterns=DIR     read the gazetteer from DIR instead of the built-in one
  --help             show this help

Exit status: 0 stopped by a signal; 2 usage error, the index cannot be
read or the address cannot be bound.
)";

constexpr char kBenchUsage[] = R"(Usage: qawl-lookup bench [OPTIONS]

Writes a feed of synthetic quotes (speakers from the gazetteer, Arabic-like
text with exact and near-duplicate repeats in other articles, dates over
two years), indexes it, updates the index with a small second feed, and
times speaker and phrase searches. Prints the figures, with the database
size.

Options:
  --records=N        records in the feed (default 1000000)
  --queries=N        searches of each kind (default 1000)
  --dir=DIR          where to write the feed and index (default: a new
                     directory under $TMPDIR or /tmp, removed afterwards)
  --seed=N           random seed (default 1)
  --help             show this help

Exit status: 0 done; 2 usage error or failure.
)";

size_t TerminalWidth() {
  struct winsize ws {};
  if (::isatty(1) && ::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS")) return static_cast<size_t>(std::strtoul(c, nullptr, 10));
  return 0;
}

bool ParseCount(const std::string& text, uint64_t* value) {
  if (text.empty()) return false;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(text.c_str(), &end, 10);
  if (*end != '\0' || errno != 0 || text[0] == '-') return false;
  *value = v;
  return true;
}

int Usage(const char* command, const std::string& message) {
  std::fprintf(stderr, "qawl-lookup%s%s: %s\nTry 'qawl-lookup%s%s --help'.\n", *command ? " " : "", command,
               message.c_str(), *command ? " " : "", command);
  return 2;
}

bool Write(const std::string& text) {
  return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() && std::fflush(stdout) == 0;
}

// Adds --help, parses the command's arguments and shows its help if asked.
// Returns the exit code when the command is done, or -1 to go on.
int ParseFlags(const char* command, const char* usage, int argc, char** argv, qawl::Flags* flags) {
  flags->AddBool("help");
  flags->AddShort('h', "help");
  if (qawl::Status s = flags->Parse(argc, argv); !s.ok()) return Usage(command, s.message());
  if (flags->flag("help")) return Write(usage) ? 0 : 2;
  return -1;
}

// The patterns of --patterns DIR, else the built-in ones; null (after
// reporting why) when they do not load.
std::unique_ptr<qawl::PatternSet> LoadPatterns(const char* command, const qawl::Flags& flags) {
  std::unique_ptr<qawl::PatternSet> patterns = flags.is_set("patterns")
                                                   ? qawl::PatternSet::LoadDirectory(flags.value("patterns"))
                                                   : qawl::PatternSet::LoadEmbedded();
  if (patterns->ok()) return patterns;
  std::fprintf(stderr, "qawl-lookup %s: %s\n", command, patterns->error().c_str());
  return nullptr;
}

int Fail(const char* command, const qawl::Status& status, int exit_code = 2) {
  std::fprintf(stderr, "qawl-lookup %s: %s\n", command, status.message().c_str());
  return exit_code;
}

int Index(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddValue("db");
  flags.AddValue("min-words", "5");
  flags.AddValue("batch", "50000");
  flags.AddBool("quiet");
  flags.AddShort('q', "quiet");
  if (int done = ParseFlags("index", kIndexUsage, argc, argv, &flags); done >= 0) return done;
  if (flags.value("db").empty()) return Usage("index", "--db FILE is required");
  if (flags.positional().empty()) return Usage("index", "no FEED given");
  qawl::lookup::IndexOptions options;
  uint64_t n = 0;
  if (!ParseCount(flags.value("min-words"), &n) || n > 1000) {
    return Usage("index", "--min-words must be a whole number from 0 to 1000");
  }
  options.min_near_duplicate_words = static_cast<uint32_t>(n);
  if (!ParseCount(flags.value("batch"), &n) || n == 0 || n > 100000000) {
    return Usage("index", "--batch must be a positive whole number");
  }
  options.batch_records = static_cast<uint32_t>(n);
  auto index = qawl::lookup::QuoteIndex::Open(flags.value("db"), options);
  if (!index.ok()) return Fail("index", index.status());
  qawl::lookup::UpdateStats stats;
  qawl::Status s = (*index)->Update(flags.positional(), &stats);
  for (const auto& f : stats.feeds) {
    if (!f.status.ok()) {
      std::fprintf(stderr, "qawl-lookup index: %s; the %llu records before it are indexed\n",
                   f.status.message().c_str(), static_cast<unsigned long long>(f.records));
    } else if (!flags.flag("quiet")) {
      if (f.unchanged) {
        std::fprintf(stderr, "qawl-lookup index: %s: unchanged since last indexed, skipped\n", f.path.c_str());
      } else {
        std::fprintf(stderr, "qawl-lookup index: %s: %llu records, %llu new\n", f.path.c_str(),
                     static_cast<unsigned long long>(f.records), static_cast<unsigned long long>(f.added));
      }
    }
  }
  if (!s.ok()) return Fail("index", s);
  auto counts = (*index)->Count();
  if (!counts.ok()) return Fail("index", counts.status());
  std::fprintf(stderr,
               "qawl-lookup index: %zu feeds (%llu failed), %llu records read, %llu added, %llu new texts, "
               "%llu near-duplicates grouped, in %.2f s; the index holds %llu quotes in %llu entries\n",
               stats.feeds.size(), static_cast<unsigned long long>(stats.failed_feeds()),
               static_cast<unsigned long long>(stats.records), static_cast<unsigned long long>(stats.added),
               static_cast<unsigned long long>(stats.new_texts),
               static_cast<unsigned long long>(stats.near_duplicates), stats.seconds,
               static_cast<unsigned long long>(counts->quotes), static_cast<unsigned long long>(counts->entries));
  return stats.failed_feeds() > 0 ? 1 : 0;
}

int Search(int argc, char** argv) {
  qawl::Flags flags;
  for (const char* name : {"db", "speaker", "text", "phrase", "since", "until", "kind", "article", "url", "width",
                           "patterns"}) {
    flags.AddValue(name);
  }
  flags.AddValue("limit", "20");
  flags.AddValue("format", "table");
  flags.AddBool("no-isolates");
  if (int done = ParseFlags("search", kSearchUsage, argc, argv, &flags); done >= 0) return done;
  if (flags.value("db").empty()) return Usage("search", "--db FILE is required");
  if (!flags.positional().empty()) {
    return Usage("search", "unexpected argument '" + flags.positional()[0] + "' (words go after --text or --phrase)");
  }
  qawl::lookup::SearchQuery query;
  query.speaker = flags.value("speaker");
  query.words = flags.value("text");
  query.phrase = flags.value("phrase");
  query.since = flags.value("since");
  query.until = flags.value("until");
  query.article = flags.value("article");
  query.url = flags.value("url");
  if (flags.is_set("kind") && !qawl::lookup::ParseKind(flags.value("kind"), &query.kind)) {
    return Usage("search", "--kind must be direct, partial or indirect, not '" + flags.value("kind") + "'");
  }
  uint64_t n = 0;
  if (!ParseCount(flags.value("limit"), &n) || n > 0xFFFFFFFFull) {
    return Usage("search", "--limit must be a whole number");
  }
  query.limit = static_cast<uint32_t>(n);
  qawl::lookup::ResultFormat format;
  if (!qawl::lookup::ParseResultFormat(flags.value("format"), &format)) {
    return Usage("search", "--format must be table, jsonl or pb, not '" + flags.value("format") + "'");
  }
  if (format == qawl::lookup::ResultFormat::kPb && ::isatty(1)) {
    std::fprintf(stderr, "qawl-lookup search: refusing to write binary protobuf to a terminal\n");
    return 2;
  }
  query.occurrences = format != qawl::lookup::ResultFormat::kTable;
  qawl::lookup::TableStyle style;
  style.width = TerminalWidth();
  if (flags.is_set("width")) {
    if (!ParseCount(flags.value("width"), &n)) return Usage("search", "--width must be a whole number");
    style.width = n;
  }
  style.isolate_rtl = !flags.flag("no-isolates");

  std::unique_ptr<qawl::PatternSet> patterns = LoadPatterns("search", flags);
  if (patterns == nullptr) return 2;
  auto index = qawl::lookup::QuoteIndex::OpenExisting(flags.value("db"));
  if (!index.ok()) return Fail("search", index.status());
  auto entries = (*index)->Search(query, &patterns->gazetteer());
  if (!entries.ok()) {
    return Fail("search", entries.status(), entries.status().code() == qawl::Status::Code::kNotFound ? 1 : 2);
  }
  if (entries->empty()) {
    if (format == qawl::lookup::ResultFormat::kTable) std::fprintf(stderr, "qawl-lookup search: no entries found\n");
    return 1;
  }
  std::string out;
  qawl::lookup::FormatEntries(*entries, format, style, &out);
  if (!Write(out)) {
    std::fprintf(stderr, "qawl-lookup search: writing the results failed: %s\n", std::strerror(errno));
    return 2;
  }
  return 0;
}

int Speakers(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddValue("db");
  flags.AddValue("limit", "0");
  flags.AddValue("format", "table");
  if (int done = ParseFlags("speakers", kSpeakersUsage, argc, argv, &flags); done >= 0) return done;
  if (flags.value("db").empty()) return Usage("speakers", "--db FILE is required");
  if (!flags.positional().empty()) return Usage("speakers", "unexpected argument '" + flags.positional()[0] + "'");
  uint64_t limit = 0;
  if (!ParseCount(flags.value("limit"), &limit)) return Usage("speakers", "--limit must be a whole number");
  qawl::lookup::ResultFormat format;
  if (!qawl::lookup::ParseResultFormat(flags.value("format"), &format) ||
      format == qawl::lookup::ResultFormat::kPb) {
    return Usage("speakers", "--format must be table or jsonl, not '" + flags.value("format") + "'");
  }
  auto index = qawl::lookup::QuoteIndex::OpenExisting(flags.value("db"));
  if (!index.ok()) return Fail("speakers", index.status());
  auto speakers = (*index)->Speakers();
  if (!speakers.ok()) return Fail("speakers", speakers.status());
  if (limit > 0 && speakers->size() > limit) speakers->resize(limit);
  qawl::lookup::TableStyle style;
  std::string out;
  qawl::lookup::FormatSpeakers(*speakers, format, style, &out);
  if (!Write(out)) {
    std::fprintf(stderr, "qawl-lookup speakers: writing the list failed: %s\n", std::strerror(errno));
    return 2;
  }
  return 0;
}

int Serve(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddValue("db");
  flags.AddValue("bind", "127.0.0.1");
  flags.AddValue("port", "8080");
  flags.AddValue("threads", "8");
  flags.AddValue("time-limit", "2000");
  flags.AddValue("patterns");
  if (int done = ParseFlags("serve", kServeUsage, argc, argv, &flags); done >= 0) return done;
  if (flags.value("db").empty()) return Usage("serve", "--db FILE is required");
  if (!flags.positional().empty()) return Usage("serve", "unexpected argument '" + flags.positional()[0] + "'");
  qawl::lookup::ServerOptions server_options;
  qawl::lookup::WebOptions web_options;
  uint64_t n = 0;
  if (!ParseCount(flags.value("port"), &n) || n > 65535) return Usage("serve", "--port must be from 0 to 65535");
  server_options.port = static_cast<int>(n);
  if (!ParseCount(flags.value("threads"), &n) || n == 0 || n > 256) {
    return Usage("serve", "--threads must be from 1 to 256");
  }
  server_options.threads = static_cast<uint32_t>(n);
  if (!ParseCount(flags.value("time-limit"), &n) || n == 0 || n > 600000) {
    return Usage("serve", "--time-limit must be from 1 to 600000 milliseconds");
  }
  web_options.query_time_limit_ms = static_cast<uint32_t>(n);
  server_options.bind = flags.value("bind");
  std::unique_ptr<qawl::PatternSet> patterns = LoadPatterns("serve", flags);
  if (patterns == nullptr) return 2;
  auto handler = qawl::lookup::WebHandler::Create(flags.value("db"), &patterns->gazetteer(), web_options);
  if (!handler.ok()) return Fail("serve", handler.status());

  // SIGINT and SIGTERM are blocked in every thread and taken by one that
  // waits for them and stops the server: no work in a signal handler.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  qawl::lookup::WebServer server(handler->get(), server_options);
  auto port = server.Bind();
  if (!port.ok()) return Fail("serve", port.status());
  std::atomic<bool> serving_done{false};
  std::atomic<bool> signalled{false};
  std::thread stopper([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (serving_done) return;  // woken by main() below
    signalled = true;
    std::fprintf(stderr, "qawl-lookup serve: %s, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    // Stop() has no effect before Serve() has started: repeat until done.
    while (!serving_done) {
      server.Stop();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  std::string host = server_options.bind.find(':') != std::string::npos ? "[" + server_options.bind + "]"
                                                                        : server_options.bind;
  std::printf("listening on http://%s:%d\n", host.c_str(), *port);
  std::fflush(stdout);
  qawl::Status s = server.Serve();
  serving_done = true;
  if (!signalled) pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!s.ok()) return Fail("serve", s);
  return 0;
}

int Bench(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddValue("records", "1000000");
  flags.AddValue("queries", "1000");
  flags.AddValue("dir");
  flags.AddValue("seed", "1");
  if (int done = ParseFlags("bench", kBenchUsage, argc, argv, &flags); done >= 0) return done;
  if (!flags.positional().empty()) return Usage("bench", "unexpected argument '" + flags.positional()[0] + "'");
  qawl::lookup::BenchOptions options;
  uint64_t n = 0;
  if (!ParseCount(flags.value("records"), &n) || n == 0) return Usage("bench", "--records must be positive");
  options.records = n;
  if (!ParseCount(flags.value("queries"), &n) || n == 0) return Usage("bench", "--queries must be positive");
  options.queries = n;
  if (!ParseCount(flags.value("seed"), &n)) return Usage("bench", "--seed must be a whole number");
  options.seed = n;
  options.dir = flags.value("dir");
  std::unique_ptr<qawl::PatternSet> patterns = qawl::PatternSet::LoadEmbedded();
  if (!patterns->ok()) {
    std::fprintf(stderr, "qawl-lookup bench: %s\n", patterns->error().c_str());
    return 2;
  }
  qawl::lookup::BenchReport report;
  qawl::Status s = qawl::lookup::RunBenchmark(options, patterns->gazetteer(), stderr, &report);
  if (!s.ok()) return Fail("bench", s);
  return Write(qawl::lookup::FormatBenchReport(report)) ? 0 : 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage("", "no COMMAND given");
  std::string command = argv[1];
  if (command == "--help" || command == "-h" || command == "help") return Write(kUsage) ? 0 : 2;
  // Each command parses the arguments after its name.
  if (command == "index") return Index(argc - 1, argv + 1);
  if (command == "search") return Search(argc - 1, argv + 1);
  if (command == "speakers") return Speakers(argc - 1, argv + 1);
  if (command == "serve") return Serve(argc - 1, argv + 1);
  if (command == "bench") return Bench(argc - 1, argv + 1);
  return Usage("", "unknown command '" + command + "'");
}
