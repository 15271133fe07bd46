// Tests of qawl-lookup serve's request handling without sockets
// (WebHandler): routing, parameter validation, hostile input, the JSON
// records and the security headers, over a small index of hand-made
// records (three of Putin's, a Stoltenberg one and a hostile one); and of
// the real server (WebServer) on an ephemeral port of 127.0.0.1, through
// httplib's client.
#include <gtest/gtest.h>
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "qawl/lookup/quote_index.h"
#include "qawl/lookup/web_handler.h"
#include "qawl/lookup/web_server.h"
#include "qawl/quote_writer.h"
#include "test_util.h"

namespace qawl::lookup {
namespace {

namespace fs = std::filesystem;
using google::protobuf::Struct;
using google::protobuf::Value;

constexpr char kHostileMention[] = "<script>alert('mention')</script>";
constexpr char kHostileText[] = "\"><img src=x onerror=alert(1)> <script>alert('quote')</script> كلام خطير";

v1::Quote MakeQuote(const std::string& article, v1::Kind kind, const std::string& text, const std::string& speaker_id,
                    const std::string& mention, const std::string& date, const std::string& url) {
  v1::Quote q;
  q.set_article_id(article);
  q.set_kind(kind);
  q.set_text(text);
  q.mutable_span()->set_begin(10);
  q.mutable_span()->set_end(static_cast<uint32_t>(10 + text.size()));
  q.mutable_speaker()->set_id(speaker_id);
  q.mutable_speaker()->set_name(speaker_id == "vladimir-putin"      ? "Vladimir Putin"
                                : speaker_id == "jens-stoltenberg" ? "Jens Stoltenberg"
                                                                   : "");
  q.mutable_speaker()->set_mention(mention);
  q.set_confidence(0.9f);
  q.set_date(date);
  q.set_url(url);
  return q;
}

// The JSON body parsed, or a failure naming the body.
Struct Parse(const WebResponse& r) {
  Struct s;
  auto status = google::protobuf::util::JsonStringToMessage(r.body, &s);
  EXPECT_TRUE(status.ok()) << "not JSON: " << r.body;
  return s;
}

const Value& Field(const Struct& s, const std::string& name) {
  static const Value* none = new Value();
  auto it = s.fields().find(name);
  return it == s.fields().end() ? *none : it->second;
}

class WebHandlerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(testing::ScratchPath("web-handler"));
    fs::create_directories(*dir_);
    std::vector<v1::Quote> quotes = {
        MakeQuote("a1", v1::DIRECT, "المعاهدة تنص على المساعدة المتبادلة في حالة العدوان", "vladimir-putin", "بوتين",
                  "2024-06-19", "https://example.org/a1"),
        // The same words in other spellings, in another article: one entry.
        MakeQuote("a2", v1::DIRECT, "المعاهدةُ تنصّ على المساعده المتبادله في حاله العدوان", "vladimir-putin",
                  "الرئيس الروسي", "2024-06-20T09:30:00+03:00", "https://example.org/a2"),
        MakeQuote("a3", v1::INDIRECT, "القوات الكورية وصلت إلى منطقة كورسك", "vladimir-putin", "بوتين", "2024-10-24",
                  "javascript:alert(1)"),
        MakeQuote("a4", v1::PARTIAL, "اتحاد البلدين", "jens-stoltenberg", "ستولتنبرغ", "2024-06-28",
                  "https://example.org/a4"),
        MakeQuote("a5", v1::DIRECT, kHostileText, "", kHostileMention, "2024-07-01", "https://example.org/a5"),
    };
    std::string feed = (*dir_ / "quotes.pb").string();
    std::string data;
    for (const v1::Quote& q : quotes) QuoteWriter::Encode(q, Format::kPb, &data);
    std::ofstream(feed, std::ios::binary) << data;
    db_ = new std::string((*dir_ / "quotes.db").string());
    {
      auto index = QuoteIndex::Open(*db_);
      ASSERT_TRUE(index.ok()) << index.status().message();
      UpdateStats stats;
      ASSERT_TRUE((*index)->Update({feed}, &stats).ok());
      ASSERT_EQ(stats.added, quotes.size());
      ASSERT_TRUE((*index)->Checkpoint().ok());
    }
    auto handler = WebHandler::Create(*db_, &testing::Patterns().gazetteer());
    ASSERT_TRUE(handler.ok()) << handler.status().message();
    handler_ = std::move(handler).value().release();
  }
  static void TearDownTestSuite() {
    delete handler_;
    fs::remove_all(*dir_);
    delete dir_;
    delete db_;
  }

