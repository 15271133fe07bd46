// AppendQuoteDelimited must write exactly varint(size) + SerializeAsString():
// compared on edge cases, on every field found through the descriptors (so
// that a field added to the proto and not to the encoder fails here), on
// every quote of the seed articles and on random quotes.
#include "qawl/quote_wire.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/stubs/logging.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <filesystem>
#include <functional>
#include <limits>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "qawl/quote_writer.h"
#include "test_util.h"

namespace qawl {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

std::string Protobuf(const v1::Quote& q) {
  std::string body = q.SerializeAsString();
  uint8_t varint[10];
  uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(
      static_cast<uint32_t>(body.size()), varint);
  return std::string(reinterpret_cast<const char*>(varint), end - varint) + body;
}

std::string Ours(const v1::Quote& q) {
  std::string out = "prefix";  // appends, keeping what is there
  AppendQuoteDelimited(q, &out);
  EXPECT_EQ(out.substr(0, 6), "prefix");
  return out.substr(6);
}

// Readable in a failure message.
std::string Hex(const std::string& s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < s.size() && i < 200; ++i) {
    auto b = static_cast<unsigned char>(s[i]);
    out += kHex[b >> 4];
    out += kHex[b & 0xF];
    out += ' ';
  }
  if (s.size() > 200) out += "... (" + std::to_string(s.size()) + " bytes)";
  return out;
}

#define EXPECT_SAME_BYTES(q, what)                                                           \
  do {                                                                                       \
    const std::string ours_ = Ours(q), theirs_ = Protobuf(q);                                \
    EXPECT_TRUE(ours_ == theirs_) << what << "\n ours:     " << Hex(ours_) << "\n protobuf: " \
                                  << Hex(theirs_);                                           \
  } while (0)

v1::Quote Full() {
  v1::Quote q;
  q.set_article_id("art-1");
  q.set_kind(v1::PARTIAL);
  q.set_text("قال إن \"الوضع\" صعب");
  q.mutable_span()->set_begin(10);
  q.mutable_span()->set_end(300);
  v1::Speaker* s = q.mutable_speaker();
  s->set_id("vladimir-putin");
  s->set_name("Vladimir Putin");
  s->set_wikidata("Q7747");
  s->set_mention("بوتين");
  s->mutable_mention_span()->set_begin(1);
  s->mutable_mention_span()->set_end(11);
  s->set_title("الرئيس الروسي");
  s->set_type("person");
  v1::Cue* c = q.mutable_cue();
  c->set_text("وأضاف");
  c->set_lemma("اضاف");
  c->mutable_span()->set_begin(0);
  c->mutable_span()->set_end(10);
  q.set_rule("cue_colon_quote/implied");
  q.set_confidence(0.85f);
  q.set_url("https://example.com/a");
  q.set_date("2024-01-02");
  q.set_index(3);
  return q;
}

