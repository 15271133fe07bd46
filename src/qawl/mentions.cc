#include "qawl/mentions.h"

#include <algorithm>
#include <span>
#include <string>
#include <string_view>

#include "qawl/extraction_limits.h"
#include "qawl/sorted_search.h"

namespace qawl {

namespace {

// Whether w is a past form of the auxiliary كان.
bool IsKana(std::string_view w) { return w == "كان" || w == "كانت" || w == "كانوا" || w == "كانا" || w == "كانتا"; }

// Whether a word has the shape of an indefinite accusative of state or
// manner: a participle (ضاحكا، ساخرا: فاعلا; مبتسما، متسائلا: م…ا) or a
// relative adjective (حرفيا، شخصيا), not a pronoun suffix (منها، عليهما).
// Arabic letters are two bytes in normalized text.
bool IsAccusativeState(std::string_view w) {
  if (!w.ends_with("ا") || w.starts_with("ال")) return false;
  if (w.ends_with("ها") || w.ends_with("هما") || w.ends_with("نا") || w.ends_with("كما")) return false;
  constexpr std::string_view kAlef = "ا";
  const bool faaila = w.size() == 10 && w.substr(2, 2) == kAlef;
  const bool mu = w.starts_with("م") && w.size() >= 10;
  return faaila || mu || w.ends_with("يا");
}

using Section = PatternSet::Section;

// Whether w is بـ and a verbal noun of the forms مفاعلة or تفعيل (بممارسة،
// بتنفيذ): a verb's complement, never a subject.
bool IsVerbalNounAfterBi(std::string_view w) {
  constexpr size_t kMinBytes = 10;  // بـ and four letters
  return (w.starts_with("بم") || w.starts_with("بت")) && w.size() >= kMinBytes;
}

}  // namespace

void MentionSet::Find(const ArticleView& view, const CueSet& cues, const re2::RE2& region_stop) {
  view_ = &view;
  cues_ = &cues;
  region_stop_ = &region_stop;
  names_.clear();
  named_.clear();
  named_people_.clear();
  role_names_.clear();
  per_cue_.clear();
  ScanGazetteer();
  per_cue_.reserve(cues.size());
  bool short_unknown = false;
  bool implied_first = false;  // a cue with no subject before any with one
  bool named = false;
  for (size_t i = 0; i < cues.size(); ++i) {
    per_cue_.push_back(OfCue(i));
    const std::optional<Mention>& m = per_cue_.back().mention;
    short_unknown |= m && m->entity < 0 && view.CountTokens(m->span) <= limits::kMaxRoleReferenceTokens;
    // (with no gazetteer person named before it either: FromHistory's).
    implied_first |= !m && !named && !per_cue_.back().no_implied &&
                     (named_people_.empty() || named_people_.front().first > cues.cue(i).begin);
    named |= m.has_value();
  }
  // Only a short mention of an unknown source (a role, a surname), or an
  // implied subject with no source before it, can refer to a person
  // introduced without a cue: skip the scan otherwise.
  if (short_unknown || implied_first) ScanRoleNames();
}

void MentionSet::ScanGazetteer() {
  const ArticleView& v = *view_;
  const Gazetteer& g = v.gazetteer();
  size_t next = 0;  // the first token not inside a name found
  for (const size_t i : v.name_tokens()) {
    if (i < next) continue;
    if (std::optional<NameMatch> m = g.MatchAt(v.words(), i, *v.facts(i).names)) {
      names_.push_back(*m);
      next = m->end;
    }
  }
  for (const NameMatch& m : names_) {
    if (!m.is_title) ++named_[m.entity];
  }
  resolved_.clear();
  resolved_.reserve(names_.size());
  for (const NameMatch& m : names_) {
    resolved_.push_back(Resolve(m));
    const Mention& s = resolved_.back();
    if (v.InsideQuote(v.token(m.begin).begin)) continue;
    if (s.entity >= 0 && g.entity(s.entity).type == "person") named_people_.emplace_back(v.token(m.begin).begin, s);
  }
}

void MentionSet::ScanRoleNames() {
  const ArticleView& v = *view_;
  constexpr size_t kMaxAdjectives = 2;  // المدرب الألماني الجديد
  constexpr size_t kMinNameWords = 2;
  constexpr size_t kMaxNameWords = 4;
  auto definite = [&](size_t k) { return v.Word(k).substr(0, 4) == "ال"; };
  size_t next = 0;  // the first token not inside a role name found
  for (const size_t t : v.source_noun_tokens()) {
    if (t < next) continue;
    size_t k = t + 1;
    for (size_t a = 0; a < kMaxAdjectives && k < v.token_count() && definite(k) && !v.PunctuationBefore(k); ++a) {
      const std::string_view w = v.Word(k);
      if (w.size() < 2 || w.substr(w.size() - 2) != "ي") break;  // a nisba adjective
      ++k;
    }
    const size_t name = k;
    // Not the verb's object after its subject: a statement noun or an
    // accusative (أصدر النادي بيانا رسميا).
    while (k < v.token_count() && k - name < kMaxNameWords && !v.PunctuationBefore(k) && v.IsContentWord(k) &&
           !v.ListedStripped(k, Section::kSourceNouns) && (!definite(k) || k > name) &&
           !IsAccusativeState(v.Word(k)) && !v.ListedStripped(k, Section::kStatementNouns)) {
      ++k;
    }
    if (k - name < kMinNameWords || v.InsideQuote(v.token(t).begin)) continue;
    Mention m;
    m.span = ByteSpan{v.token(t).begin, v.token(k - 1).end};
    m.gender = v.NounGender(t);
    role_names_.emplace_back(v.token(t).begin, m);
    next = k;
  }
}

size_t MentionSet::FirstNameAt(size_t t) const {
  return CountBefore<NameMatch>(names_, [t](const NameMatch& m) { return m.begin < t; });
}

size_t MentionSet::NameAt(size_t t) const {
  const size_t k = FirstNameAt(t);
  return k < names_.size() && names_[k].begin == t ? k : names_.size();
}

Mention MentionSet::Resolve(const NameMatch& m) const {
  const ArticleView& v = *view_;
  const Gazetteer& g = v.gazetteer();
  Mention s;
  ByteSpan span{v.token(m.begin).begin + static_cast<uint32_t>(m.prefix_bytes), v.token(m.end - 1).end};
  s.span = span;
  if (!m.is_title) {
    s.entity = m.entity;
  } else {
    s.title = span;
    // A title names one person only when no other person holds it, or when
    // the article names exactly one of its holders.
    std::string title(v.Text(ByteSpan{v.token(m.begin).begin, span.end}));
    std::string_view tv(title);
    std::string folded;
    for (const std::string& t : g.entity(m.entity).titles) {
      bool suffix = tv.size() >= t.size() && tv.substr(tv.size() - t.size()) == t;
      if (suffix && t.size() > folded.size()) folded = t;
    }
    std::vector<int> holders = g.TitleHolders(folded, v.year());
    if (holders.empty()) holders = g.EntitiesWithTitle(folded);
    if (holders.size() <= 1) {
      s.entity = holders.empty() ? m.entity : holders[0];
    } else {
      int named = -1;
      for (int h : holders) {
        if (named_.count(h) == 0) continue;
        named = named == -1 ? h : -2;
      }
      if (named >= 0) s.entity = named;
    }
  }
  if (s.entity >= 0) s.gender = g.entity(s.entity).gender;
  // An organization agrees with its name as written: "الجيش السوداني"
  // (m) and "القوات المسلحة السودانية" (f) are one entity.
  if (s.entity >= 0 && !m.is_title && g.entity(s.entity).type == "organization" &&
      (v.EndsWithTehMarbuta(m.begin) || v.Word(m.begin).ends_with("ات"))) {
    s.gender = Gender::kFeminine;
  }
  return s;
}

std::optional<Mention> MentionSet::Interviewee(ByteSpan intro) const {
  const ArticleView& v = *view_;
  const size_t end = v.TokenAt(intro.end);
  for (size_t k = v.TokenAt(intro.begin); k + 1 < end; ++k) {
    const std::string_view w = ArticleView::WithoutWa(v.Word(k));
    // إلى and على with their ى folded (تحدثت إلى X، طرحنا على X أسئلة).
    if (w != "الي" && w != "مع" && (w != "علي" || v.Listed(k, Section::kGivenNames))) continue;
    const size_t first = k + 1;
    if (!(v.Listed(first, Section::kGivenNames) || v.ListedStripped(first, Section::kSourceNouns) ||
          NameAt(first) < names_.size())) {
      continue;
    }
    // A medium in marks is the interviewer ("في حوار مع «الأيام»").
    if (v.InsideQuote(v.token(first).begin)) continue;
    size_t last = first + 1;
    while (last < end && !v.PunctuationBefore(last)) ++last;
    bool only;
    std::optional<Mention> m =
        AnalyzeRegion(ByteSpan{v.token(first).begin, v.token(last - 1).end}, Gender::kUnknown, &only);
    if (m && m->entity < 0) m->span.end = TrimNounPhrase(m->span);
    if (m) return m;
  }
  return std::nullopt;
}

int MentionSet::PersonWithRole(size_t token, Gender gender) const {
  const ArticleView& v = *view_;
  const Gazetteer& g = v.gazetteer();
  auto bare = [](std::string_view w) { return w.starts_with("ال") ? w.substr(4) : w; };
  const std::string_view role = bare(v.Word(token));
  int found = -1;
  for (const auto& [entity, count] : named_) {
    const Entity& e = g.entity(entity);
    if (e.type != "person" || (gender != Gender::kUnknown && e.gender != Gender::kUnknown && e.gender != gender)) {
      continue;
    }
    bool holds = false;
    for (const std::string& t : e.titles) {
      const std::string_view head = bare(std::string_view(t).substr(0, t.find(' ')));
      if (head != role) continue;
      const std::vector<int> holders = g.TitleHolders(t, v.year());
      holds = std::find(holders.begin(), holders.end(), entity) != holders.end();
      if (holds) break;
    }
    if (!holds) continue;
    if (found >= 0) return -1;
    found = entity;
  }
  return found;
}

// A family or given name alone ("كيم") stands for the one person already
// named in full in the article whose alias starts or ends with it.
int MentionSet::ResolveShortName(size_t token) const {
  const ArticleView& v = *view_;
  // A given name (سيرغي، جون) names too many people to stand alone.
  if (v.Listed(token, Section::kGivenNames)) return -1;
  const std::vector<int>* people = v.gazetteer().PeopleWithShortName(v.Word(token));
  if (people == nullptr) return -1;
  int found = -1;
  for (int entity : *people) {
    if (named_.count(entity) == 0) continue;
    if (found >= 0) return -1;
    found = entity;
  }
  return found;
}

bool MentionSet::ReadAsPassive(const Cue& cue) const {
  if (cue.form->passive_before.empty() || cue.token + 1 >= view_->token_count()) return false;
  const std::string_view next = view_->Word(cue.token + 1);
  for (const std::string& w : cue.form->passive_before) {
    if (next == w) return true;
  }
  return false;
}

CueMention MentionSet::OfNounCue(size_t i) const {
  const Cue& cue = cues_->cue(i);
  const ByteSpan region = cues_->Region(*view_, i);
  CueMention out;
  // "ورد X على سؤال … بالقول إن": the manner of the sentence's verb, whose
  // subject speaks; the noun before بالقول is no speaker.
  const bool manner = view_->Word(cue.token).starts_with("ب");
  if (!manner) out.mention = SpeakerOfNounCue(cue);
  if (out.mention) {
    out.site = MentionSite::kNounCue;
  } else if ((out.mention = SubjectOfSentence(i))) {
    out.site = MentionSite::kSentence;  // ردّ X على … بالقول إن
  }
  bool only;
  auto s = AnalyzeRegion(region, Gender::kUnknown, &only);
  out.speaker_only = !s.has_value() || only;
  return out;
}

CueMention MentionSet::OfSourceCue(size_t i) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(i);
  const ByteSpan region = cues_->Region(v, i);
  CueMention out;
  // "نشر X تدوينة جاء فيها": the pronoun is the post, whose author is
  // the sentence's subject.
  const std::string& prep = cue.form->source_preposition;
  const size_t next = cue.token + 1;
  const std::string_view w = next < v.token_count() ? v.Word(next) : std::string_view();
  if (w.size() > prep.size() && w.starts_with(prep) && v.Listed(next, Section::kSkipWords)) {
    if ((out.mention = SubjectOfSentence(i))) out.site = MentionSite::kSentence;
    out.no_implied = true;
    return out;
  }
  return SourceAfterPreposition(cue, region);
}

