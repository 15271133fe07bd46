#include "qawl/lookup/web_handler.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string_view>

#include "qawl/gazetteer.h"
#include "qawl/lookup/index_text.h"
#include "qawl/lookup/result_format.h"
#include "qawl/lookup/search_query.h"
#include "qawl/lookup/web_assets.h"
#include "qawl/normalizer.h"

namespace qawl::lookup {
namespace {

// No inline script or style, nothing from elsewhere, no framing.
constexpr char kContentSecurityPolicy[] =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
constexpr char kJson[] = "application/json; charset=utf-8";

constexpr uint32_t kMaxPage = 1000;
constexpr uint32_t kMaxPageSize = 100;
constexpr uint32_t kDefaultPageSize = 20;

int64_t SteadyNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

WebResponse Json(int status, std::string body) {
  WebResponse r;
  r.status = status;
  r.content_type = kJson;
  r.body = std::move(body);
  return r;
}

// {"error":{"status":400,"parameter":"page","message":"..."}}; `parameter`
// is left out when empty.
WebResponse Error(int status, const std::string& parameter, const std::string& message) {
  std::string body = "{\"error\":{\"status\":" + std::to_string(status);
  if (!parameter.empty()) body += ",\"parameter\":" + JsonString(parameter);
  body += ",\"message\":" + JsonString(message) + "}}";
  return Json(status, std::move(body));
}

// The error for a failed index call.
WebResponse IndexError(const Status& s, const QuoteIndex* index) {
  if (index != nullptr && index->timed_out()) return Error(503, "", s.message());
  if (s.code() == Status::Code::kInvalidArgument) return Error(400, "", s.message());
  return Error(500, "", "the index could not be read: " + s.message());
}

// ---------------------------------------------------------------------------
// Parameters

enum class ParamType { kText, kDate, kKind, kPage, kPageSize };

struct ParamSpec {
  const char* name;
  ParamType type;
};

constexpr ParamSpec kSearchParams[] = {
    {"speaker", ParamType::kText}, {"q", ParamType::kText},      {"phrase", ParamType::kText},
    {"since", ParamType::kDate},   {"until", ParamType::kDate},  {"kind", ParamType::kKind},
    {"page", ParamType::kPage},    {"page_size", ParamType::kPageSize}};
constexpr ParamSpec kSuggestParams[] = {{"prefix", ParamType::kText}};

struct BadParam {
  std::string name;
  std::string message;
};

// Shows a rejected value in a message: its first bytes, made valid UTF-8
// (JsonString escapes the rest).
std::string Shown(std::string_view value) {
  if (value.size() > 40) return "'" + SanitizeUtf8(value.substr(0, 40)) + "…'";
  return "'" + SanitizeUtf8(value) + "'";
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Strict YYYY-MM-DD naming a day of the calendar (years 1000-9999).
bool IsRealDay(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  return d <= kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
}

// A whole number in [low, high].
std::optional<uint32_t> ParseBounded(std::string_view s, uint32_t low, uint32_t high) {
  if (s.empty() || s.size() > 9) return std::nullopt;
  uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<uint32_t>(c - '0');
  }
  if (v < low || v > high) return std::nullopt;
  return v;
}

std::optional<BadParam> CheckValue(const ParamSpec& spec, const std::string& value, uint32_t max_bytes) {
  std::string name = spec.name;
  if (value.size() > max_bytes) {
    return BadParam{name, name + " is " + std::to_string(value.size()) + " bytes long; at most " +
                              std::to_string(max_bytes) + " are accepted"};
  }
  if (value.find('\0') != std::string::npos) return BadParam{name, name + " contains a NUL character"};
  if (!IsValidUtf8(value)) return BadParam{name, name + " is not valid UTF-8"};
  switch (spec.type) {
    case ParamType::kText:
      break;
    case ParamType::kDate:
      if (!IsRealDay(value)) return BadParam{name, name + " must be a day as YYYY-MM-DD, not " + Shown(value)};
      break;
    case ParamType::kKind: {
      v1::Kind kind;
      if (!ParseKind(value, &kind)) {
        return BadParam{name, name + " must be direct, partial or indirect, not " + Shown(value)};
      }
      break;
    }
    case ParamType::kPage:
      if (!ParseBounded(value, 1, kMaxPage)) {
        return BadParam{name, name + " must be a whole number from 1 to " + std::to_string(kMaxPage) + ", not " +
                                  Shown(value)};
      }
      break;
    case ParamType::kPageSize:
      if (!ParseBounded(value, 1, kMaxPageSize)) {
        return BadParam{name, name + " must be a whole number from 1 to " + std::to_string(kMaxPageSize) +
                                  ", not " + Shown(value)};
      }
      break;
  }
  return std::nullopt;
}

// Checks the request's parameters against `specs`: every name known and
// given once, every value well-formed. Empty values count as absent (an
// empty form field). On success fills *values.
template <size_t N>
std::optional<BadParam> CheckParams(const WebRequest& request, const ParamSpec (&specs)[N], uint32_t max_bytes,
                                    std::map<std::string, std::string>* values) {
  std::set<std::string> seen;
  for (const auto& [name, value] : request.params) {
    const ParamSpec* spec = nullptr;
    for (const ParamSpec& s : specs) {
      if (name == s.name) spec = &s;
    }
    if (spec == nullptr) {
      std::string known;
      for (const ParamSpec& s : specs) known += (known.empty() ? "" : ", ") + std::string(s.name);
      return BadParam{SanitizeUtf8(name.substr(0, 40)), "unknown parameter " + Shown(name) + " (known: " + known + ")"};
    }
    if (!seen.insert(name).second) return BadParam{name, name + " is given more than once"};
    if (value.empty()) continue;
    if (auto bad = CheckValue(*spec, value, max_bytes)) return bad;
    (*values)[name] = value;
  }
  return std::nullopt;
}

std::string Get(const std::map<std::string, std::string>& values, const std::string& name) {
  auto it = values.find(name);
  return it == values.end() ? "" : it->second;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return out;
}

// True when a word of `key` (words joined by single spaces) starts with
// `prefix`.
bool WordPrefix(std::string_view key, std::string_view prefix) {
  for (size_t at = 0; at <= key.size();) {
    if (key.compare(at, prefix.size(), prefix) == 0) return true;
    size_t space = key.find(' ', at);
    if (space == std::string_view::npos) break;
    at = space + 1;
  }
  return false;
}

std::string ContentType(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

}  // namespace

// A gazetteer name a suggestion may match.
struct WebHandler::Suggestion {
  int entity;
  std::string key;    // IndexText of the name, or the lowercased id
  std::string label;  // the name as shown
};

std::string WebResponse::header(const std::string& name) const {
  for (const auto& [n, v] : headers) {
    if (n == name) return v;
  }
  return "";
}

WebHandler::WebHandler(std::string db_path, const Gazetteer* gazetteer, WebOptions options)
    : db_path_(std::move(db_path)), gazetteer_(gazetteer), options_(options) {
  if (gazetteer_ == nullptr) return;
  for (size_t i = 0; i < gazetteer_->size(); ++i) {
    int e = static_cast<int>(i);
    const Entity& entity = gazetteer_->entity(e);
    names_.push_back({e, Lower(entity.id), entity.id});
    names_.push_back({e, IndexText(entity.name), entity.name});
    for (const std::string& a : entity.aliases) names_.push_back({e, IndexText(a), a});
    for (const std::string& a : entity.english) names_.push_back({e, IndexText(a), a});
  }
}

WebHandler::~WebHandler() = default;

StatusOr<std::unique_ptr<WebHandler>> WebHandler::Create(const std::string& db_path, const Gazetteer* gazetteer,
                                                         WebOptions options) {
  std::unique_ptr<WebHandler> handler(new WebHandler(db_path, gazetteer, options));
  // Open one connection now, so that a missing or damaged index is
  // reported at start.
  auto index = handler->Acquire();
  if (!index.ok()) return index.status();
  handler->Release(std::move(index).value());
  return handler;
}

StatusOr<std::unique_ptr<QuoteIndex>> WebHandler::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!pool_.empty()) {
      std::unique_ptr<QuoteIndex> index = std::move(pool_.back());
      pool_.pop_back();
      return index;
    }
  }
  IndexOptions index_options;
  index_options.cache_mib = options_.cache_mib;
  auto index = QuoteIndex::OpenReadOnly(db_path_, index_options);
  if (!index.ok()) return index.status();
  (*index)->SetTimeLimit(options_.query_time_limit_ms);
  return index;
}