TEST(QuoteWireTest, MatchesProtobufOnEdgeCases) {
  const std::string nuls("a\0b\0\0c", 6);
  const std::string long200(200, 'x');               // a two-byte length
  const std::string long20000(20000, 'y');           // a three-byte length
  std::string arabic_long;
  while (arabic_long.size() < 17000) arabic_long += "الحكومة ";
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<std::pair<std::string, std::function<void(v1::Quote*)>>> cases = {
      {"empty", [](v1::Quote*) {}},
      {"every field", [](v1::Quote* q) { *q = Full(); }},
      {"article_id", [](v1::Quote* q) { q->set_article_id("a"); }},
      {"kind DIRECT", [](v1::Quote* q) { q->set_kind(v1::DIRECT); }},
      {"kind INDIRECT", [](v1::Quote* q) { q->set_kind(v1::INDIRECT); }},
      {"kind 200 (outside the enum)", [](v1::Quote* q) { q->set_kind(static_cast<v1::Kind>(200)); }},
      {"kind -1", [](v1::Quote* q) { q->set_kind(static_cast<v1::Kind>(-1)); }},
      {"kind INT32_MIN",
       [](v1::Quote* q) { q->set_kind(static_cast<v1::Kind>(std::numeric_limits<int32_t>::min())); }},
      {"kind INT32_MAX",
       [](v1::Quote* q) { q->set_kind(static_cast<v1::Kind>(std::numeric_limits<int32_t>::max())); }},
      {"text", [](v1::Quote* q) { q->set_text("نص"); }},
      {"span empty", [](v1::Quote* q) { q->mutable_span(); }},
      {"span begin", [](v1::Quote* q) { q->mutable_span()->set_begin(5); }},
      {"span end", [](v1::Quote* q) { q->mutable_span()->set_end(127); }},
      {"span end 128", [](v1::Quote* q) { q->mutable_span()->set_end(128); }},
      {"span 0xFFFFFFFF",
       [](v1::Quote* q) {
         q->mutable_span()->set_begin(0xFFFFFFFF);
         q->mutable_span()->set_end(0xFFFFFFFF);
       }},
      {"speaker empty", [](v1::Quote* q) { q->mutable_speaker(); }},
      {"speaker.id", [](v1::Quote* q) { q->mutable_speaker()->set_id("x"); }},
      {"speaker.name", [](v1::Quote* q) { q->mutable_speaker()->set_name("x"); }},
      {"speaker.wikidata", [](v1::Quote* q) { q->mutable_speaker()->set_wikidata("Q1"); }},
      {"speaker.mention", [](v1::Quote* q) { q->mutable_speaker()->set_mention("م"); }},
      {"speaker.mention_span empty", [](v1::Quote* q) { q->mutable_speaker()->mutable_mention_span(); }},
      {"speaker.mention_span",
       [](v1::Quote* q) { q->mutable_speaker()->mutable_mention_span()->set_end(0xFFFFFFFF); }},
      {"speaker.title", [](v1::Quote* q) { q->mutable_speaker()->set_title("t"); }},
      {"speaker.type", [](v1::Quote* q) { q->mutable_speaker()->set_type("person"); }},
      {"cue empty", [](v1::Quote* q) { q->mutable_cue(); }},
      {"cue.text", [](v1::Quote* q) { q->mutable_cue()->set_text("قال"); }},
      {"cue.lemma", [](v1::Quote* q) { q->mutable_cue()->set_lemma("قال"); }},
      {"cue.span empty", [](v1::Quote* q) { q->mutable_cue()->mutable_span(); }},
      {"cue.span", [](v1::Quote* q) { q->mutable_cue()->mutable_span()->set_begin(300); }},
      {"rule", [](v1::Quote* q) { q->set_rule("cue_quote"); }},
      {"confidence", [](v1::Quote* q) { q->set_confidence(0.5f); }},
      {"confidence -0.0", [](v1::Quote* q) { q->set_confidence(-0.0f); }},
      {"confidence NaN", [nan](v1::Quote* q) { q->set_confidence(nan); }},
      {"confidence -inf", [](v1::Quote* q) { q->set_confidence(-INFINITY); }},
      {"confidence denormal", [](v1::Quote* q) { q->set_confidence(std::bit_cast<float>(1u)); }},
      {"url", [](v1::Quote* q) { q->set_url("u"); }},
      {"date", [](v1::Quote* q) { q->set_date("d"); }},
      {"index 1", [](v1::Quote* q) { q->set_index(1); }},
      {"index 0xFFFFFFFF", [](v1::Quote* q) { q->set_index(0xFFFFFFFF); }},
      {"text with NULs", [nuls](v1::Quote* q) { q->set_text(nuls); }},
      {"speaker.title of one NUL", [](v1::Quote* q) { q->mutable_speaker()->set_title(std::string(1, '\0')); }},
      {"text of 127 bytes", [](v1::Quote* q) { q->set_text(std::string(127, 'z')); }},
      {"text of 128 bytes", [](v1::Quote* q) { q->set_text(std::string(128, 'z')); }},
      {"text of 200 bytes", [long200](v1::Quote* q) { q->set_text(long200); }},
      {"text of 20000 bytes", [long20000](v1::Quote* q) { q->set_text(long20000); }},
      {"speaker.mention > 16383 bytes (Speaker length of 3 bytes)",
       [arabic_long](v1::Quote* q) { q->mutable_speaker()->set_mention(arabic_long); }},
      {"cue.text of 200 bytes", [long200](v1::Quote* q) { q->mutable_cue()->set_text(long200); }},
      {"every field, long strings",
       [&](v1::Quote* q) {
         *q = Full();
         q->set_text(arabic_long);
         q->mutable_speaker()->set_title(long20000);
         q->mutable_cue()->set_lemma(long200);
         q->set_date(nuls);
         q->set_confidence(-0.0f);
       }},
      // A message past 2^21 bytes: a four-byte size prefix.
      {"text of 3 MB", [](v1::Quote* q) { q->set_text(std::string(3 << 20, 'w')); }},
  };
  for (const auto& [name, set] : cases) {
    v1::Quote q;
    set(&q);
    EXPECT_SAME_BYTES(q, "case '" << name << "'");
  }
}