bool MentionSet::LoneNameWithLam(size_t t) const {
  const ArticleView& v = *view_;
  const std::string_view w = v.Word(t);
  constexpr size_t kMinNameBytes = 6;  // three letters: لاي، لعرابي، ليخاتشوف
  if (!w.starts_with("ل") || w.size() < kMinNameBytes || w.starts_with("لل") || t + 1 >= v.token_count()) return false;
  // Not ل and a word the lists know (لوكالة، لصحيفة), unless that word
  // is short (لاي: أي), nor one with a pronoun (لمراسلنا، لابنه).
  constexpr size_t kMaxShortBytes = 6;
  if ((v.facts(t).lists_stripped != 0 && w.size() > kMaxShortBytes) || w.ends_with("نا") || w.ends_with("ه") ||
      w.ends_with("ها") || w.ends_with("هم")) {
    return false;
  }
  // Alone before what the verb reports.
  const std::string_view next = v.Word(t + 1);
  const std::string_view gap = v.text().substr(v.token(t).end, v.token(t + 1).begin - v.token(t).end);
  // or before a comma (وقال لاي، في أول تعليق له:).
  if (!ArticleView::IsPlainComplementizer(next) && gap.find(':') == std::string_view::npos &&
      gap.find("،") == std::string_view::npos && gap.find(',') == std::string_view::npos) {
    return false;
  }
  // And written elsewhere in a name: after a given name (سميرة لعرابي), a
  // role or its adjective (الرئيس التايواني الجديد لاي تشينغ تي), or one
  // word after one of those (الإسباني خافيير لوبيث), as "لمصراوي" (ل and a
  // medium) is not.
  auto anchors = [&](size_t k) {
    return v.Listed(k, Section::kGivenNames) || v.ListedStripped(k, Section::kSourceNouns) ||
           v.Word(k).starts_with("ال");
  };
  for (size_t u = 1; u < v.token_count(); ++u) {
    if (u == t || v.Word(u) != w || v.PunctuationBefore(u) || v.InsideQuote(v.token(u).begin)) continue;
    if (anchors(u - 1)) return true;
    if (u >= 2 && !v.PunctuationBefore(u - 1) && !v.Word(u - 1).starts_with("ال") && anchors(u - 2)) return true;
  }
  return false;
}

std::optional<Mention> MentionSet::SubjectAfter(size_t i, bool* speaker_only) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(i);
  const Frame& frame = cues_->frame(i);
  const ByteSpan region = cues_->Region(v, i);
  // A verb of description takes its subject first before إن/أن (اعتبر
  // المدرب أن), its object first before بأن or a quotation (وصفت الهجوم
  // بأنه، وصف الخطوة بـ"…"). A participle's subject is its clause's
  // (داعيا الحكومة إلى: not الحكومة).
  const bool participle = cue.form->tense == Tense::kParticiple;
  const bool subject_first_describe =
      frame.boundary == Boundary::kComplementizer && v.Word(v.TokenAt(frame.pos)).substr(0, 2) != "ب";
  // After لكنه/لكنها or غير أنه the attached pronoun is the subject: the
  // words after the verb are its object ("لكنه أقر بتسجيل خروقات"، "غير
  // أنه دعا الحكومة إلى").
  const bool pronoun_subject = cue.token > 0 && !cue.joined() && PronounSubjectBefore(cue.token);
  // With its object a pronoun (وصفها متخصصون بأنها) the words after a verb
  // of description are its subject.
  const bool open_subject = !participle && !pronoun_subject &&
                            (cue.form->cls != CueClass::kDescribe || subject_first_describe || cue.object_suffix);
  std::optional<Mention> mention = AnalyzeRegion(region, cue.form->gender, speaker_only, open_subject);
  if (participle || pronoun_subject) mention.reset();
  // One phrase alone between a verb of description and its بأن/بـ/quotation
  // is its object, the subject implied ("ووصفت البيان الصادر عنها بأنه"):
  // a subject would have an object after it (ووصف الوزير الخطة بأنها).
  if (mention && mention->entity < 0 && cue.form->cls == CueClass::kDescribe && !subject_first_describe &&
      !cue.object_suffix && frame.boundary != Boundary::kColon) {
    // One definite noun and its adjectives: an indefinite or a name word
    // in it would start a second phrase (ووصف محللون اقتصاديون القرار).
    const size_t at = v.TokenAt(frame.pos);
    constexpr size_t kMaxObjectTokens = 3;  // البيان الصادر عنها
    const size_t first = v.TokenAt(mention->span.begin);
    bool one_definite_phrase = first < at && at - first <= kMaxObjectTokens && !v.PunctuationBefore(at);
    for (size_t t = first; one_definite_phrase && t < at; ++t) {
      one_definite_phrase = v.Word(t).starts_with("ال") || v.ListedStripped(t, Section::kNotSubject);
    }
    if (one_definite_phrase) mention.reset();
  }
  // Joined after a comma, a verb of attitude has its clause's subject, and
  // a phrase after it that names nobody known is its object ("أصدرت
  // الوزارة الجدول، ودعت المواطنين إلى «…»"); after another cue of the
  // sentence, a known one too ("قال X إن …، واتهم نتنياهو بـ«…»").
  if (mention && cue.form->cls == CueClass::kOther && cue.joined() && v.FollowsComma(cue.token)) {
    const bool after_cue = i > 0 && cues_->cue(i - 1).begin >= v.SentenceStart(cue.begin);
    if (mention->entity < 0 || after_cue) mention.reset();
  }
  // After a verb of attitude, an open phrase behind ب or ل is its
  // complement, not an unknown subject (تعهدت بتمويل، رحب بقرار); after a
  // verb of saying it may be a name (يروي بوفهد).
  // After any verb, an open phrase behind ل is its addressee (قال
  // لفرانس24، طالبا عدم كشف اسمه، إن).
  if (mention && mention->open) {
    const size_t head = v.TokenAt(mention->span.begin);
    const std::string_view w = v.Word(head);
    // بـ and a verbal noun (بتنفيذ، بممارسة) is a complement after any verb.
    const bool complement =
        w.starts_with("ل") || (w.starts_with("ب") && cue.form->cls == CueClass::kOther) || IsVerbalNounAfterBi(w);
    if (complement && !v.Listed(head, Section::kGivenNames) && !LoneNameWithLam(head)) mention.reset();
  }
  // A verb that marks its subject takes an object after it too (انتقد
  // المدرب عمرو الجمال الحكم).
  const bool question = cue.form->turn == Turn::kQuestion;
  const bool takes_object = cue.form->cls == CueClass::kOther || question;
  if (mention && takes_object && mention->entity < 0) {
    mention->span.end = EndBeforeObject(mention->span, question);
  }
  return mention;
}

std::optional<Mention> MentionSet::RelayedSource(size_t i) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(i);
  const std::string& prep = cue.form->relay_preposition;
  // Before إن/أن, or after a quotation ("«…»، وفق ما نقلت وكالة X عن Y").
  if (prep.empty() || (cues_->frame(i).boundary != Boundary::kComplementizer && !cue.after_connector)) {
    return std::nullopt;
  }
  const ByteSpan region = cues_->Region(v, i);
  const size_t end = v.TokenAt(region.end);
  for (size_t k = cue.token + 1; k + 1 < end; ++k) {
    if (v.Word(k) != prep) continue;
    bool only;
    return AnalyzeRegion(ByteSpan{v.token(k + 1).begin, region.end}, Gender::kUnknown, &only);
  }
  return std::nullopt;
}

