// Tests of the quote index behind qawl-lookup, over the seed articles'
// quotes as the extractor finds them (dated here, one date per article),
// and of the qawl-lookup tool itself.
//
// Nothing here assumes more of the extractor's output than that Putin has
// at least three quotes of eight words or more in the seeds; expected
// results are computed from the extracted records.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "qawl/extractor.h"
#include "qawl/feed_reader.h"
#include "qawl/gcc_warnings.h"
#include "qawl/lookup/index_text.h"
#include "qawl/lookup/near_duplicates.h"
#include "qawl/lookup/quote_index.h"
#include "qawl/lookup/result_format.h"
#include "qawl/lookup/search_query.h"
#include "qawl/lookup/text_table.h"
#include "qawl/pattern_set.h"
#include "qawl/quote_writer.h"

namespace qawl::lookup {
namespace {

namespace fs = std::filesystem;

constexpr char kPutin[] = "vladimir-putin";

// One date per seed article, in the forms feeds carry.
const std::map<std::string, std::string>& SeedDates() {
  static const auto* dates = new std::map<std::string, std::string>{
      {"000_77353a0f508c206e", "2024-06-19"},
      {"001_d8410480fc126c26", "2024-06-20T09:30:00+03:00"},
      {"002_d4c75918ac5c958f", "2024-06-19"},
      {"003_3c3e2ea9289a0a19", "2024-10-24"},
      {"004_b873dae85465cc3a", "2024/10/30"},
  };
  return *dates;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteFeed(const std::vector<v1::Quote>& quotes, const std::string& path, Format format = Format::kPb) {
  std::string data;
  for (const v1::Quote& q : quotes) QuoteWriter::Encode(q, format, &data);
  std::ofstream(path, std::ios::binary) << data;
}

std::string Key(const v1::Quote& q) {
  return q.article_id() + "/" + std::to_string(q.span().begin()) + "-" + std::to_string(q.span().end()) + "/" +
         std::to_string(q.kind());
}

std::vector<std::string> WordsOf(const std::string& text) {
  std::string norm = IndexText(text);
  std::vector<std::string> out;
  for (std::string_view w : SplitWords(norm)) out.emplace_back(w);
  return out;
}

std::string Join(const std::vector<std::string>& words, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end && i < words.size(); ++i) {
    if (!out.empty()) out += ' ';
    out += words[i];
  }
  return out;
}

// `text` spelled another way that the normalizer folds back: hamza on a
// word-initial alef, teh marbuta for a final heh, alef maqsura for a final
// yeh, a fatha after each first letter and a tatweel in long words.
std::string Respell(const std::string& folded_words) {
  std::string out;
  for (const std::string& w0 : WordsOf(folded_words)) {
    std::string w = w0;
    if (w.rfind("ا", 0) == 0) w.replace(0, 2, "أ");
    if (w.size() >= 4 && w.compare(w.size() - 2, 2, "ه") == 0) w.replace(w.size() - 2, 2, "ة");
    if (w.size() >= 4 && w.compare(w.size() - 2, 2, "ي") == 0) w.replace(w.size() - 2, 2, "ى");
    if (w.size() >= 4) w.insert(2, "\u064E");
    if (w.size() >= 10) w.insert(6, "\u0640");
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

class LookupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("lookup_test_" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    patterns_ = PatternSet::LoadEmbedded().release();
    ASSERT_TRUE(patterns_->ok()) << patterns_->error();
    seeds_ = new std::vector<v1::Quote>;
    Extractor extractor(patterns_);
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(fs::path(QAWL_TEST_DATA) / "seeds")) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
      v1::Article article;
      article.set_id(f.stem().string());
      article.set_text(ReadFile(f));
      auto date = SeedDates().find(article.id());
      ASSERT_NE(date, SeedDates().end()) << "no date for seed " << article.id();
      article.set_date(date->second);
      article.set_url("https://seeds.example/" + article.id());
      extractor.Extract(article, seeds_);
    }
    WriteFeed(*seeds_, SeedFeed());
    auto index = QuoteIndex::Open((*dir_ / "seeds.db").string());
    ASSERT_TRUE(index.ok()) << index.status().message();
    UpdateStats stats;
    Status s = (*index)->Update({SeedFeed()}, &stats);
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_EQ(stats.failed_feeds(), 0u);
    ASSERT_EQ(stats.added, seeds_->size());
    index_ = index->release();
  }

  static void TearDownTestSuite() {
    delete index_;
    delete seeds_;
    delete patterns_;
    fs::remove_all(*dir_);
    delete dir_;
  }

  static std::string SeedFeed() { return (*dir_ / "seeds.pb").string(); }
  static const Gazetteer* gazetteer() { return &patterns_->gazetteer(); }

  // The extracted quotes of one speaker, longest first.
  static std::vector<v1::Quote> QuotesOf(const std::string& speaker) {
    std::vector<v1::Quote> out;
    for (const v1::Quote& q : *seeds_) {
      if (q.speaker().id() == speaker) out.push_back(q);
    }
    std::stable_sort(out.begin(), out.end(), [](const v1::Quote& a, const v1::Quote& b) {
      return WordsOf(a.text()).size() > WordsOf(b.text()).size();
    });
    return out;
  }

