#include "qawl/discourse.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "qawl/extraction_limits.h"
#include "qawl/sorted_search.h"

namespace qawl {

namespace {

using History = std::vector<std::pair<uint32_t, Mention>>;

// The entries of h before pos, nearest first, at most `limit` of them.
template <typename Fn>
const std::pair<uint32_t, Mention>* NearestBefore(const History& h, uint32_t pos, int limit, Fn accept) {
  auto it = h.begin() + static_cast<std::ptrdiff_t>(CountBefore<std::pair<uint32_t, Mention>>(
                            h, [pos](const auto& e) { return e.first < pos; }));
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
  LinkLaterSources();
}

Attributed Discourse::Decide(size_t i) {
  const Cue& cue = cues_->cue(i);
  const Frame& frame = cues_->frame(i);
  const CueMention& cm = mentions_->of_cue(i);
  const ByteSpan region = cues_->Region(*view_, i);
  Attributed a;
  if (cue.form->tense == Tense::kNoun && cue.form->cls == CueClass::kOther) return a;
  const bool reports = frame.reports() || (frame.boundary == Boundary::kQuote && !cue.after_connector);
  if (!reports) return DecideUnreported(i);
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
      if (a.speaker.entity < 0) LinkToEarlierSource(cue.begin, &a.speaker);
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
      // "أوضح X أن عدة دول تعهدت بـ…": a subject inside the clause an
      // earlier cue reports is its content, not a source that speaks on.
      const int reporting = ReportingCue(i);
      if (reporting < 0) {
        Remember(cue.begin, a.speaker);
      } else if (a.speaker.open && a.speaker.entity < 0 && frame.boundary == Boundary::kQuote) {
        // "شدد X على أن القاهرة ترحب بكل دعم «…»"، "أكدت النيابة أن
        // التحقيقات كشفت عن «…»": a quotation in the reported clause whose
        // subject is no known source (no name, title or source noun) is
        // the reporter's words.
        return speakers_[static_cast<size_t>(reporting)];
      }
    }
    return a;
  }
  return DecideWithoutSubject(i);
}

