#include "qawl/quote_wire.h"

#include <google/protobuf/message.h>
#include <google/protobuf/unknown_field_set.h>

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>

namespace qawl {

namespace {

enum WireType : uint32_t { kVarint = 0, kLengthDelimited = 2, kFixed32 = 5 };

constexpr uint32_t Tag(uint32_t field, WireType type) { return field << 3 | type; }

size_t VarintSize(uint64_t v) { return static_cast<size_t>(std::bit_width(v | 1) + 6) / 7; }

uint8_t* PutVarint(uint64_t v, uint8_t* p) {
  while (v >= 0x80) {
    *p++ = static_cast<uint8_t>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

// An enum is an int32 written as a 64-bit varint: a negative one takes ten
// bytes.
uint64_t EnumBits(int32_t v) { return static_cast<uint64_t>(static_cast<int64_t>(v)); }

// Sizes of the fields, 0 for a default (not written).
size_t StringSize(uint32_t field, const std::string& s) {
  return s.empty() ? 0 : VarintSize(Tag(field, kLengthDelimited)) + VarintSize(s.size()) + s.size();
}
size_t Uint32Size(uint32_t field, uint32_t v) { return v == 0 ? 0 : VarintSize(Tag(field, kVarint)) + VarintSize(v); }
size_t EnumSize(uint32_t field, int32_t v) {
  return v == 0 ? 0 : VarintSize(Tag(field, kVarint)) + VarintSize(EnumBits(v));
}
size_t FloatSize(uint32_t field, float v) {
  return std::bit_cast<uint32_t>(v) == 0 ? 0 : VarintSize(Tag(field, kFixed32)) + 4;
}
size_t MessageSize(uint32_t field, size_t body) {
  return VarintSize(Tag(field, kLengthDelimited)) + VarintSize(body) + body;
}

size_t SpanSize(const v1::Span& s) { return Uint32Size(1, s.begin()) + Uint32Size(2, s.end()); }

size_t SpeakerSize(const v1::Speaker& s) {
  size_t n = StringSize(1, s.id()) + StringSize(2, s.name()) + StringSize(3, s.wikidata()) +
             StringSize(4, s.mention()) + StringSize(6, s.title()) + StringSize(7, s.type());
  if (s.has_mention_span()) n += MessageSize(5, SpanSize(s.mention_span()));
  return n;
}

size_t CueSize(const v1::Cue& c) {
  size_t n = StringSize(1, c.text()) + StringSize(2, c.lemma());
  if (c.has_span()) n += MessageSize(3, SpanSize(c.span()));
  return n;
}

// Writes fields forward from a position; each call mirrors a *Size above.
class Writer {
 public:
  explicit Writer(uint8_t* p) : p_(p) {}
  uint8_t* pos() const { return p_; }

  void Varint(uint64_t v) { p_ = PutVarint(v, p_); }
  void String(uint32_t field, const std::string& s) {
    if (s.empty()) return;
    Varint(Tag(field, kLengthDelimited));
    Varint(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void Uint32(uint32_t field, uint32_t v) {
    if (v == 0) return;
    Varint(Tag(field, kVarint));
    Varint(v);
  }
  void Enum(uint32_t field, int32_t v) {
    if (v == 0) return;
    Varint(Tag(field, kVarint));
    Varint(EnumBits(v));
  }
  void Float(uint32_t field, float v) {
    const uint32_t bits = std::bit_cast<uint32_t>(v);
    if (bits == 0) return;
    Varint(Tag(field, kFixed32));
    for (int i = 0; i < 4; ++i) *p_++ = static_cast<uint8_t>(bits >> (8 * i));  // little-endian
  }
  // The header of a sub-message of `size` bytes, whose fields follow.
  void Message(uint32_t field, size_t size) {
    Varint(Tag(field, kLengthDelimited));
    Varint(size);
  }
  void Span(uint32_t field, const v1::Span& s) {
    Message(field, SpanSize(s));
    Uint32(1, s.begin());
    Uint32(2, s.end());
  }

 private:
  uint8_t* p_;
};

// A message without unknown fields reports protobuf's shared empty set,
// which protobuf creates on first use. Created here, before main() and any
// worker thread, so that the threads only read it (ThreadSanitizer, which
// cannot see the synchronization inside the uninstrumented library,
// reported the first concurrent uses as a race).
[[maybe_unused]] const google::protobuf::UnknownFieldSet& kEmptyUnknownFields =
    google::protobuf::UnknownFieldSet::default_instance();

// proto3 messages have no unknown_fields() accessor; their reflection does.
template <typename M>
bool HasUnknown(const M& m) {
  static const google::protobuf::Reflection* const reflection = M::GetReflection();
  return !reflection->GetUnknownFields(m).empty();
}

bool HasUnknownFields(const v1::Quote& q) {
  if (HasUnknown(q)) return true;
  if (q.has_span() && HasUnknown(q.span())) return true;
  if (q.has_speaker()) {
    const v1::Speaker& s = q.speaker();
    if (HasUnknown(s) || (s.has_mention_span() && HasUnknown(s.mention_span()))) return true;
  }
  if (q.has_cue()) {
    const v1::Cue& c = q.cue();
    if (HasUnknown(c) || (c.has_span() && HasUnknown(c.span()))) return true;
  }
  return false;
}

void AppendWithProtobuf(const v1::Quote& q, std::string* out) {
  const size_t size = q.ByteSizeLong();
  const size_t at = out->size();
  out->resize(at + VarintSize(size) + size);
  uint8_t* p = PutVarint(size, reinterpret_cast<uint8_t*>(out->data() + at));
  q.SerializeWithCachedSizesToArray(p);
}

}  // namespace

void AppendQuoteDelimited(const v1::Quote& q, std::string* out) {
  if (HasUnknownFields(q)) {
    AppendWithProtobuf(q, out);
    return;
  }
  const size_t speaker = q.has_speaker() ? SpeakerSize(q.speaker()) : 0;
  const size_t cue = q.has_cue() ? CueSize(q.cue()) : 0;
  size_t size = StringSize(1, q.article_id()) + EnumSize(2, q.kind()) + StringSize(3, q.text()) +
                StringSize(7, q.rule()) + FloatSize(8, q.confidence()) + StringSize(9, q.url()) +
                StringSize(10, q.date()) + Uint32Size(11, q.index());
  if (q.has_span()) size += MessageSize(4, SpanSize(q.span()));
  if (q.has_speaker()) size += MessageSize(5, speaker);
  if (q.has_cue()) size += MessageSize(6, cue);

  const size_t at = out->size();
  out->resize(at + VarintSize(size) + size);
  Writer w(reinterpret_cast<uint8_t*>(out->data() + at));
  w.Varint(size);
  w.String(1, q.article_id());
  w.Enum(2, q.kind());
  w.String(3, q.text());
  if (q.has_span()) w.Span(4, q.span());
  if (q.has_speaker()) {
    const v1::Speaker& s = q.speaker();
    w.Message(5, speaker);
    w.String(1, s.id());
    w.String(2, s.name());
    w.String(3, s.wikidata());
    w.String(4, s.mention());
    if (s.has_mention_span()) w.Span(5, s.mention_span());
    w.String(6, s.title());
    w.String(7, s.type());
  }
  if (q.has_cue()) {
    const v1::Cue& c = q.cue();
    w.Message(6, cue);
    w.String(1, c.text());
    w.String(2, c.lemma());
    if (c.has_span()) w.Span(3, c.span());
  }
  w.String(7, q.rule());
  w.Float(8, q.confidence());
  w.String(9, q.url());
  w.String(10, q.date());
  w.Uint32(11, q.index());
  assert(w.pos() == reinterpret_cast<uint8_t*>(out->data() + out->size()));
}

}  // namespace qawl