  static std::vector<Entry> MustSearch(QuoteIndex* index, SearchQuery q) {
    auto found = index->Search(q, gazetteer());
    EXPECT_TRUE(found.ok()) << found.status().message();
    return found.ok() ? *found : std::vector<Entry>();
  }

  // A fresh index of `feeds`, indexed by one Update() per element.
  static std::unique_ptr<QuoteIndex> Build(const std::string& name,
                                           const std::vector<std::vector<std::string>>& updates) {
    std::string path = (*dir_ / (name + ".db")).string();
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
    auto index = QuoteIndex::Open(path);
    EXPECT_TRUE(index.ok()) << index.status().message();
    if (!index.ok()) return nullptr;
    for (const auto& feeds : updates) {
      UpdateStats stats;
      Status s = (*index)->Update(feeds, &stats);
      EXPECT_TRUE(s.ok()) << s.message();
      EXPECT_EQ(stats.failed_feeds(), 0u) << name;
    }
    return std::move(index).value();
  }

  static fs::path* dir_;
  static PatternSet* patterns_;
  static std::vector<v1::Quote>* seeds_;
  static QuoteIndex* index_;
};

fs::path* LookupTest::dir_ = nullptr;
PatternSet* LookupTest::patterns_ = nullptr;
std::vector<v1::Quote>* LookupTest::seeds_ = nullptr;
QuoteIndex* LookupTest::index_ = nullptr;

TEST_F(LookupTest, FindsPutinByIdArabicAndEnglishNames) {
  std::vector<v1::Quote> putin = QuotesOf(kPutin);
  ASSERT_GE(putin.size(), 3u) << "the extractor attributes fewer than 3 seed quotes to Putin";
  std::set<std::string> expected;
  for (const v1::Quote& q : putin) expected.insert(Key(q));

  const char* const names[] = {"vladimir-putin", "بوتين",       "Putin",         "putin", "Vladimir Putin",
                               "فلاديمير بوتين", "فلاديمير بوتن", "  بوتين  ", "بُوتِين"};
  for (const char* name : names) {
    SCOPED_TRACE(std::string("--speaker '") + name + "'");
    SearchQuery q;
    q.speaker = name;
    q.limit = 0;
    q.occurrences = true;
    std::vector<Entry> entries = MustSearch(index_, q);
    EXPECT_GE(entries.size(), 3u);
    std::set<std::string> got;
    for (const Entry& e : entries) {
      EXPECT_EQ(e.speaker_id, kPutin) << e.text;
      EXPECT_EQ(e.speaker_name, "Vladimir Putin");
      EXPECT_EQ(e.occurrences.size(), e.count) << e.text;
      for (const v1::Quote& o : e.occurrences) got.insert(Key(o));
    }
    EXPECT_EQ(got, expected);
  }
}

TEST_F(LookupTest, WithoutGazetteerSpeakersAreFoundByStoredIdAndName) {
  size_t expected = QuotesOf(kPutin).size();
  for (const char* name : {"vladimir-putin", "Vladimir Putin", "VLADIMIR PUTIN"}) {
    SearchQuery q;
    q.speaker = name;
    q.limit = 0;
    auto found = index_->Search(q, nullptr);
    ASSERT_TRUE(found.ok()) << name << ": " << found.status().message();
    size_t reports = 0;
    for (const Entry& e : *found) {
      EXPECT_EQ(e.speaker_id, kPutin) << name;
      reports += e.count;
    }
    EXPECT_EQ(reports, expected) << name;
  }
  SearchQuery q;
  q.speaker = "بوتين";  // an alias: only the gazetteer knows it
  EXPECT_EQ(index_->Search(q, nullptr).status().code(), Status::Code::kNotFound);
}

TEST_F(LookupTest, UnknownSpeakerIsNotFound) {
  SearchQuery q;
  q.speaker = "Nobody Atall";
  auto found = index_->Search(q, gazetteer());
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), Status::Code::kNotFound);
  EXPECT_NE(found.status().message().find("Nobody Atall"), std::string::npos) << found.status().message();
}

TEST_F(LookupTest, SpeakerNotInGazetteerIsFoundByMention) {
  const v1::Quote* unknown = nullptr;
  for (const v1::Quote& q : *seeds_) {
    if (q.speaker().id().empty() && !q.speaker().mention().empty()) unknown = &q;
  }
  if (unknown == nullptr) GTEST_SKIP() << "the extractor reports no quote of an unknown speaker with a mention";
  SearchQuery q;
  q.speaker = unknown->speaker().mention();
  q.limit = 0;
  q.occurrences = true;
  std::vector<Entry> entries = MustSearch(index_, q);
  ASSERT_FALSE(entries.empty()) << "mention '" << q.speaker << "'";
  bool found = false;
  for (const Entry& e : entries) {
    EXPECT_EQ(e.speaker_id, "");
    for (const v1::Quote& o : e.occurrences) found |= Key(o) == Key(*unknown);
  }
  EXPECT_TRUE(found) << "mention '" << q.speaker << "'";
}