TEST(QuoteWireTest, WritesInvalidUtf8AsProtobufDoes) {
  google::protobuf::LogSilencer silence;  // protobuf logs the invalid string
  v1::Quote q = Full();
  q.set_text("bad\xff\xfe" "text");
  q.mutable_speaker()->set_mention("\xc3");
  EXPECT_SAME_BYTES(q, "invalid UTF-8 in text and speaker.mention");
}

TEST(QuoteWireTest, MatchesProtobufWithUnknownFields) {
  // Field 99 (varint 7) in each message, as an older reader would keep it.
  const std::string unknown = "\x98\x06\x07";
  v1::Quote full = Full();
  for (const char* where : {"Quote", "Quote.span", "Speaker", "Speaker.mention_span", "Cue", "Cue.span"}) {
    v1::Quote q = full;
    std::string w = where;
    Message* m = w == "Quote"                  ? static_cast<Message*>(&q)
                 : w == "Quote.span"           ? q.mutable_span()
                 : w == "Speaker"              ? q.mutable_speaker()
                 : w == "Speaker.mention_span" ? q.mutable_speaker()->mutable_mention_span()
                 : w == "Cue"                  ? static_cast<Message*>(q.mutable_cue())
                                               : q.mutable_cue()->mutable_span();
    ASSERT_TRUE(m->MergeFromString(unknown)) << where;
    ASSERT_FALSE(m->GetReflection()->GetUnknownFields(*m).empty()) << where;
    EXPECT_SAME_BYTES(q, "an unknown field in " << where);
  }
}

// Sets `field` of `m` to a value other than its default (for a repeated
// field, adds two). False for a type this test does not know.
bool SetNonDefault(Message* m, const FieldDescriptor* f, int salt) {
  const Reflection* r = m->GetReflection();
  const bool rep = f->is_repeated();
  for (int k = 0; k < (rep ? 2 : 1); ++k) {
    const uint32_t u = 0xFFFFFFF0u + static_cast<uint32_t>(salt + k);
    const std::string s = f->full_name() + "#" + std::to_string(k);
    switch (f->cpp_type()) {
      case FieldDescriptor::CPPTYPE_STRING:
        rep ? r->AddString(m, f, s) : r->SetString(m, f, s);
        break;
      case FieldDescriptor::CPPTYPE_UINT32:
        rep ? r->AddUInt32(m, f, u) : r->SetUInt32(m, f, u);
        break;
      case FieldDescriptor::CPPTYPE_INT32:
        rep ? r->AddInt32(m, f, -salt - 1) : r->SetInt32(m, f, -salt - 1);
        break;
      case FieldDescriptor::CPPTYPE_UINT64:
        rep ? r->AddUInt64(m, f, ~uint64_t{0} - salt) : r->SetUInt64(m, f, ~uint64_t{0} - salt);
        break;
      case FieldDescriptor::CPPTYPE_INT64:
        rep ? r->AddInt64(m, f, -salt - 1) : r->SetInt64(m, f, -salt - 1);
        break;
      case FieldDescriptor::CPPTYPE_FLOAT:
        rep ? r->AddFloat(m, f, 0.25f + salt) : r->SetFloat(m, f, 0.25f + salt);
        break;
      case FieldDescriptor::CPPTYPE_DOUBLE:
        rep ? r->AddDouble(m, f, 0.25 + salt) : r->SetDouble(m, f, 0.25 + salt);
        break;
      case FieldDescriptor::CPPTYPE_BOOL:
        rep ? r->AddBool(m, f, true) : r->SetBool(m, f, true);
        break;
      case FieldDescriptor::CPPTYPE_ENUM: {
        // The last declared value, which is not the default.
        const int v = f->enum_type()->value(f->enum_type()->value_count() - 1)->number();
        rep ? r->AddEnumValue(m, f, v) : r->SetEnumValue(m, f, v);
        break;
      }
      case FieldDescriptor::CPPTYPE_MESSAGE:
        return false;
    }
  }
  return true;
}

