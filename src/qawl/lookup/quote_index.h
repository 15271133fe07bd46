// QuoteIndex: a searchable store of extracted quotes in one SQLite file,
// behind `qawl-lookup`.
//
// Occurrences and entries. Every record read from a feed is an occurrence,
// identified by (article_id, span begin, span end, kind); a record already
// in the index is skipped, so feeds can be indexed again or in any order.
// Occurrences are grouped into entries, as Quotebank does: one quote with
// every report of it (count, articles, first and last date).
//   * Exact duplicates: the same speaker id and the same index text
//     (index_text.h: folded by the extractor's normalizer, punctuation
//     ignored), whatever the article.
//   * Near-duplicates: a text of at least IndexOptions::min_near_duplicate_
//     words words that occurs, as a run of whole words, inside a longer text
//     of the same speaker joins that text's entry (near_duplicates.h). The
//     entry shows its longest text. A text contained in two longer ones
//     that do not contain each other joins one of them.
// The same words attributed to two different speakers (or to a known and
// an unknown one) are two entries: an entry is one speaker's quote.
//
// Storage (schema version 1; see docs/lookup.md): tables `quotes`
// (occurrences, each with its record as serialized qawl.v1.Quote), `texts`
// (distinct speaker and index text pairs), `groups` (entries, keyed by the
// id of their longest text), `feeds` (size and modification time of every
// feed read completely, so that an unchanged feed is not read again) and
// `meta`, and the FTS5 table `fts` over the index text of every entry. The
// database uses WAL journaling with synchronous=NORMAL.
//
// Updates. Update() adds feeds in transactions of IndexOptions::batch_
// records occurrences (exact duplicates are grouped as they come), then
// groups near-duplicates and adds the new entries to the full-text index
// in one last transaction. An interrupted update keeps every committed
// batch; the texts added after meta.grouped_through are grouped by the
// next Update(), and only then show in text and phrase searches. A damaged
// feed is reported in its FeedResult with the byte offset of the bad
// record; the records before it are kept and indexing goes on with the
// next feed.
//
// Ownership and thread-safety: a QuoteIndex owns its SQLite connection and
// is not synchronized; use one per thread (qawl-lookup serve keeps a pool of
// read-only ones). Several processes may open the
// same file: SQLite serializes writers, and readers see committed data.
#ifndef QAWL_LOOKUP_QUOTE_INDEX_H_
#define QAWL_LOOKUP_QUOTE_INDEX_H_

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "qawl/lookup/search_query.h"
#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {
class Gazetteer;
}

namespace qawl::lookup {

class Database;

struct IndexOptions {
  // Shortest text, in words, that can be a near-duplicate of a longer one;
  // 0 groups exact duplicates only. Fixed when the index is created (the
  // stored value wins when an existing index is opened). Default 5: shorter
  // fragments ("المساعدة المتبادلة") recur in unrelated quotes.
  uint32_t min_near_duplicate_words = 5;
  // Occurrences per write transaction. Default 50000.
  uint32_t batch_records = 50000;
  // SQLite page cache size in MiB. Default 256.
  uint32_t cache_mib = 256;
};

// What became of one feed in Update().
struct FeedResult {
  std::string path;
  // Skipped without reading: same size and modification time as when it
  // was last read completely.
  bool unchanged = false;
  uint64_t records = 0;  // records read (before an error, if any)
  uint64_t added = 0;    // of those, occurrences new to the index
  // Why reading stopped early: a damaged feed (kCorruption, with the byte
  // offset), or one that cannot be read. The records before are kept.
  Status status;
};

struct UpdateStats {
  std::vector<FeedResult> feeds;
  uint64_t records = 0;          // records read from all feeds
  uint64_t added = 0;            // occurrences added
  uint64_t new_texts = 0;        // distinct texts added
  uint64_t near_duplicates = 0;  // entries folded into a longer one
  double seconds = 0;            // whole update
  double grouping_seconds = 0;   // of which the near-duplicate pass
  // Feeds whose status() is not OK.
  uint64_t failed_feeds() const;
};

// One quote with all its occurrences.
struct Entry {
  int64_t id = 0;
  std::string speaker_id;    // "" when the speaker is not in the gazetteer
  std::string speaker_name;  // the gazetteer's display name, or ""
  std::string mention;       // how the first report names the speaker
  std::string text;          // the longest version, as first reported
  uint64_t count = 0;        // occurrences
  uint64_t articles = 0;     // distinct articles
  std::string first_day;     // "YYYY-MM-DD", or "" when no report is dated
  std::string last_day;
  std::vector<int> kinds;    // the kinds of its occurrences, ascending
  // Every occurrence, by day, article and position; filled only when
  // SearchQuery::occurrences is set.
  std::vector<v1::Quote> occurrences;
};

struct SpeakerCount {
  std::string id;    // "" for all speakers not in the gazetteer together
  std::string name;  // display name, or ""
  uint64_t entries = 0;
  uint64_t quotes = 0;  // occurrences
  std::string first_day;
  std::string last_day;
};

// One speaker's figures, for the speaker page of qawl-lookup serve.
struct SpeakerProfile {
  std::string id;
  std::string name;  // the stored display name
  uint64_t entries = 0;
  uint64_t quotes = 0;  // occurrences
  std::string first_day;
  std::string last_day;
  // Dated occurrences per month ("YYYY-MM"), in calendar order; months
  // without quotes are left out.
  std::vector<std::pair<std::string, uint64_t>> months;
};

// How SearchQuery::speaker was understood.
struct SpeakerMatch {
  enum class By { kGazetteer, kStoredId, kMention };
  By by = By::kGazetteer;
  std::string id;           // kGazetteer, kStoredId
  std::string mention_key;  // kMention: IndexText of the mention
};

class QuoteIndex {
 public:
  // Opens the index at `path`, creating it if it does not exist.
  static StatusOr<std::unique_ptr<QuoteIndex>> Open(const std::string& path,
                                                    IndexOptions options = IndexOptions());
  // Opens an existing index for searching; kNotFound if there is none.
  static StatusOr<std::unique_ptr<QuoteIndex>> OpenExisting(const std::string& path);
  // The same, on a read-only connection: Update() fails. Only
  // options.cache_mib is used.
  static StatusOr<std::unique_ptr<QuoteIndex>> OpenReadOnly(const std::string& path,
                                                            IndexOptions options = IndexOptions());
  ~QuoteIndex();
  QuoteIndex(const QuoteIndex&) = delete;
  QuoteIndex& operator=(const QuoteIndex&) = delete;

