#include "qawl/quote_json.h"

#include "qawl/normalizer.h"

#include <google/protobuf/util/json_util.h>

#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace qawl {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void AppendU16(uint32_t unit, std::string* out) {
  char buf[6] = {'\\', 'u', kHex[(unit >> 12) & 0xF], kHex[(unit >> 8) & 0xF], kHex[(unit >> 4) & 0xF],
                 kHex[unit & 0xF]};
  out->append(buf, 6);
}

// True for the code points at or above U+00A0 that protobuf's printer
// writes as \u escapes.
bool EscapedAbove9F(uint32_t cp) {
  switch (cp) {
    case 0xFEFF: case 0xFFF9: case 0xFFFA: case 0xFFFB:
    case 0x00AD: case 0x06DD: case 0x070F: case 0x17B4: case 0x17B5:
      return true;
    default:
      return (cp >= 0x0600 && cp <= 0x0603) || (cp >= 0x200B && cp <= 0x200F) ||
             (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
             (cp >= 0x206A && cp <= 0x206F) || cp == 0xE0001 || (cp >= 0x1D173 && cp <= 0x1D17A) ||
             (cp >= 0xE0020 && cp <= 0xE007F);
  }
}

// Escapes for ASCII: 0 none, 1 short form, 2 \u00XX.
struct AsciiTable {
  char kind[128] = {};
  char short_form[128] = {};
  constexpr AsciiTable() {
    for (int c = 0; c < 0x20; ++c) kind[c] = 2;
    kind[0x7F] = 2;
    kind[static_cast<int>('<')] = 2;
    kind[static_cast<int>('>')] = 2;
    const char pairs[][2] = {{'\b', 'b'}, {'\t', 't'}, {'\n', 'n'}, {'\f', 'f'}, {'\r', 'r'}, {'"', '"'},
                             {'\\', '\\'}};
    for (const auto& p : pairs) {
      kind[static_cast<int>(p[0])] = 1;
      short_form[static_cast<int>(p[0])] = p[1];
    }
  }
};
constexpr AsciiTable kAscii;

// Decodes one valid code point at s[*i] (i advanced), or returns false.
// DecodeUtf8 reads a bad byte as U+FFFD and steps over one byte; a real
// U+FFFD takes three.
bool Decode(std::string_view s, size_t* i, uint32_t* cp) {
  size_t next = *i;
  char32_t c = DecodeUtf8(s, &next);
  if (c == 0xFFFD && next - *i != 3) return false;
  *i = next;
  *cp = static_cast<uint32_t>(c);
  return true;
}

// protobuf's SimpleFtoa: %.6g, or %.9g when that does not read back.
void AppendFloat(float v, std::string* out) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.*g", FLT_DIG, static_cast<double>(v));
  if (std::strtof(buf, nullptr) != v) std::snprintf(buf, sizeof(buf), "%.*g", FLT_DIG + 3, static_cast<double>(v));
  out->append(buf);
}

// Writes `"name":` with the right separator.
class ObjectWriter {
 public:
  explicit ObjectWriter(std::string* out) : out_(out) { out_->push_back('{'); }
  void Key(const char* name) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(name);
    out_->append("\":");
  }
  // False on invalid UTF-8.
  bool String(const char* name, const std::string& value) {
    if (value.empty()) return true;
    Key(name);
    return AppendJsonString(value, out_);
  }
  void Uint(const char* name, uint32_t value) {
    if (value == 0) return;
    Key(name);
    out_->append(std::to_string(value));
  }
  void Close() { out_->push_back('}'); }
  std::string* out() { return out_; }

 private:
  std::string* out_;
  bool first_ = true;
};

void WriteSpan(ObjectWriter* w, const char* name, const v1::Span& span) {
  w->Key(name);
  ObjectWriter s(w->out());
  s.Uint("begin", span.begin());
  s.Uint("end", span.end());
  s.Close();
}

bool WriteFast(const v1::Quote& q, std::string* out) {
  ObjectWriter w(out);
  if (!w.String("article_id", q.article_id())) return false;
  if (q.kind() != v1::KIND_UNSPECIFIED) {
    const std::string& name = v1::Kind_Name(q.kind());
    if (name.empty()) return false;  // a number outside the enum
    w.Key("kind");
    out->push_back('"');
    out->append(name);
    out->push_back('"');
  }
  if (!w.String("text", q.text())) return false;
  if (q.has_span()) WriteSpan(&w, "span", q.span());
  if (q.has_speaker()) {
    const v1::Speaker& sp = q.speaker();
    w.Key("speaker");
    ObjectWriter s(out);
    if (!s.String("id", sp.id()) || !s.String("name", sp.name()) || !s.String("wikidata", sp.wikidata()) ||
        !s.String("mention", sp.mention())) {
      return false;
    }
    if (sp.has_mention_span()) WriteSpan(&s, "mention_span", sp.mention_span());
    if (!s.String("title", sp.title()) || !s.String("type", sp.type())) return false;
    s.Close();
  }
  if (q.has_cue()) {
    const v1::Cue& c = q.cue();
    w.Key("cue");
    ObjectWriter s(out);
    if (!s.String("text", c.text()) || !s.String("lemma", c.lemma())) return false;
    if (c.has_span()) WriteSpan(&s, "span", c.span());
    s.Close();
  }
  if (!w.String("rule", q.rule())) return false;
  // proto3 omits a float whose bits are zero (so -0.0 is printed).
  float confidence = q.confidence();
  uint32_t bits;
  static_assert(sizeof(bits) == sizeof(confidence));
  std::memcpy(&bits, &confidence, sizeof(bits));
  if (bits != 0) {
    if (!std::isfinite(confidence)) return false;
    w.Key("confidence");
    AppendFloat(confidence, out);
  }
  if (!w.String("url", q.url()) || !w.String("date", q.date())) return false;
  w.Uint("index", q.index());
  w.Close();
  return true;
}

}  // namespace

bool AppendJsonString(std::string_view s, std::string* out) {
  const size_t start = out->size();
  out->push_back('"');
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    // Copy the run of characters that need no escape.
    size_t run = i;
    for (;;) {
      if (run == n) break;
      auto b = static_cast<unsigned char>(s[run]);
      if (b < 0x80) {
        if (kAscii.kind[b] != 0) break;
        ++run;
        continue;
      }
      size_t next = run;
      uint32_t cp;
      if (!Decode(s, &next, &cp)) {
        out->resize(start);
        return false;
      }
      if (cp <= 0x9F || EscapedAbove9F(cp)) break;
      run = next;
    }
    out->append(s.data() + i, run - i);
    i = run;
    if (i == n) break;
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (kAscii.kind[b] == 1) {
        out->push_back('\\');
        out->push_back(kAscii.short_form[b]);
      } else {
        AppendU16(b, out);
      }
      ++i;
      continue;
    }
    uint32_t cp = 0;
    Decode(s, &i, &cp);  // valid: checked above
    if (cp >= 0x10000) {
      AppendU16(0xD800 + ((cp - 0x10000) >> 10), out);
      AppendU16(0xDC00 + ((cp - 0x10000) & 0x3FF), out);
    } else {
      AppendU16(cp, out);
    }
  }
  out->push_back('"');
  return true;
}

void AppendQuoteJson(const v1::Quote& quote, std::string* out) {
  const size_t start = out->size();
  if (WriteFast(quote, out)) return;
  out->resize(start);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(quote, &json, options);
  out->append(json);
}

}  // namespace qawl