void WebHandler::Release(std::unique_ptr<QuoteIndex> index) {
  std::lock_guard<std::mutex> lock(mu_);
  pool_.push_back(std::move(index));
}

// A pooled connection, given back when the request is done.
class WebHandler::Lease {
 public:
  explicit Lease(WebHandler* handler) : handler_(handler) {
    auto index = handler->Acquire();
    if (index.ok()) {
      index_ = std::move(index).value();
    } else {
      status_ = index.status();
    }
  }
  ~Lease() {
    if (index_ != nullptr) handler_->Release(std::move(index_));
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  QuoteIndex* get() const { return index_.get(); }
  const Status& status() const { return status_; }

 private:
  WebHandler* handler_;
  std::unique_ptr<QuoteIndex> index_;
  Status status_;
};

StatusOr<std::shared_ptr<const std::vector<SpeakerCount>>> WebHandler::SpeakerCounts(QuoteIndex* index) {
  int64_t now = SteadyNanos();
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (speakers_ != nullptr && now - speakers_read_ns_ < int64_t{options_.speakers_refresh_seconds} * 1000000000) {
      return speakers_;
    }
  }
  auto speakers = index->Speakers();
  if (!speakers.ok()) return speakers.status();
  auto shared = std::make_shared<const std::vector<SpeakerCount>>(std::move(speakers).value());
  std::lock_guard<std::mutex> lock(mu_);
  speakers_ = shared;
  speakers_read_ns_ = now;
  return shared;
}

