#include "qawl/cues.h"

#include <algorithm>
#include <cctype>
#include <string_view>

#include "qawl/extraction_limits.h"
#include "qawl/sorted_search.h"

namespace qawl {

namespace {

using Section = PatternSet::Section;

// Words that make أن a conjunction of time or manner (قبل أن تبتعد).
bool IsConjunctionHead(std::string_view w) {
  return w == "قبل" || w == "بعد" || w == "دون" || w == "بدون" || w == "منذ" || w == "عقب" || w == "لمجرد";
}

bool IsNumber(std::string_view w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "X، الذي قال": the relative pronoun agrees with the verb. "، التي يقولون
// إنها" is a clause about the antecedent, not by it.
bool RelativeAgrees(std::string_view rel, const CueForm& form) {
  if (form.tense != Tense::kPast) return false;
  switch (form.gender) {
    case Gender::kMasculine: return rel == "الذي";
    case Gender::kFeminine: return rel == "التي";
    case Gender::kPlural: return rel == "الذين" || rel == "اللذين" || rel == "اللتين";
    case Gender::kUnknown: return false;
  }
  return false;
}

// Whether rule complementizer can match at token ti: every complementizer
// is ان or بان, bare or with an object suffix ([object_pronouns] or ي),
// alone or after الي، علي or من. A filter only: the rule decides, and it
// skips the rule's call for the other words (انتخابات، من اجل).
bool IsComplementizerWord(const ArticleView& view, std::string_view w) {
  if (w.starts_with("ب")) w.remove_prefix(2);
  if (!w.starts_with("ان")) return false;
  const std::string_view suffix = w.substr(4);
  if (suffix.empty() || suffix == "ي") return true;
  const PatternSet::WordFacts* f = view.patterns().Facts(suffix, HashWord(suffix));
  return f != nullptr && (f->lists & PatternSet::Bit(Section::kObjectPronouns)) != 0;
}

bool MayOpenComplementizer(const ArticleView& view, size_t ti) {
  const std::string_view w = view.Word(ti);
  if (IsComplementizerWord(view, w)) return true;
  return (w == "الي" || w == "علي" || w == "من") && ti + 1 < view.token_count() &&
         IsComplementizerWord(view, view.Word(ti + 1));
}

}  // namespace

void CueSet::Find(const ArticleView& view, const re2::RE2& complementizer) {
  cues_.clear();
  frames_.clear();
  for (const size_t ti : view.cue_tokens()) {
    const PatternSet::CueWord* w = view.facts(ti).cue;
    // After عدم or a numeral the form is a noun (عدم ذكر اسمه، سبعة كتب).
    if (ti > 0 && !view.PunctuationBefore(ti) &&
        (view.ListedStripped(ti - 1, Section::kNounMarkers) || IsNumber(view.Word(ti - 1)))) {
      continue;
    }
    // A participle right after the subject of an إن/أن clause is its
    // predicate (أن الحكومة مطالبة بخطة), not a speaker's participle.
    if (w->form->tense == Tense::kParticiple && w->proclitic_bytes == 0 && ti >= 2 && !view.PunctuationBefore(ti) &&
        !view.PunctuationBefore(ti - 1) && ArticleView::IsPlainComplementizer(view.Word(ti - 2))) {
      continue;
    }
    // Inside a quotation a cue belongs to the quoted speaker's words.
    const Token& tok = view.token(ti);
    if (view.InsideQuote(tok.begin)) continue;
    Cue cue{tok.begin, tok.end, tok.begin + w->proclitic_bytes, ti, w->form, w->object_suffix, w};
    // و typed apart from its verb ("و بين الوزير أن"): joined all the same.
    if (w->proclitic_bytes == 0 && ti > 0 && view.Word(ti - 1) == "و" && !view.PunctuationBefore(ti)) {
      cue.begin = view.token(ti - 1).begin;
    }
    if (ti > 0) {
      cue.after_relative = view.ListedStripped(ti - 1, Section::kRelativeWords);
      cue.after_connector = view.ListedStripped(ti - 1, Section::kPostConnectors);
      // ما and لما connect only after another connector (وفق ما، وفقا
      // لما); alone they are "what" and "when": "وسط ما وصفته X بـ«…»".
      const std::string_view before = view.Word(ti - 1);
      // Nor after على ما does a verb of description with its object
      // pronoun: "احتجاجا على ما وصفته بـ«…»" characterizes, it cites no one.
      const bool characterizes = w->form->cls == CueClass::kDescribe && w->object_suffix;
      if ((before == "ما" || before == "لما") &&
          (ti < 2 || view.PunctuationBefore(ti - 1) || !view.ListedStripped(ti - 2, Section::kPostConnectors) ||
           characterizes)) {
        cue.after_connector = false;
      }
      // "في بيان نقلته وكالة X:": a verb of stating or relaying
      // (class=state: نقل، أورد، ذكر) whose object pronoun is the statement
      // noun right before it names the statement's channel, as "بحسب ما
      // نقلت" does; a verb of description there ("وهو تصريح وصفته النقابة
      // بأنه") has a source of its own.
      if (w->object_suffix && w->form->cls == CueClass::kState && !view.PunctuationBefore(ti) &&
          view.ListedStripped(ti - 1, Section::kEventNouns)) {
        cue.after_connector = true;
      }
      // "…، بحسب الساعدي، الذي شدد على أن": a relative clause on a source
      // after a comma reports that source's words; so does one right after
      // its noun whose verb agrees with it and carries no object pronoun
      // of the relative's gender (المعارضة التي وصفت البرنامج بـ«…»، التي
      // وصفته; not الكلمة التي ألقاها، التصريح الذي قاله).
      const std::string_view rel = view.Word(ti - 1);
      const std::string_view verb = view.Word(ti);
      const bool resumptive = w->object_suffix && ((rel == "التي" && verb.ends_with("ها")) ||
                                                   (rel == "الذي" && verb.ends_with("ه") && !verb.ends_with("ها")) ||
                                                   (rel == "الذين" && verb.ends_with("هم")));
      const bool subject_relative = view.FollowsComma(ti - 1) || !resumptive;
      if (cue.after_relative && subject_relative && RelativeAgrees(view.Word(ti - 1), *w->form)) {
        cue.after_relative = false;
        cue.relative_subject = true;
      }
    }
    cues_.push_back(cue);
  }
  frames_.reserve(cues_.size());
  for (size_t i = 0; i < cues_.size(); ++i) frames_.push_back(FindFrame(view, complementizer, i));
  KeepReadingsThatHold(view, complementizer);
  SilenceRelativeAsides(view);
}

void CueSet::SilenceRelativeAsides(const ArticleView& view) {
  for (size_t i = 1; i < cues_.size(); ++i) {
    if (frames_[i].boundary != Boundary::kComplementizer || !InRelativeAside(view, i)) continue;
    for (size_t k = i; k-- > 0;) {
      if (frames_[k].boundary == Boundary::kComplementizer && frames_[k].comp_end == frames_[i].comp_end) {
        frames_[i].boundary = Boundary::kEnd;
        break;
      }
    }
  }
}

bool CueSet::InRelativeAside(const ArticleView& view, size_t i) const {
  const Cue& c = cues_[i];
  if (c.token < 2 || !view.ListedStripped(c.token - 1, Section::kRelativeWords) || !view.FollowsComma(c.token - 1)) {
    return false;
  }
  const uint32_t sentence_end = view.SentenceEnd(c.end);
  const size_t next_cue = i + 1 < cues_.size() ? cues_[i + 1].token : view.token_count();
  for (size_t k = c.token + 1; k < view.token_count() && k <= c.token + limits::kMaxRegionTokens; ++k) {
    if (view.token(k).begin >= sentence_end || k >= next_cue || view.InsideQuote(view.token(k).begin)) return false;
    if (view.FollowsComma(k)) return ArticleView::IsPlainComplementizer(view.Word(k));
    if (MayOpenComplementizer(view, k)) return false;
  }
  return false;
}

bool CueSet::Interjected(const ArticleView& view, size_t i) const {
  const Cue& c = cues_[i];
  if (!c.after_connector) return false;
  size_t k = c.token - 1;  // the connector: وفق ما، بحسب ما، كما
  while (k > 0 && view.Listed(k - 1, Section::kPostConnectors) && !view.PunctuationBefore(k)) --k;
  return view.FollowsComma(k);
}

bool CueSet::OpensSentence(const ArticleView& view, size_t ti) {
  const uint32_t start = view.SentenceStart(view.token(ti).begin);
  if (ti == 0 || start >= view.token(ti - 1).end) return true;
  const size_t first = view.TokenAt(start);
  if (!view.ListedStripped(first, Section::kNotSubject) && !view.ListedStripped(first, Section::kTimeWords)) {
    return false;
  }
  for (size_t k = first + 1; k < ti; ++k) {
    if (view.FollowsComma(k)) return false;  // the phrase ends at the comma before ti
  }
  return ti <= first + limits::kMaxLeadTokens && view.FollowsComma(ti);
}

bool CueSet::GuardHolds(const ArticleView& view, size_t i) const {
  const Cue& c = cues_[i];
  const size_t ti = c.token;
  const bool after_manner = ti > 0 && view.Listed(ti - 1, Section::kMannerWords);  // «…»، هكذا ردّ X
  const bool opens_clause = c.joined() || ti == 0 || view.PunctuationBefore(ti) ||
                            view.ListedStripped(ti - 1, Section::kClauseConnectives) || after_manner ||
                            view.Word(ti - 1) == "ما";  // وهو ما ردّ عليه X بأن
  // Or a clause on the noun before it, its preposition taking the noun's
  // pronoun: "نشر X تدوينة جاء فيها:"، "بيانا جاء فيه أن".
  const std::string& prep = c.form->source_preposition;
  const bool on_the_noun_before = !prep.empty() && ti + 1 < view.token_count() &&
                                  view.Word(ti + 1).starts_with(prep) && view.Word(ti + 1).size() > prep.size() &&
                                  view.Listed(ti + 1, Section::kSkipWords);
  if (!opens_clause && !on_the_noun_before) return false;
  // "«…»، يتابع بنبرة حزينة": after a quotation and a comma the form is the
  // verb that attributes it.
  if (!c.joined() && view.FollowsComma(ti) && view.QuoteClosesBefore(c.begin)) return true;
  const Frame& f = frames_[i];
  if (f.boundary == Boundary::kColon) {
    // "قال صياد، رفض الكشف عن اسمه:": after a comma, right after the
    // phrase of a verb that has reached nothing of its own yet, the form
    // opens a clause on that verb's subject; the colon is that verb's.
    const bool on_the_subject = i > 0 && !c.joined() && view.FollowsComma(ti) &&
                                frames_[i - 1].boundary == Boundary::kCue && view.TokenAt(frames_[i - 1].pos) == ti &&
                                cues_[i - 1].form->tense != Tense::kParticiple;
    return !on_the_subject;
  }
  // "وعبّر X عن سعادته، قائلا"، "ورد الوزير قائلا": a participle closing
  // the clause takes this verb's subject; "وسُئل X عن الموعد فرد": so
  // does the answer.
  if (f.boundary == Boundary::kCue) {
    // Joined by و/ف, opening its sentence, after its opening phrase (من
    // جهته، ردّ X … قائلا) or after a quotation («…»، يروي X، …، مؤكدا):
    // after another comma the form is as often a verbal noun ("التمس،
    // خلال الجلسة، رفض الطلب، معتبرا").
    if (!c.joined() && !OpensSentence(view, ti) && !view.QuoteClosesBefore(c.begin) && !after_manner) return false;
    const int at = AtToken(view.TokenAt(f.pos));
    if (at < 0) return false;
    const Cue& next = cues_[static_cast<size_t>(at)];
    return next.form->tense == Tense::kParticiple || next.form->turn == Turn::kAnswer;
  }
  if (f.boundary != Boundary::kComplementizer) return false;
  // إن، أن، بأن: not إلى أن or على أن, which follow prepositions too.
  const size_t at = view.TokenAt(f.pos);
  return at < view.token_count() && ArticleView::IsPlainComplementizer(view.Word(at));
}

bool CueSet::ReadingHolds(const ArticleView& view, size_t i) const {
  const Cue& c = cues_[i];
  if (c.form->guarded && !GuardHolds(view, i)) return false;
  if (const std::string& needs = c.form->required_preposition; !needs.empty()) {
    const size_t end = std::min(view.token_count(), view.TokenAt(frames_[i].pos));
    bool found = false;
    for (size_t k = c.token + 1; k < end && !found; ++k) {
      const std::string_view w = view.Word(k);
      found = w == needs || (w.starts_with(needs) && view.Listed(k, Section::kSkipWords));
    }
    if (!found) return false;
  }
  const std::string& prep = c.form->source_preposition;
  if (prep.empty()) return true;
  for (size_t k = c.token + 1; k < view.token_count() && k <= c.token + 1 + limits::kMaxChannelTokens; ++k) {
    const std::string_view w = view.Word(k);
    if (w == prep || (w.starts_with(prep) && view.Listed(k, Section::kSkipWords))) return true;
  }
  return false;
}

void CueSet::KeepReadingsThatHold(const ArticleView& view, const re2::RE2& complementizer) {
  size_t kept = 0;
  bool dropped = false;
  for (size_t i = 0; i < cues_.size(); ++i) {
    if (!ReadingHolds(view, i)) {
      const PatternSet::CueWord* other = cues_[i].word->other;
      bool holds = false;
      if (other != nullptr) {
        Cue& c = cues_[i];
        c.word = other;
        c.form = other->form;
        c.object_suffix = other->object_suffix;
        c.stem_begin = view.token(c.token).begin + other->proclitic_bytes;
        frames_[i] = FindFrame(view, complementizer, i);
        holds = ReadingHolds(view, i);
      }
      if (!holds) {
        dropped = true;
        continue;
      }
    }
    cues_[kept] = cues_[i];
    frames_[kept] = frames_[i];
    ++kept;
  }
  if (!dropped) return;
  cues_.resize(kept);
  frames_.resize(kept);
  // A phrase that ended at a dropped cue runs on.
  for (size_t i = 0; i < kept; ++i) {
    if (frames_[i].boundary != Boundary::kCue) continue;
    if (i + 1 < kept && cues_[i + 1].begin == frames_[i].pos) continue;
    frames_[i] = FindFrame(view, complementizer, i);
  }
}

namespace {

// The first colon in [begin, end) of the writer's text, not a time's
// (10:30); or end.
uint32_t ColonIn(const ArticleView& view, uint32_t begin, uint32_t end) {
  const std::string_view t = view.text();
  for (uint32_t at = begin; at < end; ++at) {
    if (t[at] != ':' || view.InsideQuote(at)) continue;
    if (at > 0 && std::isdigit(static_cast<unsigned char>(t[at - 1]))) continue;
    return at;
  }
  return end;
}

}  // namespace

Frame CueSet::FindFrame(const ArticleView& view, const re2::RE2& complementizer, size_t index) const {
  const Cue& cue = cues_[index];
  const std::string_view t = view.text();
  const std::vector<QuoteSpan>& quotes = view.quotes();
  Frame f;
  const uint32_t sentence_end = view.SentenceEnd(cue.end);
  uint32_t pos = cue.end;
  size_t words = 0;
  size_t next_cue = index + 1;
  size_t ti = cue.token + 1;
  // The phrase after a cue is short; never scan far past it.
  const uint32_t scan_end = std::min<uint32_t>(sentence_end, cue.end + limits::kMaxRegionBytes);
  // The first quotation starting at or after pos, kept in step with pos
  // (QuoteOpeningAt without a search per byte).
  size_t next_quote = view.FirstQuoteFrom(pos);
  while (pos < scan_end) {
    if (t[pos] == ':') {
      f.boundary = Boundary::kColon;
      break;
    }
    while (next_quote < quotes.size() && ArticleView::QuoteStart(quotes[next_quote]) < pos) ++next_quote;
    if (int q = view.OpeningAt(next_quote, pos); q >= 0) {
      if (!view.is_label(static_cast<size_t>(q))) {
        f.boundary = Boundary::kQuote;
        f.quote = q;
        break;
      }
      pos = quotes[static_cast<size_t>(q)].close_end;
      while (ti < view.token_count() && view.token(ti).begin < pos) ++ti;
      continue;
    }
    if (ti >= view.token_count() || view.token(ti).begin != pos) {
      ++pos;
      continue;
    }
    if (next_cue < cues_.size() && cues_[next_cue].begin == pos) {
      // "وبيّن X، وفق ما نقلت عنه الوكالة، أن": a cue after a connector set
      // off by a comma interjects the channel; the phrase runs on past it.
      if (!Interjected(view, next_cue) && !InRelativeAside(view, next_cue)) {
        f.boundary = Boundary::kCue;
        break;
      }
      ++next_cue;
    }
    // A new clause (فيما، بينما، ثم ...) has a subject of its own. But a
    // verb of saying whose phrase runs into a clause of circumstance and
    // then a colon introduces what follows the colon ("وقالت X لوكالة
    // فرانس برس بينما كانت تملأ عبوات المياه: «…»").
    if (words > 0 && view.ListedStripped(ti, Section::kClauseConnectives)) {
      if (cue.form->cls == CueClass::kSay) {
        const uint32_t limit = next_cue < cues_.size() ? std::min(scan_end, cues_[next_cue].begin) : scan_end;
        if (const uint32_t colon = ColonIn(view, pos, limit); colon < limit) {
          pos = colon;
          f.boundary = Boundary::kColon;
        }
      }
      break;
    }
    const bool maybe_comp = MayOpenComplementizer(view, ti);
    re2::StringPiece window(t.data() + pos, sentence_end - pos);
    re2::StringPiece match;
    if (maybe_comp && complementizer.Match(window, 0, window.size(), re2::RE2::ANCHOR_START, &match, 1)) {
      // قبل أن، بعد أن، دون أن: a clause of time or manner, not the report.
      if (ti > 0 && IsConjunctionHead(view.Word(ti - 1))) break;
      // "ولم تعلق X على التقارير، غير أن …": a contrast after a comma opens
      // a clause of its own.
      if (ti > 0 && view.FollowsComma(ti - 1)) {
        const std::string_view w = view.Word(ti - 1);
        if (w == "غير" || w == "الا" || w == "بيد") break;
      }
      // The match ends with the boundary character, if any.
      f.comp_end = view.WithoutFinalBoundary(pos, pos + static_cast<uint32_t>(match.size()));
      f.boundary = Boundary::kComplementizer;
      break;
    }
    if (++words > limits::kMaxRegionTokens) break;
    pos = view.token(ti).end;
    ++ti;
  }
  f.pos = pos;
  return f;
}

ByteSpan CueSet::Region(const ArticleView& view, size_t i) const {
  const Cue& c = cues_[i];
  const uint32_t end = view.SkipSpacesBack(std::max(frames_[i].pos, c.end));
  return ByteSpan{std::min(view.SkipSpaces(c.end), end), end};
}

int CueSet::AtToken(size_t t) const {
  const size_t i = CountBefore<Cue>(cues_, [t](const Cue& c) { return c.token < t; });
  return i < cues_.size() && cues_[i].token == t ? static_cast<int>(i) : -1;
}

size_t CueSet::FirstAfter(uint32_t pos) const {
  return CountBefore<Cue>(cues_, [pos](const Cue& c) { return c.begin <= pos; });
}

size_t CueSet::FirstFrom(uint32_t pos) const {
  return CountBefore<Cue>(cues_, [pos](const Cue& c) { return c.begin < pos; });
}

}  // namespace qawl