bool MentionSet::KanaBefore(size_t verb) const {
  const ArticleView& v = *view_;
  for (size_t k = verb, n = 0; k-- > 0 && n <= limits::kMaxPreposedTokens + 1; ++n) {
    if (IsKana(ArticleView::WithoutWa(v.Word(k)))) return true;
    if (v.PunctuationBefore(k)) return false;
  }
  return false;
}

// What the cue's sentence names as its subject, by the first construction
// that applies.
CueMention MentionSet::OfCue(size_t i) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(i);
  CueMention out;
  if (cue.form->tense == Tense::kNoun) return OfNounCue(i);
  if (!cue.form->source_preposition.empty()) return OfSourceCue(i);
  const bool participle = cue.form->tense == Tense::kParticiple;
  out.mention = SubjectAfter(i, &out.speaker_only);
  if (std::optional<Mention> relayed = RelayedSource(i)) {
    out.mention = relayed;
    out.site = MentionSite::kSubject;
    return out;
  }
  // "وكان X قد التمس، خلال الجلسة، رفض الطلب": after قد the subject came
  // first, and an unknown phrase after the verb is its object.
  // So after كان and a subject, whatever follows the verb: "وكان بوتين
  // قد أكد، خلال استقباله بزشكيان، أن"، "وكانت كوريا الشمالية أبلغت خفر
  // السواحل بأنها".
  if (out.mention && cue.token > 0 && !cue.joined() && (KanaBefore(cue.token) || v.Word(cue.token - 1) == "قد")) {
    std::optional<Mention> before = Preposed(i);
    const size_t subject = before ? v.TokenAt(before->span.begin) : 0;
    const size_t verb = v.Word(cue.token - 1) == "قد" ? cue.token - 1 : cue.token;
    const bool after_kana = subject > 0 && subject < cue.token && v.TokenAt(before->span.end) == verb &&
                            IsKana(ArticleView::WithoutWa(v.Word(subject - 1)));
    if (before && (after_kana || (out.mention->open && v.Word(cue.token - 1) == "قد"))) {
      out.mention = before;
      out.site = MentionSite::kPreposed;
      return out;
    }
  }
  if (out.mention) {
    out.site = MentionSite::kSubject;
    if (cue.form->turn == Turn::kQuestion) out.addressee = Addressee(i, *out.mention);
    return out;
  }
  if (ReadAsPassive(cue)) {
    out.no_implied = true;  // "لافتات كُتب عليها «…»": nobody's words
    return out;
  }
  if (cue.relative_subject) {
    if ((out.mention = AntecedentOfRelative(cue))) {
      out.site = MentionSite::kRelative;
      return out;
    }
  }
  // "وقال مشجعون تحدثوا لهسبريس إن": a verb right after the subject of
  // the cue before it opens a relative clause on that indefinite noun,
  // whose subject it shares.
  if (i > 0 && i - 1 < per_cue_.size() && cue.token > 0) {
    const CueMention& before = per_cue_[i - 1];
    if (before.site == MentionSite::kSubject && before.mention && before.mention->entity < 0 &&
        v.TokenAt(before.mention->span.end) == cue.token && !v.PunctuationBefore(cue.token) &&
        !v.Word(v.TokenAt(before.mention->span.begin)).starts_with("ال")) {
      out.mention = before.mention;
      out.site = MentionSite::kPreposed;
      return out;
    }
  }
  if (!participle) {
    if ((out.mention = Preposed(i))) {
      out.site = MentionSite::kPreposed;
      return out;
    }
  }
  // A present-tense verb with no subject of its own describes something
  // ("تقارير تفيد بأن"); it is not a report, unless it is a verb of saying
  // (ويضيف «…»، يتابع).
  if (cue.form->tense == Tense::kPresent && cue.form->cls != CueClass::kSay) {
    out.no_implied = true;
    return out;
  }
  if ((out.mention = SubjectOfSentence(i))) {
    out.site = MentionSite::kSentence;
  } else if ((out.mention = PersonOfSentenceBefore(i))) {
    out.site = MentionSite::kIntroduced;
  }
  return out;
}

CueMention MentionSet::SourceAfterPreposition(const Cue& cue, ByteSpan region) const {
  const ArticleView& v = *view_;
  CueMention out;
  // Never the previous speaker: "وجاء الرد: ..." has no source of its own.
  out.no_implied = true;
  // The preposition opens the phrase (وجاء في البيان) or follows a short
  // channel (وعلمت «الشرق الأوسط» من مصادر مطلعة).
  if (region.empty()) return out;
  size_t at = v.TokenAt(region.begin);
  const size_t last = v.TokenAt(region.end);
  while (at < last && at - v.TokenAt(region.begin) <= limits::kMaxChannelTokens && v.Word(at) != cue.form->source_preposition) {
    ++at;
  }
  if (at >= last || v.Word(at) != cue.form->source_preposition) return out;
  const ByteSpan rest{v.token(at).end, region.end};
  bool only = false;
  out.mention = AnalyzeRegion(ByteSpan{v.SkipSpaces(rest.begin), rest.end}, Gender::kUnknown, &only, true);
  if (out.mention) out.site = MentionSite::kSubject;
  return out;
}

// Reads the subject out of the words after a cue (or a phrase standing in
// the subject's place). Returns nullopt when those words are not a subject
// (an object, an adverbial, or nothing): the subject is then implied.
std::optional<Mention> MentionSet::AnalyzeRegion(ByteSpan region, Gender verb_gender, bool* speaker_only,
                                                 bool open_subject, bool in_phrase) const {
  const ArticleView& v = *view_;
  *speaker_only = false;
  size_t first = v.TokenAt(region.begin);
  size_t last = v.TokenAt(region.end);  // exclusive
  // Leading pronoun phrases: "قال فيه إن"، "ذكّر به بوتين"; after a verb,
  // a known name behind ل or ب is its addressee or channel: "قال لرويترز
  // مسؤول كبير إن"، "قالت للرئيس الروسي".
  for (;;) {
    while (first < last && v.Listed(first, Section::kSkipWords)) ++first;
    const size_t after = in_phrase ? first : AfterAddressee(first);
    if (after == first || after > last) break;
    first = after;
  }
  if (first >= last) {
    *speaker_only = true;
    return std::nullopt;
  }
  // A statement's or a document's issuer speaks through it: "بيان صادر
  // عن وزارة الداخلية"، "تقرير الأمم المتحدة" (an indefinite document noun
  // and its genitive; after a definite one a definite word is an
  // adjective: التقرير السنوي).
  if (first + 1 < last && !v.PunctuationBefore(first + 1)) {
    const std::string_view w = v.Word(first + 1);
    const bool issued = (w == "صادر" || w == "صادره") && first + 2 < last && v.Word(first + 2) == "عن";
    const size_t issuer = issued ? first + 3 : first + 1;
    // بيان لوزارة الصحة، بيان للجيش: the issuer after ل.
    const bool li = !issued && issuer < last && v.Word(issuer).starts_with("ل");
    const size_t name = issuer < last ? FirstNameAt(issuer) : names_.size();
    const bool issuer_named = name < names_.size() && names_[name].begin == issuer;
    // Its genitive, not an adjective (تقرير سري، بيان مشترك).
    const bool by_issuer = issuer < last && (li || issuer_named || v.Word(issuer).starts_with("ال") ||
                                             v.ListedStripped(issuer, Section::kSourceNouns));
    const bool issuing = v.Listed(first, Section::kDocumentNouns) || v.Listed(first, Section::kStatementNouns);
    const bool genitive = issuing && by_issuer && !v.Word(first).starts_with("ال");
    if ((issued || genitive) && issuer < last) {
      bool only;
      std::optional<Mention> by = AnalyzeRegion(ByteSpan{v.token(issuer).begin, region.end}, verb_gender, &only,
                                                open_subject, in_phrase || (genitive && li));
      if (by && genitive && li && by->span.begin == v.token(issuer).begin && !v.Word(issuer).starts_with("لل")) {
        by->span.begin += 2;  // the issuer without its ل (لوزارة)
      }
      if (by && !by->document) {
        *speaker_only = only;
        return by;
      }
    }
  }
  // Cut the phrase where an occasion, time or addressee starts; in a
  // phrase after a preposition, not at its own ل (وفقا لصحيفة الغارديان).
  const uint32_t lam = in_phrase && v.Word(first).starts_with("ل") ? 2 : 0;
  ByteSpan np{v.token(first).begin, PhraseEnd(v.token(first).begin + lam, region.end)};
  // A name in marks ends with them (سألت «البيان» الممثلة).
  if (const uint32_t closed = v.QuoteEndAfter(np.begin); closed != np.begin && closed < np.end) np.end = closed;
  // And before a verb that opens a relative clause on it, known by the
  // verbal noun after it (مسؤول طلب عدم الكشف عن هويته).
  for (size_t k = first + 1; k + 1 < last && v.token(k + 1).begin < np.end; ++k) {
    if (v.Listed(k + 1, Section::kNounMarkers) && v.Word(k + 1).ends_with("عدم")) {
      np.end = v.token(k - 1).end;
      break;
    }
  }
  // No subject, only a circumstance (وقال في كلمته «…»): the implied
  // subject's whole words may follow.
  const bool circumstance_only = v.CountTokens(ByteSpan{v.token(first).begin, region.end}) <=
                                 limits::kMaxCircumstanceTokens;
  if (np.empty()) {
    *speaker_only = circumstance_only;
    return std::nullopt;
  }
  const size_t np_last = v.TokenAt(np.end);
  std::optional<Mention> found = KnownNameIn(first, np_last, np, verb_gender);
  if (!found) {
    // A source noun or a given name opens a subject; any other content word
    // only where the verb's subject is expected.
    // Not after the preposition ب or ل (للمحكمة، بالوزير: an addressee, a
    // complement), which ListedStripped reads through as it does و and ف.
    const std::string_view head = v.Word(first);
    const bool after_preposition = !in_phrase && !v.Listed(first, Section::kSourceNouns) &&
                                   (head.starts_with("ب") || head.starts_with("ل"));
    const bool subject = (v.ListedStripped(first, Section::kSourceNouns) && !after_preposition) ||
                         v.Listed(first, Section::kGivenNames);
    found = ShortNameIn(first, np_last);
    if (!found) found = SpellingVariantIn(first, np_last);
    if (!found) {
      if (!subject && !(open_subject && (v.IsContentWord(first) || LoneNameWithLam(first)))) {
        *speaker_only = !v.IsContentWord(first) && circumstance_only;
        return std::nullopt;
      }
      // One indefinite word in the accusative (ضاحكا، مبتسما، حرفيا) is
      // the verb's circumstance, not its subject: فرد ضاحكا: «…». A name
      // ending in ا has not the shape of one (قالت سابا، قال غوارديولا).
      const std::string_view w = v.Word(first);
      if (!subject && np_last == first + 1 && IsAccusativeState(w)) {
        *speaker_only = true;
        return std::nullopt;
      }
      np.end = TrimNounPhrase(np);
      if (np.empty()) return std::nullopt;
      Mention s;
      s.span = np;
      // With no verb to agree with (قوله، بالقول), the head's form tells;
      // so does a plural head, whose verb before it is singular (قال
      // المسؤولون).
      const Gender head = v.NounGender(first);
      s.gender = verb_gender == Gender::kUnknown || head == Gender::kPlural ? head : verb_gender;
      s.document = v.Listed(first, Section::kDocumentNouns);
      s.open = !subject;
      found = s;
    }
  }
  // Whatever follows the subject must be a circumstance (time, occasion,
  // addressee) for the quote that follows to be the subject's whole words.
  *speaker_only = v.CountTokens(ByteSpan{np.end, region.end}) <= limits::kMaxCircumstanceTokens;
  return found;
}