WebResponse WebHandler::Handle(const WebRequest& request) {
  WebResponse r = Route(request);
  r.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
  r.headers.emplace_back("X-Frame-Options", "DENY");
  r.headers.emplace_back("Cache-Control", r.content_type == kJson ? "no-store" : "no-cache");
  return r;
}

WebResponse WebHandler::Route(const WebRequest& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    WebResponse r = Error(405, "", "method " + Shown(request.method) + " is not allowed; use GET");
    r.headers.emplace_back("Allow", "GET, HEAD");
    return r;
  }
  const std::string& path = request.path;
  if (path == "/api/search") return Search(request);
  if (path == "/api/speakers") return Suggest(request);
  constexpr std::string_view kSpeaker = "/api/speakers/";
  if (path.size() > kSpeaker.size() && path.compare(0, kSpeaker.size(), kSpeaker) == 0) {
    std::string id = path.substr(kSpeaker.size());
    if (id.size() > options_.max_param_bytes || id.find('\0') != std::string::npos || !IsValidUtf8(id) ||
        id.find('/') != std::string::npos) {
      return Error(400, "id", "the speaker id in the path must be at most " +
                                  std::to_string(options_.max_param_bytes) +
                                  " bytes of UTF-8 without NUL or '/'");
    }
    return Speaker(request, id);
  }
  if (path.compare(0, 5, "/api/") == 0 || path == "/api") return Error(404, "", "no such API: " + Shown(path));
  return Static(path);
}

WebResponse WebHandler::Static(const std::string& path) {
  std::string_view name = path == "/" ? "/index.html" : std::string_view(path);
  for (const EmbeddedFile& f : EmbeddedWebFiles()) {
    if (name.size() == f.name.size() + 1 && name[0] == '/' && name.substr(1) == f.name) {
      WebResponse r;
      r.content_type = ContentType(f.name);
      r.body = std::string(f.data);
      return r;
    }
  }
  WebResponse r;
  r.status = 404;
  r.content_type = "text/plain; charset=utf-8";
  r.body = "404 not found\n";
  return r;
}