  static WebResponse Get(const std::string& path, std::vector<std::pair<std::string, std::string>> params = {}) {
    WebRequest r;
    r.path = path;
    r.params = std::move(params);
    return handler_->Handle(r);
  }

  static fs::path* dir_;
  static std::string* db_;
  static WebHandler* handler_;
};

fs::path* WebHandlerTest::dir_ = nullptr;
std::string* WebHandlerTest::db_ = nullptr;
WebHandler* WebHandlerTest::handler_ = nullptr;

TEST_F(WebHandlerTest, SearchFindsASpeakerByIdArabicAndEnglishAlias) {
  for (const std::string speaker : {"vladimir-putin", "بوتين", "بوتن", "Putin", "vladimir putin", "الرئيس الروسي"}) {
    WebResponse r = Get("/api/search", {{"speaker", speaker}});
    ASSERT_EQ(r.status, 200) << speaker << ": " << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8") << speaker;
    Struct s = Parse(r);
    EXPECT_EQ(Field(Field(s, "speaker").struct_value(), "id").string_value(), "vladimir-putin") << speaker;
    const auto& entries = Field(s, "entries").list_value().values();
    ASSERT_EQ(entries.size(), 2) << speaker << ": " << r.body;
    // Most recent first; the two spellings of the treaty quote are one
    // entry with both reports.
    const Struct& latest = entries[0].struct_value();
    EXPECT_EQ(Field(latest, "last_date").string_value(), "2024-10-24") << speaker;
    const Struct& treaty = entries[1].struct_value();
    EXPECT_EQ(Field(treaty, "count").number_value(), 2) << speaker;
    EXPECT_EQ(Field(treaty, "first_date").string_value(), "2024-06-19") << speaker;
    EXPECT_EQ(Field(treaty, "last_date").string_value(), "2024-06-20") << speaker;
    // Occurrences are records with the proto's JSON field names.
    const auto& occurrences = Field(treaty, "occurrences").list_value().values();
    ASSERT_EQ(occurrences.size(), 2) << speaker;
    const Struct& first = occurrences[0].struct_value();
    EXPECT_EQ(Field(first, "article_id").string_value(), "a1") << speaker;
    EXPECT_EQ(Field(first, "kind").string_value(), "DIRECT") << speaker;
    EXPECT_EQ(Field(first, "url").string_value(), "https://example.org/a1") << speaker;
    EXPECT_NEAR(Field(first, "confidence").number_value(), 0.9, 1e-6) << speaker;
    EXPECT_EQ(Field(Field(first, "speaker").struct_value(), "mention").string_value(), "بوتين") << speaker;
  }
}