TEST_F(LookupTest, PhraseMatchesAcrossSpellingVariants) {
  std::vector<v1::Quote> putin = QuotesOf(kPutin);
  ASSERT_FALSE(putin.empty());
  const v1::Quote& quote = putin[0];
  std::vector<std::string> words = WordsOf(quote.text());
  ASSERT_GE(words.size(), 4u) << quote.text();
  const std::string folded = Join(words, 1, 4);
  // The same three words as written in the article, folded, and respelled.
  std::vector<std::string> original_tokens;
  {
    std::istringstream in(quote.text());
    for (std::string t; in >> t;) original_tokens.push_back(t);
  }
  const std::string variants[] = {folded, Respell(folded), Respell(folded) + "،", "«" + folded + "»"};
  for (const std::string& phrase : variants) {
    SCOPED_TRACE("--phrase '" + phrase + "'");
    SearchQuery q;
    q.phrase = phrase;
    q.limit = 0;
    q.occurrences = true;
    std::vector<Entry> entries = MustSearch(index_, q);
    bool found = false;
    for (const Entry& e : entries) {
      // Every entry has the words in this order.
      std::string norm = IndexText(e.text);
      EXPECT_NE((" " + norm + " ").find(" " + folded + " "), std::string::npos) << e.text;
      for (const v1::Quote& o : e.occurrences) found |= Key(o) == Key(quote);
    }
    EXPECT_TRUE(found) << "the quote: " << quote.text();
  }
  // Words in another order are not the phrase, but are all the words.
  SearchQuery reversed;
  reversed.phrase = Join({words[3], words[2], words[1]}, 0, 3);
  reversed.words = reversed.phrase;
  reversed.limit = 0;
  reversed.occurrences = true;
  for (const Entry& e : MustSearch(index_, reversed)) {
    EXPECT_NE((" " + IndexText(e.text) + " ").find(" " + reversed.phrase + " "), std::string::npos) << e.text;
  }
  SearchQuery all_words;
  all_words.words = Respell(reversed.phrase);
  all_words.limit = 0;
  all_words.occurrences = true;
  bool found = false;
  for (const Entry& e : MustSearch(index_, all_words)) {
    for (const v1::Quote& o : e.occurrences) found |= Key(o) == Key(quote);
  }
  EXPECT_TRUE(found) << "--text '" << all_words.words << "'";
}

TEST_F(LookupTest, DateRangeSelectsReports) {
  struct Case {
    const char* since;
    const char* until;
    const char* speaker;
  } const cases[] = {
      {"", "2024-06-19", ""},          {"2024-10", "", ""},        {"2024-06-20", "2024-06-20", ""},
      {"2024-07-01", "2024-09-30", ""}, {"2024", "2024", ""},       {"2024-06", "2024-06", kPutin},
      {"2024-10-01", "", kPutin},      {"2024-10-30", "2024-10-30", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string("since '") + c.since + "' until '" + c.until + "' speaker '" + c.speaker + "'");
    std::string since = *c.since ? *ParseDayBound(c.since, false) : "0000";
    std::string until = *c.until ? *ParseDayBound(c.until, true) : "9999";
    std::set<std::string> expected;
    for (const v1::Quote& q : *seeds_) {
      std::string day = DayOf(q.date());
      if (day >= since && day <= until && (*c.speaker == '\0' || q.speaker().id() == c.speaker)) {
        expected.insert(Key(q));
      }
    }
    SearchQuery q;
    q.since = c.since;
    q.until = c.until;
    q.speaker = c.speaker;
    q.limit = 0;
    q.occurrences = true;
    std::set<std::string> got;
    for (const Entry& e : MustSearch(index_, q)) {
      bool in_range = false;
      for (const v1::Quote& o : e.occurrences) {
        std::string day = DayOf(o.date());
        if (day >= since && day <= until) {
          in_range = true;
          got.insert(Key(o));
        }
      }
      EXPECT_TRUE(in_range) << e.text;
    }
    EXPECT_EQ(got, expected);
  }
}

TEST_F(LookupTest, KindAndArticleConditions) {
  for (v1::Kind kind : {v1::DIRECT, v1::PARTIAL, v1::INDIRECT}) {
    for (const auto& [article, date] : SeedDates()) {
      SCOPED_TRACE(KindName(kind) + " in " + article);
      size_t expected = 0;
      for (const v1::Quote& q : *seeds_) expected += q.kind() == kind && q.article_id() == article;
      SearchQuery q;
      q.kind = kind;
      q.article = article;
      q.limit = 0;
      q.occurrences = true;
      size_t got = 0;
      for (const Entry& e : MustSearch(index_, q)) {
        EXPECT_NE(std::find(e.kinds.begin(), e.kinds.end(), kind), e.kinds.end());
        for (const v1::Quote& o : e.occurrences) got += o.kind() == kind && o.article_id() == article;
      }
      EXPECT_EQ(got, expected);
      SearchQuery by_url = q;
      by_url.article.clear();
      by_url.url = "https://seeds.example/" + article;
      EXPECT_EQ(MustSearch(index_, by_url).size(), MustSearch(index_, q).size());
    }
  }
}