WebResponse WebHandler::Search(const WebRequest& request) {
  std::map<std::string, std::string> values;
  if (auto bad = CheckParams(request, kSearchParams, options_.max_param_bytes, &values)) {
    return Error(400, bad->name, bad->message);
  }
  SearchQuery query;
  query.speaker = Get(values, "speaker");
  query.words = Get(values, "q");
  query.phrase = Get(values, "phrase");
  query.since = Get(values, "since");
  query.until = Get(values, "until");
  if (!query.since.empty() && !query.until.empty() && query.since > query.until) {
    return Error(400, "until", "until " + query.until + " is before since " + query.since);
  }
  for (const char* name : {"q", "phrase"}) {
    std::string text = Get(values, name);
    if (!text.empty() && IndexText(text).empty()) {
      return Error(400, name, std::string(name) + " has no words (letters or digits)");
    }
  }
  if (values.count("kind")) ParseKind(values["kind"], &query.kind);
  uint32_t page = values.count("page") ? *ParseBounded(values["page"], 1, kMaxPage) : 1;
  uint32_t page_size =
      values.count("page_size") ? *ParseBounded(values["page_size"], 1, kMaxPageSize) : kDefaultPageSize;
  query.offset = (page - 1) * page_size;
  query.limit = page_size + 1;  // one more tells whether there is a next page
  query.occurrences = true;
  query.max_occurrences = options_.max_occurrences;

  Lease index(this);
  if (index.get() == nullptr) return IndexError(index.status(), nullptr);
  std::string speaker_json = "null";
  if (!query.speaker.empty()) {
    auto match = index.get()->ResolveSpeaker(query.speaker, gazetteer_);
    if (!match.ok()) {
      if (match.status().code() == Status::Code::kNotFound) {
        return Error(404, "speaker", "no speaker " + Shown(query.speaker) + " in the gazetteer or the index");
      }
      return IndexError(match.status(), index.get());
    }
    if (match->by != SpeakerMatch::By::kMention) {
      query.speaker = match->id;  // resolved once; Search finds the stored id
      int e = gazetteer_ != nullptr ? gazetteer_->FindId(match->id) : -1;
      speaker_json = "{\"id\":" + JsonString(match->id) +
                     ",\"name\":" + JsonString(e >= 0 ? gazetteer_->entity(e).name : match->id) + "}";
    }
  }
  auto entries = index.get()->Search(query, gazetteer_);
  if (!entries.ok()) return IndexError(entries.status(), index.get());
  bool more = entries->size() > page_size;
  if (more) entries->resize(page_size);
  std::string body = "{\"page\":" + std::to_string(page) + ",\"page_size\":" + std::to_string(page_size) +
                     ",\"has_more\":" + (more ? "true" : "false") + ",\"speaker\":" + speaker_json +
                     ",\"entries\":[";
  for (size_t i = 0; i < entries->size(); ++i) {
    if (i > 0) body += ',';
    AppendEntryJson((*entries)[i], &body);
  }
  body += "]}";
  return Json(200, std::move(body));
}