// Where region_stop first matches in [begin, end), past short
// parentheticals: an abbreviation after a title is part of the phrase
// ("الأمين العام لحلف شمال الأطلنطي (الناتو) مارك روته").
uint32_t MentionSet::PhraseEnd(uint32_t begin, uint32_t end) const {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  constexpr uint32_t kMaxParentheticalBytes = 48;
  uint32_t from = begin;
  while (from < end) {
    re2::StringPiece window(t.data() + from, end - from);
    re2::StringPiece stop;
    if (!region_stop_->Match(window, 0, window.size(), re2::RE2::UNANCHORED, &stop, 1)) return end;
    auto at = static_cast<uint32_t>(stop.data() - t.data());
    while (at < end && t[at] == ' ') ++at;
    if (at < end && t[at] == '(') {
      const size_t close = t.substr(at, std::min(kMaxParentheticalBytes, end - at)).find(')');
      if (close != std::string_view::npos && at > begin) {
        from = at + static_cast<uint32_t>(close) + 1;
        continue;
      }
    }
    return v.SkipSpacesBack(static_cast<uint32_t>(stop.data() - t.data()));
  }
  return end;
}

// A gazetteer name or title in the phrase: a person's name first, then a
// title, then an organization that opens the phrase (an organization
// further in, as in "المتحدث باسم البيت الأبيض", is the head's employer).
size_t MentionSet::AfterAddressee(size_t t) const {
  const size_t k = FirstNameAt(t);
  if (k >= names_.size() || names_[k].begin != t) return t;
  const std::string_view w = view_->Word(t);
  // لل stands for ل + ال and leaves no prefix bytes (للرئيس).
  const bool lil = w.starts_with("لل") || w.starts_with("ولل") || w.starts_with("فلل");
  const std::string_view prefix = w.substr(0, names_[k].prefix_bytes);
  const bool preposition = lil || prefix.find("ل") != std::string_view::npos || prefix.find("ب") != std::string_view::npos;
  return preposition ? names_[k].end : t;
}

bool MentionSet::NamesAPlace(size_t t) const {
  const ArticleView& v = *view_;
  const size_t head = t - 1;
  const std::string_view w = v.Word(head);
  // A definite word before the name is its title (للرئيس بوتين).
  const bool definite = w.starts_with("ال") || w.starts_with("بال") || w.starts_with("لل") || w.starts_with("وال") ||
                        w.starts_with("فال");
  if (v.PunctuationBefore(t) || definite || v.Listed(head, Section::kGivenNames)) return false;
  // بجامعة السلطان قابوس، في مطار الملك خالد، من مستشفى الملك فهد.
  const bool glued = w.size() > 4 && (w.starts_with("ب") || w.starts_with("ل"));
  const bool after_preposition = head > 0 && !v.PunctuationBefore(head) &&
                                 (v.Word(head - 1) == "في" || v.Word(head - 1) == "من" || v.Word(head - 1) == "الي");
  return glued || after_preposition;
}

std::optional<Mention> MentionSet::KnownNameIn(size_t first, size_t np_last, ByteSpan np, Gender verb_gender) const {
  const ArticleView& v = *view_;
  std::optional<Mention> found;
  std::optional<Mention> title;
  std::optional<Mention> organization;
  size_t place_end = 0;  // the end of a place's name, title and name (بجامعة السلطان قابوس)
  for (size_t k = FirstNameAt(first); k < names_.size() && names_[k].begin < np_last; ++k) {
    const NameMatch& m = names_[k];
    if (m.end > np_last) continue;
    if (m.begin == place_end || (m.begin > first && NamesAPlace(m.begin))) {
      place_end = m.end;
      continue;
    }
    Mention s = resolved_[k];
    if (m.is_title) {
      // A title after the phrase's head role is that role's complement:
      // "مساعدة وزير الخارجية"، "المستشار السياسي لقائد الدعم السريع" are
      // not the minister or the commander.
      if (!title && !(m.begin > first && v.ListedStripped(first, Section::kSourceNouns))) title = s;
      continue;
    }
    if (v.gazetteer().entity(m.entity).type == "organization") {
      if (m.begin == first && !organization) organization = s;
      continue;
    }
    // A title right before the name is kept as written.
    if (m.begin > first) s.title = ByteSpan{v.token(first).begin, v.token(m.begin - 1).end};
    found = s;
    break;
  }
  if (!found) found = title ? title : organization;
  if (found) {
    if (found->entity < 0) found->span = np;
    if (found->gender == Gender::kUnknown) found->gender = verb_gender;
  }
  return found;
}

// A family name alone, maybe after a title (الرئيس يون), stands for a
// person the article has named in full.
std::optional<Mention> MentionSet::ShortNameIn(size_t first, size_t np_last) const {
  const ArticleView& v = *view_;
  const bool subject = v.ListedStripped(first, Section::kSourceNouns) || v.Listed(first, Section::kGivenNames);
  for (size_t t = first; t < np_last && t <= first + limits::kMaxShortNameOffset; ++t) {
    if (t > first && !subject) break;
    if (int e = ResolveShortName(t); e >= 0) {
      Mention s;
      s.entity = e;
      s.span = ByteSpan{v.token(t).begin, v.token(t).end};
      if (t > first) s.title = ByteSpan{v.token(first).begin, v.token(t - 1).end};
      s.gender = v.gazetteer().entity(e).gender;
      return s;
    }
  }
  return std::nullopt;
}

// A gazetteer person written another way than the file lists: a press
// spelling variant (زلانسكي، قوتيريش) or a Latin-script name (Zalansky),
// among the first words of the phrase. One person only; a word that is a
// source noun, a given name or definite is not read as a family name.
std::optional<Mention> MentionSet::SpellingVariantIn(size_t first, size_t np_last) const {
  const ArticleView& v = *view_;
  const Gazetteer& g = v.gazetteer();
  for (size_t t = first; t < np_last && t <= first + limits::kMaxShortNameOffset; ++t) {
    // Only a word no data file lists: a name the gazetteer holds exactly
    // has matched already, and a listed word is not a family name.
    const PatternSet::WordFacts& f = v.facts(t);
    if (f.lists_stripped != 0 || f.cue != nullptr || f.names != nullptr) continue;
    if (v.Word(t).substr(0, 4) == "ال" || !v.IsContentWord(t)) continue;
    const std::vector<FuzzyPerson> people = g.FuzzyMatch(v.Word(t));
    if (people.size() != 1 || people[0].how == MatchHow::kExact) continue;
    Mention s;
    s.entity = people[0].entity;
    s.span = ByteSpan{v.token(t).begin, v.token(t).end};
    // A given name in Latin script before the family name belongs to it.
    if (people[0].how == MatchHow::kLatin && t > first && static_cast<unsigned char>(v.Word(t - 1)[0]) < 0x80) {
      s.span.begin = v.token(t - 1).begin;
    }
    if (v.TokenAt(s.span.begin) > first) s.title = ByteSpan{v.token(first).begin, v.token(v.TokenAt(s.span.begin) - 1).end};
    s.gender = g.entity(s.entity).gender;
    s.matched = people[0].how;
    return s;
  }
  return std::nullopt;
}