TEST_F(LookupTest, BadQueriesAreInvalidArguments) {
  struct Case {
    const char* name;
    SearchQuery query;
  };
  std::vector<Case> cases(4);
  cases[0] = {"bad since", {}};
  cases[0].query.since = "yesterday";
  cases[1] = {"since after until", {}};
  cases[1].query.since = "2024-06-02";
  cases[1].query.until = "2024-06-01";
  cases[2] = {"text without words", {}};
  cases[2].query.words = "«،»";
  cases[3] = {"bad until day", {}};
  cases[3].query.until = "2024-02-30";
  for (const Case& c : cases) {
    auto found = index_->Search(c.query, gazetteer());
    ASSERT_FALSE(found.ok()) << c.name;
    EXPECT_EQ(found.status().code(), Status::Code::kInvalidArgument) << c.name << ": " << found.status().message();
  }
}

// Reports of the same quote in other articles: exact duplicates (respelled),
// a run of words cut from a longer quote, a longer version of an indexed
// quote, the same words from another speaker, and a fragment too short to
// group. Indexed in one update and in two (incremental), which must group
// the same way.
TEST_F(LookupTest, GroupsDuplicatesAndNearDuplicates) {
  std::vector<v1::Quote> putin = QuotesOf(kPutin);
  ASSERT_GE(putin.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    ASSERT_GE(WordsOf(putin[i].text()).size(), 8u) << "Putin's quote " << i << ": " << putin[i].text();
  }
  const v1::Quote& longest = putin[0];
  const v1::Quote& second = putin[1];
  const v1::Quote& third = putin[2];
  auto report = [](const v1::Quote& base, const std::string& article, const std::string& date,
                   const std::string& text, v1::Kind kind) {
    v1::Quote q = base;
    q.set_article_id(article);
    q.set_date(date);
    q.set_url("https://other.example/" + article);
    q.set_text(text);
    q.set_kind(kind);
    q.mutable_span()->set_begin(100);
    q.mutable_span()->set_end(100 + static_cast<uint32_t>(text.size()));
    return q;
  };
  std::vector<std::string> long_words = WordsOf(longest.text());
  std::vector<std::string> third_words = WordsOf(third.text());
  std::vector<v1::Quote> extra = {
      // 0: the longest quote again, respelled, in another article.
      report(longest, "dup-1", "2024-11-02", Respell(longest.text()), v1::DIRECT),
      // 1: six of its words, as a partial quote.
      report(longest, "dup-2", "2024-11-03", Join(long_words, 1, 7), v1::PARTIAL),
      // 2: the second quote with more words after it.
      report(second, "dup-3", "2024-11-04", second.text() + " وأضاف أن ذلك يخدم مصالح البلدين", v1::DIRECT),
      // 3: a run of words from the third quote.
      report(third, "dup-4", "2024-11-05", Join(third_words, 0, 6), v1::PARTIAL),
      // 4: the longest quote attributed to someone else.
      report(longest, "dup-5", "2024-11-06", longest.text(), v1::DIRECT),
      // 5: three words of the longest quote: too short to group.
      report(longest, "dup-6", "2024-11-07", Join(long_words, 1, 4), v1::PARTIAL),
  };
  extra[4].mutable_speaker()->set_id("kim-jong-un");
  extra[4].mutable_speaker()->set_name("Kim Jong Un");
  const std::string extra_feed = (*dir_ / "extra.jsonl").string();
  WriteFeed(extra, extra_feed, Format::kJsonl);

  auto once = Build("grouping_once", {{SeedFeed(), extra_feed}});
  auto twice = Build("grouping_twice", {{SeedFeed()}, {extra_feed}});
  ASSERT_TRUE(once && twice);

  // Every occurrence key -> the keys of its entry, for both indexes.
  auto partition = [&](QuoteIndex* index) {
    SearchQuery all;
    all.limit = 0;
    all.occurrences = true;
    std::map<std::string, std::set<std::string>> out;
    for (const Entry& e : MustSearch(index, all)) {
      std::set<std::string> keys;
      for (const v1::Quote& o : e.occurrences) keys.insert(Key(o));
      EXPECT_EQ(keys.size(), e.count);
      for (const std::string& k : keys) out[k] = keys;
    }
    return out;
  };
  auto p_once = partition(once.get());
  auto p_twice = partition(twice.get());
  EXPECT_EQ(p_once, p_twice) << "one update and two group differently";
  EXPECT_EQ(p_once.size(), seeds_->size() + extra.size());

  struct Expect {
    const char* what;
    std::string key;
    std::set<std::string> together;
  } const expects[] = {
      {"exact and near duplicates of the longest quote", Key(longest), {Key(longest), Key(extra[0]), Key(extra[1])}},
      {"a longer version of the second quote", Key(second), {Key(second), Key(extra[2])}},
      {"a run of words of the third quote", Key(third), {Key(third), Key(extra[3])}},
      {"the same words from another speaker", Key(extra[4]), {Key(extra[4])}},
      {"a fragment of three words", Key(extra[5]), {Key(extra[5])}},
  };
  for (const Expect& e : expects) {
    SCOPED_TRACE(e.what);
    ASSERT_EQ(p_once.count(e.key), 1u);
    // Seed quotes of the same text (if the extractor repeats one) may join
    // too; the listed ones must be there.
    for (const std::string& k : e.together) EXPECT_EQ(p_once[e.key].count(k), 1u) << k;
    for (const std::string& k : p_once[e.key]) {
      EXPECT_TRUE(e.together.count(k) != 0 || k.rfind("dup-", 0) != 0) << "also grouped: " << k;
    }
  }

  // The entry of the longest quote: counts, dates, its text as first
  // reported, and what its occurrences are.
  SearchQuery q;
  q.speaker = kPutin;
  q.phrase = Join(long_words, 0, long_words.size());
  q.occurrences = true;
  for (QuoteIndex* index : {once.get(), twice.get()}) {
    std::vector<Entry> entries = MustSearch(index, q);
    ASSERT_EQ(entries.size(), 1u);
    const Entry& e = entries[0];
    EXPECT_EQ(e.text, longest.text());
    EXPECT_EQ(e.count, p_once[Key(longest)].size());
    EXPECT_GE(e.articles, 3u);
    EXPECT_EQ(e.first_day, DayOf(longest.date()));
    EXPECT_EQ(e.last_day, "2024-11-03");
    EXPECT_NE(std::find(e.kinds.begin(), e.kinds.end(), v1::PARTIAL), e.kinds.end());
  }
  // The second quote's entry shows its longer version.
  SearchQuery longer;
  longer.phrase = "يخدم مصالح البلدين";
  longer.speaker = kPutin;
  for (QuoteIndex* index : {once.get(), twice.get()}) {
    std::vector<Entry> entries = MustSearch(index, longer);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].text, extra[2].text());
    EXPECT_EQ(entries[0].count, p_once[Key(second)].size());
  }
}

