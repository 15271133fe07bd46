#include "qawl/record_writer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

#include "qawl/extraction_limits.h"

namespace qawl {

float ConfidenceFor(How how) {
  switch (how) {
    case How::kExplicit: return limits::kConfExplicit;
    case How::kAfter: return limits::kConfAfter;
    case How::kTitle: return limits::kConfTitle;
    case How::kPreposed: return limits::kConfPreposed;
    case How::kImplied: return limits::kConfImplied;
    case How::kContinuation: return limits::kConfContinuation;
    case How::kNone: return limits::kConfContinuation;
  }
  return limits::kConfContinuation;
}

const char* HowSuffix(How how) {
  switch (how) {
    case How::kExplicit: return "";
    case How::kAfter: return "";
    case How::kTitle: return "/title";
    case How::kPreposed: return "/preposed";
    case How::kImplied: return "/implied";
    case How::kContinuation: return "/continued";
    case How::kNone: return "/unattributed";
  }
  return "";
}

float MatchScale(MatchHow how) {
  switch (how) {
    case MatchHow::kExact: return 1.0f;
    case MatchHow::kSkeleton: return limits::kScaleSpellingVariant;
    case MatchHow::kLatin: return limits::kScaleLatinName;
  }
  return 1.0f;
}

namespace {

// Sets a string field through its setter, or clears it when `value` is
// empty: in proto3 the two are the same record, but a setter allocates a
// string even for "" on a fresh message (the Python module's records are
// all fresh), while clearing a reused one keeps its allocation.
#define QAWL_SET_STRING(msg, field, value) \
  do {                                     \
    const auto& v_ = (value);              \
    if (v_.empty()) {                      \
      (msg)->clear_##field();              \
    } else {                               \
      (msg)->set_##field(v_);              \
    }                                      \
  } while (0)

// Fills one message from one record, overwriting strings and sub-messages
// in place so that they keep their allocations.
class Filler {
 public:
  Filler(const ArticleView& view, const CueSet& cues)
      : view_(view), cues_(cues), original_(view.article().text()), valid_utf8_(IsValidUtf8(original_)) {}

  void Fill(const Record& r, uint32_t index, float confidence, ByteSpan span, v1::Quote* q) const {
    const v1::Article& article = view_.article();
    QAWL_SET_STRING(q, article_id, article.id());
    q->set_kind(r.kind);
    SetOriginal(span, q->mutable_text());
    q->mutable_span()->set_begin(span.begin);
    q->mutable_span()->set_end(span.end);
    FillSpeaker(r.who.speaker, q->mutable_speaker());
    if (r.cue >= 0) {
      const Cue& c = cues_.cue(static_cast<size_t>(r.cue));
      ByteSpan cspan = ToOriginal(ByteSpan{c.begin, c.end});
      v1::Cue* cue = q->mutable_cue();
      SetOriginal(cspan, cue->mutable_text());
      QAWL_SET_STRING(cue, lemma, c.form->lemma);
      cue->mutable_span()->set_begin(cspan.begin);
      cue->mutable_span()->set_end(cspan.end);
    } else {
      q->clear_cue();
    }
    std::string* rule = q->mutable_rule();
    rule->assign(r.rule);
    rule->append(HowSuffix(r.who.how));
    q->set_confidence(confidence);
    QAWL_SET_STRING(q, url, article.url());
    QAWL_SET_STRING(q, date, article.date());
    q->set_index(index);
  }

  ByteSpan ToOriginal(ByteSpan normalized) const { return view_.normalized().ToOriginal(normalized, original_); }

 private:
  void FillSpeaker(const Mention& s, v1::Speaker* sp) const {
    if (s.entity >= 0) {
      const Entity& e = view_.gazetteer().entity(s.entity);
      QAWL_SET_STRING(sp, id, e.id);
      QAWL_SET_STRING(sp, name, e.name);
      QAWL_SET_STRING(sp, wikidata, e.wikidata);
      QAWL_SET_STRING(sp, type, e.type);
    } else {
      sp->clear_id();
      sp->clear_name();
      sp->clear_wikidata();
      sp->clear_type();
    }
    if (!s.span.empty()) {
      ByteSpan m = ToOriginal(s.span);
      SetOriginal(m, sp->mutable_mention());
      sp->mutable_mention_span()->set_begin(m.begin);
      sp->mutable_mention_span()->set_end(m.end);
    } else {
      sp->clear_mention();
      sp->clear_mention_span();
    }
    if (s.title.empty()) {
      sp->clear_title();
    } else if (s.title == s.span) {
      sp->set_title(sp->mention());
    } else {
      SetOriginal(ToOriginal(s.title), sp->mutable_title());
    }
  }

  // A piece of the original text; sanitized only if the article is not
  // valid UTF-8.
  void SetOriginal(ByteSpan span, std::string* out) const {
    std::string_view piece = original_.substr(span.begin, span.size());
    if (valid_utf8_) {
      out->assign(piece);
    } else {
      *out = SanitizeUtf8(piece);
    }
  }

  const ArticleView& view_;
  const CueSet& cues_;
  std::string_view original_;
  bool valid_utf8_;
};

#undef QAWL_SET_STRING

}  // namespace

size_t WriteRecords(const ArticleView& view, const CueSet& cues, float min_confidence, std::vector<Record>* records,
                    std::vector<v1::Quote>* out, size_t first) {
  std::sort(records->begin(), records->end(), [](const Record& a, const Record& b) {
    if (a.text.begin != b.text.begin) return a.text.begin < b.text.begin;
    return a.kind < b.kind;
  });
  const Filler filler(view, cues);
  size_t n = first;
  uint32_t index = 0;
  for (const Record& r : *records) {
    // Two decimals: finer steps would suggest a precision the rules lack.
    const float confidence =
        std::round(ConfidenceFor(r.who.how) * r.confidence_scale * MatchScale(r.who.speaker.matched) * 100.0f) /
        100.0f;
    if (confidence < min_confidence) continue;
    const ByteSpan span = filler.ToOriginal(r.text);
    if (span.empty()) continue;
    if (n == out->size()) out->emplace_back();
    filler.Fill(r, index++, confidence, span, &(*out)[n++]);
  }
  return n;
}

}  // namespace qawl
