#include "qawl/discourse.h"

#include <algorithm>
#include <string_view>

#include "qawl/extraction_limits.h"

namespace qawl {

namespace {

using History = std::vector<std::pair<uint32_t, Mention>>;

// The entries of h before pos, nearest first, at most `limit` of them.
template <typename Fn>
const std::pair<uint32_t, Mention>* NearestBefore(const History& h, uint32_t pos, int limit, Fn accept) {
  auto it = std::lower_bound(h.begin(), h.end(), pos, [](const auto& e, uint32_t p) { return e.first < p; });
  for (int n = 0; it != h.begin() && n < limit; ++n) {
    --it;
    if (accept(it->second)) return &*it;
  }
  return nullptr;
}

bool GenderAgrees(Gender source, Gender verb) {
  return source == Gender::kUnknown || verb == Gender::kUnknown || source == verb ||
         (verb == Gender::kPlural && source == Gender::kMasculine);
}

}  // namespace

void Discourse::Resolve(const ArticleView& view, const CueSet& cues, const MentionSet& mentions) {
  view_ = &view;
  cues_ = &cues;
  mentions_ = &mentions;
  history_.clear();
  speakers_.clear();
  speakers_.reserve(cues.size());
  for (size_t i = 0; i < cues.size(); ++i) speakers_.push_back(Decide(i));
}

Attributed Discourse::Decide(size_t i) {
  const Cue& cue = cues_->cue(i);
  const Frame& frame = cues_->frame(i);
  const CueMention& cm = mentions_->of_cue(i);
  const ByteSpan region = cues_->Region(*view_, i);
  Attributed a;
  if (cue.form->tense == Tense::kNoun && cue.form->cls == CueClass::kOther) return a;
  const bool reports = frame.boundary == Boundary::kColon || frame.boundary == Boundary::kComplementizer ||
                       (frame.boundary == Boundary::kQuote && !cue.after_connector);
  if (!reports) {
    // No speech of its own; the speaker matters to a quotation before the
    // cue ("…"، قال X، "…"، وفق ما ذكر X). Only a subject the lexicon or
    // gazetteer knows is remembered: an open phrase here is as often the
    // verb's object.
    if (cm.mention && cm.site == MentionSite::kSubject) {
      a.speaker = *cm.mention;
      a.how = How::kAfter;
      if (a.speaker.entity < 0) LinkToEarlierSource(region.begin, &a.speaker);
    } else if (auto h = FromHistory(cue.begin, cue.form->gender)) {
      a.speaker = *h;
      a.how = How::kImplied;
    }
    if (!cue.after_connector && !cue.object_suffix && cue.form->tense != Tense::kNoun && cm.mention) {
      if (cm.site == MentionSite::kSubject && !cm.mention->open) Remember(region.begin, a.speaker);
      if (cm.site == MentionSite::kPreposed) Remember(cue.begin, *cm.mention);
    }
    return a;
  }
  // "وأضاف يون، بحسب ما نقلت عنه وكالة «يونهاب»: «…»": a cue after a
  // connector interjects the channel; the statement is the sentence's
  // earlier speaker's.
  if (cue.after_connector && i > 0) {
    const uint32_t sentence = view_->SentenceStart(cue.begin);
    for (size_t k = i; k-- > 0 && cues_->cue(k).begin >= sentence;) {
      if (speakers_[k].speaker.valid()) return speakers_[k];
    }
  }
  if (cue.form->tense == Tense::kNoun) {
    if (cm.mention) {
      a.speaker = *cm.mention;
      a.how = How::kExplicit;
      Remember(cue.begin, a.speaker);  // نقل عن X قوله: X speaks on (وتابع)
    } else if (auto h = FromHistory(cue.begin, Gender::kUnknown)) {
      a.speaker = *h;
      a.how = How::kImplied;
    }
    return a;
  }
  if (cm.mention) {
    a.speaker = *cm.mention;
    if (cm.site == MentionSite::kSubject) {
      if (a.speaker.entity < 0) LinkToEarlierSource(region.begin, &a.speaker);
      const bool by_title = a.speaker.entity >= 0 && !a.speaker.title.empty() && a.speaker.span == a.speaker.title;
      a.how = by_title ? How::kTitle : How::kExplicit;
      Remember(region.begin, a.speaker);
    } else {
      if (a.speaker.entity < 0) LinkToEarlierSource(cue.begin, &a.speaker);
      a.how = How::kPreposed;
      Remember(cue.begin, a.speaker);
    }
    return a;
  }
  if (cm.no_implied) return a;
  if (auto h = FromHistory(cue.begin, cue.form->gender)) {
    a.speaker = *h;
    a.how = How::kImplied;
    Remember(cue.begin, a.speaker);  // the chain goes on: وأضاف ... وتابع
  }
  return a;
}

void Discourse::Remember(uint32_t pos, const Mention& s) {
  if (!s.valid()) return;
  // Cues come in text order, so this is an append; the sorted insert is
  // only for a subject found before an earlier one.
  if (history_.empty() || history_.back().first <= pos) {
    history_.emplace_back(pos, s);
  } else {
    auto at = std::upper_bound(history_.begin(), history_.end(), pos,
                               [](uint32_t p, const auto& e) { return p < e.first; });
    history_.emplace(at, pos, s);
  }
}

// The nearest earlier source agreeing with the verb's gender, among a
// bounded number: an implied subject refers to a recent one.
std::optional<Mention> Discourse::FromHistory(uint32_t pos, Gender gender) const {
  auto agrees = [&](const Mention& m) { return GenderAgrees(m.gender, gender); };
  const auto* a = NearestBefore(mentions_->named_people(), pos, limits::kMaxHistoryLookBack, agrees);
  const auto* b = NearestBefore(history_, pos, limits::kMaxHistoryLookBack, agrees);
  // The subject of an earlier reporting verb outranks a person merely named
  // since in an earlier sentence (often as an object: "مع نظيره الصيني
  // وانغ يي"); a person named earlier in the same sentence, in the writer's
  // words before any cue of it, is the likelier subject ("أصدر بوتين أمرا
  // قال فيه").
  const uint32_t sentence = view_->SentenceStart(pos);
  if (a != nullptr && a->first >= sentence && (b == nullptr || a->first > b->first)) {
    const size_t first_cue = cues_->FirstFrom(sentence);
    if (first_cue == cues_->size() || cues_->cue(first_cue).begin > a->first) return a->second;
  }
  if (b != nullptr) return b->second;
  if (a != nullptr) return a->second;
  return std::nullopt;
}

// A short mention of an unknown source that repeats a word of an earlier
// source's mention or title names that source: *s takes its entity and
// fuller mention, and keeps its own words as the title. Sources of another
// gender are skipped.
void Discourse::LinkToEarlierSource(uint32_t pos, Mention* s) const {
  const ArticleView& v = *view_;
  const size_t first = v.TokenAt(s->span.begin);
  const size_t last = v.TokenAt(s->span.end);
  if (last <= first || last - first > limits::kMaxShortMentionTokens) return;
  // The word to look for: the head (first word) of a role, or a surname.
  const std::string_view head = v.Word(first);
  constexpr size_t kMinHeadBytes = 6;  // three Arabic letters
  if (head.size() < kMinHeadBytes) return;
  // A role with a name in it (النائب سليم الحاج) is a person of its own: its
  // words after the head are all definite (المتحدث الأميركي، الأمين العام).
  for (size_t t = first + 1; t < last; ++t) {
    if (v.Word(t).substr(0, 4) != "ال") return;
  }
  // Words compare without the article: الوزيرة names وزيرة الخارجية.
  auto bare = [](std::string_view w) { return w.substr(0, 4) == "ال" && w.size() > 6 ? w.substr(4) : w; };
  auto contains = [&](ByteSpan m, std::string_view word) {
    for (size_t t = v.TokenAt(m.begin); t < v.token_count() && v.token(t).end <= m.end; ++t) {
      if (bare(v.Word(t)) == bare(word)) return true;
    }
    return false;
  };
  // The earlier mention has the head and every other word of this one but
  // nisba adjectives, which the press spells many ways (الأميركي،
  // الأمريكي): "المتحدث باسم الاتحاد" is not "المتحدث باسم الكرملين".
  auto has_head = [&](ByteSpan m) {
    if (m.empty() || m == s->span || !contains(m, head)) return false;
    for (size_t t = first + 1; t < last; ++t) {
      const std::string_view w = v.Word(t);
      const bool nisba = w.size() >= 2 && w.substr(w.size() - 2) == "ي";
      if (!nisba && !contains(m, w)) return false;
    }
    return true;
  };
  auto names_it = [&](const Mention& c) {
    return GenderAgrees(c.gender, s->gender) && GenderAgrees(s->gender, c.gender) && (has_head(c.span) || has_head(c.title));
  };
  const auto* a = NearestBefore(history_, pos, limits::kMaxCorefLookBack, names_it);
  const auto* b = NearestBefore(mentions_->named_people(), pos, limits::kMaxCorefLookBack, names_it);
  const auto* best = a == nullptr || (b != nullptr && b->first > a->first) ? b : a;
  if (best == nullptr) return;
  const ByteSpan as_written = s->span;
  *s = best->second;
  if (s->title.empty() && s->entity < 0) s->title = as_written;
}

}  // namespace qawl
