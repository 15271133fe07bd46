#include "qawl/lookup/result_format.h"

#include <google/protobuf/util/json_util.h>

#include "qawl/normalizer.h"
#include "qawl/quote_writer.h"

namespace qawl::lookup {
namespace {

std::string KindLetters(const std::vector<int>& kinds) {
  std::string out;
  for (int k : kinds) {
    switch (k) {
      case v1::DIRECT:
        out += 'D';
        break;
      case v1::PARTIAL:
        out += 'P';
        break;
      case v1::INDIRECT:
        out += 'I';
        break;
      default:
        out += '?';
    }
  }
  return out;
}

std::string SpeakerLabel(const Entry& e) {
  if (!e.speaker_name.empty()) return e.speaker_name;
  if (!e.speaker_id.empty()) return e.speaker_id;
  if (!e.mention.empty()) return e.mention;
  return "?";
}

}  // namespace

bool ParseResultFormat(std::string_view name, ResultFormat* format) {
  if (name == "table") {
    *format = ResultFormat::kTable;
  } else if (name == "jsonl" || name == "json") {
    *format = ResultFormat::kJsonl;
  } else if (name == "pb") {
    *format = ResultFormat::kPb;
  } else {
    return false;
  }
  return true;
}

std::string FormatDays(const std::string& first, const std::string& last) {
  if (first.empty() || last.empty()) return first.empty() ? last : first;
  if (first == last) return first;
  if (first.substr(0, 5) == last.substr(0, 5)) return first + "\u2026" + last.substr(5);
  return first + "\u2026" + last;
}

std::string JsonString(std::string_view s) {
  std::string valid = SanitizeUtf8(s);
  std::string out = "\"";
  for (char c : valid) {
    unsigned char u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (u < 0x20) {
          static const char kHex[] = "0123456789abcdef";
          out += "\\u00";
          out += kHex[u >> 4];
          out += kHex[u & 15];
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

void AppendEntryJson(const Entry& e, std::string* out) {
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string& o = *out;
  o += "{\"entry\":" + std::to_string(e.id);
  o += ",\"speaker\":{\"id\":" + JsonString(e.speaker_id) + ",\"name\":" + JsonString(e.speaker_name) + "}";
  o += ",\"mention\":" + JsonString(e.mention);
  o += ",\"text\":" + JsonString(e.text);
  o += ",\"count\":" + std::to_string(e.count);
  o += ",\"articles\":" + std::to_string(e.articles);
  o += ",\"first_date\":" + JsonString(e.first_day);
  o += ",\"last_date\":" + JsonString(e.last_day);
  o += ",\"kinds\":[";
  for (size_t i = 0; i < e.kinds.size(); ++i) {
    if (i > 0) o += ',';
    o += JsonString(KindName(e.kinds[i]));
  }
  o += "],\"occurrences\":[";
  for (size_t i = 0; i < e.occurrences.size(); ++i) {
    if (i > 0) o += ',';
    std::string json;
    (void)google::protobuf::util::MessageToJsonString(e.occurrences[i], &json, options);
    o += json;
  }
  o += "]}";
}

void FormatEntries(const std::vector<Entry>& entries, ResultFormat format, const TableStyle& style,
                   std::string* out) {
  if (format == ResultFormat::kPb) {
    for (const Entry& e : entries) {
      for (const v1::Quote& q : e.occurrences) QuoteWriter::Encode(q, Format::kPb, out);
    }
    return;
  }
  if (format == ResultFormat::kJsonl) {
    for (const Entry& e : entries) {
      AppendEntryJson(e, out);
      *out += '\n';
    }
    return;
  }
  TextTable table({{"#", true},
                   {"dates"},
                   {"n", true},
                   {"art.", true},
                   {"kind"},
                   {"speaker"},
                   {"quote", false, true}});
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry& e = entries[i];
    table.AddRow({std::to_string(i + 1), FormatDays(e.first_day, e.last_day), std::to_string(e.count),
                  std::to_string(e.articles), KindLetters(e.kinds), SpeakerLabel(e), e.text});
  }
  *out += table.Render(style);
}

void FormatSpeakers(const std::vector<SpeakerCount>& speakers, ResultFormat format, const TableStyle& style,
                    std::string* out) {
  if (format != ResultFormat::kTable) {
    for (const SpeakerCount& s : speakers) {
      *out += "{\"id\":" + JsonString(s.id) + ",\"name\":" + JsonString(s.name) +
              ",\"quotes\":" + std::to_string(s.quotes) + ",\"entries\":" + std::to_string(s.entries) +
              ",\"first_date\":" + JsonString(s.first_day) + ",\"last_date\":" + JsonString(s.last_day) + "}\n";
    }
    return;
  }
  TextTable table({{"speaker"}, {"name"}, {"quotes", true}, {"entries", true}, {"dates"}});
  for (const SpeakerCount& s : speakers) {
    table.AddRow({s.id.empty() ? "(not in gazetteer)" : s.id, s.name, std::to_string(s.quotes),
                  std::to_string(s.entries), FormatDays(s.first_day, s.last_day)});
  }
  *out += table.Render(style);
}

}  // namespace qawl::lookup