TEST_F(LookupTest, IndexingIsIncremental) {
  auto index = Build("incremental", {{SeedFeed()}});
  ASSERT_TRUE(index);
  UpdateStats again;
  ASSERT_TRUE(index->Update({SeedFeed()}, &again).ok());
  ASSERT_EQ(again.feeds.size(), 1u);
  EXPECT_TRUE(again.feeds[0].unchanged);
  EXPECT_EQ(again.records, 0u);

  // The same records under another name are read and skipped one by one.
  std::string copy = (*dir_ / "copy.pb").string();
  fs::copy_file(SeedFeed(), copy, fs::copy_options::overwrite_existing);
  UpdateStats copied;
  ASSERT_TRUE(index->Update({copy}, &copied).ok());
  EXPECT_FALSE(copied.feeds[0].unchanged);
  EXPECT_EQ(copied.records, seeds_->size());
  EXPECT_EQ(copied.added, 0u);

  // A feed that grew is read again; only its new record is added.
  v1::Quote more = (*seeds_)[0];
  more.set_article_id("later-article");
  std::string data;
  QuoteWriter::Encode(more, Format::kPb, &data);
  std::ofstream(copy, std::ios::binary | std::ios::app) << data;
  UpdateStats grown;
  ASSERT_TRUE(index->Update({copy}, &grown).ok());
  EXPECT_EQ(grown.records, seeds_->size() + 1);
  EXPECT_EQ(grown.added, 1u);
  auto counts = index->Count();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->quotes, seeds_->size() + 1);
  EXPECT_EQ(counts->pending, 0u);
}

TEST_F(LookupTest, CorruptFeedKeepsRecordsBeforeTheBadOne) {
  const std::string bad = std::string(QAWL_TEST_DATA) + "/feeds/truncated.pb";
  std::string path = (*dir_ / "corrupt.db").string();
  auto index = QuoteIndex::Open(path);
  ASSERT_TRUE(index.ok());
  UpdateStats stats;
  Status s = (*index)->Update({bad, SeedFeed()}, &stats);
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_EQ(stats.feeds.size(), 2u);
  EXPECT_EQ(stats.failed_feeds(), 1u);
  EXPECT_EQ(stats.feeds[0].status.code(), Status::Code::kCorruption);
  EXPECT_NE(stats.feeds[0].status.message().find("truncated.pb: truncated record at byte 872"), std::string::npos)
      << stats.feeds[0].status.message();
  EXPECT_EQ(stats.feeds[0].records, 3u);
  EXPECT_EQ(stats.feeds[0].added, 3u);
  EXPECT_TRUE(stats.feeds[1].status.ok());

  // The three records before the damage are searchable.
  std::vector<v1::Quote> kept;
  ParseFeed(ReadFile(bad), &kept).ok();
  ASSERT_EQ(kept.size(), 3u);
  SearchQuery q;
  q.article = kept[0].article_id();
  q.limit = 0;
  q.occurrences = true;
  std::set<std::string> got;
  for (const Entry& e : MustSearch(index->get(), q)) {
    for (const v1::Quote& o : e.occurrences) got.insert(Key(o));
  }
  for (const v1::Quote& k : kept) EXPECT_EQ(got.count(Key(k)), 1u) << k.text();

  // A damaged feed is not remembered as read: it is read (and reported)
  // again.
  UpdateStats again;
  ASSERT_TRUE((*index)->Update({bad}, &again).ok());
  EXPECT_FALSE(again.feeds[0].unchanged);
  EXPECT_EQ(again.failed_feeds(), 1u);
  EXPECT_EQ(again.added, 0u);
}