// The end of a noun phrase [np.begin, np.end): before an auxiliary
// (الوزيرة قد قالت) or a preposition that opens the verb's complement (دعا
// الحكومة إلى), less trailing one-letter tokens, at most kMaxMentionTokens.
uint32_t MentionSet::TrimNounPhrase(ByteSpan np) const {
  const ArticleView& v = *view_;
  size_t first = v.TokenAt(np.begin);
  size_t last = std::min(v.TokenAt(np.end), first + limits::kMaxMentionTokens);  // exclusive
  while (last > first && v.token(last - 1).end > np.end) --last;
  for (size_t k = first + 1; k < last; ++k) {
    // An indefinite statement noun after the head is the verb's object
    // (نشر النادي بيانا رسميا قال فيه).
    if (v.ListedStripped(k, Section::kAuxiliaries) || v.ListedStripped(k, Section::kNpBreaks) ||
        v.ListedStripped(k, Section::kStatementNouns)) {
      last = k;
      break;
    }
  }
  // Nor ends with a clitic cut off by punctuation, a preposition whose
  // object is a quotation (حذر X من «…») or a relative pronoun whose
  // clause was cut (المزارعون الذين).
  while (last > first && (v.Word(last - 1).size() <= 2 || v.Listed(last - 1, Section::kNotSubject) ||
                          v.Listed(last - 1, Section::kRelativeWords))) {
    --last;
  }
  if (last <= first) return np.begin;
  // Nor with a parenthesis it opens, closed or not: "محمد (45 عاما)، وهو
  // موظف" and "وكالة الأنباء السعودية (واس)" name محمد and the agency.
  const uint32_t end = v.token(last - 1).end;
  const std::string_view t = v.text();
  const size_t open = t.substr(np.begin, end - np.begin).rfind('(');
  if (open == std::string_view::npos || open == 0) return end;
  const size_t close = t.substr(np.begin + open, end - np.begin - open).find(')');
  const uint32_t after = v.SkipSpaces(end);
  const bool at_end = close == std::string_view::npos || np.begin + open + close + 1 >= end;
  if (!at_end && !(after < t.size() && t[after] == ')')) return end;  // محمد (45 عاما) الموظف
  return v.SkipSpacesBack(static_cast<uint32_t>(np.begin + open));
}

std::optional<Mention> MentionSet::PersonBefore(size_t token, Gender gender) const {
  const ArticleView& v = *view_;
  const size_t sentence = v.TokenAt(v.SentenceStart(v.token(token).begin));
  for (size_t m = FirstNameAt(token); m-- > 0 && names_[m].begin >= sentence;) {
    const Mention& r = resolved_[m];
    if (r.entity < 0 || v.gazetteer().entity(r.entity).type != "person") continue;
    if (r.gender == Gender::kUnknown || r.gender == gender) return r;
  }
  return std::nullopt;
}

// "نقل عن X قوله": the speaker is X, after the last "عن" before the noun.
std::optional<Mention> MentionSet::SpeakerOfNounCue(const Cue& cue) const {
  const ArticleView& v = *view_;
  const size_t lo = cue.token > limits::kMaxNounCueReach ? cue.token - limits::kMaxNounCueReach : 0;
  for (size_t i = cue.token; i > lo; --i) {
    const std::string_view w = v.Word(i - 1);
    // "ونقلت عنه قوله": the known person the pronoun stands for, the last
    // one of its gender the sentence names before it.
    if (w == "عنه" || w == "عنها") return PersonBefore(i - 1, w == "عنه" ? Gender::kMasculine : Gender::kFeminine);
    if (w != "عن") continue;
    ByteSpan region{v.token(i - 1).end, v.SkipSpacesBack(cue.begin)};
    bool only;
    auto s = AnalyzeRegion(region, Gender::kUnknown, &only);
    if (!s) {
      // An unknown name: take the words as the mention.
      if (region.empty()) return std::nullopt;
      Mention r;
      r.span = ByteSpan{v.SkipSpaces(region.begin), region.end};
      s = r;
    }
    return s;
  }
  return std::nullopt;
}

uint32_t MentionSet::ClauseStartBefore(size_t cue_index) const {
  const Cue& cue = cues_->cue(cue_index);
  uint32_t start = view_->SentenceStart(cue.begin);
  constexpr size_t kMaxLookBack = 8;
  for (size_t n = 1; n <= kMaxLookBack && n <= cue_index; ++n) {
    const Cue& c = cues_->cue(cue_index - n);
    if (c.begin < start) break;
    const Frame& f = cues_->frame(cue_index - n);
    if (f.boundary == Boundary::kComplementizer && f.comp_end <= cue.begin) {
      start = f.comp_end;
      break;
    }
  }
  // A contrast after a comma opens a clause with a subject of its own
  // ("لم يصدر تعليق، غير أن مصدرا مقربا منها قال"), after the clause an
  // earlier cue reports too ("قال الوزير إن الاتفاق قريب، غير أن مصدرا
  // قال").
  const ArticleView& v = *view_;
  const size_t first = v.TokenAt(start);
  for (size_t k = cue.token; k-- > first + 1 && cue.token - k <= limits::kMaxPreposedTokens;) {
    const std::string_view w = v.Word(k);
    if (w.size() != 6 && w.size() != 8) continue;  // غير الا بيد لكن ولكن
    const bool contrast = ((w == "غير" || w == "الا" || w == "بيد") && k + 1 < cue.token && v.Word(k + 1) == "ان") ||
                          w == "لكن" || w == "ولكن";
    if (contrast && v.FollowsComma(k)) return v.token(k).begin;
  }
  return start;
}

std::optional<Mention> MentionSet::NameOpening(size_t first, size_t end) const {
  const size_t k = NameAt(first);
  if (k >= names_.size() || names_[k].end > end) return std::nullopt;
  Mention s = resolved_[k];
  // The name after a title: الوزير لويد أوستن.
  if (k + 1 < names_.size() && names_[k + 1].begin == names_[k].end && !names_[k + 1].is_title &&
      names_[k + 1].end <= end) {
    Mention named = resolved_[k + 1];
    named.title = s.title.empty() ? s.span : s.title;
    s = named;
  }
  return s;
}

// "X أعرب عن قلقه، وقال", "المواطنة هيام سليمان، موظفة ...، قالت", "النائب
// X، الذي ...، أكد": a subject before the verb in the same clause.
std::optional<Mention> MentionSet::Preposed(size_t cue_index) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(cue_index);
  const uint32_t start = ClauseStartBefore(cue_index);
  const bool at_sentence_start = start == v.SentenceStart(cue.begin);
  // "كشف X أن اللجنة ستراجع اللقطة، ونفى أن": after a comma, a verb joined
  // by و goes with the earlier cue, not with the clause it reports; at the
  // sentence's start, with the clause before the comma ("جلست X بجوار
  // ابنها، وقالت": SubjectOfSentence), as no subject stands before "، و".
  if (cue.joined() && v.FollowsComma(cue.token) &&
      (!at_sentence_start || v.text().substr(cue.begin, 2) == "و")) {
    return std::nullopt;
  }
  // "نشر X تغريدة قال فيها": a clause on the object; the sentence's verb
  // has the subject (SubjectOfSentence). So has a verb explaining it.
  if (Explains(cue)) return std::nullopt;
  if (cue.token + 1 < v.token_count() && v.Listed(cue.token + 1, Section::kSkipWords) &&
      v.Word(cue.token + 1).starts_with("في")) {
    return std::nullopt;
  }
  size_t first = v.TokenAt(start);
  // "«…»، قالت": the words before the verb are the quotation.
  if (first < cue.token && v.InsideQuote(v.token(first).begin) && v.QuoteClosesBefore(cue.begin)) {
    return std::nullopt;
  }
  // "غير أن X ترى أن": the contrast opens the clause, X is its subject.
  const std::string_view lead = v.Word(first);
  bool opens_clause = at_sentence_start;
  if ((lead == "غير" || lead == "بيد" || lead == "الا") && first + 1 < cue.token && v.Word(first + 1) == "ان") {
    first += 2;
    opens_clause = true;  // its subject may take an apposition: "غير أن وكيله، X، نفى"
  }
  while (first < cue.token && v.ListedStripped(first, Section::kAuxiliaries)) ++first;
  // The subject is at most kMaxPreposedTokens long; a relative clause or an
  // apposition after it may add up to a region's length.
  if (first >= cue.token || cue.token - first > limits::kMaxRegionTokens) return std::nullopt;
  if (std::optional<Mention> s = NameOpening(first, cue.token)) {
    if (s->gender == Gender::kUnknown) s->gender = cue.form->gender;
    return s;
  }
  if (!v.IsContentWord(first)) return std::nullopt;
  const size_t np_end = PreposedPhraseEnd(cue, first, opens_clause);
  if (np_end == 0) return std::nullopt;
  const bool source_noun = v.ListedStripped(first, Section::kSourceNouns);
  if (np_end - first > limits::kMaxPreposedTokens) return std::nullopt;
  if (np_end == cue.token && !source_noun && cue.token - first > limits::kMaxPreposedUnknownTokens) {
    return std::nullopt;
  }
  // The phrase, read like a subject after the verb: a name or title in it
  // names the source (وكان الرئيس أردوغان قد).
  const ByteSpan np{v.token(first).begin, v.token(np_end - 1).end};
  bool only;
  std::optional<Mention> named = AnalyzeRegion(np, cue.form->gender, &only);
  if (named && named->entity >= 0) return named;
  Mention s;
  s.span = ByteSpan{np.begin, TrimNounPhrase(np)};
  if (s.span.empty()) return std::nullopt;
  DropConjunction(first, &s);
  s.gender = cue.form->gender;
  s.document = v.Listed(first, Section::kDocumentNouns);
  s.open = !source_noun;
  return s;
}

size_t MentionSet::PreposedPhraseEnd(const Cue& cue, size_t first, bool opens_clause) const {
  const ArticleView& v = *view_;
  // أما X ... فقال: the topic is the subject, whatever stands between it
  // and the ف that answers أما (an apposition, "(15 عاما)").
  const bool topic = first > 0 && v.Word(first - 1) == "اما" && cue.joined();
  // The verb group: the cue and the قد before it ("X، ...، قد كتب").
  size_t verb = cue.token;
  while (verb > first + 1 && v.ListedStripped(verb - 1, Section::kAuxiliaries)) --verb;
  for (size_t i = first + 1; i < cue.token; ++i) {
    // Punctuation inside means the words are not one noun phrase, unless a
    // relative clause on the subject follows, or an apposition between
    // commas with the verb group right after the second (not a verb joined
    // by و/ف, whose subject is the previous verb's).
    if (!v.PunctuationBefore(i)) continue;
    // The apposition's second comma is the one before the verb group: "X،
    // الخميس، مناورات …، قال" is a clause, then a verb of its own.
    auto closed_by_verb = [&] {
      for (size_t k = i + 1; k < verb; ++k) {
        if (v.FollowsComma(k)) return false;
      }
      return v.FollowsComma(verb);
    };
    const bool apposition =
        opens_clause && !cue.joined() && i - first <= limits::kMaxPreposedUnknownTokens && closed_by_verb();
    if (!v.Listed(i, Section::kRelativeWords) && !apposition && !topic) return 0;
    return i;
  }
  return cue.token;
}