// Sets every field of `m` and of its sub-messages, recursively.
void FillAll(Message* m, std::set<const Descriptor*>* seen) {
  const Descriptor* d = m->GetDescriptor();
  seen->insert(d);
  const Reflection* r = m->GetReflection();
  for (int i = 0; i < d->field_count(); ++i) {
    const FieldDescriptor* f = d->field(i);
    if (f->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
      Message* sub = f->is_repeated() ? r->AddMessage(m, f) : r->MutableMessage(m, f);
      FillAll(sub, seen);
    } else {
      ASSERT_TRUE(SetNonDefault(m, f, i)) << "unhandled type of " << f->full_name();
    }
  }
}

// Calls fn with the path to every field below `d` (a sub-message field
// both on its own and as the way to its fields).
void ForEachField(const Descriptor* d, std::vector<const FieldDescriptor*>* path,
                  const std::function<void(const std::vector<const FieldDescriptor*>&)>& fn) {
  for (int i = 0; i < d->field_count(); ++i) {
    path->push_back(d->field(i));
    fn(*path);
    if (d->field(i)->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE && path->size() < 4) {
      ForEachField(d->field(i)->message_type(), path, fn);
    }
    path->pop_back();
  }
}

TEST(QuoteWireTest, EveryFieldOfTheProtoIsWritten) {
  v1::Quote all;
  std::set<const Descriptor*> seen;
  FillAll(&all, &seen);
  for (const Descriptor* d : {v1::Quote::descriptor(), v1::Speaker::descriptor(), v1::Cue::descriptor(),
                              v1::Span::descriptor()}) {
    EXPECT_TRUE(seen.count(d)) << d->full_name() << " not reached from Quote";
  }
  EXPECT_SAME_BYTES(all, "every field set through reflection:\n" << all.DebugString());

  // Each field alone (with the sub-messages on its path present), set, and
  // for a sub-message also present but empty and filled.
  std::vector<const FieldDescriptor*> path;
  int fields = 0;
  ForEachField(v1::Quote::descriptor(), &path, [&](const std::vector<const FieldDescriptor*>& p) {
    std::string name;
    for (const FieldDescriptor* f : p) name += (name.empty() ? "" : ".") + f->name();
    const FieldDescriptor* leaf = p.back();
    for (int variant = 0; variant < 2; ++variant) {
      v1::Quote q;
      Message* m = &q;
      for (size_t i = 0; i + 1 < p.size(); ++i) m = m->GetReflection()->MutableMessage(m, p[i]);
      if (leaf->cpp_type() == FieldDescriptor::CPPTYPE_MESSAGE) {
        Message* sub = leaf->is_repeated() ? m->GetReflection()->AddMessage(m, leaf)
                                           : m->GetReflection()->MutableMessage(m, leaf);
        std::set<const Descriptor*> ignored;
        if (variant == 1) FillAll(sub, &ignored);
      } else {
        if (variant == 1) break;
        ASSERT_TRUE(SetNonDefault(m, leaf, 0)) << "unhandled type of " << leaf->full_name();
      }
      const char* how = leaf->message_type() == nullptr ? "" : variant == 1 ? " filled" : " empty";
      EXPECT_SAME_BYTES(q, "field " << name << how);
      ++fields;
    }
  });
  EXPECT_GE(fields, 30);
}