TEST_F(LookupTest, SpeakersAreCountedMostQuotedFirst) {
  auto speakers = index_->Speakers();
  ASSERT_TRUE(speakers.ok()) << speakers.status().message();
  ASSERT_FALSE(speakers->empty());
  std::map<std::string, uint64_t> expected;
  for (const v1::Quote& q : *seeds_) ++expected[q.speaker().id()];
  uint64_t total = 0;
  for (size_t i = 0; i < speakers->size(); ++i) {
    const SpeakerCount& s = (*speakers)[i];
    SCOPED_TRACE(s.id);
    EXPECT_EQ(s.quotes, expected[s.id]);
    EXPECT_LE(s.entries, s.quotes);
    if (i > 0) {
      EXPECT_LE(s.quotes, (*speakers)[i - 1].quotes);
    }
    total += s.quotes;
  }
  EXPECT_EQ(total, seeds_->size());
  auto putin = std::find_if(speakers->begin(), speakers->end(), [](const SpeakerCount& s) { return s.id == kPutin; });
  ASSERT_NE(putin, speakers->end());
  EXPECT_EQ(putin->name, "Vladimir Putin");
}

TEST_F(LookupTest, OutputFormats) {
  SearchQuery q;
  q.speaker = kPutin;
  q.occurrences = true;
  std::vector<Entry> entries = MustSearch(index_, q);
  ASSERT_FALSE(entries.empty());
  size_t occurrences = 0;
  for (const Entry& e : entries) occurrences += e.occurrences.size();

  std::string jsonl;
  FormatEntries(entries, ResultFormat::kJsonl, TableStyle(), &jsonl);
  EXPECT_EQ(static_cast<size_t>(std::count(jsonl.begin(), jsonl.end(), '\n')), entries.size());
  EXPECT_NE(jsonl.find("\"speaker\":{\"id\":\"vladimir-putin\""), std::string::npos) << jsonl.substr(0, 300);
  EXPECT_NE(jsonl.find("\"occurrences\":[{\"article_id\":"), std::string::npos) << jsonl.substr(0, 300);

  // pb output is a feed of the occurrences.
  std::string pb;
  FormatEntries(entries, ResultFormat::kPb, TableStyle(), &pb);
  std::vector<v1::Quote> back;
  EXPECT_TRUE(ParseFeed(pb, &back).ok());
  EXPECT_EQ(back.size(), occurrences);

  std::string table;
  FormatEntries(entries, ResultFormat::kTable, TableStyle(), &table);
  EXPECT_NE(table.find("Vladimir Putin"), std::string::npos);
  EXPECT_NE(table.find("\u2067" + entries[0].text + "\u2069"), std::string::npos) << table;
}

// ---------------------------------------------------------------------------
// The qawl-lookup tool.

struct ToolRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

ToolRun RunTool(const std::string& args) {
  ToolRun r;
  std::string tool = std::string(QAWL_BINARY_DIR) + "/tools/qawl-lookup";
  std::string err_file = (fs::temp_directory_path() / ("lookup_test_err_" + std::to_string(::getpid()))).string();
  std::string cmd = tool + " " + args + " 2>" + err_file;
  std::FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return r;
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = ReadFile(err_file);
  fs::remove(err_file);
  return r;
}

TEST_F(LookupTest, ToolCommandsAndExitCodes) {
  if (!fs::exists(std::string(QAWL_BINARY_DIR) + "/tools/qawl-lookup")) GTEST_SKIP() << "qawl-lookup not built";
  const std::string db = (*dir_ / "tool.db").string();
  const std::string bad = std::string(QAWL_TEST_DATA) + "/feeds/corrupt.jsonl";

  ToolRun index = RunTool("index '" + SeedFeed() + "' '" + bad + "' --db '" + db + "'");
  EXPECT_EQ(index.exit_code, 1) << index.err;
  EXPECT_NE(index.err.find("corrupt.jsonl:3: corrupt record at byte 1111"), std::string::npos) << index.err;
  EXPECT_NE(index.err.find("the 2 records before it are indexed"), std::string::npos) << index.err;

  struct Case {
    std::string args;
    int exit_code;
    const char* out;  // part of standard output
    const char* err;  // part of standard error
  } const cases[] = {
      {"search --speaker 'بوتين' --width 0", 0, "Vladimir Putin", ""},
      {"search --speaker Putin --limit 1 --format jsonl", 0, "{\"entry\":", ""},
      {"search --since 2024-10 --limit 0 --width 0", 0, "2024-10-", ""},
      {"search --phrase 'لا توجد هذه الكلمات أبدا'", 1, "", "no entries found"},
      {"search --speaker 'Nobody Atall'", 1, "", "no speaker 'Nobody Atall'"},
      {"search --since yesterday", 2, "", "--since: bad date 'yesterday'"},
      {"search --kind=quoted", 2, "", "--kind must be direct, partial or indirect"},
      {"search --format=xml", 2, "", "--format must be table, jsonl or pb"},
      {"search stray", 2, "", "unexpected argument 'stray'"},
      {"speakers", 0, "vladimir-putin", ""},
      {"speakers --format jsonl --limit 1", 0, "{\"id\":", ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.args);
    ToolRun r = RunTool(c.args + " --db '" + db + "'");
    EXPECT_EQ(r.exit_code, c.exit_code) << r.err;
    EXPECT_NE(r.out.find(c.out), std::string::npos) << r.out;
    EXPECT_NE(r.err.find(c.err), std::string::npos) << r.err;
  }
  ToolRun missing = RunTool("search --speaker Putin --db '" + (*dir_ / "none.db").string() + "'");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no index there"), std::string::npos) << missing.err;
  EXPECT_EQ(RunTool("frobnicate").exit_code, 2);
  for (const char* command : {"index", "search", "speakers", "bench"}) {
    ToolRun help = RunTool(std::string(command) + " --help");
    EXPECT_EQ(help.exit_code, 0) << command;
    EXPECT_NE(help.out.find(std::string("Usage: qawl-lookup ") + command), std::string::npos) << help.out;
  }
  // pb output reads back as a feed.
  ToolRun pb = RunTool("search --speaker Putin --format pb --limit 0 --db '" + db + "'");
  ASSERT_EQ(pb.exit_code, 0) << pb.err;
  std::vector<v1::Quote> back;
  EXPECT_TRUE(ParseFeed(pb.out, &back).ok());
  EXPECT_EQ(back.size(), QuotesOf(kPutin).size());
}