// "X، الذي قال": the source X named right before the comma.
std::optional<Mention> MentionSet::AntecedentOfRelative(const Cue& cue) const {
  const ArticleView& v = *view_;
  size_t relative = cue.token - 1;
  // "تكريم الفنانة X بجائزة «Y»، التي قالت": a quoted name of a thing
  // (its head no source noun: جائزة، فيلم) is no antecedent; the phrase
  // before it is. "حركة «حماس»، التي قالت" stays.
  if (relative > 0 && v.InsideQuote(v.token(relative - 1).begin)) {
    const size_t q = v.FirstQuoteFrom(v.token(relative - 1).begin);
    if (q > 0 && v.quotes()[q - 1].depth == 0 && v.is_label(q - 1)) {
      const size_t head = v.TokenAt(ArticleView::QuoteStart(v.quotes()[q - 1]));
      if (head > 0 && !v.FollowsComma(head) && !v.ListedStripped(head - 1, Section::kSourceNouns)) {
        relative = head - 1;
        // "X، الملقب بـ«Y»، الذي قال": the naming words are no part of X.
        while (relative > 1 && v.ListedStripped(relative - 1, Section::kNamingWords)) --relative;
      }
    }
  }
  size_t first = relative;
  while (first > 0 && relative - first < limits::kMaxAntecedentTokens) {
    if (first < relative && v.PunctuationBefore(first)) break;
    --first;
  }
  // Leading connectors and verbs: "بحسب X"، "قال X".
  while (first < relative && (v.Listed(first, Section::kPostConnectors) || v.facts(first).cue != nullptr ||
                              v.ListedStripped(first, Section::kAuxiliaries))) {
    ++first;
  }
  if (first >= relative) return std::nullopt;
  first = NearestNamePhrase(first, relative, /*restrictive=*/!v.PunctuationBefore(relative));
  bool only;
  std::optional<Mention> s = AnalyzeRegion(ByteSpan{v.token(first).begin, v.token(relative - 1).end},
                                           cue.form->gender, &only, /*open_subject=*/true, /*in_phrase=*/true);
  if (s && s->entity < 0) DropConjunction(first, &*s);
  return s;
}

void MentionSet::DropConjunction(size_t token, Mention* s) const {
  const ArticleView& v = *view_;
  if (s->span.begin == v.token(token).begin && v.Word(token).starts_with("وال")) s->span.begin += 2;
}

size_t MentionSet::NearestNamePhrase(size_t first, size_t end, bool restrictive) const {
  const ArticleView& v = *view_;
  size_t start = end;
  for (size_t t = end; t-- > first;) {
    const size_t m = NameAt(t);
    if (m < names_.size() && names_[m].end <= end) {
      start = t;
      break;
    }
    if (v.Listed(t, Section::kGivenNames)) {
      start = t;
      while (start > first && !v.PunctuationBefore(start) && v.Listed(start - 1, Section::kGivenNames)) --start;
      break;
    }
  }
  if (start == end) {
    if (!restrictive || end == first || !v.Word(end - 1).starts_with("ال")) return first;
    start = end - 1;  // the definite noun right before it (المعارضة التي)
  }
  // Back over its title: definite words and role nouns (نظيره الروسي).
  while (start > first && !v.PunctuationBefore(start) &&
         (v.Word(start - 1).starts_with("ال") || v.ListedStripped(start - 1, Section::kSourceNouns))) {
    --start;
  }
  return start;
}

bool MentionSet::Explains(const Cue& cue) const {
  const ArticleView& v = *view_;
  if (cue.token == 0 || !v.FollowsComma(cue.token - 1)) return false;
  const std::string_view w = v.Word(cue.token - 1);
  return w == "اذ" || w == "حيث";
}

size_t MentionSet::PersonInClause(size_t from, size_t to, const Cue& cue) const {
  return PersonInClause(from, to, cue.form->gender);
}

size_t MentionSet::PersonInClause(size_t from, size_t to, Gender verb) const {
  const ArticleView& v = *view_;
  // A kunya: أم or أبو and a name (أم فيصل، أبو محمد).
  auto kunya = [&](size_t k) {
    return k + 1 < to && !v.PunctuationBefore(k + 1) && (v.Word(k) == "ام" || v.Word(k) == "ابو");
  };
  // A kunya and a role noun (الوزير، الوزيرة) show their gender; a name
  // does not.
  auto gender_at = [&](size_t k) {
    const std::string_view w = v.Word(k);
    if (kunya(k)) return w == "ام" ? Gender::kFeminine : Gender::kMasculine;
    if (!v.Listed(k, Section::kSourceNouns)) return Gender::kUnknown;
    return w.ends_with("ه")                        ? Gender::kFeminine
           : (w.ends_with("ون") || w.ends_with("ين")) ? Gender::kPlural
                                                      : Gender::kMasculine;
  };
  // A definite role noun right after a definite noun that is none is its
  // adjective (المؤتمر الصحفي).
  auto adjective = [&](size_t k) {
    return k > from && !v.PunctuationBefore(k) && v.Word(k).starts_with("ال") && v.Word(k - 1).starts_with("ال") &&
           !v.Listed(k - 1, Section::kSourceNouns);
  };
  for (size_t k = from; k < to; ++k) {
    if (!(v.Listed(k, Section::kGivenNames) || v.Listed(k, Section::kSourceNouns) || NameAt(k) < names_.size() ||
          kunya(k)) ||
        adjective(k)) {
      continue;
    }
    const Gender g = gender_at(k);
    if (verb == Gender::kUnknown || g == Gender::kUnknown || g == verb) return k;
    // Past the name such a role heads too (الوزير عادل نصر، حي الشيخ
    // رضوان): words with no article and no prefixed preposition.
    while (k + 1 < to && !v.PunctuationBefore(k + 1) && !v.Listed(k + 1, Section::kSourceNouns)) {
      const std::string_view next = v.Word(k + 1);
      if (next.starts_with("ال") || next.starts_with("ب") || next.starts_with("ل")) break;
      ++k;
    }
  }
  return to;
}

bool MentionSet::OnObject(const Cue& cue) const {
  const ArticleView& v = *view_;
  const size_t next = cue.token + 1;
  return next < v.token_count() && (v.Word(next) == "فيه" || v.Word(next) == "فيها");
}

bool MentionSet::TakesSentenceSubject(size_t cue_index) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(cue_index);
  // Joined by و, or in a clause on the object ("نشر X تغريدة قال فيها").
  const size_t next = cue.token + 1;
  const bool in_object_clause = OnObject(cue);
  // Or a verbal noun of saying after ب, the manner of the sentence's verb
  // ("ورد الوزير على مداخلتها بالقول إن").
  const bool by_saying = cue.form->tense == Tense::kNoun && v.Word(cue.token).starts_with("ب");
  // Or a participle closing the clause ("حمّل X الحكم المسؤولية، واصفا"،
  // "دافع X عن الزيادة قائلا:").
  const bool closing_participle = cue.form->tense == Tense::kParticiple;
  // Or a clause on the object with no relative pronoun, the verb straight
  // before its إن ("تثبيت الفائدة، في خطوة قال إنها"، "نموذجا لغويا قالت
  // إنه").
  const bool bare_relative = cue.form->tense == Tense::kPast && cue.token > 0 &&
                             cues_->frame(cue_index).boundary == Boundary::kComplementizer &&
                             v.TokenAt(cues_->frame(cue_index).pos) == next;
  // Or a verb explaining the clause before it (إذ رأى أن).
  const bool explaining = Explains(cue);
  // Or a verb with an object pronoun in a relative on ما: the sentence's
  // subject's words ("استدعت الوزارة السفير، احتجاجا على ما وصفته بـ«…»").
  const std::string_view before = cue.token > 0 ? v.Word(cue.token - 1) : std::string_view();
  const bool on_ma =
      cue.object_suffix && (before == "ما" || before == "مما" || before == "بما" || before == "عما");
  return cue.joined() || in_object_clause || closing_participle || bare_relative || by_saying || explaining ||
         on_ma || AnswersPronoun(cue_index);
}

bool MentionSet::AnswersPronoun(size_t cue_index) const {
  const ArticleView& v = *view_;
  if (cue_index == 0 || !v.FollowsComma(cues_->cue(cue_index).token)) return false;
  const Cue& question = cues_->cue(cue_index - 1);
  const uint32_t sentence = v.SentenceStart(cues_->cue(cue_index).begin);
  // Not the sentence's own verb ("وسأله صحفي عن …، فأجاب": the pronoun is
  // an earlier sentence's).
  return question.form->turn == Turn::kQuestion && question.object_suffix && question.begin >= sentence &&
         v.TokenAt(sentence) + 1 < question.token;
}

size_t MentionSet::AfterLeadPhrase(size_t first, size_t cue_token) const {
  const ArticleView& v = *view_;
  // A leading phrase closed by a comma (في المقابل، من جهته، وعشية
  // الزيارة،), opening with a particle or a time word, not a verb ("قرر
  // البنك، الأحد،").
  const bool lead_phrase =
      v.ListedStripped(first, Section::kNotSubject) || v.ListedStripped(first, Section::kTimeWords);
  // A dateline on the sentence's line: "عمّان 3 تموز (بترا)- قرر", its
  // last dash ("تايبيه - بكين (أ ف ب) - بدأ").
  size_t after_dateline = first;
  for (size_t k = first + 1; k < cue_token && k <= first + limits::kMaxLeadTokens; ++k) {
    const std::string_view gap = v.text().substr(v.token(k - 1).end, v.token(k).begin - v.token(k - 1).end);
    const bool dateline = gap.find(" -") != std::string_view::npos || gap.find("- ") != std::string_view::npos ||
                          gap.find("–") != std::string_view::npos;
    if (dateline) {
      after_dateline = k;
    } else if (after_dateline == first && lead_phrase && v.FollowsComma(k)) {
      return k;
    }
  }
  return after_dateline;
}