TEST_F(WebHandlerTest, SearchConditions) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> first_articles;  // of each entry, in order
  };
  const Case cases[] = {
      {{{"phrase", "المساعدة المتبادلة"}}, {"a1"}},
      {{{"phrase", "المساعدهُ المتبادلةَ"}}, {"a1"}},  // spelling variants
      {{{"phrase", "المتبادلة المساعدة"}}, {}},        // word order matters
      {{{"q", "المتبادلة المساعدة"}}, {"a1"}},
      {{{"speaker", "Putin"}, {"since", "2024-07-01"}}, {"a3"}},
      {{{"speaker", "Putin"}, {"until", "2024-06-19"}}, {"a1"}},
      {{{"kind", "indirect"}}, {"a3"}},
      {{{"kind", "partial"}}, {"a4"}},
      {{{"speaker", "jens-stoltenberg"}}, {"a4"}},
      {{{"speaker", "Putin"}, {"page_size", "1"}}, {"a3"}},
      {{{"speaker", "Putin"}, {"page_size", "1"}, {"page", "2"}}, {"a1"}},
      {{{"speaker", "Putin"}, {"page_size", "1"}, {"page", "3"}}, {}},
      {{{"speaker", ""}, {"q", ""}, {"kind", ""}, {"page_size", "2"}}, {"a3", "a5"}},  // empty fields: absent
  };
  for (const Case& c : cases) {
    std::string context;
    for (const auto& [k, v] : c.params) context += k + "=" + v + " ";
    WebResponse r = Get("/api/search", c.params);
    ASSERT_EQ(r.status, 200) << context << r.body;
    Struct s = Parse(r);
    std::vector<std::string> got;
    for (const Value& e : Field(s, "entries").list_value().values()) {
      got.push_back(
          Field(Field(e.struct_value(), "occurrences").list_value().values(0).struct_value(), "article_id")
              .string_value());
    }
    EXPECT_EQ(got, c.first_articles) << context << r.body;
  }
  // has_more tells whether a next page exists.
  Struct first = Parse(Get("/api/search", {{"speaker", "Putin"}, {"page_size", "1"}}));
  EXPECT_TRUE(Field(first, "has_more").bool_value());
  Struct last = Parse(Get("/api/search", {{"speaker", "Putin"}, {"page_size", "1"}, {"page", "2"}}));
  EXPECT_FALSE(Field(last, "has_more").bool_value());
}

TEST_F(WebHandlerTest, BadParametersAre400sNamingThem) {
  struct Case {
    std::string path;
    std::vector<std::pair<std::string, std::string>> params;
    int status;
    std::string parameter;  // expected in the error
  };
  const std::string long_text(201, 'a');
  const Case cases[] = {
      {"/api/search", {{"page", "0"}}, 400, "page"},
      {"/api/search", {{"page", "1001"}}, 400, "page"},
      {"/api/search", {{"page", "-1"}}, 400, "page"},
      {"/api/search", {{"page", "1e3"}}, 400, "page"},
      {"/api/search", {{"page", "99999999999999999999"}}, 400, "page"},
      {"/api/search", {{"page_size", "0"}}, 400, "page_size"},
      {"/api/search", {{"page_size", "101"}}, 400, "page_size"},
      {"/api/search", {{"since", "2024-02-30"}}, 400, "since"},
      {"/api/search", {{"since", "2023-02-29"}}, 400, "since"},
      {"/api/search", {{"since", "2024-13-01"}}, 400, "since"},
      {"/api/search", {{"since", "2024-6-1"}}, 400, "since"},
      {"/api/search", {{"since", "2024"}}, 400, "since"},
      {"/api/search", {{"until", "2024-06-19T00:00"}}, 400, "until"},
      {"/api/search", {{"until", "٢٠٢٤-٠٦-١٩"}}, 400, "until"},
      {"/api/search", {{"since", "2024-07-01"}, {"until", "2024-06-01"}}, 400, "until"},
      {"/api/search", {{"kind", "quote"}}, 400, "kind"},
      {"/api/search", {{"speaker", long_text}}, 400, "speaker"},
      {"/api/search", {{"q", long_text}}, 400, "q"},
      {"/api/search", {{"phrase", std::string("a\0b", 3)}}, 400, "phrase"},
      {"/api/search", {{"q", "\xff\xfe"}}, 400, "q"},
      {"/api/search", {{"speaker", "\xd8"}}, 400, "speaker"},
      {"/api/search", {{"limit", "5"}}, 400, "limit"},
      {"/api/search", {{"page", "1"}, {"page", "2"}}, 400, "page"},
      {"/api/search", {{"q", "..."}}, 400, "q"},
      {"/api/search", {{"speaker", "nobody-at-all"}}, 404, "speaker"},
      {"/api/speakers", {{"prefix", long_text}}, 400, "prefix"},
      {"/api/speakers", {{"q", "x"}}, 400, "q"},
      {"/api/speakers/vladimir-putin", {{"page", "1"}}, 400, "page"},
      {"/api/speakers/nobody-at-all", {}, 404, "id"},
      {"/api/speakers/" + long_text, {}, 400, "id"},
      {"/api/nothing", {}, 404, ""},
  };
  for (const Case& c : cases) {
    std::string context = c.path;
    for (const auto& [k, v] : c.params) context += " " + k + "=" + v;
    WebResponse r = Get(c.path, c.params);
    EXPECT_EQ(r.status, c.status) << context << ": " << r.body;
    Struct s = Parse(r);
    const Struct& error = Field(s, "error").struct_value();
    EXPECT_EQ(Field(error, "status").number_value(), c.status) << context;
    EXPECT_EQ(Field(error, "parameter").string_value(), c.parameter) << context << ": " << r.body;
    if (!c.parameter.empty()) {
      EXPECT_NE(Field(error, "message").string_value().find(c.parameter), std::string::npos)
          << context << ": " << r.body;
    }
  }
}