// ---------------------------------------------------------------------------
// Building blocks.

TEST(LookupIndexTextTest, FoldsSpellingVariantsAndDropsPunctuation) {
  struct Case {
    const char* a;
    const char* b;
  } const cases[] = {
      {"المعاهدة", "المعاهده"},
      {"المُعَاهَدَة", "المعاهدة"},
      {"المعاهـــدة", "المعاهدة"},
      {"إلى", "الي"},
      {"أكد", "اكد"},
      {"مسؤول", "مسوول"},
      {"«قال»: نعم!", "قال نعم"},
      {"Vladimir  PUTIN", "vladimir putin"},
      {"٢٠٢٤", "2024"},
      {"قال\nنعم", "قال نعم"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(IndexText(c.a), IndexText(c.b)) << "'" << c.a << "' vs '" << c.b << "'";
  }
  EXPECT_EQ(IndexText("«قال»: نعم!"), "قال نعم");
  EXPECT_EQ(SplitWords("  a  bb c ").size(), 3u);
  EXPECT_EQ(FtsPhrase({"a", "b"}), "\"a b\"");
  EXPECT_EQ(FtsAllWords({"a", "b"}), "\"a\" \"b\"");
}

TEST(LookupSearchQueryTest, Dates) {
  struct Case {
    const char* date;
    const char* day;
  } const days[] = {
      {"2024-06-19", "2024-06-19"},  {"2024-06-19T14:49:00+03:00", "2024-06-19"},
      {"2024/06/19", "2024-06-19"},  {"2024-02-29", "2024-02-29"},
      {"2023-02-29", ""},            {"19/06/2024", ""},
      {"2024-06-190", ""},           {"", ""},
      {"2024-13-01", ""},            {"2024-06-19 10:00", "2024-06-19"},
  };
  for (const Case& c : days) EXPECT_EQ(DayOf(c.date), c.day) << "date '" << c.date << "'";

  struct Bound {
    const char* text;
    bool upper;
    const char* day;  // "" for an error
  } const bounds[] = {
      {"2024", false, "2024-01-01"},       {"2024", true, "2024-12-31"},        {"2024-06", false, "2024-06-01"},
      {"2024-06", true, "2024-06-31"},     {"2024-06-19", true, "2024-06-19"},  {"2024-6", false, ""},
      {"2024-00", false, ""},              {"2024/06/19", false, ""},           {"June", false, ""},
      {"0000", false, ""},
  };
  for (const Bound& b : bounds) {
    auto day = ParseDayBound(b.text, b.upper);
    if (*b.day == '\0') {
      EXPECT_FALSE(day.ok()) << "'" << b.text << "' gave " << (day.ok() ? *day : "");
    } else {
      ASSERT_TRUE(day.ok()) << "'" << b.text << "': " << day.status().message();
      EXPECT_EQ(*day, b.day) << "'" << b.text << "'";
    }
  }
  v1::Kind kind;
  EXPECT_TRUE(ParseKind("Direct", &kind));
  EXPECT_EQ(kind, v1::DIRECT);
  EXPECT_TRUE(ParseKind("indirect", &kind));
  EXPECT_EQ(kind, v1::INDIRECT);
  EXPECT_FALSE(ParseKind("quoted", &kind));
}

TEST(LookupNearDuplicatesTest, FindsShorterRootsInsideAText) {
  auto words_of = [](const char* text) {
    static std::deque<std::string>* keep = new std::deque<std::string>;  // views stay valid
    keep->push_back(text);
    return SplitWords(keep->back());
  };
  const uint64_t speaker = Hash64("s");
  auto lead = [&](const std::vector<std::string_view>& w) {
    return RunKey(speaker, WordHashes(w).data(), 3);
  };
  NearDuplicates near(3);
  auto short1 = words_of("b c d");
  auto short2 = words_of("e f g h");
  auto other = words_of("x y z");
  near.Add(1, lead(short1), 3);
  near.Add(2, lead(short2), 4);
  near.Add(3, lead(other), 3);
  near.Add(4, RunKey(Hash64("t"), WordHashes(short1).data(), 3), 3);  // another speaker

  auto text = words_of("a b c d e f g h");
  std::vector<NearDuplicates::Candidate> got;
  near.Candidates(speaker, WordHashes(text), &got);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].id, 1);
  EXPECT_EQ(got[0].at, 1u);
  EXPECT_EQ(got[1].id, 2);
  EXPECT_EQ(got[1].at, 4u);
  EXPECT_TRUE(WordsAt(text, got[0].at, short1));

  near.Remove(1, lead(short1));
  near.Candidates(speaker, WordHashes(text), &got);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].id, 2);
  // A root as long as the text is not a candidate.
  near.Candidates(speaker, WordHashes(short2), &got);
  EXPECT_TRUE(got.empty());
  // Many roots: the table grows and still finds them.
  NearDuplicates many(1);
  std::vector<std::string> names;
  QAWL_GCC_BUG_105329_BEGIN  // -Wrestrict false positive, see gcc_warnings.h
  for (int i = 0; i < 5000; ++i) names.push_back("w" + std::to_string(i));
  QAWL_GCC_BUG_105329_END
  std::vector<std::string_view> all(names.begin(), names.end());
  std::vector<uint64_t> hashes = WordHashes(all);
  for (int i = 0; i < 5000; ++i) many.Add(i + 1, RunKey(speaker, &hashes[static_cast<size_t>(i)], 1), 1);
  many.Candidates(speaker, hashes, &got);
  EXPECT_EQ(got.size(), 5000u);
}