std::optional<Mention> MentionSet::PersonIntroducing(uint32_t sentence) const {
  const ArticleView& v = *view_;
  const size_t last = v.TokenAt(sentence);
  if (last == 0) return std::nullopt;
  const uint32_t before = v.SentenceStart(v.token(last - 1).begin);
  if (v.NewlinesBetween(before, sentence) > 0 || v.FirstQuoteFrom(before) < v.FirstQuoteFrom(sentence)) {
    return std::nullopt;
  }
  if (const size_t c = cues_->FirstFrom(before); c < cues_->size() && cues_->cue(c).begin < sentence) {
    return std::nullopt;
  }
  const size_t k = PersonInClause(v.TokenAt(before), last, Gender::kUnknown);
  if (k >= last) return std::nullopt;
  return MentionFrom(k, last, Gender::kUnknown);
}

std::optional<Mention> MentionSet::MentionFrom(size_t k, size_t last, Gender verb) const {
  const ArticleView& v = *view_;
  // A kunya (كانت أم محمد تنتظر) is the mother or father and one name.
  if (const std::string_view w = v.Word(k); (w == "ام" || w == "ابو") && k + 1 < last) {
    Mention m;
    m.span = ByteSpan{v.token(k).begin, v.token(k + 1).end};
    m.gender = w == "ام" ? Gender::kFeminine : Gender::kMasculine;
    return m;
  }
  size_t end = k + 1;
  while (end < last && !v.PunctuationBefore(end)) ++end;
  bool only;
  std::optional<Mention> s = AnalyzeRegion(ByteSpan{v.token(k).begin, v.token(end - 1).end}, verb, &only);
  if (s && s->entity < 0) {
    s->span.end = TrimNounPhrase(s->span);
    s->span.end = EndBeforeObject(s->span, false);
  }
  return s;
}

std::optional<Mention> MentionSet::PersonOfSentenceBefore(size_t cue_index) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(cue_index);
  // Joined by و, or a verb of saying (قالت: «…»، تقول: «…»).
  const bool saying = cue.form->cls == CueClass::kSay;
  if (!(cue.joined() || saying) || cue.token == 0 || cue.form->turn == Turn::kContinue) return std::nullopt;
  if (cue.form->tense != Tense::kPast && cue.form->tense != Tense::kPresent) return std::nullopt;
  // The verb opens its sentence, or follows a quotation that does ("«…»،
  // قالت ضاحكة"), and the sentence before, in the same paragraph, has no
  // cue.
  uint32_t opening = v.SentenceStart(cue.begin);
  if (opening < v.token(cue.token - 1).end) {
    const int q = v.QuoteOpeningAt(v.SkipSpaces(opening));
    if (q < 0 || !v.QuoteClosesBefore(cue.begin) || v.quotes()[static_cast<size_t>(q)].close_end > cue.begin) {
      return std::nullopt;
    }
  } else {
    opening = cue.begin;
  }
  const size_t last = v.TokenAt(opening);
  if (last == 0) return std::nullopt;
  const uint32_t before = v.SentenceStart(v.token(last - 1).begin);
  if (v.NewlinesBetween(before, cue.begin) > 0) return std::nullopt;
  if (cue_index > 0 && cues_->cue(cue_index - 1).begin >= before) return std::nullopt;
  const size_t k = PersonInClause(AfterLeadPhrase(v.TokenAt(before), last), last, cue);
  if (k >= last || v.InsideQuote(v.token(k).begin)) return std::nullopt;
  return MentionFrom(k, last, cue.form->gender);
}

std::optional<Mention> MentionSet::Addressee(size_t i, const Mention& asker) const {
  const ArticleView& v = *view_;
  // "وسأله صحفي عن …": the one asked is the pronoun's.
  if (cues_->cue(i).object_suffix) return std::nullopt;
  const ByteSpan region = cues_->Region(v, i);
  size_t k = v.TokenAt(asker.span.end);
  const size_t end = v.TokenAt(region.end);
  // Past an apposition to the asker between commas (، القاضية X،).
  if (k < end && v.FollowsComma(k)) {
    size_t next = k + 1;
    while (next < end && !v.PunctuationBefore(next)) ++next;
    if (next >= end || !v.FollowsComma(next)) return std::nullopt;
    k = next;
  }
  // Only a comma or, after an asker in marks (سألت «البيان» الممثلة), its
  // closing mark may stand before the one asked.
  const bool after_mark = k < end && !v.FollowsComma(k) && v.InsideQuote(asker.span.begin) &&
                          v.QuoteEndAfter(asker.span.begin) == asker.span.end && v.QuoteClosesBefore(v.token(k).begin);
  if (k >= end || (v.PunctuationBefore(k) != v.FollowsComma(k) && !after_mark)) return std::nullopt;
  // "سأل صحفي عن …": what is asked about, nobody asked.
  if (v.ListedStripped(k, Section::kNotSubject) || v.Listed(k, Section::kNpBreaks)) return std::nullopt;
  bool only;
  std::optional<Mention> m = AnalyzeRegion(ByteSpan{v.token(k).begin, region.end}, Gender::kUnknown, &only);
  if (m && m->entity < 0) m->span.end = TrimNounPhrase(m->span);
  return m;
}

std::optional<Mention> MentionSet::TopicAfterAmma(size_t first, const Cue& cue) const {
  const ArticleView& v = *view_;
  if (v.Word(first) != "اما" || first + 1 >= cue.token) return std::nullopt;
  size_t end = first + 2;
  while (end < cue.token && !v.FollowsComma(end) &&
         !(v.Word(end).starts_with("ف") && !v.Listed(end, Section::kGivenNames))) {
    ++end;
  }
  bool only;
  std::optional<Mention> topic =
      AnalyzeRegion(ByteSpan{v.token(first + 1).begin, v.token(end - 1).end}, cue.form->gender, &only);
  if (!topic || topic->document) return std::nullopt;
  return topic;
}

// For a verb joined by و to an earlier verb of its sentence with no subject
// of its own ("هاجم النائب فادي خوري المشروع، وقال"): the source noun phrase
// right after the sentence's first verb, when no cue of the sentence comes
// before this one.
std::optional<Mention> MentionSet::SubjectOfSentence(size_t cue_index) const {
  const ArticleView& v = *view_;
  const Cue& cue = cues_->cue(cue_index);
  if (!TakesSentenceSubject(cue_index)) return std::nullopt;
  const uint32_t start = v.SentenceStart(cue.begin);
  const size_t earlier = AnswersPronoun(cue_index) ? cue_index - 1 : cue_index;
  if (earlier > 0 && cues_->cue(earlier - 1).begin >= start) return std::nullopt;
  size_t first = v.TokenAt(start);
  first = AfterLeadPhrase(first, cue.token);
  if (std::optional<Mention> topic = TopicAfterAmma(first, cue)) return topic;
  const size_t lead_word = first;
  while (first < cue.token && v.ListedStripped(first, Section::kAuxiliaries)) ++first;
  // A source noun or a name (in Latin script too: Marco Bellini, which the
  // normalizer lowercases).
  // Or one word with no article between the verb and its complement's
  // preposition: a surname ("ورد مدبولي على سؤال … بالقول إن").
  auto lone_name = [&](size_t k) {
    return k == first + 1 && k + 1 < cue.token && !v.Word(k).starts_with("ال") && !v.PunctuationBefore(k + 1) &&
           v.IsContentWord(k) && v.Listed(k + 1, Section::kNpBreaks);
  };
  auto opens_subject = [&](size_t k) {
    const auto lead = static_cast<unsigned char>(v.Word(k)[0]);
    return v.ListedStripped(k, Section::kSourceNouns) || v.Listed(k, Section::kGivenNames) ||
           v.facts(k).names != nullptr || (lead >= 'a' && lead <= 'z') || (lead >= 'A' && lead <= 'Z') || lone_name(k);
  };
  // The verb, then its subject; after كان the subject may come first
  // ("وكانت النيابة العامة قد أسندت").
  const bool subject_first = first > lead_word && first < cue.token && opens_subject(first);
  size_t subject = subject_first ? first : first + 1;
  if (subject >= cue.token || v.FollowsComma(subject)) return std::nullopt;
  const bool in_clause = !opens_subject(subject);
  if (in_clause) {
    // Only after a verb that opens its sentence ("وكانت X قد التقت
    // رئيس الحكومة، وأبلغته": X is the subject, unknown here).
    if (!cue.joined() || !v.FollowsComma(cue.token) || first != lead_word) return std::nullopt;
    subject = PersonInClause(subject + 1, cue.token, cue);
    if (subject >= cue.token) return std::nullopt;
  }
  const auto lead = static_cast<unsigned char>(v.Word(subject)[0]);
  const bool latin_name = (lead >= 'a' && lead <= 'z') || (lead >= 'A' && lead <= 'Z');
  // The phrase runs to a comma, or before قد and the verb after it.
  size_t end = subject + 1;
  // In a clause on the object, the word before the verb is that object
  // (نشر X تدوينة قال فيها، أصدرت الوزارة بيانا جاء فيه).
  const size_t limit = OnObject(cue) && cue.token > subject + 1 ? cue.token - 1 : cue.token;
  while (end < limit && !v.FollowsComma(end) && !(subject_first && v.ListedStripped(end, Section::kAuxiliaries))) {
    ++end;
  }
  bool only;
  std::optional<Mention> s = AnalyzeRegion(ByteSpan{v.token(subject).begin, v.token(end - 1).end}, cue.form->gender, &only);
  // Only the noun phrase: the object follows it (المشروع بشدة).
  if (s && s->entity < 0) {
    s->span.end = TrimNounPhrase(s->span);
    // A name in Latin script ends where the script changes.
    if (latin_name) {
      size_t k = subject + 1;
      while (k < v.TokenAt(s->span.end) && static_cast<unsigned char>(v.Word(k)[0]) < 0x80) ++k;
      s->span.end = v.token(k - 1).end;
    }
    s->span.end = EndBeforeObject(s->span, false);
  }
  // A known person found in the clause must agree with the cue too.
  const bool agrees = !s || !in_clause || s->gender == Gender::kUnknown || cue.form->gender == Gender::kUnknown ||
                      s->gender == cue.form->gender;
  return agrees ? s : std::nullopt;
}