WebResponse WebHandler::Suggest(const WebRequest& request) {
  std::map<std::string, std::string> values;
  if (auto bad = CheckParams(request, kSuggestParams, options_.max_param_bytes, &values)) {
    return Error(400, bad->name, bad->message);
  }
  std::string prefix = IndexText(Get(values, "prefix"));
  Lease index(this);
  if (index.get() == nullptr) return IndexError(index.status(), nullptr);
  auto counts = SpeakerCounts(index.get());
  if (!counts.ok()) return IndexError(counts.status(), index.get());

  struct Found {
    std::string id, name, label, wikidata;
    uint64_t quotes = 0;
  };
  std::map<std::string, Found> found;  // by id
  std::map<std::string, uint64_t> quotes;
  for (const SpeakerCount& c : **counts) {
    if (!c.id.empty()) quotes[c.id] = c.quotes;
  }
  for (const Suggestion& s : names_) {
    const Entity& e = gazetteer_->entity(s.entity);
    auto q = quotes.find(e.id);
    if (q == quotes.end() || found.count(e.id)) continue;
    if (!prefix.empty() && !WordPrefix(s.key, prefix)) continue;
    found[e.id] = {e.id, e.name, s.label, e.wikidata, q->second};
  }
  // Stored ids the gazetteer does not know (an index built with another).
  for (const SpeakerCount& c : **counts) {
    if (c.id.empty() || found.count(c.id)) continue;
    if (gazetteer_ != nullptr && gazetteer_->FindId(c.id) >= 0) continue;
    if (!prefix.empty() && !WordPrefix(Lower(c.id), prefix) && !WordPrefix(IndexText(c.name), prefix)) continue;
    found[c.id] = {c.id, c.name, c.name.empty() ? c.id : c.name, "", c.quotes};
  }
  std::vector<Found> list;
  for (auto& [id, f] : found) list.push_back(std::move(f));
  std::stable_sort(list.begin(), list.end(), [](const Found& a, const Found& b) { return a.quotes > b.quotes; });
  if (list.size() > options_.max_suggestions) list.resize(options_.max_suggestions);
  std::string body = "{\"speakers\":[";
  for (size_t i = 0; i < list.size(); ++i) {
    const Found& f = list[i];
    if (i > 0) body += ',';
    body += "{\"id\":" + JsonString(f.id) + ",\"name\":" + JsonString(f.name) + ",\"label\":" + JsonString(f.label) +
            ",\"wikidata\":" + JsonString(f.wikidata) + ",\"quotes\":" + std::to_string(f.quotes) + "}";
  }
  body += "]}";
  return Json(200, std::move(body));
}

WebResponse WebHandler::Speaker(const WebRequest& request, const std::string& id) {
  if (!request.params.empty()) {
    const std::string& name = request.params[0].first;
    return Error(400, SanitizeUtf8(name.substr(0, 40)),
                 "unknown parameter " + Shown(name) + " (a speaker page takes none)");
  }
  Lease index(this);
  if (index.get() == nullptr) return IndexError(index.status(), nullptr);
  auto profile = index.get()->Profile(id);
  if (!profile.ok()) {
    if (profile.status().code() == Status::Code::kNotFound) {
      return Error(404, "id", "no speaker with id " + Shown(id) + " in the index");
    }
    return IndexError(profile.status(), index.get());
  }
  SearchQuery query;
  query.speaker = id;
  query.limit = options_.speaker_recent;
  query.occurrences = true;
  query.max_occurrences = options_.max_occurrences;
  // Found by its stored id, whatever the gazetteer says.
  auto recent = index.get()->Search(query, nullptr);
  if (!recent.ok()) return IndexError(recent.status(), index.get());
  int e = gazetteer_ != nullptr ? gazetteer_->FindId(id) : -1;
  std::string name = e >= 0 ? gazetteer_->entity(e).name : profile->name;
  std::string body = "{\"id\":" + JsonString(id) + ",\"name\":" + JsonString(name) +
                     ",\"wikidata\":" + JsonString(e >= 0 ? gazetteer_->entity(e).wikidata : "") +
                     ",\"quotes\":" + std::to_string(profile->quotes) +
                     ",\"entries\":" + std::to_string(profile->entries) +
                     ",\"first_date\":" + JsonString(profile->first_day) +
                     ",\"last_date\":" + JsonString(profile->last_day) + ",\"months\":[";
  for (size_t i = 0; i < profile->months.size(); ++i) {
    if (i > 0) body += ',';
    body += "{\"month\":" + JsonString(profile->months[i].first) +
            ",\"quotes\":" + std::to_string(profile->months[i].second) + "}";
  }
  body += "],\"recent\":[";
  for (size_t i = 0; i < recent->size(); ++i) {
    if (i > 0) body += ',';
    AppendEntryJson((*recent)[i], &body);
  }
  body += "]}";
  return Json(200, std::move(body));
}

}  // namespace qawl::lookup