TEST(LookupTextTableTest, DisplayWidth) {
  struct Case {
    const char* text;
    size_t width;
  } const cases[] = {
      {"abc", 3},
      {"بوتين", 5},
      {"بُوتِين", 5},            // diacritics take no cell
      {"\u2067بوتين\u2069", 5},  // isolates neither
      {"中文", 4},
      {"", 0},
  };
  for (const Case& c : cases) EXPECT_EQ(DisplayWidth(c.text), c.width) << "'" << c.text << "'";
  EXPECT_TRUE(HasRightToLeft("Putin بوتين"));
  EXPECT_FALSE(HasRightToLeft("Putin 2024"));
}

TEST(LookupTextTableTest, AlignsByDisplayWidthAndIsolatesArabic) {
  TextTable table({{"#", true}, {"speaker"}, {"quote", false, true}});
  table.AddRow({"1", "Vladimir Putin", "لم نشك أبدا على الإطلاق في أن القيادة الكورية الشمالية تأخذ اتفاقياتنا"});
  table.AddRow({"10", "بُوتِين", "نعم"});
  TableStyle style;
  style.width = 50;
  std::string out = table.Render(style);
  std::vector<std::string> lines;
  std::istringstream in(out);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_GE(lines.size(), 5u) << out;  // header, rule, a wrapped row, a row
  // The quote column starts at the same cell on every line.
  const size_t quote_column = DisplayWidth(lines[1].substr(0, lines[1].rfind(' ') + 1));
  for (const std::string& line : lines) {
    SCOPED_TRACE(line);
    EXPECT_LE(DisplayWidth(line), style.width);
    size_t isolate = line.find("\u2067");
    if (isolate != std::string::npos && line.find("\u2069") + 3 == line.size()) {
      // The last cell is Arabic: it starts at the quote column.
      size_t start = line.rfind("\u2067");
      EXPECT_EQ(DisplayWidth(line.substr(0, start)), quote_column);
    }
  }
  EXPECT_NE(out.find("\u2067بُوتِين\u2069"), std::string::npos) << out;
  style.isolate_rtl = false;
  EXPECT_EQ(table.Render(style).find("\u2067"), std::string::npos);
}

TEST(LookupTextTableTest, WrapsAtSpacesAndCutsLongWords) {
  struct Case {
    const char* text;
    size_t width;
    std::vector<std::string> lines;
  } const cases[] = {
      {"a bb ccc", 4, {"a bb", "ccc"}},
      {"abcdefgh", 3, {"abc", "def", "gh"}},
      {"كلمة كلمة", 4, {"كلمة", "كلمة"}},
      {"", 5, {""}},
      {"a b", 0, {"a b"}},
  };
  for (const Case& c : cases) EXPECT_EQ(WrapText(c.text, c.width), c.lines) << "'" << c.text << "'";
}

TEST(LookupResultFormatTest, DaysAndJson) {
  EXPECT_EQ(FormatDays("2024-06-19", "2024-06-19"), "2024-06-19");
  EXPECT_EQ(FormatDays("2024-06-18", "2024-06-20"), "2024-06-18\u202606-20");
  EXPECT_EQ(FormatDays("2023-12-01", "2024-06-20"), "2023-12-01\u20262024-06-20");
  EXPECT_EQ(FormatDays("", ""), "");
  EXPECT_EQ(JsonString("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(JsonString("بوتين"), "\"بوتين\"");
}

}  // namespace
}  // namespace qawl::lookup