uint32_t MentionSet::EndBeforeObject(ByteSpan np, bool object_follows) const {
  const ArticleView& v = *view_;
  const size_t first = v.TokenAt(np.begin);
  // Words of a personal name so far.
  size_t names = v.Listed(first, Section::kGivenNames) ? 1 : 0;
  const size_t last = v.TokenAt(np.end);
  auto ends = [](std::string_view w, std::string_view s) { return w.ends_with(s); };
  // A feminine singular (ة, folded to ه) or plural (ات) noun; an adjective
  // agreeing with one ends in ه, ات, a nisba's ي or an elative's ا/ي
  // (العليا، الكبرى).
  auto feminine = [&](std::string_view w) { return ends(w, "ه") || ends(w, "ات"); };
  auto may_agree = [&](std::string_view w) { return feminine(w) || ends(w, "ي") || ends(w, "ا"); };
  bool fem_head = v.Word(first).starts_with("ال") && feminine(v.Word(first));
  for (size_t k = first + 1; k < last; ++k) {
    const std::string_view w = v.Word(k);
    const bool definite = w.substr(0, 4) == "ال";
    // "سأل صحفي المتحدث": an indefinite nisba (صحفي، إعلامي) takes no
    // definite adjective and heads no construct.
    if (object_follows && k == first + 1 && definite && !v.Word(first).starts_with("ال") &&
        v.Word(first).ends_with("ي")) {
      return v.token(first).end;
    }
    // عبد الله، أبو الغيط، بن العربي: the definite word completes the name.
    const std::string_view prev = v.Word(k - 1);
    if (definite && (prev == "عبد" || prev == "ابو" || prev == "بن" || prev == "ابن" || prev == "ام")) {
      ++names;
      continue;
    }
    if (w.starts_with("بال") && !v.Word(k - 1).starts_with("الم")) return v.token(k - 1).end;
    // An indefinite noun in the accusative after a definite word is the
    // verb's object (أصدر نادي الاتحاد بيانا).
    constexpr size_t kMinAccusativeBytes = 8;  // four letters
    if (!definite && w.ends_with("ا") && w.size() >= kMinAccusativeBytes && v.Word(k - 1).starts_with("ال") &&
        !v.Listed(k, Section::kGivenNames) && v.IsContentWord(k)) {
      return v.token(k - 1).end;
    }
    // بـ and a verbal noun after a definite word: the verb's complement
    // (اتهم الوزير المعارضة بممارسة «…»، أمر القاضي بتنفيذ).
    if (IsVerbalNounAfterBi(w) && v.Word(k - 1).starts_with("ال") && !v.Listed(k, Section::kGivenNames)) {
      return v.token(k - 1).end;
    }
    // Adjectives follow the head one after another, each agreeing with it.
    if (definite && fem_head && !may_agree(w)) return v.token(k - 1).end;
    // A verbal noun of the forms تفعيل، تفعّل، تفاعل (التأخير، التراجع،
    // التعاون) is no adjective: adjectives in الت are nisbas (التنفيذي).
    if (w.starts_with("الت") && !ends(w, "ي") && !ends(w, "يه") && v.Word(k - 1).starts_with("ال")) {
      return v.token(k - 1).end;
    }
    fem_head = fem_head && definite;
    // Two definite roles, one after the other: the asker and the one asked
    // (سأل القاضي المتهم الأول).
    if (object_follows && definite && v.Word(k - 1).starts_with("ال") && v.ListedStripped(k, Section::kSourceNouns) &&
        v.ListedStripped(k - 1, Section::kSourceNouns)) {
      return v.token(k - 1).end;
    }
    // After a construct (أحد الصحفيين), a definite word that is neither a
    // nisba nor agreeing in the feminine or plural is the object.
    if (object_follows && definite && k >= first + 2 && v.Word(k - 1).starts_with("ال") &&
        !v.Word(k - 2).starts_with("ال") && !may_agree(w) && !ends(w, "ين") && !ends(w, "ون")) {
      return v.token(k - 1).end;
    }
    const bool nisba = w.size() >= 2 && w.substr(w.size() - 2) == "ي";
    if (definite && !nisba && names >= 2) return v.token(k - 1).end;
    // A nisba after a name is the family name, and ends it (نورة القحطاني
    // أداء الأسبوع).
    if (definite && nisba && names >= 1) return v.token(k).end;
    // A name opens with a given name: a chain of nouns is a role (رئيس
    // مجلس النواب، رئيسة جمعية أولياء التلاميذ).
    const bool opens_name = v.Listed(k, Section::kGivenNames);
    names = definite ? 0 : (names > 0 || opens_name ? names + 1 : 0);
  }
  return np.end;
}

std::optional<Mention> MentionSet::SourceAfterManner(size_t manner) const {
  const ArticleView& v = *view_;
  size_t verb = manner + 1;
  // بهذه العبارات خاطب: the demonstrative's noun, then the verb.
  if (v.Word(manner).find("به") != std::string_view::npos || v.Word(manner).find("بتل") != std::string_view::npos) {
    if (verb < v.token_count() && v.Word(verb).substr(0, 4) == "ال" && !v.PunctuationBefore(verb)) ++verb;
  }
  const size_t t = verb + 1;
  if (t >= v.token_count() || v.PunctuationBefore(verb) || v.PunctuationBefore(t) || !v.IsContentWord(t)) {
    return std::nullopt;
  }
  const uint32_t end = std::min<uint32_t>(v.SentenceEnd(v.token(t).begin), v.token(t).begin + limits::kMaxRegionBytes);
  size_t k = t + 1;
  while (k < v.token_count() && v.token(k).begin < end && !v.PunctuationBefore(k)) ++k;
  bool only;
  std::optional<Mention> s = AnalyzeRegion(ByteSpan{v.token(t).begin, v.token(k - 1).end}, Gender::kUnknown, &only);
  if (!s || s->document) return std::nullopt;
  // The verb's object follows its subject (لخّص X المشهد).
  if (s->entity < 0) s->span.end = EndBeforeObject(s->span, false);
  return s;
}

bool MentionSet::PronounSubjectBefore(size_t token) const {
  const std::string_view w = view_->Word(token - 1);
  if (w == "لكنه" || w == "لكنها" || w == "لكنهم" || w == "ولكنه" || w == "ولكنها" || w == "ولكنهم") return true;
  // غير أنه، إلا أنها، بيد أنهم.
  if (token < 2 || !(w == "انه" || w == "انها" || w == "انهم")) return false;
  const std::string_view before = view_->Word(token - 2);
  return before == "غير" || before == "الا" || before == "بيد";
}

std::optional<Mention> MentionSet::SourceAfterConnector(size_t connector, bool label_source) const {
  const ArticleView& v = *view_;
  // The connectors that name a source directly: بحسب X، حسب X، وفق X،
  // على حد تعبير X، على لسان X. "وفق ما قال X" goes through the cue.
  auto named = [](std::string_view w) { return w == "بحسب" || w == "حسب" || w == "وفق" || w == "وفقا" || w == "علي"; };
  std::string_view c = v.Word(connector);
  if (!named(c) && c.substr(0, 2) == "و") c.remove_prefix(2);  // وبحسب، ووفق
  if (!named(c)) return std::nullopt;
  size_t t = connector + 1;
  if (c == "علي") {
    if (t >= v.token_count() || (v.Word(t) != "حد" && v.Word(t) != "لسان")) return std::nullopt;
    ++t;
  }
  if (t < v.token_count() && (v.Word(t) == "تعبير" || v.Word(t) == "قول")) ++t;
  // على حد تعبيرها، على حد قوله: the pronoun is the speaker already named.
  else if (t < v.token_count() && (v.Word(t).starts_with("تعبير") || v.Word(t).starts_with("قول"))) return std::nullopt;
  if (t >= v.token_count()) return std::nullopt;
  // وفقا لرئيس الوزراء، ووفقا للمتحدث: the source after the ل.
  const std::string_view w = v.Word(t);
  const bool li = c.starts_with("وفق") && w.starts_with("ل") && w.size() > 6;
  if (!li && !v.IsContentWord(t)) return std::nullopt;
  // The phrase runs to the next punctuation or the sentence's end.
  const uint32_t end = std::min<uint32_t>(v.SentenceEnd(v.token(t).begin), v.token(t).begin + limits::kMaxRegionBytes);
  size_t k = t + 1;
  while (k < v.token_count() && v.token(k).begin < end && !v.PunctuationBefore(k)) ++k;
  bool only;
  std::optional<Mention> s = AnalyzeRegion(ByteSpan{v.token(t).begin, v.token(k - 1).end}, Gender::kUnknown, &only,
                                           /*open_subject=*/true, /*in_phrase=*/li);
  // The mention after ل (of للمتحدث, all of it: its ال is not written).
  if (s && li && !w.starts_with("لل") && s->span.begin == v.token(t).begin) s->span.begin += 2;
  // بحسب الخطة، وفق برنامج: a label names no one; nor, after a quotation,
  // a label that is a source (بحسب الوكالة: the quoted person's channel).
  const bool label = v.ListedStripped(t, Section::kLabelNouns) &&
                     (!label_source || !v.ListedStripped(t, Section::kSourceNouns));
  if (!s || s->document || label) return std::nullopt;
  return s;
}

}  // namespace qawl