TEST_F(WebHandlerTest, FullTextSyntaxInUserTextNeverFailsTheRequest) {
  const std::string inputs[] = {
      "\"", "\"unbalanced", "say \"what", "NEAR(", "NEAR(a b", "NEAR(كورسك القوات, 2)", "*", "كورس*", "OR",
      "a OR b", "-", "-كورسك", "AND NOT", "^كورسك", "norm:كورسك", "(((", "{a b}", "كورسك)", "'", "\\", "%",
      "كورسك; DROP TABLE quotes; --", "' OR 1=1 --", "كورسك\t\n\r"};
  for (const std::string& input : inputs) {
    for (const char* name : {"q", "phrase", "speaker"}) {
      WebResponse r = Get("/api/search", {{name, input}});
      std::string context = std::string(name) + "=" + input;
      EXPECT_TRUE(r.status == 200 || r.status == 400 || r.status == 404) << context << ": " << r.status << " "
                                                                          << r.body;
      Struct s = Parse(r);
      if (r.status != 200) {
        EXPECT_EQ(Field(Field(s, "error").struct_value(), "parameter").string_value(), name) << context;
      }
    }
  }
  // Operators are words: "كورسك" still finds the quote whatever surrounds it.
  for (const std::string input : {"كورسك*", "-كورسك", "\"كورسك", "(كورسك)", "كورسك\"", "^كورسك"}) {
    Struct s = Parse(Get("/api/search", {{"q", input}}));
    EXPECT_EQ(Field(s, "entries").list_value().values_size(), 1) << input;
  }
}

