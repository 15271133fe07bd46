#include "qawl/lookup/quote_index.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <unordered_map>
#include <unordered_set>

#include "qawl/feed_reader.h"
#include "qawl/gazetteer.h"
#include "qawl/lookup/index_text.h"
#include "qawl/lookup/near_duplicates.h"
#include "qawl/lookup/sqlite.h"
#include "qawl/normalizer.h"

namespace qawl::lookup {
namespace {

constexpr int kSchemaVersion = 1;

// Comments in the schema are stored in sqlite_master and shown by the
// sqlite3 shell's .schema, which is where users of the file will look.
std::string SchemaSql() {
  return std::string(R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE feeds(                -- feeds read to the end without error
  path TEXT PRIMARY KEY,           -- canonical path
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  records INTEGER NOT NULL,
  indexed_at TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE texts(                -- distinct (speaker, index text) pairs
  id INTEGER PRIMARY KEY,
  hash INTEGER NOT NULL,           -- TextKey(speaker_id, norm)
  speaker_id TEXT NOT NULL,
  norm TEXT NOT NULL,              -- folded words joined by single spaces
  words INTEGER NOT NULL,
  lead INTEGER,                    -- RunKey of the first words, or NULL
                                   -- (texts after meta.grouped_through
                                   -- are still to be grouped)
  group_id INTEGER NOT NULL);      -- the entry it belongs to
CREATE INDEX texts_hash ON texts(hash);
CREATE INDEX texts_group ON texts(group_id);
CREATE TABLE groups(               -- entries
  id INTEGER PRIMARY KEY,          -- the id of the entry's longest text
  speaker_id TEXT NOT NULL,
  speaker_name TEXT NOT NULL,
  quote_id INTEGER NOT NULL,       -- first occurrence of the longest text
  n INTEGER NOT NULL,              -- occurrences
  articles INTEGER NOT NULL,
  kinds INTEGER NOT NULL,          -- bit k set: an occurrence of kind k
  first_day TEXT,                  -- YYYY-MM-DD, NULL if none is dated
  last_day TEXT);
CREATE INDEX groups_speaker ON groups(speaker_id, last_day);
CREATE INDEX groups_day ON groups(last_day);
CREATE TABLE quotes(               -- occurrences: one per feed record
  id INTEGER PRIMARY KEY,
  article_id TEXT NOT NULL,
  span_begin INTEGER NOT NULL,
  span_end INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  group_id INTEGER NOT NULL,
  text_id INTEGER NOT NULL,
  speaker_id TEXT NOT NULL,
  mention_key TEXT NOT NULL,       -- index text of speaker.mention if no id
  day TEXT,                        -- YYYY-MM-DD of date, or NULL
  url TEXT,
  record BLOB NOT NULL);           -- the serialized qawl.v1.Quote
CREATE UNIQUE INDEX quotes_key ON quotes(article_id, span_begin, span_end, kind);
CREATE INDEX quotes_group ON quotes(group_id, article_id, day, kind);
CREATE INDEX quotes_url ON quotes(url) WHERE url IS NOT NULL;
CREATE INDEX quotes_mention ON quotes(mention_key) WHERE speaker_id = '';
CREATE VIRTUAL TABLE fts USING fts5(norm, content='', columnsize=0, tokenize=")sql") +
         kFtsTokenizer + "\");\n";
}

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

std::string Now() {
  std::time_t t = std::time(nullptr);
  std::tm tm;
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// An FTS5 query for the entries that have the three longest distinct words
// of `words`. Candidates for containing the text: a phrase query for all of
// them would walk the long posting lists of its function words (في، من)
// and is about ten times slower; the candidates are checked word by word.
std::string LongestWordsQuery(const std::vector<std::string_view>& words) {
  std::vector<std::string_view> longest(words);
  std::sort(longest.begin(), longest.end(), [](std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() > b.size() : a < b;
  });
  longest.erase(std::unique(longest.begin(), longest.end()), longest.end());
  if (longest.size() > 3) longest.resize(3);
  return FtsAllWords(longest);
}

std::string CanonicalPath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path p = std::filesystem::weakly_canonical(path, ec);
  return ec ? path : p.string();
}

}  // namespace

uint64_t UpdateStats::failed_feeds() const {
  uint64_t n = 0;
  for (const FeedResult& f : feeds) n += f.status.ok() ? 0 : 1;
  return n;
}

// ---------------------------------------------------------------------------
// Opening

QuoteIndex::QuoteIndex(std::unique_ptr<Database> db, IndexOptions options)
    : db_(std::move(db)), options_(options) {}

QuoteIndex::~QuoteIndex() = default;

const std::string& QuoteIndex::path() const { return db_->path(); }

StatusOr<std::unique_ptr<QuoteIndex>> QuoteIndex::Open(const std::string& path, IndexOptions options) {
  auto db = Database::Open(path, Database::Mode::kReadWriteCreate);
  if (!db.ok()) return db.status();
  std::unique_ptr<QuoteIndex> index(new QuoteIndex(std::move(db).value(), options));
  if (Status s = index->Init(true); !s.ok()) return s;
  return index;
}

StatusOr<std::unique_ptr<QuoteIndex>> QuoteIndex::OpenExisting(const std::string& path) {
  return OpenExistingIn(path, false, IndexOptions());
}

StatusOr<std::unique_ptr<QuoteIndex>> QuoteIndex::OpenReadOnly(const std::string& path, IndexOptions options) {
  return OpenExistingIn(path, true, options);
}

StatusOr<std::unique_ptr<QuoteIndex>> QuoteIndex::OpenExistingIn(const std::string& path, bool read_only,
                                                                 IndexOptions options) {
  auto db = Database::Open(path, read_only ? Database::Mode::kReadOnly : Database::Mode::kReadWrite);
  if (!db.ok()) {
    if (db.status().code() == Status::Code::kNotFound) {
      return Status::NotFound(path + ": no index there (build one with qawl-lookup index)");
    }
    return db.status();
  }
  std::unique_ptr<QuoteIndex> index(new QuoteIndex(std::move(db).value(), options));
  if (Status s = index->Init(false); !s.ok()) return s;
  return index;
}

Status QuoteIndex::Init(bool create) {
  uint32_t cache = std::max<uint32_t>(options_.cache_mib, 1);
  // WAL with synchronous=NORMAL: a commit does not wait for the disk (a
  // power cut may lose the last transactions, never corrupt the file).
  // Checkpoints every 64 MiB of WAL rather than SQLite's 4 MiB: index pages
  // change many times during an update, and each checkpoint writes them
  // all back.
  std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                        "PRAGMA wal_autocheckpoint=16384;"
                        "PRAGMA cache_size=-" + std::to_string(uint64_t{cache} * 1024) + ";";
  if (Status s = db_->Exec(pragmas); !s.ok()) return s;
  auto has_meta = db_->QueryInt("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='meta'");
  if (!has_meta.ok()) return has_meta.status();
  if (*has_meta == 0) {
    auto tables = db_->QueryInt("SELECT count(*) FROM sqlite_master");
    if (!tables.ok()) return tables.status();
    if (!create || *tables != 0) {
      return Status::Corruption(db_->path() + ": not a qawl-lookup index (no meta table)");
    }
    std::string sql = "BEGIN IMMEDIATE;" + SchemaSql() +
                      "INSERT INTO meta VALUES('schema', '" + std::to_string(kSchemaVersion) + "');" +
                      "INSERT INTO meta VALUES('min_near_duplicate_words', '" +
                      std::to_string(options_.min_near_duplicate_words) + "');" +
                      "INSERT INTO meta VALUES('grouped_through', '0');COMMIT;";
    if (Status s = db_->Exec(sql); !s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return s;
    }
  }
  auto version = db_->QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key='schema'");
  if (!version.ok()) return version.status();
  if (*version != kSchemaVersion) {
    return Status::Corruption(db_->path() + ": index schema version " + std::to_string(*version) +
                              ", this qawl-lookup reads version " + std::to_string(kSchemaVersion) +
                              "; rebuild the index");
  }
  auto words = db_->QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key='min_near_duplicate_words'");
  if (!words.ok()) return words.status();
  min_words_ = static_cast<uint32_t>(std::clamp<int64_t>(*words, 0, 1 << 20));
  return db_->Exec("CREATE TEMP TABLE IF NOT EXISTS touched(id INTEGER PRIMARY KEY)");
}

Status QuoteIndex::Checkpoint() { return db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

StatusOr<QuoteIndex::Counts> QuoteIndex::Count() {
  Counts c;
  auto q = db_->QueryInt("SELECT count(*) FROM quotes");
  if (!q.ok()) return q.status();
  auto g = db_->QueryInt("SELECT count(*) FROM groups");
  if (!g.ok()) return g.status();
  auto p = db_->QueryInt(
      "SELECT count(*) FROM texts WHERE id > (SELECT CAST(value AS INTEGER) FROM meta WHERE key='grouped_through')");
  if (!p.ok()) return p.status();
  c.quotes = static_cast<uint64_t>(*q);
  c.entries = static_cast<uint64_t>(*g);
  c.pending = static_cast<uint64_t>(*p);
  return c;
}

// ---------------------------------------------------------------------------
// Updating

class QuoteIndex::Updater {
 public:
  Updater(QuoteIndex* index, UpdateStats* stats)
      : db_(*index->db_), options_(index->options_), min_words_(index->min_words_), stats_(stats) {}

  Status Prepare();
  Status AddFeed(const std::string& path, FeedResult* result);
  Status Group();

 private:
  Status Begin();
  Status Commit();
  void Rollback() {
    (void)db_.Exec("ROLLBACK");
    touched_.clear();
  }
  Status AddRecord(const v1::Quote& quote, bool* added);
  Status RefreshTouched();
  Status FetchText(int64_t id, std::string* speaker, std::string* norm, int64_t* lead);
  Status FindNearDuplicates(int64_t first_new);
  Status ApplyMerges(int64_t first_new);
  int64_t Root(int64_t id) const;

  Database& db_;
  const IndexOptions& options_;
  uint32_t min_words_;
  UpdateStats* stats_;
  int64_t next_text_id_ = 0;
  std::unordered_set<int64_t> touched_;  // entries whose counts are stale
  std::unordered_map<int64_t, int64_t> parent_;  // absorbed entry -> its container
  std::string record_;

  Statement find_feed_, save_feed_;
  Statement find_text_, seen_article_, insert_text_, insert_group_, update_group_, insert_quote_;
  Statement insert_touched_, refresh_, clear_touched_;
  Statement get_text_, find_container_;
};

Status QuoteIndex::Update(const std::vector<std::string>& feeds, UpdateStats* stats) {
  auto start = std::chrono::steady_clock::now();
  Updater updater(this, stats);
  if (Status s = updater.Prepare(); !s.ok()) return s;
  for (const std::string& path : feeds) {
    FeedResult result;
    result.path = path;
    Status s = updater.AddFeed(path, &result);
    stats->records += result.records;
    stats->added += result.added;
    stats->feeds.push_back(std::move(result));
    if (!s.ok()) return s;
  }
  auto grouping = std::chrono::steady_clock::now();
  Status s = updater.Group();
  stats->grouping_seconds = Seconds(grouping);
  stats->seconds = Seconds(start);
  return s;
}

Status QuoteIndex::Updater::Prepare() {
  struct {
    Statement* stmt;
    const char* sql;
  } const statements[] = {
      {&find_feed_, "SELECT size, mtime_ns FROM feeds WHERE path = ?1"},
      {&save_feed_, "INSERT OR REPLACE INTO feeds VALUES(?1, ?2, ?3, ?4, ?5)"},
      {&find_text_, "SELECT id, group_id FROM texts WHERE hash = ?1 AND speaker_id = ?2 AND norm = ?3"},
      {&seen_article_,
       "SELECT 1 FROM quotes WHERE group_id = ?1 AND article_id = ?2 AND id <> last_insert_rowid() LIMIT 1"},
      {&insert_text_, "INSERT INTO texts VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?1)"},
      {&insert_group_, "INSERT INTO groups VALUES(?1, ?2, ?3, last_insert_rowid(), 1, 1, ?4, ?5, ?5)"},
      {&update_group_,
       "UPDATE groups SET n = n + 1, articles = articles + ?2, kinds = kinds | ?3, "
       "first_day = CASE WHEN ?4 IS NULL OR (first_day IS NOT NULL AND first_day <= ?4) THEN first_day "
       "ELSE ?4 END, "
       "last_day = CASE WHEN ?4 IS NULL OR (last_day IS NOT NULL AND last_day >= ?4) THEN last_day "
       "ELSE ?4 END WHERE id = ?1"},
      {&insert_quote_,
       "INSERT OR IGNORE INTO quotes(article_id, span_begin, span_end, kind, group_id, text_id, speaker_id, "
       "mention_key, day, url, record) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
      {&insert_touched_, "INSERT OR IGNORE INTO temp.touched VALUES(?1)"},
      {&refresh_,
       "UPDATE groups SET n = s.n, articles = s.a, kinds = s.k, first_day = s.f, last_day = s.l "
       "FROM (SELECT group_id, count(*) AS n, count(DISTINCT article_id) AS a, "
       "             sum(DISTINCT 1 << min(max(kind, 0), 62)) AS k, min(day) AS f, max(day) AS l "
       "      FROM quotes WHERE group_id IN (SELECT id FROM temp.touched) GROUP BY group_id) AS s "
       "WHERE groups.id = s.group_id"},
      {&clear_touched_, "DELETE FROM temp.touched"},
      {&get_text_, "SELECT speaker_id, norm, lead FROM texts WHERE id = ?1"},
      {&find_container_,
       "SELECT t.id, t.norm FROM fts JOIN texts AS t ON t.id = fts.rowid "
       "WHERE fts MATCH ?1 AND t.speaker_id = ?2 AND t.words > ?3 "
       "ORDER BY t.words DESC, t.id"},
  };
  for (const auto& [stmt, sql] : statements) {
    if (Status s = db_.Prepare(sql, stmt); !s.ok()) return s;
  }
  return Status::Ok();
}

Status QuoteIndex::Updater::Begin() {
  if (Status s = db_.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  // Text ids are assigned here, so that an entry's id can be its longest
  // text's id; the write lock keeps them ours until the commit.
  auto max = db_.QueryInt("SELECT coalesce(max(id), 0) FROM texts");
  if (!max.ok()) {
    Rollback();
    return max.status();
  }
  next_text_id_ = *max + 1;
  return Status::Ok();
}

Status QuoteIndex::Updater::Commit() {
  if (Status s = RefreshTouched(); !s.ok()) {
    Rollback();
    return s;
  }
  return db_.Exec("COMMIT");
}

Status QuoteIndex::Updater::RefreshTouched() {
  if (touched_.empty()) return Status::Ok();
  for (int64_t id : touched_) {
    insert_touched_.Bind(1, id);
    if (Status s = insert_touched_.Run(); !s.ok()) return s;
  }
  touched_.clear();
  if (Status s = refresh_.Run(); !s.ok()) return s;
  return clear_touched_.Run();
}

Status QuoteIndex::Updater::AddFeed(const std::string& path, FeedResult* result) {
  std::string canonical;
  struct stat st {};
  bool is_file = path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
  int64_t mtime_ns = 0;
  if (is_file) {
    canonical = CanonicalPath(path);
    mtime_ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
    find_feed_.Bind(1, canonical);
    bool unchanged = find_feed_.Step() && find_feed_.Int(0) == st.st_size && find_feed_.Int(1) == mtime_ns;
    Status s = find_feed_.status();
    find_feed_.Reset();
    if (!s.ok()) return s;
    if (unchanged) {
      result->unchanged = true;
      return Status::Ok();
    }
  }
  auto reader = FeedReader::Open(path);
  if (!reader.ok()) {
    result->status = reader.status();
    return Status::Ok();
  }
  if (Status s = Begin(); !s.ok()) return s;
  v1::Quote quote;
  uint32_t in_batch = 0;
  uint32_t batch = std::max<uint32_t>(options_.batch_records, 1);
  while ((*reader)->Next(&quote)) {
    ++result->records;
    bool added = false;
    if (Status s = AddRecord(quote, &added); !s.ok()) {
      Rollback();
      return s;
    }
    if (!added) continue;
    ++result->added;
    if (++in_batch >= batch) {
      if (Status s = Commit(); !s.ok()) return s;
      if (Status s = Begin(); !s.ok()) return s;
      in_batch = 0;
    }
  }
  result->status = (*reader)->status();
  if (result->status.ok() && is_file) {
    save_feed_.Bind(1, canonical);
    save_feed_.Bind(2, int64_t{st.st_size});
    save_feed_.Bind(3, mtime_ns);
    save_feed_.Bind(4, static_cast<int64_t>(result->records));
    save_feed_.Bind(5, Now());
    if (Status s = save_feed_.Run(); !s.ok()) {
      Rollback();
      return s;
    }
  }
  return Commit();
}

// Adds one record: skipped if its (article, span, kind) is known; else
// filed under the entry of its text, or a new entry (whose counts are
// written at once; entries of repeated texts are updated in place).
Status QuoteIndex::Updater::AddRecord(const v1::Quote& quote, bool* added) {
  const std::string& speaker = quote.speaker().id();
  std::string norm = IndexText(quote.text());
  uint64_t hash = TextKey(speaker, norm);
  int64_t text_id = 0;
  int64_t group_id = 0;
  find_text_.Bind(1, static_cast<int64_t>(hash));
  find_text_.Bind(2, speaker);
  find_text_.Bind(3, norm);
  if (find_text_.Step()) {
    text_id = find_text_.Int(0);
    group_id = find_text_.Int(1);
  }
  Status s = find_text_.status();
  find_text_.Reset();
  if (!s.ok()) return s;
  const bool new_text = text_id == 0;
  if (new_text) text_id = group_id = next_text_id_;
  std::string day = DayOf(quote.date());

  // The key (article, span, kind) is unique: a record already indexed is
  // ignored here.
  record_.clear();
  quote.SerializeToString(&record_);
  insert_quote_.Bind(1, quote.article_id());
  insert_quote_.Bind(2, int64_t{quote.span().begin()});
  insert_quote_.Bind(3, int64_t{quote.span().end()});
  insert_quote_.Bind(4, int64_t{quote.kind()});
  insert_quote_.Bind(5, group_id);
  insert_quote_.Bind(6, text_id);
  insert_quote_.Bind(7, speaker);
  insert_quote_.Bind(8, speaker.empty() ? IndexText(quote.speaker().mention()) : std::string());
  insert_quote_.BindTextOrNull(9, day);
  insert_quote_.BindTextOrNull(10, quote.url());
  insert_quote_.BindBlob(11, record_);
  if (s = insert_quote_.Run(); !s.ok()) return s;
  if (db_.changes() == 0) return Status::Ok();
  *added = true;

  const int64_t kind_bit = int64_t{1} << std::clamp(static_cast<int>(quote.kind()), 0, 62);
  if (new_text) {
    ++next_text_id_;
    // Right after the quote: the group's quote_id is last_insert_rowid().
    insert_group_.Bind(1, text_id);
    insert_group_.Bind(2, speaker);
    insert_group_.Bind(3, quote.speaker().name());
    insert_group_.Bind(4, kind_bit);
    insert_group_.BindTextOrNull(5, day);
    if (s = insert_group_.Run(); !s.ok()) return s;
    std::vector<std::string_view> words = SplitWords(norm);
    insert_text_.Bind(1, text_id);
    insert_text_.Bind(2, static_cast<int64_t>(hash));
    insert_text_.Bind(3, speaker);
    insert_text_.Bind(4, norm);
    insert_text_.Bind(5, static_cast<int64_t>(words.size()));
    if (min_words_ > 0 && words.size() >= min_words_) {
      std::vector<uint64_t> hashes = WordHashes(words);
      insert_text_.Bind(6, static_cast<int64_t>(RunKey(Hash64(speaker), hashes.data(), min_words_)));
    } else {
      insert_text_.BindNull(6);
    }
    if (s = insert_text_.Run(); !s.ok()) return s;
    ++stats_->new_texts;
    return Status::Ok();
  }
  seen_article_.Bind(1, group_id);
  seen_article_.Bind(2, quote.article_id());
  bool new_article = !seen_article_.Step();
  s = seen_article_.status();
  seen_article_.Reset();
  if (!s.ok()) return s;
  update_group_.Bind(1, group_id);
  update_group_.Bind(2, int64_t{new_article ? 1 : 0});
  update_group_.Bind(3, kind_bit);
  update_group_.BindTextOrNull(4, day);
  return update_group_.Run();
}

Status QuoteIndex::Updater::FetchText(int64_t id, std::string* speaker, std::string* norm, int64_t* lead) {
  get_text_.Bind(1, id);
  bool found = get_text_.Step();
  if (found) {
    speaker->assign(get_text_.Text(0));
    norm->assign(get_text_.Text(1));
    *lead = get_text_.Int(2);
  }
  Status s = get_text_.status();
  get_text_.Reset();
  if (s.ok() && !found) return Status::Corruption(db_.path() + ": text " + std::to_string(id) + " is missing");
  return s;
}

// Groups the texts added since the last grouping (ids from `first_new`
// on), in one transaction: see near_duplicates.h.
//
// The new texts are taken shortest first, so each needs only look for
// shorter entries inside itself (through the lead keys in NearDuplicates);
// whether it lies inside a longer entry of an earlier update is asked of
// the full-text index, which holds exactly those. Merges are decided in
// memory (`parent_`) and written at the end, set by set; then the new
// entries are added to the full-text index.
Status QuoteIndex::Updater::Group() {
  auto grouped = db_.QueryInt("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'grouped_through'");
  if (!grouped.ok()) return grouped.status();
  auto last = db_.QueryInt("SELECT coalesce(max(id), 0) FROM texts");
  if (!last.ok()) return last.status();
  if (*last <= *grouped) return Status::Ok();
  const int64_t first_new = *grouped + 1;
  if (Status s = db_.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  Status s = FindNearDuplicates(first_new);
  if (s.ok()) s = ApplyMerges(first_new);
  if (s.ok()) {
    auto insert = db_.Prepare(
        "INSERT INTO fts(rowid, norm) SELECT id, norm FROM texts WHERE id >= ?1 AND group_id = id");
    s = insert.status();
    if (insert.ok()) {
      insert->Bind(1, first_new);
      s = insert->Run();
    }
  }
  if (s.ok()) s = RefreshTouched();
  if (s.ok()) {
    s = db_.Exec("UPDATE meta SET value = (SELECT max(id) FROM texts) WHERE key = 'grouped_through'");
  }
  parent_.clear();
  if (!s.ok()) {
    Rollback();
    return s;
  }
  return db_.Exec("COMMIT");
}

int64_t QuoteIndex::Updater::Root(int64_t id) const {
  for (auto it = parent_.find(id); it != parent_.end(); it = parent_.find(id)) id = it->second;
  return id;
}

Status QuoteIndex::Updater::FindNearDuplicates(int64_t first_new) {
  if (min_words_ == 0) return Status::Ok();
  NearDuplicates near(min_words_);
  auto roots = db_.Prepare(
      "SELECT t.id, t.lead, t.words FROM groups AS g JOIN texts AS t ON t.id = g.id "
      "WHERE t.lead IS NOT NULL AND g.id < ?1");
  if (!roots.ok()) return roots.status();
  roots->Bind(1, first_new);
  while (roots->Step()) {
    near.Add(roots->Int(0), static_cast<uint64_t>(roots->Int(1)), static_cast<uint32_t>(roots->Int(2)));
  }
  if (!roots->status().ok()) return roots->status();
  const bool had_old = near.size() > 0;

  auto pending = db_.Prepare(
      "SELECT id, speaker_id, norm, lead FROM texts WHERE id >= ?1 AND words >= ?2 ORDER BY words, id");
  if (!pending.ok()) return pending.status();
  pending->Bind(1, first_new);
  pending->Bind(2, int64_t{min_words_});
  std::string other_speaker, other_norm;
  int64_t other_lead = 0;
  std::vector<NearDuplicates::Candidate> candidates;
  while (pending->Step()) {
    const int64_t id = pending->Int(0);
    const std::string speaker(pending->Text(1));
    const std::string norm(pending->Text(2));
    const int64_t lead = pending->Int(3);
    std::vector<std::string_view> words = SplitWords(norm);
    // Shorter entries inside this text join it.
    near.Candidates(Hash64(speaker), WordHashes(words), &candidates);
    for (const NearDuplicates::Candidate& c : candidates) {
      if (parent_.count(c.id) != 0) continue;  // already joined another
      if (Status s = FetchText(c.id, &other_speaker, &other_norm, &other_lead); !s.ok()) return s;
      if (other_speaker != speaker || !WordsAt(words, c.at, SplitWords(other_norm))) continue;
      parent_[c.id] = id;
      near.Remove(c.id, static_cast<uint64_t>(other_lead));
    }
    // This text inside a longer entry of an earlier update.
    int64_t container = 0;
    if (had_old) {
      find_container_.Bind(1, LongestWordsQuery(words));
      find_container_.Bind(2, speaker);
      find_container_.Bind(3, static_cast<int64_t>(words.size()));
      while (container == 0 && find_container_.Step()) {
        std::vector<std::string_view> longer = SplitWords(find_container_.Text(1));
        for (size_t at = 0; at + words.size() <= longer.size(); ++at) {
          if (WordsAt(longer, at, words)) {
            container = find_container_.Int(0);
            break;
          }
        }
      }
      Status s = find_container_.status();
      find_container_.Reset();
      if (!s.ok()) return s;
    }
    if (container != 0) {
      parent_[id] = container;
    } else {
      near.Add(id, static_cast<uint64_t>(lead), static_cast<uint32_t>(words.size()));
    }
  }
  return pending->status();
}

// Writes the merges in parent_: every absorbed entry's texts and
// occurrences move to its final root, its row goes, and if it was in the
// full-text index (an entry of an earlier update), so does its row there.
Status QuoteIndex::Updater::ApplyMerges(int64_t first_new) {
  if (parent_.empty()) return Status::Ok();
  if (Status s = db_.Exec("CREATE TEMP TABLE IF NOT EXISTS merges(from_id INTEGER PRIMARY KEY, to_id INTEGER);"
                          "DELETE FROM temp.merges;");
      !s.ok()) {
    return s;
  }
  auto insert = db_.Prepare("INSERT INTO temp.merges VALUES(?1, ?2)");
  if (!insert.ok()) return insert.status();
  for (const auto& [from, to] : parent_) {
    int64_t root = Root(to);
    insert->Bind(1, from);
    insert->Bind(2, root);
    if (Status s = insert->Run(); !s.ok()) return s;
    touched_.insert(root);
  }
  stats_->near_duplicates += parent_.size();
  auto old = db_.Prepare(
      "INSERT INTO fts(fts, rowid, norm) SELECT 'delete', t.id, t.norm FROM temp.merges AS m "
      "CROSS JOIN texts AS t ON t.id = m.from_id WHERE m.from_id < ?1");
  if (!old.ok()) return old.status();
  old->Bind(1, first_new);
  if (Status s = old->Run(); !s.ok()) return s;
  // Written so that the merges drive the updates through the group_id
  // indexes (CROSS JOIN and IN fix the loop order), not a scan of texts.
  return db_.Exec(
      "UPDATE texts SET group_id = (SELECT to_id FROM temp.merges WHERE from_id = texts.group_id) "
      "WHERE group_id IN (SELECT from_id FROM temp.merges);"
      "UPDATE quotes SET group_id = (SELECT to_id FROM temp.merges WHERE from_id = quotes.group_id) "
      "WHERE group_id IN (SELECT from_id FROM temp.merges);"
      "DELETE FROM groups WHERE id IN (SELECT from_id FROM temp.merges);"
      "DELETE FROM temp.merges;");
}

// ---------------------------------------------------------------------------
// Time limit

void QuoteIndex::SetTimeLimit(uint32_t milliseconds) {
  time_limit_ms_ = milliseconds;
  // SQLite calls Progress() every 1000 virtual machine instructions (some
  // microseconds) while a statement runs.
  sqlite3_progress_handler(db_->handle(), milliseconds > 0 ? 1000 : 0, milliseconds > 0 ? &Progress : nullptr,
                           this);
}

int QuoteIndex::Progress(void* self) {
  auto* index = static_cast<QuoteIndex*>(self);
  // Statements outside a timed call (deadline 0) are never interrupted.
  if (index->deadline_ns_ == 0 || SteadyNanos() <= index->deadline_ns_) return 0;
  index->timed_out_ = true;
  return 1;
}

// Runs the clock of the time limit for as long as it lives.
class QuoteIndex::TimeLimit {
 public:
  explicit TimeLimit(QuoteIndex* index) : index_(index) {
    index->timed_out_ = false;
    index->deadline_ns_ = SteadyNanos() + int64_t{index->time_limit_ms_} * 1000000;
  }
  ~TimeLimit() { index_->deadline_ns_ = 0; }
  TimeLimit(const TimeLimit&) = delete;
  TimeLimit& operator=(const TimeLimit&) = delete;

 private:
  QuoteIndex* index_;
};

Status QuoteIndex::Timed(Status status) {
  if (status.ok() || !timed_out_) return status;
  return Status::IoError("the query took longer than its time limit of " + std::to_string(time_limit_ms_) +
                         " ms and was abandoned");
}

// ---------------------------------------------------------------------------
// Searching

StatusOr<SpeakerMatch> QuoteIndex::ResolveSpeaker(const std::string& speaker, const Gazetteer* gazetteer) {
  TimeLimit clock(this);
  auto match = ResolveSpeakerUntimed(speaker, gazetteer);
  if (!match.ok()) return Timed(match.status());
  return match;
}

StatusOr<SpeakerMatch> QuoteIndex::ResolveSpeakerUntimed(const std::string& speaker, const Gazetteer* gazetteer) {
  std::string trimmed = speaker;
  while (!trimmed.empty() && (trimmed.back() == ' ' || trimmed.back() == '\t')) trimmed.pop_back();
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  if (trimmed.empty()) return Status::InvalidArgument("empty speaker");
  SpeakerMatch match;
  if (gazetteer != nullptr) {
    int e = gazetteer->FindId(trimmed);
    if (e < 0) e = gazetteer->FindAnyName(Normalizer::Default().Fold(trimmed));
    if (e < 0) {
      // The gazetteer folds names word by word; a query may carry extra
      // punctuation or spacing ("Vladimir  Putin", "بوتين،").
      e = gazetteer->FindAnyName(IndexText(trimmed));
    }
    if (e >= 0) {
      match.by = SpeakerMatch::By::kGazetteer;
      match.id = gazetteer->entity(e).id;
      return match;
    }
  }
  auto stmt = db_->Prepare("SELECT 1 FROM groups WHERE speaker_id = ?1 LIMIT 1");
  if (!stmt.ok()) return stmt.status();
  for (const std::string& id : {trimmed, Normalizer::Default().Fold(trimmed)}) {
    stmt->Bind(1, id);
    bool found = stmt->Step();
    if (!stmt->status().ok()) return stmt->status();
    stmt->Reset();
    if (found) {
      match.by = SpeakerMatch::By::kStoredId;
      match.id = id;
      return match;
    }
  }
  // A display name stored with the quotes (an index built with another
  // gazetteer); this scans the entries, and is only tried at this point.
  auto name = db_->Prepare("SELECT speaker_id FROM groups WHERE speaker_id <> '' AND speaker_name = ?1 "
                           "COLLATE NOCASE LIMIT 1");
  if (!name.ok()) return name.status();
  name->Bind(1, trimmed);
  if (name->Step()) {
    match.by = SpeakerMatch::By::kStoredId;
    match.id = name->Text(0);
    return match;
  }
  if (!name->status().ok()) return name->status();
  std::string key = IndexText(trimmed);
  auto mention = db_->Prepare("SELECT 1 FROM quotes WHERE speaker_id = '' AND mention_key = ?1 LIMIT 1");
  if (!mention.ok()) return mention.status();
  mention->Bind(1, key);
  bool found = mention->Step();
  if (!mention->status().ok()) return mention->status();
  if (found && !key.empty()) {
    match.by = SpeakerMatch::By::kMention;
    match.mention_key = key;
    return match;
  }
  return Status::NotFound("no speaker '" + trimmed +
                          "': not in the gazetteer, and no quote in the index has it as speaker id or mention");
}

StatusOr<std::vector<Entry>> QuoteIndex::Search(const SearchQuery& query, const Gazetteer* gazetteer) {
  TimeLimit clock(this);
  auto entries = SearchUntimed(query, gazetteer);
  if (!entries.ok()) return Timed(entries.status());
  return entries;
}

StatusOr<std::vector<Entry>> QuoteIndex::SearchUntimed(const SearchQuery& query, const Gazetteer* gazetteer) {
  std::string since, until;
  if (!query.since.empty()) {
    auto day = ParseDayBound(query.since, false);
    if (!day.ok()) return Status::InvalidArgument("--since: " + day.status().message());
    since = *day;
  }
  if (!query.until.empty()) {
    auto day = ParseDayBound(query.until, true);
    if (!day.ok()) return Status::InvalidArgument("--until: " + day.status().message());
    until = *day;
  }
  if (!since.empty() && !until.empty() && since > until) {
    return Status::InvalidArgument("--since " + query.since + " is after --until " + query.until);
  }
  std::string match;
  for (const auto& [text, phrase, flag] : {std::tuple{&query.words, false, "--text"},
                                          std::tuple{&query.phrase, true, "--phrase"}}) {
    if (text->empty()) continue;
    std::string norm = IndexText(*text);
    std::vector<std::string_view> words = SplitWords(norm);
    if (words.empty()) return Status::InvalidArgument(std::string(flag) + " '" + *text + "' has no words");
    if (!match.empty()) match += " ";
    match += phrase ? FtsPhrase(words) : FtsAllWords(words);
  }

  std::vector<std::string> params;
  std::string sql =
      "SELECT g.id, g.speaker_id, g.speaker_name, g.quote_id, g.n, g.articles, g.kinds, "
      "coalesce(g.first_day, ''), coalesce(g.last_day, '') FROM ";
  if (!match.empty()) {
    // Drive the query from the full-text matches (CROSS JOIN fixes the
    // order): scanning entries by date and probing the matches would read
    // the whole table for a rare phrase.
    sql += "(SELECT rowid AS id FROM fts WHERE fts MATCH ?) AS m CROSS JOIN groups AS g ON g.id = m.id";
    params.push_back(match);
  } else {
    sql += "groups AS g";
  }
  std::vector<std::string> where;
  if (!query.speaker.empty()) {
    auto speaker = ResolveSpeakerUntimed(query.speaker, gazetteer);
    if (!speaker.ok()) return speaker.status();
    if (speaker->by == SpeakerMatch::By::kMention) {
      where.push_back(
          "g.speaker_id = '' AND g.id IN (SELECT group_id FROM quotes WHERE speaker_id = '' AND mention_key = ?)");
      params.push_back(speaker->mention_key);
    } else {
      where.push_back("g.speaker_id = ?");
      params.push_back(speaker->id);
    }
  }
  // Occurrence conditions; date bounds first prune entries by their range.
  std::vector<std::string> occurrence;
  std::vector<std::string> occurrence_params;
  if (!since.empty()) {
    where.push_back("g.last_day >= ?");
    params.push_back(since);
    occurrence.push_back("q.day >= ?");
    occurrence_params.push_back(since);
  }
  if (!until.empty()) {
    where.push_back("g.first_day <= ?");
    params.push_back(until);
    occurrence.push_back("q.day <= ?");
    occurrence_params.push_back(until);
  }
  if (query.kind != v1::KIND_UNSPECIFIED) {
    occurrence.push_back("q.kind = " + std::to_string(static_cast<int>(query.kind)));
  }
  std::string lead_condition;
  if (!query.article.empty()) {
    lead_condition = "q.article_id = ?";
    occurrence_params.insert(occurrence_params.begin(), query.article);
  } else if (!query.url.empty()) {
    lead_condition = "q.url = ?";
    occurrence_params.insert(occurrence_params.begin(), query.url);
  }
  if (!query.article.empty() && !query.url.empty()) {
    occurrence.push_back("q.url = ?");
    occurrence_params.push_back(query.url);
  }
  if (!lead_condition.empty() || !occurrence.empty()) {
    std::string cond;
    if (!lead_condition.empty()) {
      cond = "g.id IN (SELECT q.group_id FROM quotes AS q WHERE " + lead_condition;
      for (const std::string& c : occurrence) cond += " AND " + c;
    } else {
      cond = "EXISTS (SELECT 1 FROM quotes AS q WHERE q.group_id = g.id";
      for (const std::string& c : occurrence) cond += " AND " + c;
    }
    cond += ")";
    where.push_back(cond);
    params.insert(params.end(), occurrence_params.begin(), occurrence_params.end());
  }
  for (size_t i = 0; i < where.size(); ++i) sql += (i == 0 ? " WHERE " : " AND ") + where[i];
  sql += " ORDER BY g.last_day DESC, g.id DESC";
  if (query.limit > 0) {
    sql += " LIMIT " + std::to_string(query.limit);
  } else if (query.offset > 0) {
    sql += " LIMIT -1";
  }
  if (query.offset > 0) sql += " OFFSET " + std::to_string(query.offset);

  auto stmt = db_->Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  for (size_t i = 0; i < params.size(); ++i) stmt->Bind(static_cast<int>(i + 1), params[i]);
  std::vector<Entry> entries;
  std::vector<int64_t> first_quotes;
  while (stmt->Step()) {
    Entry e;
    e.id = stmt->Int(0);
    e.speaker_id = stmt->Text(1);
    e.speaker_name = stmt->Text(2);
    first_quotes.push_back(stmt->Int(3));
    e.count = static_cast<uint64_t>(stmt->Int(4));
    e.articles = static_cast<uint64_t>(stmt->Int(5));
    int64_t kinds = stmt->Int(6);
    for (int k = 0; k < 63; ++k) {
      if ((kinds >> k) & 1) e.kinds.push_back(k);
    }
    e.first_day = stmt->Text(7);
    e.last_day = stmt->Text(8);
    entries.push_back(std::move(e));
  }
  if (!stmt->status().ok()) return stmt->status();
  // The text and mention as first reported, from the entry's first record.
  auto first = db_->Prepare("SELECT record FROM quotes WHERE id = ?1");
  if (!first.ok()) return first.status();
  v1::Quote quote;
  for (size_t i = 0; i < entries.size(); ++i) {
    first->Bind(1, first_quotes[i]);
    if (!first->Step()) {
      if (!first->status().ok()) return first->status();
      return Status::Corruption(db_->path() + ": the first record of entry " + std::to_string(entries[i].id) +
                                " is missing");
    }
    std::string_view blob = first->Blob(0);
    if (!quote.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
      return Status::Corruption(db_->path() + ": a stored record of entry " + std::to_string(entries[i].id) +
                                " does not parse");
    }
    first->Reset();
    entries[i].text = quote.text();
    entries[i].mention = quote.speaker().mention();
    if (query.occurrences) {
      if (Status s = LoadOccurrences(&entries[i], query.max_occurrences); !s.ok()) return s;
    }
  }
  return entries;
}

Status QuoteIndex::LoadOccurrences(Entry* entry, uint32_t limit) {
  auto stmt = db_->Prepare(
      "SELECT record FROM quotes WHERE group_id = ?1 ORDER BY day, article_id, span_begin, kind LIMIT ?2");
  if (!stmt.ok()) return stmt.status();
  stmt->Bind(1, entry->id);
  stmt->Bind(2, limit > 0 ? int64_t{limit} : int64_t{-1});
  while (stmt->Step()) {
    std::string_view blob = stmt->Blob(0);
    v1::Quote& q = entry->occurrences.emplace_back();
    if (!q.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
      return Status::Corruption(db_->path() + ": a stored record of entry " + std::to_string(entry->id) +
                                " does not parse");
    }
  }
  return stmt->status();
}

StatusOr<std::vector<SpeakerCount>> QuoteIndex::Speakers() {
  TimeLimit clock(this);
  auto stmt = db_->Prepare(
      "SELECT speaker_id, max(speaker_name), count(*), sum(n), coalesce(min(first_day), ''), "
      "coalesce(max(last_day), '') FROM groups GROUP BY speaker_id ORDER BY sum(n) DESC, speaker_id");
  if (!stmt.ok()) return stmt.status();
  std::vector<SpeakerCount> out;
  while (stmt->Step()) {
    SpeakerCount c;
    c.id = stmt->Text(0);
    c.name = c.id.empty() ? "" : std::string(stmt->Text(1));
    c.entries = static_cast<uint64_t>(stmt->Int(2));
    c.quotes = static_cast<uint64_t>(stmt->Int(3));
    c.first_day = stmt->Text(4);
    c.last_day = stmt->Text(5);
    out.push_back(std::move(c));
  }
  if (!stmt->status().ok()) return Timed(stmt->status());
  return out;
}

StatusOr<SpeakerProfile> QuoteIndex::Profile(const std::string& speaker_id) {
  TimeLimit clock(this);
  SpeakerProfile p;
  auto totals = db_->Prepare(
      "SELECT count(*), coalesce(sum(n), 0), coalesce(min(first_day), ''), coalesce(max(last_day), ''), "
      "coalesce(max(speaker_name), '') FROM groups WHERE speaker_id = ?1");
  if (!totals.ok()) return totals.status();
  totals->Bind(1, speaker_id);
  if (!totals->Step()) return Timed(totals->status());
  p.id = speaker_id;
  p.entries = static_cast<uint64_t>(totals->Int(0));
  p.quotes = static_cast<uint64_t>(totals->Int(1));
  p.first_day = totals->Text(2);
  p.last_day = totals->Text(3);
  p.name = totals->Text(4);
  if (p.entries == 0 || speaker_id.empty()) return Status::NotFound("no speaker '" + speaker_id + "' in the index");
  // Through the entries of the speaker (groups_speaker, then quotes_group):
  // occurrences have no index by speaker.
  auto months = db_->Prepare(
      "SELECT substr(q.day, 1, 7) AS month, count(*) FROM groups AS g JOIN quotes AS q ON q.group_id = g.id "
      "WHERE g.speaker_id = ?1 AND q.day IS NOT NULL GROUP BY month ORDER BY month");
  if (!months.ok()) return months.status();
  months->Bind(1, speaker_id);
  while (months->Step()) p.months.emplace_back(months->Text(0), static_cast<uint64_t>(months->Int(1)));
  if (!months->status().ok()) return Timed(months->status());
  return p;
}

}  // namespace qawl::lookup