// A reporting cue whose sentence names no subject for it: the reporter of
// its clause, its clause's subject, the one asked, or an earlier source.
Attributed Discourse::DecideWithoutSubject(size_t i) {
  const Cue& cue = cues_->cue(i);
  const CueMention& cm = mentions_->of_cue(i);
  Attributed a;
  // "قال X إن …، وإنها ترى في Y «…»": a verb right after a pronoun-bearing
  // إن/أن of a clause another cue reports has that pronoun for subject,
  // and its words are the reporter's.
  if (const int reporting = ReportingCue(i); reporting >= 0 && cue.token > 0) {
    // Past a particle of negation or tense (أنه لن يُعلّق، إنها لم تقل).
    auto particle = [](std::string_view w) { return w == "لن" || w == "لم" || w == "لا" || w == "قد" || w == "سوف"; };
    size_t k = cue.token - 1;
    while (k > 0 && particle(view_->Word(k))) --k;
    const std::string_view before = ArticleView::WithoutWa(view_->Word(k));
    if (before.size() > 4 && ArticleView::IsPlainComplementizer(before)) {
      const Attributed& reporter = speakers_[static_cast<size_t>(reporting)];
      // "وذكرت الوكالة أن الزعيم كيم جونغ أون «…»، وأنه وصف": a pronoun
      // that does not agree with the reporter is the person the reported
      // clause named before it.
      const Gender pronoun = before.ends_with("ها")                             ? Gender::kFeminine
                             : before.ends_with("هم") || before.ends_with("هما") ? Gender::kPlural
                             : before.ends_with("ه")                            ? Gender::kMasculine
                                                                                : Gender::kUnknown;
      if (pronoun == Gender::kUnknown || reporter.speaker.gender == Gender::kUnknown ||
          GenderAgrees(reporter.speaker.gender, pronoun)) {
        return reporter;
      }
      const auto* named = NearestBefore(mentions_->named_people(), cue.begin, limits::kMaxHistoryLookBack,
                                        [&](const Mention& m) { return m.gender == pronoun; });
      if (named == nullptr || named->first < cues_->cue(static_cast<size_t>(reporting)).begin) return reporter;
      a.speaker = named->second;
      a.how = How::kImplied;
      return a;
    }
  }
  if (cm.no_implied) return a;
  // The one asked answers, before a verb joined after a comma takes the
  // asker for subject ("سأل القاضي المتهم عن …، فأجاب").
  if (const Mention* asked = Asked(i); asked != nullptr && GenderAgrees(asked->gender, cue.form->gender)) {
    a.speaker = *asked;
    a.how = How::kImplied;
    if (a.speaker.entity < 0) {
      LinkToEarlierSource(cue.begin, &a.speaker);
      // "سأل أحد الصحفيين المدرب الألماني": a role with a word the earlier
      // mention lacks; the last other source holding that role.
      const auto h = FromHistory(cue.begin, cue.form->gender, Asker(i));
      if (a.speaker.entity < 0 && h && SameHead(*h, a.speaker)) a.speaker = *h;
    }
    Remember(cue.begin, a.speaker);
    return a;
  }
  // حمّل X الحكم المسؤولية، واصفا ...: the participle's subject is the
  // main verb's, whether or not that verb reports; so is that of a verb
  // joined after a comma (أدانت الخارجية الهجوم، وأكدت أن).
  const bool joined_after_comma = cue.joined() && view_->FollowsComma(cue.token);
  if (cue.form->tense == Tense::kParticiple || joined_after_comma) {
    if (auto s = ClauseSubject(i)) {
      a.speaker = *s;
      a.how = How::kImplied;
      Remember(cue.begin, a.speaker);
      return a;
    }
  }
  if (auto h = FromHistory(cue.begin, cue.form->gender, Asker(i))) {
    a.speaker = *h;
    a.how = How::kImplied;
    Remember(cue.begin, a.speaker);  // the chain goes on: وأضاف ... وتابع
  } else if (const auto* r = NearestBefore(mentions_->role_names(), cue.begin, limits::kMaxHistoryLookBack,
                                           [&](const Mention& m) { return GenderAgrees(m.gender, cue.form->gender); });
             r != nullptr && view_->NewlinesBetween(r->first, cue.begin) <= limits::kMaxIntroducedNewlines) {
    // "أحيت الفنانة ريما سابا الحفل. … توجهت إلى الجمهور قائلة: «…»": with
    // no earlier source, the person the writer introduced by a role and a
    // name, a few paragraphs before at most.
    a.speaker = r->second;
    a.how = How::kImplied;
    Remember(cue.begin, a.speaker);
  }
  return a;
}

bool Discourse::RelaysNounCue(size_t i) const {
  const size_t next = i + 1;
  if (next >= cues_->size()) return false;
  const uint32_t end = view_->SentenceEnd(cues_->cue(i).begin);
  return cues_->cue(next).begin < end && cues_->cue(next).form->tense == Tense::kNoun &&
         mentions_->of_cue(next).site == MentionSite::kNounCue;
}

int Discourse::ReportingCue(size_t i) const {
  const uint32_t sentence = view_->SentenceStart(cues_->cue(i).begin);
  for (size_t k = i; k-- > 0 && cues_->cue(k).begin >= sentence;) {
    const Frame& f = cues_->frame(k);
    if (f.boundary == Boundary::kComplementizer && f.comp_end <= cues_->cue(i).begin) {
      // Not past a contrast that opens a clause of its own ("أن X تلقى
      // عرضا، غير أن وكيله نفى").
      if (mentions_->ClauseStartBefore(i) > f.comp_end) return -1;
      return static_cast<int>(k);
    }
  }
  return -1;
}

bool Discourse::SameHead(const Mention& a, const Mention& b) const {
  auto head = [&](const Mention& m) {
    const std::string_view w = view_->Word(view_->TokenAt(m.title.empty() ? m.span.begin : m.title.begin));
    return w.starts_with("ال") ? w.substr(4) : w;
  };
  return a.valid() && b.valid() && head(a) == head(b);
}

const Mention* Discourse::Asked(size_t i) const {
  if (!Answers(i)) return nullptr;
  const uint32_t sentence = view_->SentenceStart(cues_->cue(i).begin);
  for (size_t k = i; k-- > 0 && cues_->cue(k).begin >= sentence;) {
    if (cues_->cue(k).form->turn != Turn::kQuestion) continue;
    const std::optional<Mention>& m = mentions_->of_cue(k).addressee;
    return m ? &*m : nullptr;
  }
  return nullptr;
}

