#include "qawl/extract_job.h"

#include <chrono>
#include <cinttypes>
#include <memory>

namespace qawl {

namespace {

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

}  // namespace

std::string FormatSummary(const ExtractJobStats& s) {
  char buf[256];
  double mb = static_cast<double>(s.bytes) / 1e6;
  std::snprintf(buf, sizeof(buf),
                "%" PRIu64 " articles, %" PRIu64 " quotes, %" PRIu64 " bad records, %" PRIu64
                " inputs failed, %.1f MB in %.2f s (%.1f MB/s, %.0f articles/s)",
                s.articles, s.quotes, s.bad_records, s.failed_inputs, mb, s.seconds,
                s.seconds > 0 ? mb / s.seconds : 0.0,
                s.seconds > 0 ? static_cast<double>(s.articles) / s.seconds : 0.0);
  return buf;
}

Status RunExtractJob(const PatternSet& patterns, const ExtractJobOptions& options,
                     std::FILE* diag, ExtractJobStats* stats) {
  auto start = std::chrono::steady_clock::now();
  *stats = ExtractJobStats();
  auto writer = QuoteWriter::Open(options.output, options.format);
  if (!writer.ok()) return writer.status();
  std::unique_ptr<QuoteWriter> errors;
  if (!options.errors_path.empty()) {
    auto e = QuoteWriter::Open(options.errors_path, Format::kJsonl);
    if (!e.ok()) return e.status();
    errors = std::move(e.value());
  }
  Extractor extractor(&patterns, options.extract);
  ArticleReader reader(options.inputs, options.reader);
  ReadItem item;
  std::vector<v1::Quote> quotes;
  std::string encoded;
  while (reader.Next(&item)) {
    if (!item.ok) {
      if (item.input_failed) ++stats->failed_inputs;
      else ++stats->bad_records;
      if (diag != nullptr) std::fprintf(diag, "%s: %s\n", options.program.c_str(), item.error.c_str());
      if (errors) {
        std::string line = "{\"input\":";
        AppendJsonString(item.input, &line);
        line += ",\"line\":" + std::to_string(item.line) + ",\"offset\":" + std::to_string(item.offset) +
                ",\"reason\":";
        AppendJsonString(item.error, &line);
        line += "}\n";
        Status s = errors->WriteRaw(line);
        if (!s.ok()) return s;
      }
      continue;
    }
    ++stats->articles;
    stats->bytes += item.article.text().size();
    quotes.clear();
    extractor.Extract(item.article, &quotes);
    encoded.clear();
    for (const v1::Quote& q : quotes) QuoteWriter::Encode(q, options.format, &encoded);
    Status s = (*writer)->WriteRaw(encoded);
    if (!s.ok()) return s;
    stats->quotes += quotes.size();
  }
  Status s = (*writer)->Commit();
  if (!s.ok()) return s;
  if (errors) {
    s = errors->Commit();
    if (!s.ok()) return s;
  }
  stats->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace qawl