TEST_F(WebHandlerTest, HostileTextComesBackAsTheSameCharacters) {
  WebResponse r = Get("/api/search", {{"q", "خطير"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // The same characters once the JSON is parsed (the page then shows them
  // as text: see tests/scripts/web_browser.py).
  Struct s = Parse(r);
  ASSERT_EQ(Field(s, "entries").list_value().values_size(), 1) << r.body;
  const Struct& e = Field(s, "entries").list_value().values(0).struct_value();
  EXPECT_EQ(Field(e, "text").string_value(), kHostileText);
  EXPECT_EQ(Field(e, "mention").string_value(), kHostileMention);
  // The hostile mention is a speaker name to search by.
  Struct by_mention = Parse(Get("/api/search", {{"speaker", kHostileMention}}));
  EXPECT_EQ(Field(by_mention, "entries").list_value().values_size(), 1);
  // And a parameter echoed in an error is JSON text too.
  WebResponse bad = Get("/api/search", {{"kind", "<script>x</script>"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.content_type, "application/json; charset=utf-8");
}

TEST_F(WebHandlerTest, SuggestionsByArabicOrEnglishPrefix) {
  struct Case {
    std::string prefix;
    std::string first_id;  // "" for no suggestion
  };
  const Case cases[] = {{"بوت", "vladimir-putin"},  {"بوتين", "vladimir-putin"}, {"put", "vladimir-putin"},
                        {"Vladimir P", "vladimir-putin"}, {"vladimir-", "vladimir-putin"},
                        {"ستولت", "jens-stoltenberg"},   {"Stolt", "jens-stoltenberg"},
                        {"zzzz", ""},                     {"لافروف", ""}};  // Lavrov: no quote in the index
  for (const Case& c : cases) {
    WebResponse r = Get("/api/speakers", {{"prefix", c.prefix}});
    ASSERT_EQ(r.status, 200) << c.prefix << ": " << r.body;
    Struct s = Parse(r);
    const auto& list = Field(s, "speakers").list_value().values();
    if (c.first_id.empty()) {
      EXPECT_EQ(list.size(), 0) << c.prefix << ": " << r.body;
      continue;
    }
    ASSERT_GE(list.size(), 1) << c.prefix << ": " << r.body;
    const Struct& first = list[0].struct_value();
    EXPECT_EQ(Field(first, "id").string_value(), c.first_id) << c.prefix;
    EXPECT_FALSE(Field(first, "label").string_value().empty()) << c.prefix;
  }
  // No prefix: the most quoted speakers.
  Struct all = Parse(Get("/api/speakers"));
  ASSERT_GE(Field(all, "speakers").list_value().values_size(), 2);
  const Struct& top = Field(all, "speakers").list_value().values(0).struct_value();
  EXPECT_EQ(Field(top, "id").string_value(), "vladimir-putin");
  EXPECT_EQ(Field(top, "quotes").number_value(), 3);
  EXPECT_EQ(Field(top, "wikidata").string_value(), "Q7747");
}

TEST_F(WebHandlerTest, SpeakerPageCountsAndMonths) {
  WebResponse r = Get("/api/speakers/vladimir-putin");
  ASSERT_EQ(r.status, 200) << r.body;
  Struct s = Parse(r);
  EXPECT_EQ(Field(s, "name").string_value(), "Vladimir Putin");
  EXPECT_EQ(Field(s, "wikidata").string_value(), "Q7747");
  EXPECT_EQ(Field(s, "quotes").number_value(), 3);
  EXPECT_EQ(Field(s, "entries").number_value(), 2);
  EXPECT_EQ(Field(s, "first_date").string_value(), "2024-06-19");
  EXPECT_EQ(Field(s, "last_date").string_value(), "2024-10-24");
  const auto& months = Field(s, "months").list_value().values();
  ASSERT_EQ(months.size(), 2) << r.body;
  EXPECT_EQ(Field(months[0].struct_value(), "month").string_value(), "2024-06");
  EXPECT_EQ(Field(months[0].struct_value(), "quotes").number_value(), 2);
  EXPECT_EQ(Field(months[1].struct_value(), "month").string_value(), "2024-10");
  EXPECT_EQ(Field(months[1].struct_value(), "quotes").number_value(), 1);
  EXPECT_EQ(Field(s, "recent").list_value().values_size(), 2);
}

TEST_F(WebHandlerTest, ServesOnlyTheEmbeddedFiles) {
  struct Case {
    std::string path;
    int status;
    std::string content_type;
  };
  const Case cases[] = {
      {"/", 200, "text/html; charset=utf-8"},
      {"/index.html", 200, "text/html; charset=utf-8"},
      {"/app.js", 200, "text/javascript; charset=utf-8"},
      {"/style.css", 200, "text/css; charset=utf-8"},
      {"/../etc/passwd", 404, "text/plain; charset=utf-8"},
      {"/etc/passwd", 404, "text/plain; charset=utf-8"},
      {"/app.js/", 404, "text/plain; charset=utf-8"},
      {"//app.js", 404, "text/plain; charset=utf-8"},
      {"/web/app.js", 404, "text/plain; charset=utf-8"},
      {"/src/qawl/lookup/web/app.js", 404, "text/plain; charset=utf-8"},
      {"/app.js%00.html", 404, "text/plain; charset=utf-8"},
      {std::string("/app.js\0", 8), 404, "text/plain; charset=utf-8"},
      {"/index.html~", 404, "text/plain; charset=utf-8"},
      {"", 404, "text/plain; charset=utf-8"},
  };
  for (const Case& c : cases) {
    WebResponse r = Get(c.path);
    EXPECT_EQ(r.status, c.status) << c.path;
    EXPECT_EQ(r.content_type, c.content_type) << c.path;
  }
  // The page has no inline script or style (the policy would block it),
  // and the script renders data as text only.
  EXPECT_NE(Get("/").body.find("<script src=\"/app.js\" defer></script>"), std::string::npos);
  struct Forbidden {
    std::string path;
    std::vector<std::string> strings;
  };
  const Forbidden forbidden[] = {
      {"/", {"<script>", "style=", "<style", "onclick", "onload", "javascript:"}},
      {"/app.js", {"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"}},
  };
  for (const Forbidden& f : forbidden) {
    std::string body = Get(f.path).body;
    for (const std::string& s : f.strings) EXPECT_EQ(body.find(s), std::string::npos) << f.path << " has " << s;
  }
}

TEST_F(WebHandlerTest, EveryResponseCarriesTheSecurityHeaders) {
  const WebRequest requests[] = {
      {"GET", "/", {}},
      {"GET", "/app.js", {}},
      {"GET", "/nothing", {}},
      {"GET", "/api/search", {{"speaker", "Putin"}}},
      {"GET", "/api/search", {{"page", "0"}}},
      {"HEAD", "/api/speakers", {}},
      {"POST", "/api/search", {}},
      {"DELETE", "/", {}},
  };
  for (const WebRequest& request : requests) {
    WebResponse r = handler_->Handle(request);
    std::string context = request.method + " " + request.path;
    std::string csp = r.header("Content-Security-Policy");
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << context;
    EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << context;
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << context;
    EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << context;
    EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << context;
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff") << context;
    EXPECT_FALSE(r.header("Cache-Control").empty()) << context;
    if (request.method == "POST" || request.method == "DELETE") {
      EXPECT_EQ(r.status, 405) << context;
      EXPECT_EQ(r.header("Allow"), "GET, HEAD") << context;
    }
  }
}

TEST_F(WebHandlerTest, ManyThreadsAtOnce) {
  std::vector<std::thread> threads;
  std::vector<int> failures(8, 0);
  for (size_t t = 0; t < failures.size(); ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 50; ++i) {
        WebResponse a = Get("/api/search", {{"speaker", "Putin"}});
        WebResponse b = Get("/api/speakers/vladimir-putin");
        WebResponse c = Get("/api/speakers", {{"prefix", "بو"}});
        WebResponse d = Get("/api/search", {{"page", "x"}});
        if (a.status != 200 || b.status != 200 || c.status != 200 || d.status != 400) ++failures[t];
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (size_t t = 0; t < failures.size(); ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST_F(WebHandlerTest, RealServerOnAnEphemeralPort) {
  ServerOptions options;
  options.port = 0;
  options.threads = 4;
  options.max_request_bytes = 1024;
  WebServer server(handler_, options);
  auto port = server.Bind();
  ASSERT_TRUE(port.ok()) << port.status().message();
  ASSERT_GT(*port, 0);
  Status served;
  std::thread serving([&] { served = server.Serve(); });

  httplib::Client client("127.0.0.1", *port);
  client.set_connection_timeout(5);
  client.set_read_timeout(5);
  struct Case {
    std::string method;
    std::string path;  // as sent, percent-encoded
    int status;
    std::string content_type;  // expected prefix; "" for any
  };
  const Case cases[] = {
      {"GET", "/", 200, "text/html"},
      {"GET", "/app.js", 200, "text/javascript"},
      {"GET", "/api/search?speaker=%D8%A8%D9%88%D8%AA%D9%8A%D9%86", 200, "application/json"},  // بوتين
      {"GET", "/api/search?q=%22NEAR(%2A%20OR%20-", 200, "application/json"},
      {"GET", "/api/search?q=%00", 400, "application/json"},
      {"GET", "/api/search?q=%FF", 400, "application/json"},
      {"GET", "/api/search?page=0", 400, "application/json"},
      {"GET", "/api/speakers?prefix=put", 200, "application/json"},
      {"GET", "/api/speakers/vladimir-putin", 200, "application/json"},
      {"GET", "/api/speakers/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400, "application/json"},
      {"GET", "/%2e%2e/%2e%2e/etc/passwd", 404, ""},
      {"GET", "/../../etc/passwd", 404, ""},
      {"GET", std::string("/").append(10000, 'a'), 414, ""},
      {"POST", "/api/search", 405, "application/json"},
  };
  for (const Case& c : cases) {
    httplib::Result res = c.method == "GET" ? client.Get(c.path) : client.Post(c.path, "x", "text/plain");
    ASSERT_TRUE(res) << c.method << " " << c.path << ": " << httplib::to_string(res.error());
    EXPECT_EQ(res->status, c.status) << c.method << " " << c.path << ": " << res->body.substr(0, 300);
    EXPECT_EQ(res->get_header_value("Content-Type").rfind(c.content_type, 0), 0u) << c.path;
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff") << c.path;
    EXPECT_NE(res->get_header_value("Content-Security-Policy").find("default-src 'none'"), std::string::npos)
        << c.path;
    EXPECT_EQ(res->headers.count("Content-Security-Policy"), 1u) << c.path;
  }
  // A request body past the limit is refused before the handler.
  httplib::Result big = client.Post("/api/search", std::string(4096, 'x'), "text/plain");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);

  server.Stop();
  serving.join();
  EXPECT_TRUE(served.ok()) << served.message();
}

TEST_F(WebHandlerTest, TimeLimitCountsFromEachCall) {
  auto index = QuoteIndex::OpenReadOnly(*db_);
  ASSERT_TRUE(index.ok()) << index.status().message();
  (*index)->SetTimeLimit(1);
  for (int round = 0; round < 3; ++round) {
    // Time passed between calls is not counted against the next one.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto missing = (*index)->ResolveSpeaker("nobody-at-all", &testing::Patterns().gazetteer());
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.status().code(), Status::Code::kNotFound) << round << ": " << missing.status().message();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    SearchQuery q;
    q.speaker = "Putin";
    auto found = (*index)->Search(q, &testing::Patterns().gazetteer());
    ASSERT_TRUE(found.ok()) << round << ": " << found.status().message();
    EXPECT_EQ(found->size(), 2u) << round;
    EXPECT_FALSE((*index)->timed_out()) << round;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    auto profile = (*index)->Profile("vladimir-putin");
    ASSERT_TRUE(profile.ok()) << round << ": " << profile.status().message();
  }
}

TEST(WebHandlerOpenTest, MissingIndexIsNotFound) {
  auto handler = WebHandler::Create(testing::ScratchPath("no-such.db"), nullptr);
  ASSERT_FALSE(handler.ok());
  EXPECT_EQ(handler.status().code(), Status::Code::kNotFound) << handler.status().message();
}

}  // namespace
}  // namespace qawl::lookup