TEST(QuoteWireTest, MatchesProtobufOnEverySeedQuote) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(QAWL_TEST_DATA) / "seeds")) {
    files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  // Twice over, with and without url and date, through ExtractReusing: a
  // record overwritten in place keeps its sub-messages.
  Extractor extractor(&testing::Patterns());
  std::vector<v1::Quote> quotes;
  int compared = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < files.size(); ++k) {
      const std::filesystem::path& f = files[k];
      v1::Article article = testing::ArticleOf(testing::ReadFile(f), f.stem().string());
      if ((pass + k) % 2 == 0) {
        article.set_url("https://example.com/" + f.stem().string());
        article.set_date("2024-05-06");
      }
      const size_t n = extractor.ExtractReusing(article, &quotes, 0);
      for (size_t i = 0; i < n; ++i) {
        EXPECT_SAME_BYTES(quotes[i], "quote " << i << " of " << f << " (pass " << pass << ")");
        // QuoteWriter's pb output is this encoding.
        std::string encoded;
        QuoteWriter::Encode(quotes[i], Format::kPb, &encoded);
        EXPECT_EQ(encoded, Ours(quotes[i])) << "QuoteWriter::Encode, quote " << i << " of " << f;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 60);
}

TEST(QuoteWireTest, MatchesProtobufOnRandomQuotes) {
  std::mt19937 rng(20240506);
  auto coin = [&](int percent) { return static_cast<int>(rng() % 100) < percent; };
  // Valid UTF-8 pieces, NUL included.
  const std::vector<std::string> pieces = {"a", "Z", " ", std::string(1, '\0'), "\n", "ق", "ال", "«", "”", "😀",
                                           "\xef\xbf\xbd"};
  auto str = [&]() {
    std::string s;
    if (coin(30)) return s;
    size_t n = coin(5) ? 100 + rng() % 20000 : rng() % 40;
    while (s.size() < n) s += pieces[rng() % pieces.size()];
    return s;
  };
  auto u32 = [&]() -> uint32_t {
    if (coin(25)) return 0;
    return static_cast<uint32_t>(rng()) >> (rng() % 32);  // every varint length
  };
  auto span = [&](v1::Span* s) {
    s->set_begin(u32());
    s->set_end(u32());
  };
  const std::vector<float> specials = {0.0f, -0.0f, 1.0f, std::numeric_limits<float>::quiet_NaN(), INFINITY,
                                       std::bit_cast<float>(1u), std::bit_cast<float>(0x80000000u | 7u)};
  for (int i = 0; i < 5000; ++i) {
    v1::Quote q;
    q.set_article_id(str());
    if (coin(80)) {
      const int32_t kinds[] = {0, 1, 2, 3, 17, -1, std::numeric_limits<int32_t>::min()};
      q.set_kind(static_cast<v1::Kind>(coin(90) ? kinds[rng() % 4] : kinds[rng() % 7]));
    }
    q.set_text(str());
    if (coin(70)) span(q.mutable_span());
    if (coin(70)) {
      v1::Speaker* s = q.mutable_speaker();
      s->set_id(str());
      s->set_name(str());
      s->set_wikidata(str());
      s->set_mention(str());
      if (coin(60)) span(s->mutable_mention_span());
      s->set_title(str());
      s->set_type(str());
    }
    if (coin(70)) {
      v1::Cue* c = q.mutable_cue();
      c->set_text(str());
      c->set_lemma(str());
      if (coin(60)) span(c->mutable_span());
    }
    q.set_rule(str());
    q.set_confidence(coin(20) ? specials[rng() % specials.size()] : std::bit_cast<float>(static_cast<uint32_t>(rng())));
    q.set_url(str());
    q.set_date(str());
    q.set_index(u32());
    const std::string ours = Ours(q), theirs = Protobuf(q);
    ASSERT_TRUE(ours == theirs) << "random quote " << i << ":\n"
                                << q.DebugString() << " ours:     " << Hex(ours) << "\n protobuf: " << Hex(theirs);
  }
}

}  // namespace
}  // namespace qawl