  // Adds the records of `feeds` (paths; "-" for standard input) and groups
  // them. Per-feed problems are reported in stats->feeds and do not stop
  // the update; the returned Status is an error only when the index itself
  // cannot be read or written.
  Status Update(const std::vector<std::string>& feeds, UpdateStats* stats);

  // The entries matching `query`, most recently reported first (by last
  // day, undated last, then newest entry first). `gazetteer` resolves
  // speaker names; may be null. kInvalidArgument for a bad query,
  // kNotFound for a speaker that neither the gazetteer nor the index knows.
  StatusOr<std::vector<Entry>> Search(const SearchQuery& query, const Gazetteer* gazetteer);
  StatusOr<SpeakerMatch> ResolveSpeaker(const std::string& speaker, const Gazetteer* gazetteer);

  // Every speaker with entries, by number of occurrences (most first); all
  // speakers not in the gazetteer are one row with id "".
  StatusOr<std::vector<SpeakerCount>> Speakers();
  // The figures of the speaker with this stored id; kNotFound when the
  // index has no entry of it.
  StatusOr<SpeakerProfile> Profile(const std::string& speaker_id);

  // Bounds the running time of every later Search(), ResolveSpeaker(),
  // Speakers() and Profile() call: past `milliseconds` SQLite abandons the statement and
  // the call fails with kIoError, and timed_out() is true until the next
  // call. 0 (the default): no bound.
  void SetTimeLimit(uint32_t milliseconds);
  bool timed_out() const { return timed_out_; }

  // Occurrences, entries and texts awaiting grouping, for reports.
  struct Counts {
    uint64_t quotes = 0;
    uint64_t entries = 0;
    uint64_t pending = 0;
  };
  StatusOr<Counts> Count();

  // Writes the WAL back into the database file (so that its size tells
  // the index size).
  Status Checkpoint();

  const std::string& path() const;
  uint32_t min_near_duplicate_words() const { return min_words_; }

 private:
  class Updater;
  QuoteIndex(std::unique_ptr<Database> db, IndexOptions options);
  static StatusOr<std::unique_ptr<QuoteIndex>> OpenExistingIn(const std::string& path, bool read_only,
                                                              IndexOptions options);
  Status Init(bool create);
  Status LoadOccurrences(Entry* entry, uint32_t limit);
  StatusOr<std::vector<Entry>> SearchUntimed(const SearchQuery& query, const Gazetteer* gazetteer);
  StatusOr<SpeakerMatch> ResolveSpeakerUntimed(const std::string& speaker, const Gazetteer* gazetteer);
  // The clock of the time limit runs while a TimeLimit lives; Timed()
  // turns an interrupted statement's error into the time-limit error.
  class TimeLimit;
  Status Timed(Status status);
  static int Progress(void* self);

  std::unique_ptr<Database> db_;
  IndexOptions options_;
  uint32_t min_words_ = 0;
  uint32_t time_limit_ms_ = 0;
  int64_t deadline_ns_ = 0;  // steady clock; 0 outside timed calls
  bool timed_out_ = false;
};

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_QUOTE_INDEX_H_
