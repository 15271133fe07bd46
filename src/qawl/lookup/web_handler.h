// WebHandler: what `qawl-lookup serve` answers, without the sockets. It
// takes a parsed HTTP request (method, decoded path, decoded query
// parameters) and returns the status, headers and body, so that routing,
// parameter validation and JSON rendering are tested without a server
// (web_server.h puts it behind cpp-httplib).
//
// Routes (documented in docs/lookup.md):
//   GET /api/search?speaker=&q=&phrase=&since=&until=&kind=&page=&page_size=
//       the entries of `qawl-lookup search`, a page at a time;
//   GET /api/speakers?prefix=    speaker suggestions (gazetteer aliases,
//                                Arabic or English, and stored ids);
//   GET /api/speakers/{id}       one speaker's counts, quotes per month
//                                and latest entries;
//   GET /, /index.html, /app.js, /style.css: the page, from the files
//       embedded at build time (web_assets.h); any other path is 404.
// HEAD is answered as GET; other methods get 405.
//
// Every parameter is checked before the index is asked: strings at most
// WebOptions::max_param_bytes of valid UTF-8 without NUL, dates as real
// YYYY-MM-DD days, kind direct|partial|indirect, page 1..1000, page_size
// 1..100; an unknown or repeated parameter is an error too. A bad one gets
// 400 and a JSON body {"error":{"status":400,"parameter":NAME,"message":…}};
// an unknown speaker 404; a query over its time limit 503; a damaged index
// 500. Records in the JSON are the protobuf JSON mapping of qawl.v1.Quote
// with the proto field names, as `qawl-extract --format=jsonl` writes them.
// Every response carries a Content-Security-Policy that allows no inline
// script or style and `X-Content-Type-Options: nosniff`.
//
// Ownership and thread-safety: Handle() may be called from many threads at
// once. The handler keeps a pool of read-only QuoteIndex connections (one
// per concurrent request), and does not own the gazetteer, which must
// outlive it.
#ifndef QAWL_LOOKUP_WEB_HANDLER_H_
#define QAWL_LOOKUP_WEB_HANDLER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "qawl/lookup/quote_index.h"
#include "qawl/status.h"

namespace qawl {
class Gazetteer;
}

namespace qawl::lookup {

struct WebRequest {
  std::string method = "GET";
  std::string path;  // percent-decoded, without the query string
  // Percent-decoded query parameters, in order; names may repeat.
  std::vector<std::pair<std::string, std::string>> params;
};

struct WebResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // The value of header `name` (exact case), or "".
  std::string header(const std::string& name) const;
};

struct WebOptions {
  // Longest accepted string parameter, in bytes. Default 200.
  uint32_t max_param_bytes = 200;
  // Each index query is abandoned after this long (503). Default 2000 ms.
  uint32_t query_time_limit_ms = 2000;
  // At most this many occurrences per entry in a response (the entry's
  // count still tells them all). Default 50.
  uint32_t max_occurrences = 50;
  // SQLite page cache of each pooled connection, in MiB (there is one
  // connection per concurrent request). Default 16.
  uint32_t cache_mib = 16;
  // Suggestions per /api/speakers answer. Default 10.
  uint32_t max_suggestions = 10;
  // Latest entries on a speaker page. Default 10.
  uint32_t speaker_recent = 10;
  // The speaker counts behind the suggestions are read again after this
  // long, so that an index updated under a running server is seen.
  // Default 60 s.
  uint32_t speakers_refresh_seconds = 60;
};

class WebHandler {
 public:
  // Opens the index at `db_path` read-only (kNotFound if there is none).
  // `gazetteer` resolves speaker names and gives suggestions; may be null.
  static StatusOr<std::unique_ptr<WebHandler>> Create(const std::string& db_path, const Gazetteer* gazetteer,
                                                      WebOptions options = WebOptions());
  ~WebHandler();
  WebHandler(const WebHandler&) = delete;
  WebHandler& operator=(const WebHandler&) = delete;

  // Answers one request. Thread-safe.
  WebResponse Handle(const WebRequest& request);

 private:
  class Lease;
  struct Suggestion;
  WebHandler(std::string db_path, const Gazetteer* gazetteer, WebOptions options);

  WebResponse Route(const WebRequest& request);
  WebResponse Search(const WebRequest& request);
  WebResponse Suggest(const WebRequest& request);
  WebResponse Speaker(const WebRequest& request, const std::string& id);
  WebResponse Static(const std::string& path);

  // A connection from the pool, opened if none is free.
  StatusOr<std::unique_ptr<QuoteIndex>> Acquire();
  void Release(std::unique_ptr<QuoteIndex> index);
  // Quotes per stored speaker id, read again when older than the refresh
  // interval.
  StatusOr<std::shared_ptr<const std::vector<SpeakerCount>>> SpeakerCounts(QuoteIndex* index);

  const std::string db_path_;
  const Gazetteer* const gazetteer_;
  const WebOptions options_;
  std::vector<Suggestion> names_;  // every gazetteer id, name and alias

  std::mutex mu_;
  std::vector<std::unique_ptr<QuoteIndex>> pool_;  // guarded by mu_
  std::shared_ptr<const std::vector<SpeakerCount>> speakers_;  // guarded by mu_
  int64_t speakers_read_ns_ = 0;                                // guarded by mu_
};

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_WEB_HANDLER_H_