bool Discourse::Answers(size_t i) const {
  const Cue& cue = cues_->cue(i);
  if (cue.form->turn == Turn::kAnswer) return true;
  // فقال، فقالت: a verb of saying joined by ف follows on from the question.
  return cue.form->cls == CueClass::kSay && cue.form->tense == Tense::kPast && cue.joined() &&
         view_->text().substr(cue.begin, 2) == "ف";
}

const Mention* Discourse::Asker(size_t i) const {
  if (!Answers(i)) return nullptr;
  const uint32_t sentence = view_->SentenceStart(cues_->cue(i).begin);
  for (size_t k = i; k-- > 0 && cues_->cue(k).begin >= sentence;) {
    if (cues_->cue(k).form->turn == Turn::kQuestion && speakers_[k].speaker.valid()) return &speakers_[k].speaker;
  }
  return nullptr;
}

// No speech of its own; the speaker matters to a quotation before the cue
// ("…"، قال X، "…"، وفق ما ذكر X). Only a subject the lexicon or gazetteer
// knows is remembered: an open phrase here is as often the verb's object,
// except right after a quotation ("«…»، يقول المعلم إدريس"), where it
// speaks on (ويضيف «…»).
Attributed Discourse::DecideUnreported(size_t i) {
  const Cue& cue = cues_->cue(i);
  const CueMention& cm = mentions_->of_cue(i);
  const ByteSpan region = cues_->Region(*view_, i);
  Attributed a;
  if (cm.mention && cm.site == MentionSite::kSubject) {
    a.speaker = *cm.mention;
    a.how = How::kAfter;
    if (a.speaker.entity < 0) LinkToEarlierSource(region.begin, &a.speaker);
  } else if (cm.mention && cm.site == MentionSite::kIntroduced) {
    // "جلست X في المدرجات. «…»، قالت ضاحكة": the person just introduced.
    a.speaker = *cm.mention;
    a.how = How::kPreposed;
    if (a.speaker.entity < 0) LinkToEarlierSource(cue.begin, &a.speaker);
    Remember(cue.begin, a.speaker);
    return a;
  } else if (auto h = FromHistory(cue.begin, cue.form->gender)) {
    a.speaker = *h;
    a.how = How::kImplied;
  }
  if (!cue.after_connector && !cue.object_suffix && cue.form->tense != Tense::kNoun && cm.mention) {
    const bool after_quote = view_->QuoteClosesBefore(cue.begin);
    if (cm.site == MentionSite::kSubject && (!cm.mention->open || after_quote) && !RelaysNounCue(i)) {
      Remember(region.begin, a.speaker);
    }
    const bool before_verb = cm.site == MentionSite::kPreposed || cm.site == MentionSite::kRelative;
    if (before_verb && ReportingCue(i) < 0) Remember(cue.begin, *cm.mention);
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

std::optional<Mention> Discourse::ClauseSubject(size_t i) const {
  // The main verb is among the last few cues of the sentence.
  constexpr size_t kMaxLookBack = 16;
  const uint32_t sentence = view_->SentenceStart(cues_->cue(i).begin);
  const size_t first = std::max(cues_->FirstFrom(sentence), i > kMaxLookBack ? i - kMaxLookBack : 0);
  // earliest[k - first]: where the first reported clause among cues
  // [first, k) begins.
  std::array<uint32_t, kMaxLookBack + 1> earliest;
  uint32_t clause = UINT32_MAX;
  for (size_t k = first; k < i; ++k) {
    earliest[k - first] = clause;
    const Frame& f = cues_->frame(k);
    if (f.boundary == Boundary::kComplementizer) clause = std::min(clause, f.pos);
  }
  for (size_t k = i; k-- > first;) {
    // Inside the clause that an earlier cue of the sentence reports
    // ("قال X إن المجلس وافق ..."): not the main verb.
    if (earliest[k - first] < cues_->cue(k).begin) continue;
    // A subject the sentence names; an implied one is the history's.
    const Attributed& a = speakers_[k];
    if (!a.speaker.valid() || a.how == How::kImplied) return std::nullopt;
    if (cues_->cue(k).object_suffix && cues_->cue(i).form->tense != Tense::kParticiple) return std::nullopt;
    if (cues_->cue(k).form->turn == Turn::kQuestion && cues_->cue(i).form->turn == Turn::kAnswer) return std::nullopt;
    if (!GenderAgrees(a.speaker.gender, cues_->cue(i).form->gender)) return std::nullopt;
    return a.speaker;
  }
  return std::nullopt;
}

// The nearest earlier source agreeing with the verb's gender, among a
// bounded number: an implied subject refers to a recent one.
std::optional<Mention> Discourse::FromHistory(uint32_t pos, Gender gender, const Mention* not_this) const {
  auto same = [&](const Mention& m) {
    if (not_this == nullptr) return false;
    if (m.entity >= 0 || not_this->entity >= 0) return m.entity == not_this->entity;
    return view_->Text(m.span) == view_->Text(not_this->span);
  };
  auto agrees = [&](const Mention& m) { return GenderAgrees(m.gender, gender) && !same(m); };
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

// A short mention of a source with no name: a role (المدرب، الأمين العام،
// المتحدث الأميركي) or a surname (ديب). Another mention names the same
// source when it has every word of this one, compared without the article
// and the long vowels (الوزيرة names وزيرة الخارجية; المتحدث الأميركي names
// المتحدث باسم مجلس الأمن القومي الأمريكي): "المتحدث باسم الاتحاد" is not
// "المتحدث باسم الكرملين", "الوزير الأردني" is not "الوزير المصري". A role
// with a name in it (النائب سليم الحاج) is a person of its own.
class Discourse::ShortMention {
 public:
  ShortMention(const ArticleView& view, const Mention& m) : v_(view), m_(m) {
    first_ = v_.TokenAt(m.span.begin);
    last_ = v_.TokenAt(m.span.end);
    if (last_ <= first_ || last_ - first_ > limits::kMaxShortMentionTokens) return;
    // The longest only with a generic head (المسؤولة الكورية الشمالية البارزة).
    if (last_ - first_ == limits::kMaxShortMentionTokens &&
        !v_.Listed(first_, PatternSet::Section::kGenericHeads)) {
      return;
    }
    constexpr size_t kMinHeadBytes = 6;  // three Arabic letters
    if (v_.Word(first_).size() < kMinHeadBytes) return;
    for (size_t t = first_ + 1; t < last_; ++t) {
      if (v_.Word(t).substr(0, 4) != "ال") return;
    }
    ok_ = true;
  }
  bool ok() const { return ok_; }
  // A generic head with adjectives (المسؤول الروسي).
  bool generic() const { return last_ > first_ + 1 && v_.Listed(first_, PatternSet::Section::kGenericHeads); }
  size_t size() const { return last_ - first_; }

  bool Names(const Mention& c) const {
    if (!GenderAgrees(c.gender, m_.gender) || !GenderAgrees(m_.gender, c.gender)) return false;
    return Within(c.span) || Within(c.title);
  }

 private:
  // Whether two words are equal less their article and their long vowels:
  // the press writes الأميركي and الأمريكي, الوزيرة and وزيرة.
  static bool SameSkeleton(std::string_view a, std::string_view b) {
    auto strip = [](std::string_view w) { return w.substr(0, 4) == "ال" && w.size() > 6 ? w.substr(4) : w; };
    a = strip(a);
    b = strip(b);
    auto next = [](std::string_view w, size_t* k) -> std::string_view {
      while (*k < w.size()) {
        const size_t n = (static_cast<unsigned char>(w[*k]) & 0x80) != 0 ? 2 : 1;
        const std::string_view c = w.substr(*k, n);
        *k += n;
        if (c != "ا" && c != "و" && c != "ي") return c;
      }
      return {};
    };
    size_t i = 0;
    size_t j = 0;
    for (;;) {
      const std::string_view x = next(a, &i);
      const std::string_view y = next(b, &j);
      if (x != y) return false;
      if (x.empty()) return true;
    }
  }
  // A feminine nisba less its ending (الكورية -> الكوري), else `w`.
  static std::string_view Masculine(std::string_view w) {
    return IsNisba(w) && w.ends_with("يه") ? w.substr(0, w.size() - 2) : w;
  }
  // `any_gender`: an adjective of a generic head agrees with the source's
  // gender, not with the title's words ("المسؤولة الكورية الشمالية" for
  // "شقيقة الزعيم الكوري الشمالي").
  // The same for a nisba: it also names the noun it derives from after
  // لل (الأممي in "الأمين العام للأمم المتحدة").
  bool Contains(ByteSpan m, std::string_view word, bool any_gender = false) const {
    for (size_t t = v_.TokenAt(m.begin); t < v_.token_count() && v_.token(t).end <= m.end; ++t) {
      const std::string_view w = v_.Word(t);
      if (SameSkeleton(w, word)) return true;
      if (any_gender && SameSkeleton(Masculine(w), Masculine(word))) return true;
      const bool after_lil = w.starts_with("لل") && w.size() > 6;
      if (after_lil && IsNisba(word) && word.ends_with("ي") && SameSkeleton(w.substr(4), word)) return true;
    }
    return false;
  }
  bool Within(ByteSpan m) const {
    if (m.empty() || m == m_.span) return false;
    // A role noun alone (البنك، الوزير) names the source whose phrase it
    // heads, not one it is a word of (مصرفيين في بنوك خاصة).
    if (last_ == first_ + 1 && v_.ListedStripped(first_, PatternSet::Section::kSourceNouns)) {
      return SameSkeleton(v_.Word(v_.TokenAt(m.begin)), v_.Word(first_));
    }
    // A generic head (المسؤول الأطلسي) is matched by its adjectives alone.
    const bool generic = this->generic();
    // A nationality (a nisba after a definite head) the fuller mention
    // does not state is no conflict when that mention opens with the same
    // head and states none (المتحدث
    // الروسي for المتحدث باسم الكرملين X; not الوزير الأردني for الوزير
    // المصري X, nor المدرب السويسري for X مدرب الزمالك).
    const bool open_to_nisba = !generic && v_.Word(first_).starts_with("ال") &&
                               SameSkeleton(v_.Word(v_.TokenAt(m.begin)), v_.Word(first_)) && !HasNisba(m);
    // A generic head's other adjectives describe, they do not identify
    // (المسؤولة الكورية الشمالية البارزة): its nisbas must match, one at least.
    bool nisba_matched = !generic;
    for (size_t t = generic ? first_ + 1 : first_; t < last_; ++t) {
      if (Contains(m, v_.Word(t), generic)) {
        nisba_matched = nisba_matched || IsNisba(v_.Word(t));
        continue;
      }
      if (generic && !IsNisba(v_.Word(t))) continue;
      if (!(open_to_nisba && t > first_ && IsNisba(v_.Word(t)))) return false;
    }
    return nisba_matched;
  }
  // A definite nisba adjective: الروسي، الأردنية.
  static bool IsNisba(std::string_view w) {
    return w.starts_with("ال") && (w.ends_with("ي") || w.ends_with("يه"));
  }
  bool HasNisba(ByteSpan m) const {
    for (size_t t = v_.TokenAt(m.begin); t < v_.token_count() && v_.token(t).end <= m.end; ++t) {
      if (IsNisba(v_.Word(t))) return true;
    }
    return false;
  }

  const ArticleView& v_;
  const Mention& m_;
  size_t first_ = 0;
  size_t last_ = 0;
  bool ok_ = false;
};

// *s takes the entity and fuller mention of the source it names, keeping
// its own words as the title.
static void TakeSource(const Mention& source, Mention* s) {
  const ByteSpan as_written = s->span;
  *s = source;
  if (s->title.empty() && s->entity < 0) s->title = as_written;
}

bool Discourse::LinkStatementToIssuer(uint32_t pos, Mention* s) const {
  const ArticleView& v = *view_;
  const size_t first = v.TokenAt(s->span.begin);
  if (v.TokenAt(s->span.end) != first + 1) return false;
  if (!v.IsDefiniteStatementNoun(v.Word(first))) return false;
  int looked = 0;
  for (size_t k = speakers_.size(); k-- > 0 && looked < limits::kMaxHistoryLookBack; ++looked) {
    const Cue& cue = cues_->cue(k);
    if (cue.begin >= pos) continue;
    const Mention& issuer = speakers_[k].speaker;
    // Not a phrase read as a subject only for its place (أعلن فيه إنهاء
    // التعاقد: the object).
    if (!issuer.valid() || issuer.document || issuer.open) continue;
    const size_t from = v.TokenAt(v.SentenceStart(cue.begin));
    const size_t to = v.TokenAt(v.SentenceEnd(cue.begin));
    for (size_t t = from; t < to; ++t) {
      if (v.ListedStripped(t, PatternSet::Section::kStatementNouns) && !v.InsideQuote(v.token(t).begin)) {
        // The verbs of this sentence agree with the noun (وأوضح البيان …،
        // داعيا), not with the issuer (وقالت الوزارة).
        const Gender agreement = s->gender;
        *s = issuer;
        s->gender = agreement;
        return true;
      }
    }
  }
  return false;
}

void Discourse::LinkToEarlierSource(uint32_t pos, Mention* s) const {
  if (LinkStatementToIssuer(pos, s)) return;
  const ShortMention short_mention(*view_, *s);
  if (!short_mention.ok()) return;
  auto names = [&](const Mention& c) { return short_mention.Names(c); };
  const std::pair<uint32_t, Mention>* best = nullptr;
  // "وأضاف المسؤول الروسي": a generic head refers to a source who spoke
  // (history_, searched first) before a person merely named nearer ("إن
  // الرئيس بوتين كلفه").
  const bool generic = short_mention.generic();
  for (const History* h : {&history_, &mentions_->named_people(), &mentions_->role_names()}) {
    if (generic && best != nullptr) break;
    const auto* c = NearestBefore(*h, pos, limits::kMaxCorefLookBack, names);
    if (c != nullptr && (best == nullptr || c->first > best->first)) best = c;
  }
  if (best != nullptr) {
    TakeSource(best->second, s);
    return;
  }
  // "الوزيرة" alone: the one person of the article holding such a title.
  const size_t first = view_->TokenAt(s->span.begin);
  if (view_->TokenAt(s->span.end) == first + 1 && view_->ListedStripped(first, PatternSet::Section::kSourceNouns)) {
    if (const int e = mentions_->PersonWithRole(first, s->gender); e >= 0) {
      s->entity = e;
      s->title = s->span;
    }
  }
}

// The second pass: a role quoted before the source is named (cataphora:
// "قال رئيس الهيئة ..." two paragraphs before "رئيس الهيئة فاروق بوعسكر")
// takes the later, fuller mention, and so does every cue that referred back
// to it.
void Discourse::LinkLaterSources() {
  std::vector<ByteSpan> tried;  // each role once, however many cues carry it
  for (size_t i = 0; i < speakers_.size(); ++i) {
    const Mention role = speakers_[i].speaker;
    if (!role.valid() || role.entity >= 0 || !role.title.empty()) continue;
    if (std::find(tried.begin(), tried.end(), role.span) != tried.end()) continue;
    tried.push_back(role.span);
    const ShortMention short_mention(*view_, role);
    if (!short_mention.ok()) continue;
    // Only a role nobody before it held: "المدرب" after an earlier coach
    // who did not quite match is not a reference forward.
    const std::string_view head = view_->Word(view_->TokenAt(role.span.begin));
    auto earlier = std::lower_bound(history_.begin(), history_.end(), role.span.begin,
                                    [](const auto& e, uint32_t p) { return e.first < p; });
    bool held_before = false;
    for (auto it = history_.begin(); it != earlier && !held_before; ++it) {
      held_before = it->second.span != role.span && view_->Text(it->second.span).find(head) != std::string_view::npos;
    }
    for (const auto& [pos, m] : mentions_->role_names()) {
      if (pos >= role.span.begin || held_before) break;
      held_before = view_->Text(m.span).find(head) != std::string_view::npos;
    }
    if (held_before) continue;
    auto later = std::upper_bound(history_.begin(), history_.end(), role.span.end,
                                  [](uint32_t p, const auto& e) { return p < e.first; });
    const Mention* source = nullptr;
    // Not several people joined by و (طبيب التخدير والجراح ومدير المستشفى).
    auto several = [&](const Mention& c) {
      const size_t last = view_->TokenAt(c.span.end);
      for (size_t t = view_->TokenAt(c.span.begin) + 1; t < last; ++t) {
        if (view_->Word(t).starts_with("و") && view_->ListedStripped(t, PatternSet::Section::kSourceNouns)) return true;
      }
      return false;
    };
    for (int n = 0; later != history_.end() && n < limits::kMaxCorefLookBack; ++later, ++n) {
      const Mention& c = later->second;
      const size_t words = view_->CountTokens(c.span);
      if ((c.entity >= 0 || words > short_mention.size()) && short_mention.Names(c) && !several(c)) {
        source = &c;
        break;
      }
    }
    if (source == nullptr) continue;
    const Mention found = *source;
    for (Attributed& a : speakers_) {
      if (a.speaker.span == role.span && a.speaker.entity < 0) TakeSource(found, &a.speaker);
    }
  }
}

}  // namespace qawl
