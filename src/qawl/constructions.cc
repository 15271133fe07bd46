#include "qawl/constructions.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

#include "qawl/extraction_limits.h"

namespace qawl {

namespace {
using Section = PatternSet::Section;
}  // namespace

void Constructions::Build(const ArticleView& view, const CueSet& cues, const MentionSet& mentions,
                          const Discourse& discourse, const ClauseRules& rules, const ConstructionOptions& options) {
  view_ = &view;
  cues_ = &cues;
  mentions_ = &mentions;
  discourse_ = &discourse;
  rules_ = rules;
  options_ = options;
  records_.clear();
  interview_.clear();
  claimed_.assign(view.quotes().size(), false);
  FindInterview();
  for (size_t i = 0; i < cues.size(); ++i) {
    if (!InInterview(cues.cue(i).begin)) ProcessCue(i);
  }
  Answers();
  FrontedSources();
  AttributeLeftovers();
  if (options_.headlines) Headlines();
}

void Constructions::ProcessCue(size_t index) {
  const Cue& cue = cues_->cue(index);
  const Boundary boundary = cues_->frame(index).boundary;
  if (cue.form->cls == CueClass::kOther && cue.form->tense == Tense::kNoun) return;
  // A verb of description with its object a pronoun and then a quotation
  // characterizes what the relative ما or الذي stands for: "رفض التعليق
  // على ما وصفه بـ«…»" quotes the clause's speaker.
  const bool characterizes = cue.form->cls == CueClass::kDescribe && cue.object_suffix && boundary == Boundary::kQuote;
  // "…"، وفق ما ذكر X: handled with the quotation before it.
  if (cue.after_connector && boundary != Boundary::kColon && boundary != Boundary::kComplementizer && !characterizes) {
    return;
  }
  // No speech here; a quotation before the cue is AttributeAfter's.
  if (boundary == Boundary::kEnd || boundary == Boundary::kCue) return;
  if (InsideReportedClause(index)) return;
  // A relative clause with no subject of its own reports nothing ("التي
  // قال إنها"), unless it characterizes.
  if (cue.after_relative && cues_->Region(*view_, index).empty() && !characterizes) return;
  const Attributed& who = discourse_->speaker(index);
  const bool describe = cue.form->cls == CueClass::kDescribe || cue.form->cls == CueClass::kOther;
  // A quotation framed as speech (a verb of saying, then a colon or the
  // quotation) is a record even when nobody can be named as its speaker:
  // the record says so (no speaker, "/unattributed", a low confidence).
  // Reported speech needs a source to be a quotation at all.
  if (!who.speaker.valid()) {
    const bool framed = boundary == Boundary::kColon || boundary == Boundary::kQuote;
    if (!framed || describe || mentions_->of_cue(index).no_implied || cue.form->tense == Tense::kNoun) return;
  }
  switch (boundary) {
    case Boundary::kColon: return AfterColon(index, who, describe);
    case Boundary::kQuote: return AfterQuote(index, who, describe);
    case Boundary::kComplementizer: return AfterComplementizer(index, who, describe);
    default: return;
  }
}

void Constructions::AfterColon(size_t index, const Attributed& who, bool describe) {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  const Cue& cue = cues_->cue(index);
  const int ci = static_cast<int>(index);
  const uint32_t after = v.SkipSpaces(cues_->frame(index).pos + 1);
  int q = v.QuoteOpeningAt(after);
  if (q < 0 && after < t.size() && t[after] == '\n') q = v.QuoteOpeningAt(after + 1);
  if (q >= 0 && !v.is_label(static_cast<size_t>(q))) {
    ClaimQuote(q, describe ? v1::PARTIAL : v1::DIRECT, who, ci, "cue_colon_quote");
    return;
  }
  // A quotation closed without an opening mark after the colon.
  const size_t next = v.FirstQuoteFrom(after);
  const std::vector<QuoteSpan>& quotes = v.quotes();
  if (next < quotes.size() && !quotes[next].has_open() && quotes[next].inner.begin == after) {
    ClaimQuote(static_cast<int>(next), v1::DIRECT, who, ci, "cue_colon_orphan_quote");
    return;
  }
  // A statement after the colon with no marks: to the paragraph's end, or
  // to the next quotation mark (marks later on: not this form).
  // Without marks and without a speaker there is nothing to go on (a
  // byline "كتب: فهد الرشيدي | 2024-04-09").
  // A verbal noun after ب stands for its verb (اكتفى X بالقول: …); a
  // noun alone before a colon is a heading (البيان:، تصريح:).
  const bool noun = cue.form->tense == Tense::kNoun && !v.Word(cue.token).starts_with("ب");
  if (describe || noun || !who.speaker.valid()) return;
  uint32_t end = v.ParagraphEnd(after);
  if (next < quotes.size()) end = std::min(end, ArticleView::QuoteStart(quotes[next]));
  EmitUnmarked(ByteSpan{after, end}, who, ci, "cue_colon_unmarked");
}

// A statement without quotation marks, less its final period: DIRECT when
// it has at least kMinUnmarkedTokens words.
void Constructions::EmitUnmarked(ByteSpan text, const Attributed& who, int cue, const char* rule) {
  const std::string_view t = view_->text();
  while (text.end > text.begin && (t[text.end - 1] == '.' || t[text.end - 1] == ' ')) --text.end;
  if (view_->CountTokens(text) < limits::kMinUnmarkedTokens) return;
  Record r;
  r.kind = v1::DIRECT;
  r.text = text;
  r.who = who;
  r.cue = cue;
  r.rule = rule;
  r.confidence_scale = limits::kScaleUnmarked;
  records_.push_back(std::move(r));
}

void Constructions::AfterQuote(size_t index, const Attributed& who, bool describe) {
  const ArticleView& v = *view_;
  const int ci = static_cast<int>(index);
  const int quote = cues_->frame(index).quote;
  // حذر الوزير من «…»، شدد على «…»: the quotation is a preposition's
  // object in the writer's sentence.
  const QuoteSpan& q = v.quotes()[static_cast<size_t>(quote)];
  const size_t before = v.TokenAt(q.has_open() ? q.open : q.inner.begin);
  const bool object = before > cues_->cue(index).token + 1 &&
                      (v.Listed(before - 1, Section::kNpBreaks) || v.Word(before - 1) == "من");
  const bool direct = !describe && !object && mentions_->of_cue(index).speaker_only;
  ClaimQuote(quote, direct ? v1::DIRECT : v1::PARTIAL, who, ci, direct ? "cue_quote" : "cue_partial");
  // Further quotations in the same sentence are the same speaker's.
  const uint32_t sentence_end = v.SentenceEnd(cues_->cue(index).end);
  const std::vector<QuoteSpan>& quotes = v.quotes();
  for (size_t i = static_cast<size_t>(quote) + 1;
       i < quotes.size() && i <= static_cast<size_t>(quote) + limits::kMaxFollowingQuotes; ++i) {
    const QuoteSpan& q = quotes[i];
    if (q.inner.begin >= sentence_end) break;
    if (q.depth != 0 || v.is_label(i) || claimed_[i]) continue;
    // Not past another cue, which speaks for itself.
    if (index + 1 < cues_->size() && cues_->cue(index + 1).begin < q.inner.begin) break;
    ClaimQuote(static_cast<int>(i), v1::PARTIAL, who, ci, "cue_partial");
  }
}

void Constructions::AfterComplementizer(size_t index, const Attributed& who, bool describe) {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  const uint32_t comp_end = cues_->frame(index).comp_end;
  uint32_t after = v.SkipSpaces(comp_end);
  if (after < t.size() && (t[after] == ',' || t.compare(after, 2, "،") == 0)) {
    after = v.SkipSpaces(after + (t[after] == ',' ? 1 : 2));
  }
  if (after < t.size() && t[after] == ':') after = v.SkipSpaces(after + 1);
  const int q = v.QuoteOpeningAt(after);
  if (q >= 0 && !describe && !v.is_label(static_cast<size_t>(q))) {
    // The quotation is the whole clause (to the sentence's end or the next
    // statement): the speaker's words, whole.
    const QuoteSpan& qs = v.quotes()[static_cast<size_t>(q)];
    const uint32_t clause_end = ClauseEnd(comp_end, v.SentenceEnd(comp_end));
    if (qs.close_end >= clause_end || v.SkipSpaces(qs.close_end) >= v.SentenceEnd(qs.close_end)) {
      ClaimQuote(q, v1::DIRECT, who, static_cast<int>(index), "cue_complementizer_quote");
      return;
    }
  }
  EmitClause(static_cast<int>(index), comp_end, who, "cue_complementizer_clause");
}

void Constructions::ClaimQuote(int q, v1::Kind kind, const Attributed& who, int cue, const char* rule) {
  if (q < 0 || claimed_[static_cast<size_t>(q)]) return;
  claimed_[static_cast<size_t>(q)] = true;
  // A post in English is reported by the translation that follows it
  // ("…"، وترجمتها: "…"), if any; the English words are not the record.
  if (view_->is_foreign(static_cast<size_t>(q))) {
    q = TranslationOf(static_cast<size_t>(q));
    if (q < 0 || claimed_[static_cast<size_t>(q)]) return;
    claimed_[static_cast<size_t>(q)] = true;
  }
  // Words of a document, or a phrase of nobody we can name: not a
  // quotation anyone is said to have said.
  if (who.speaker.document) return;
  if (!who.speaker.valid() && kind == v1::PARTIAL) return;
  const QuoteSpan& qs = view_->quotes()[static_cast<size_t>(q)];
  Record r;
  r.kind = kind;
  r.text = qs.inner;
  r.who = who;
  r.cue = cue;
  r.rule = rule;
  if (!qs.has_open() || !qs.has_close()) r.confidence_scale = limits::kScaleUnbalancedMarks;
  records_.push_back(std::move(r));
}

// The quotation right after foreign quote q, introduced by a colon in the
// same paragraph ("، أي: "…""، "وترجمتها: "…""), or -1.
int Constructions::TranslationOf(size_t q) const {
  const ArticleView& v = *view_;
  const std::vector<QuoteSpan>& quotes = v.quotes();
  constexpr uint32_t kMaxGapBytes = 64;
  const uint32_t close = quotes[q].close_end;
  for (size_t i = q + 1; i < quotes.size(); ++i) {
    const uint32_t start = ArticleView::QuoteStart(quotes[i]);
    if (start > close + kMaxGapBytes) break;
    if (quotes[i].depth != 0 || v.is_foreign(i)) continue;
    const std::string_view between = v.text().substr(close, start - close);
    if (between.find('\n') != std::string_view::npos || between.find(':') == std::string_view::npos) return -1;
    return static_cast<int>(i);
  }
  return -1;
}

// "وبحسب مصادر أمنية، فإن …"، "ووفق X، فإن …": a source named before the
// sentence's فإن reports the clause after it.
void Constructions::FrontedSources() {
  const ArticleView& v = *view_;
  constexpr size_t kMaxSourceTokens = 12;
  const std::span<const uint32_t> breaks = v.sentence_breaks();
  size_t previous = v.token_count();
  for (size_t b = 0; b <= breaks.size(); ++b) {
    // Each sentence's first token, once (". ⏎" is two breaks before it).
    const size_t k = v.TokenAt(b == 0 ? 0 : breaks[b - 1] + 1);
    if (k == previous) continue;
    previous = k;
    if (k + 2 >= v.token_count() || !v.ListedStripped(k, Section::kPostConnectors)) continue;
    if (v.InsideQuote(v.token(k).begin)) continue;
    // فإن after a comma, the source's apposition between commas included
    // ("وحسب المكلف بالإعلام، رضا حمودي، فإن …").
    auto is_fa = [&](size_t t) {
      const std::string_view w = v.Word(t);
      return v.FollowsComma(t) && w.substr(0, 2) == "ف" && ArticleView::IsPlainComplementizer(w.substr(2));
    };
    const uint32_t sentence_end = v.SentenceEnd(v.token(k).begin);
    size_t fa = k + 1;
    while (fa < v.token_count() && fa <= k + kMaxSourceTokens && v.token(fa).begin < sentence_end && !is_fa(fa)) ++fa;
    if (fa >= v.token_count() || fa > k + kMaxSourceTokens || v.token(fa).begin >= sentence_end) continue;
    std::optional<Mention> source = mentions_->SourceAfterConnector(k, /*label_source=*/true);
    if (!source) {
      // "وبحسب ما قاله X، فإن"، "وحسبما أفاد X، فإن": the cue's subject.
      for (size_t i = cues_->FirstAfter(v.token(k).begin); i < cues_->size() && cues_->cue(i).token < fa; ++i) {
        const Attributed& a = discourse_->speaker(i);
        if (cues_->cue(i).after_connector && a.speaker.valid() && a.how != How::kImplied) {
          source = a.speaker;
          break;
        }
      }
    }
    if (!source) continue;
    EmitClause(-1, v.token(fa).end, Attributed{*source, How::kExplicit}, "source_complementizer_clause");
  }
}

// Where reported speech that starts at `begin` ends inside its sentence.
uint32_t Constructions::EndOfOpeningQuotation(uint32_t begin, uint32_t end) const {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  const uint32_t from = v.SkipSpaces(begin);
  const int q = v.QuoteOpeningAt(from);
  if (q < 0) return end;
  const QuoteSpan& span = v.quotes()[static_cast<size_t>(q)];
  if (!span.has_close() || span.close_end >= end) return end;
  // "إن «…»، وأمر الحكومة بـ…"، "إن «…»، في إشارة إلى …": after a comma the
  // writer goes on; the clause is the quotation. Not before a second إن/أن
  // (إن «…»، وإن …), which goes on with the statement.
  const uint32_t after = v.SkipSpaces(span.close_end);
  const bool comma = after + 2 <= end && t.compare(after, 2, "،") == 0;
  if (!comma) return end;
  const size_t next = v.TokenAt(after);
  if (next >= v.token_count() || v.token(next).begin >= end) return end;
  if (ArticleView::IsPlainComplementizer(ArticleView::WithoutWa(v.Word(next)))) return end;
  return span.close_end;
}

uint32_t Constructions::ClauseEnd(uint32_t begin, uint32_t sentence_end) const {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  uint32_t end = sentence_end;
  if (end - begin > limits::kMaxClauseBytes) {
    const size_t k = v.TokenAt(begin + limits::kMaxClauseBytes);
    end = k > 0 ? v.token(k - 1).end : begin;
  }
  // A new cue with its own connective starts a new statement: one joined
  // by و/ف, a participle, one after a comma or a connector, or one that
  // reports a statement of its own (a clause with a new source and cue).
  for (size_t i = cues_->FirstAfter(begin); i < cues_->size(); ++i) {
    const Cue& c = cues_->cue(i);
    if (c.begin >= end) break;
    if (InsideReportedClause(i)) continue;
    const bool joined = c.joined() || c.form->tense == Tense::kParticiple ||
                        (!c.after_relative && cues_->frame(i).reports());
    const uint32_t before = v.SkipSpacesBack(c.begin);
    const bool after_comma =
        before > 0 && (t[before - 1] == ',' || (before >= 2 && t.compare(before - 2, 2, "،") == 0));
    // "، قبل أن تستطرد: «…»": a cue after قبل أن / بعد أن ends the clause
    // before them, the writer's time of the next statement.
    if (c.token >= 2 && v.Word(c.token - 1) == "ان" && (v.Word(c.token - 2) == "قبل" || v.Word(c.token - 2) == "بعد")) {
      end = v.SkipSpacesBack(v.token(c.token - 2).begin);
      break;
    }
    // "، لكنه أقر بـ"، "، لكنه رأى أن": a cue after a contrastive
    // connective ends the clause before the connective.
    if (c.token > 0 && v.ListedStripped(c.token - 1, Section::kClauseConnectives)) {
      end = v.SkipSpacesBack(v.token(c.token - 1).begin);
      break;
    }
    if (joined || after_comma || c.after_connector) {
      end = before;
      break;
    }
    // "، وهو ما وصفه مراقبون بـ…": the writer's relative clause on it.
    if (c.token > 0 && v.Word(c.token - 1) == "ما") {
      size_t k = c.token - 1;
      if (k > 0 && !v.PunctuationBefore(k) && (v.Word(k - 1) == "وهو" || v.Word(k - 1) == "وهي")) --k;
      end = v.SkipSpacesBack(v.token(k).begin);
      break;
    }
  }
  end = CutAtStops(begin, end);
  // Trailing separators.
  while (end > begin) {
    const uint32_t e = v.SkipSpacesBack(end);
    if (e > begin && (t[e - 1] == ',' || t[e - 1] == ':' || t[e - 1] == ';')) {
      end = e - 1;
    } else if (e >= begin + 2 && (t.compare(e - 2, 2, "،") == 0 || t.compare(e - 2, 2, "؛") == 0)) {
      end = e - 2;
    } else {
      return e;
    }
  }
  return end;
}

bool Constructions::InsideReportedClause(size_t i) const {
  const ArticleView& v = *view_;
  const Cue& c = cues_->cue(i);
  const CueMention& cm = mentions_->of_cue(i);
  if (cm.site != MentionSite::kPreposed || !cm.mention || !cm.mention->open || cm.mention->entity >= 0) return false;
  if (c.joined() || c.form->tense == Tense::kParticiple || v.PunctuationBefore(c.token)) return false;
  const uint32_t subject = cm.mention->span.begin;
  const uint32_t sentence = v.SentenceStart(c.begin);
  for (size_t k = i; k-- > 0 && cues_->cue(k).begin >= sentence;) {
    const Frame& f = cues_->frame(k);
    if (f.boundary == Boundary::kComplementizer && v.SkipSpaces(f.comp_end) == subject) return true;
  }
  return false;
}

bool Constructions::GoesOnWithSpeaker(uint32_t at, std::string_view stop) const {
  // The contrast "غير أن / إلا أن / بيد أن" (normalized: ان), not فيما or لكن.
  const size_t an = stop.find(" ان");
  if (an == std::string_view::npos || stop.find("لكن") != std::string_view::npos) return false;
  const std::string_view lead = stop.substr(0, an);
  if (!lead.ends_with("غير") && !lead.ends_with("الا") && !lead.ends_with("بيد")) return false;
  const uint32_t sentence_end = view_->SentenceEnd(at);
  const size_t next = cues_->FirstAfter(at);
  return next >= cues_->size() || cues_->cue(next).begin >= sentence_end;
}

// A contrasting clause or words about the statement end it too: the first
// match of clause_stop, then of trailing_meta before it, each ignored when
// it opens the clause. One scan for both finds the same end unless its
// leftmost match opens the clause.
uint32_t Constructions::CutAtStops(uint32_t begin, uint32_t end) const {
  const std::string_view t = view_->text();
  // The first match of `rule` in [from, end) outside quotations (the
  // speaker's own "لكنها" does not end the writer's clause), or end.
  auto first_stop = [&](const re2::RE2& rule, uint32_t from) {
    re2::StringPiece m;
    while (from < end) {
      re2::StringPiece window(t.data() + from, end - from);
      if (!rule.Match(window, 0, window.size(), re2::RE2::UNANCHORED, &m, 1)) return end;
      const auto at = static_cast<uint32_t>(m.data() - t.data());
      const uint32_t quote_end = view_->QuoteEndAfter(at);
      if (quote_end == at && !GoesOnWithSpeaker(at, std::string_view(m.data(), m.size()))) return at;
      from = quote_end == at ? at + static_cast<uint32_t>(m.size()) : quote_end;
    }
    return end;
  };
  uint32_t at = first_stop(*rules_.clause_end, begin);
  if (at == end || at > begin) return at;
  for (const re2::RE2* rule : {rules_.clause_stop, rules_.trailing_meta}) {
    at = first_stop(*rule, begin);
    if (at > begin && at < end) end = at;
  }
  return end;
}

void Constructions::EmitClause(int cue_index, uint32_t begin, const Attributed& who, const char* rule) {
  const ArticleView& v = *view_;
  // The quotations up to `end` are the speaker's; the reported clause may
  // be only the quotation it opens with (EndOfOpeningQuotation).
  const uint32_t end = ClauseEnd(begin, v.SentenceEnd(begin));
  begin = v.SkipSpaces(begin);
  if (end <= begin) return;
  const uint32_t clause_end = EndOfOpeningQuotation(begin, end);
  // Quotations inside the clause are the speaker's words: partial quotes.
  size_t quoted_tokens = 0;
  const std::vector<QuoteSpan>& quotes = v.quotes();
  size_t later_cue = cues_->FirstAfter(begin);
  while (later_cue < cues_->size() && InsideReportedClause(later_cue)) ++later_cue;
  for (size_t i = v.FirstQuoteFrom(begin); i < quotes.size(); ++i) {
    const QuoteSpan& q = quotes[i];
    const uint32_t qs = ArticleView::QuoteStart(q);
    if (qs >= end) break;
    if (q.depth != 0 || v.is_label(i)) continue;
    // A later cue in the clause speaks for the quotations after it.
    if (later_cue < cues_->size() && cues_->cue(later_cue).begin < qs) continue;
    quoted_tokens += v.CountTokens(q.inner);
    ClaimQuote(static_cast<int>(i), v1::PARTIAL, who, cue_index, cue_index >= 0 ? "cue_clause_partial" : "source_clause_partial");
  }
  if (!options_.indirect || !who.speaker.valid() || who.speaker.document) return;
  // A clause that is its opening quotation is reported by it.
  if (clause_end < end) return;
  // A clause inside a relative clause is not a report of its own; a
  // characterization (وصفها بأنها "…") is reported by its quotation.
  if (cue_index >= 0) {
    const Cue& cue = cues_->cue(static_cast<size_t>(cue_index));
    // Unless the relative clause names its own speaker: "وهو ما ردّ عليه
    // X بأن …" reports X; "التي يقولون إنها" reports nobody.
    const bool own_subject = mentions_->of_cue(static_cast<size_t>(cue_index)).site == MentionSite::kSubject;
    if (cue.after_relative && (!own_subject || cue.after_connector)) return;
    const bool bi = v.Word(v.TokenAt(cues_->frame(static_cast<size_t>(cue_index)).pos)).substr(0, 2) == "ب";
    if (quoted_tokens > 0 && cue.form->cls == CueClass::kDescribe && bi) return;
  }
  const size_t tokens = v.CountTokens(ByteSpan{begin, end});
  if (tokens < 2) return;
  // A clause that is all quotation is reported by the quotation; one with
  // words of the writer's around its quotation is reported speech with an
  // embedded partial quote (أن فريقه "دفع ثمن خطأ واحد"), and both count.
  if (quoted_tokens >= tokens) return;
  Record r;
  r.kind = v1::INDIRECT;
  r.text = ByteSpan{begin, end};
  r.who = who;
  r.cue = cue_index;
  r.rule = rule;
  r.confidence_scale = limits::kScaleClause;
  records_.push_back(std::move(r));
}

// "…"، قال X / "…"، وفق ما ذكّر به X / "…"، بحسب X / "…"، هكذا لخّص X: the
// speaker named after the quotation.
bool Constructions::AttributeAfter(size_t i) {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  const QuoteSpan& q = v.quotes()[i];
  uint32_t pos = q.close_end;
  size_t ti = v.TokenAt(pos);
  const uint32_t qstart = ArticleView::QuoteStart(q);
  // A whole statement, or a phrase inside the writer's sentence.
  const bool direct = v.CountTokens(ByteSpan{v.SentenceStart(qstart), qstart}) == 0 ||
                      v.CountTokens(q.inner) >= limits::kMinContinuationTokens;
  const v1::Kind kind = direct ? v1::DIRECT : v1::PARTIAL;
  for (size_t connectors = 0; ti < v.token_count() && connectors <= limits::kMaxPostQuoteConnectors; ++connectors) {
    // Only punctuation before the cue, and no sentence break after a connector.
    for (uint32_t k = pos; k < v.token(ti).begin; ++k) {
      const char c = t[k];
      if (c == '\n' || ((c == '.' || c == '!' || c == '?') && connectors > 0)) return false;
    }
    if (const int ci = cues_->AtToken(ti); ci >= 0) {
      Attributed who = discourse_->speaker(static_cast<size_t>(ci));
      if (!who.speaker.valid()) return false;
      if (who.how == How::kExplicit) who.how = How::kAfter;
      ClaimQuote(static_cast<int>(i), kind, who, ci, "quote_then_cue");
      return true;
    }
    if (v.Listed(ti, Section::kMannerWords)) {
      auto source = mentions_->SourceAfterManner(ti);
      if (!source) return false;
      ClaimQuote(static_cast<int>(i), kind, Attributed{*source, How::kAfter}, -1, "quote_then_manner");
      return true;
    }
    if (!v.Listed(ti, Section::kPostConnectors)) return false;
    if (auto source = mentions_->SourceAfterConnector(ti)) {
      Attributed who{*source, How::kAfter};
      ClaimQuote(static_cast<int>(i), kind, who, -1, "quote_then_source");
      return true;
    }
    // "…"، على حد تعبيرها / قوله: the source the pronoun refers to.
    if (v.Word(ti) == "علي" && ti + 2 < v.token_count() && v.Word(ti + 1) == "حد") {
      const std::string_view w = v.Word(ti + 2);
      const Gender g = w.ends_with("ها") ? Gender::kFeminine
                       : w.ends_with("هم") ? Gender::kPlural
                       : w.ends_with("ه")  ? Gender::kMasculine
                                           : Gender::kUnknown;
      if (g != Gender::kUnknown && (w.starts_with("تعبير") || w.starts_with("قول"))) {
        if (auto source = discourse_->PronounReferent(q.inner.begin, g)) {
          ClaimQuote(static_cast<int>(i), kind, Attributed{*source, How::kImplied}, -1, "quote_then_pronoun");
          return true;
        }
      }
    }
    pos = v.token(ti).end;
    ++ti;
  }
  return false;
}

const Record* Constructions::ReportBefore(uint32_t pos) const {
  const uint32_t sentence = view_->SentenceStart(pos);
  const Record* best = nullptr;
  for (const Record& r : records_) {
    if (r.kind != v1::INDIRECT || r.text.begin < sentence || r.text.end > pos) continue;
    if (best == nullptr || r.text.end > best->text.end) best = &r;
  }
  if (best == nullptr) return nullptr;
  const size_t next_cue = cues_->FirstAfter(best->text.end);
  if (next_cue < cues_->size() && cues_->cue(next_cue).begin < pos) return nullptr;
  // Nor past a clause with a subject of its own (فيما قام X، بينما); a
  // contrast (لكن البطالة «…») is still the speaker's.
  for (size_t k = view_->TokenAt(best->text.end); k < view_->token_count() && view_->token(k).end <= pos; ++k) {
    if (view_->ListedStripped(k, Section::kClauseConnectives) && view_->Word(k).find("لكن") == std::string_view::npos) {
      return nullptr;
    }
  }
  return best;
}

void Constructions::AttributeLeftovers() {
  const ArticleView& v = *view_;
  const std::vector<QuoteSpan>& quotes = v.quotes();
  // Ends of the direct and partial records so far, for continuations.
  std::vector<std::pair<uint32_t, size_t>> ends;  // (text end, record index)
  for (size_t r = 0; r < records_.size(); ++r) {
    if (records_[r].kind != v1::INDIRECT) ends.emplace_back(records_[r].text.end, r);
  }
  std::sort(ends.begin(), ends.end());
  // Records claimed below come in text order: almost always an append.
  size_t known = records_.size();
  auto refresh = [&] {
    for (; known < records_.size(); ++known) {
      if (records_[known].kind == v1::INDIRECT) continue;
      std::pair<uint32_t, size_t> e{records_[known].text.end, known};
      ends.insert(std::upper_bound(ends.begin(), ends.end(), e), e);
    }
  };
  for (size_t i = 0; i < quotes.size(); ++i) {
    if (claimed_[i] || v.is_label(i) || quotes[i].depth != 0) continue;
    if (InInterview(ArticleView::QuoteStart(quotes[i]))) continue;
    if (AttributeAfter(i)) {
      refresh();
      continue;
    }
    const QuoteSpan& q = quotes[i];
    const uint32_t start = ArticleView::QuoteStart(q);
    // "أن موكله «…»، محمّلا العائلة مسؤولية تقديم «…»": a quotation later
    // in the sentence of a reported clause, no cue between, is the
    // reporter's phrase.
    if (const Record* report = ReportBefore(start)) {
      const Attributed who = report->who;
      ClaimQuote(static_cast<int>(i), v1::PARTIAL, who, report->cue, "sentence_partial");
      refresh();
      continue;
    }
    // A long quotation standing alone continues the previous speaker, in
    // the same or the next paragraph, unless the sentence before, quoting
    // nobody, introduces a person (جلست أم محمد، …. «…»).
    if (v.CountTokens(ByteSpan{v.SentenceStart(start), start}) > 0) continue;
    if (v.CountTokens(q.inner) < limits::kMinContinuationTokens) continue;
    if (std::optional<Mention> person = mentions_->PersonIntroducing(v.SentenceStart(start))) {
      ClaimQuote(static_cast<int>(i), v1::DIRECT, Attributed{*person, How::kPreposed}, -1, "introduced_quote");
      refresh();
      continue;
    }
    auto it = std::upper_bound(ends.begin(), ends.end(), std::make_pair(start, SIZE_MAX));
    if (it == ends.begin()) continue;
    const Record& prev = records_[std::prev(it)->second];
    if (v.NewlinesBetween(prev.text.end, start) > 1) continue;
    Attributed who = prev.who;
    who.how = How::kContinuation;
    const int cue = prev.cue;
    ClaimQuote(static_cast<int>(i), v1::DIRECT, who, cue, "continuation");
    refresh();
  }
}

namespace {

// "س:" / "ج -": the marker of a question or an answer opening the
// paragraph at `para`; the offset just past it, or 0.
uint32_t DialogueMarker(const ArticleView& v, uint32_t para, std::string_view letter) {
  const size_t t = v.TokenAt(para);
  if (t >= v.token_count() || v.token(t).begin != para || v.Word(t) != letter) return 0;
  const uint32_t after = v.SkipSpaces(v.token(t).end);
  const std::string_view text = v.text();
  if (after < text.size() && (text[after] == ':' || text[after] == '-' || text[after] == '/')) return after + 1;
  return 0;
}

// The words before a colon that opens the line at `para` (ending at
// `line_end`): at most three words (two spaces) in its first bytes; empty
// where there are none.
std::string_view LabelHead(std::string_view text, uint32_t para, uint32_t line_end) {
  constexpr uint32_t kMaxLabelBytes = 48;
  const std::string_view head = text.substr(para, std::min(kMaxLabelBytes, line_end - para));
  const size_t colon = head.find(':');
  if (colon == std::string_view::npos || std::count(head.begin(), head.begin() + colon, ' ') > 2) return {};
  return head.substr(0, colon);
}

// A speaker's label opening the paragraph at `para`, in a transcript:
// one to three words, perhaps in marks, then a colon ("الوزيرة: …"،
// "«الأيام»: …"). The label's text (marks and spaces trimmed) and the
// offset just past the colon; an empty label where there is none.
struct TranscriptLabel {
  std::string_view key;
  uint32_t after = 0;
};
TranscriptLabel LabelAt(const ArticleView& v, uint32_t para) {
  std::string_view key = LabelHead(v.text(), para, v.ParagraphEnd(para));
  if (key.empty()) return {};
  const auto at = static_cast<uint32_t>(para + key.size());
  for (std::string_view mark : {"«", "»", "\"", " "}) {
    while (key.starts_with(mark)) key.remove_prefix(mark.size());
    while (key.ends_with(mark)) key.remove_suffix(mark.size());
  }
  // A time (10:45) or a number is no label.
  if (key.empty() || (key.back() >= '0' && key.back() <= '9')) return {};
  return {key, at + 1};
}

// A question printed as a bullet point: a paragraph opening with a bullet
// or a dash and ending with a question mark ("● ما الاسم …؟"). The offset
// past the bullet, or 0.
uint32_t BulletQuestion(std::string_view text, uint32_t para, uint32_t end) {
  static constexpr std::string_view kBullets[] = {"●", "•", "■", "▪", "◼", "-", "–", "—", "*"};
  while (para < end && (text[para] == '\n' || text[para] == ' ')) ++para;
  uint32_t last = end;
  while (last > para && (text[last - 1] == ' ' || text[last - 1] == '\r')) --last;
  const std::string_view body = text.substr(para, last - para);
  if (!body.ends_with("؟") && !body.ends_with("?")) return 0;
  for (std::string_view b : kBullets) {
    if (body.starts_with(b)) return para + static_cast<uint32_t>(b.size());
  }
  return 0;
}

// The offset past a dash opening the paragraph at `para` ("- سيُعلن …"), or
// `para`.
uint32_t AfterDash(std::string_view text, uint32_t para) {
  for (std::string_view d : {std::string_view("-"), std::string_view("–"), std::string_view("—")}) {
    if (text.substr(para).starts_with(d)) return para + static_cast<uint32_t>(d.size());
  }
  return para;
}

// Most articles are no interview: whether a paragraph opens with "س" and
// a colon, a dash or a slash, two paragraphs are bullet questions, or two
// labels (a colon after at most three words) each open two paragraphs,
// before FindInterview walks them.
bool MayHoldInterview(const ArticleView& v) {
  const auto n = static_cast<uint32_t>(v.text().size());
  constexpr size_t kMaxHeads = 16;
  const std::string_view text = v.text();
  const std::vector<uint32_t>& newlines = v.newlines();
  std::array<std::string_view, kMaxHeads> heads;
  std::array<int, kMaxHeads> seen{};
  size_t distinct = 0;
  int recurring = 0;
  int bullets = 0;
  bool maybe = false;
  for (size_t k = 0; k <= newlines.size() && !maybe && recurring < 2; ++k) {
    const uint32_t para = k == 0 ? 0 : newlines[k - 1] + 1;
    if (para >= n) break;
    // "س" is the bytes D8 B3.
    maybe = para + 1 < n && static_cast<unsigned char>(text[para]) == 0xD8 &&
            static_cast<unsigned char>(text[para + 1]) == 0xB3 && DialogueMarker(v, para, "س") != 0;
    if (BulletQuestion(text, para, k < newlines.size() ? newlines[k] : n) != 0 && ++bullets == 2) maybe = true;
    const std::string_view label = LabelHead(text, para, k < newlines.size() ? newlines[k] : n);
    if (label.empty()) continue;
    size_t h = 0;
    while (h < distinct && heads[h] != label) ++h;
    if (h == distinct) {
      if (distinct == kMaxHeads) continue;
      heads[distinct++] = label;
    }
    if (++seen[h] == 2) ++recurring;
  }
  return maybe || recurring >= 2;
}

enum class ParaKind { kQuestion, kAnswer, kOther };
using Paragraphs = std::vector<std::pair<ByteSpan, ParaKind>>;

// Marks the labelled paragraphs of a transcript as questions and answers:
// among labels that each open two paragraphs or more, the one whose
// paragraphs hold the most question marks asks and the others answer (an
// answer's span starts after its label). False, and nothing marked, where
// no two labels alternate so.
bool LabelTurns(const ArticleView& v, const std::vector<TranscriptLabel>& labels, Paragraphs* paragraphs) {
  struct Count {
    std::string_view key;
    int paragraphs = 0;
    int questions = 0;
  };
  std::vector<Count> counts;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i].key.empty()) continue;
    auto it = std::find_if(counts.begin(), counts.end(), [&](const Count& c) { return c.key == labels[i].key; });
    if (it == counts.end()) it = counts.insert(counts.end(), Count{labels[i].key});
    ++it->paragraphs;
    const ByteSpan span = (*paragraphs)[i].first;
    if (v.text().substr(span.begin, span.end - span.begin).find("؟") != std::string_view::npos) ++it->questions;
  }
  std::erase_if(counts, [](const Count& c) { return c.paragraphs < 2; });
  if (counts.size() < 2) return false;
  const auto asker = std::max_element(counts.begin(), counts.end(),
                                      [](const Count& a, const Count& b) { return a.questions < b.questions; });
  if (asker->questions == 0) return false;
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string_view key = labels[i].key;
    if (key.empty() || std::none_of(counts.begin(), counts.end(), [&](const Count& c) { return c.key == key; })) {
      continue;
    }
    auto& [span, kind] = (*paragraphs)[i];
    kind = key == asker->key ? ParaKind::kQuestion : ParaKind::kAnswer;
    if (kind == ParaKind::kAnswer) span.begin = std::min(v.SkipSpaces(labels[i].after), span.end);
  }
  return true;
}

}  // namespace

// An interview printed as questions and answers: paragraphs opening with
// "س:" and "ج:", or with the labels of two speakers ("«الأيام»: …؟"،
// "الوزيرة: …"), the asker's being the one whose paragraphs ask, or two
// questions or more printed as bullet points after an introduction ending
// with a colon, each answered by the paragraph after it ("● …؟" then
// "- …"); an answer runs on into unmarked paragraphs up to the next
// question. The answers
// are the interviewee's words; neither the cues nor the quotations inside
// questions and answers report anything of their own.
void Constructions::FindInterview() {
  const ArticleView& v = *view_;
  const auto n = static_cast<uint32_t>(v.text().size());
  if (!MayHoldInterview(v)) return;
  using Kind = ParaKind;
  Paragraphs paragraphs;
  std::vector<TranscriptLabel> labels;
  bool any = false;
  bool introduced = false;  // the paragraph before ends with a colon
  for (uint32_t para = 0; para < n;) {
    const uint32_t end = v.ParagraphEnd(para);
    labels.push_back({});
    const bool after_bullet = introduced && !paragraphs.empty() && paragraphs.back().second == Kind::kQuestion;
    auto after_colon = [&] {
      const size_t before = v.text().substr(0, para).find_last_not_of(" \n");
      return before != std::string_view::npos && v.text()[before] == ':';
    };
    if (const uint32_t q = BulletQuestion(v.text(), para, end); q != 0 && (introduced || after_colon())) {
      paragraphs.emplace_back(ByteSpan{std::min(v.SkipSpaces(q), end), end}, Kind::kQuestion);
      introduced = true;
      any = true;
    } else if (after_bullet) {
      paragraphs.emplace_back(ByteSpan{std::min(v.SkipSpaces(AfterDash(v.text(), para)), end), end}, Kind::kAnswer);
    } else if (DialogueMarker(v, para, "س") != 0) {
      paragraphs.emplace_back(ByteSpan{para, end}, Kind::kQuestion);
      any = true;
    } else if (const uint32_t a = DialogueMarker(v, para, "ج"); a != 0) {
      paragraphs.emplace_back(ByteSpan{std::min(v.SkipSpaces(a), end), end}, Kind::kAnswer);
      any = true;
    } else {
      paragraphs.emplace_back(ByteSpan{std::min(v.SkipSpaces(para), end), end}, Kind::kOther);
      labels.back() = LabelAt(v, v.SkipSpaces(para));
    }
    para = end + 1;
  }
  if (!any) any = LabelTurns(v, labels, &paragraphs);
  if (!any) return;
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    const auto& [span, kind] = paragraphs[i];
    if (kind == Kind::kOther) {
      // An unmarked paragraph continues the answer before it when a
      // question follows (after any further continuation).
      if (interview_.empty() || !interview_.back().answer || i == 0 || paragraphs[i - 1].second == Kind::kQuestion) {
        continue;
      }
      if (interview_.back().span.end != paragraphs[i - 1].first.end) continue;
      size_t k = i + 1;
      while (k < paragraphs.size() && paragraphs[k].second == Kind::kOther) ++k;
      if (k == paragraphs.size() || paragraphs[k].second != Kind::kQuestion) continue;
    }
    if (span.empty()) continue;
    interview_.push_back(InterviewPart{span, kind != Kind::kQuestion});
  }
}

bool Constructions::InInterview(uint32_t pos) const {
  auto it = std::upper_bound(interview_.begin(), interview_.end(), pos,
                             [](uint32_t p, const InterviewPart& part) { return p < part.span.begin; });
  if (it == interview_.begin()) return false;
  --it;
  return pos <= it->span.end;
}

// The answers: the words of the speaker of the last cue before the first
// question (the interviewee the introduction names).
void Constructions::Answers() {
  if (interview_.empty()) return;
  const ArticleView& v = *view_;
  Attributed who;
  int cue = -1;
  const uint32_t first_question = interview_.front().span.begin;
  for (size_t i = 0; i < cues_->size() && cues_->cue(i).begin < first_question; ++i) {
    if (discourse_->speaker(i).speaker.valid()) {
      who = discourse_->speaker(i);
      cue = static_cast<int>(i);
    }
  }
  // The one spoken to in the paragraph before the first question.
  uint32_t intro_end = first_question;
  while (intro_end > 0 && (v.text()[intro_end - 1] == '\n' || v.text()[intro_end - 1] == ' ')) --intro_end;
  if (intro_end > 0) {
    const uint32_t intro = v.SentenceStart(intro_end - 1);
    if (std::optional<Mention> m = mentions_->Interviewee(ByteSpan{intro, intro_end})) who.speaker = *m;
  }
  if (!who.speaker.valid()) return;
  who.how = How::kImplied;
  for (const InterviewPart& part : interview_) {
    if (!part.answer) continue;
    // The whole answer in marks is that quotation.
    const int q = v.QuoteOpeningAt(part.span.begin);
    if (q >= 0 && v.SkipSpaces(v.quotes()[static_cast<size_t>(q)].close_end) + 1 >= part.span.end) {
      ClaimQuote(q, v1::DIRECT, who, cue, "interview_answer");
      continue;
    }
    EmitUnmarked(part.span, who, cue, "interview_answer");
  }
}

// "بوتين: …" in the first paragraphs (the headline and its deck), naming a
// person or organization of the gazetteer, when the body does not report
// the same words.
void Constructions::Headlines() {
  const ArticleView& v = *view_;
  const std::string_view t = v.text();
  const std::vector<NameMatch>& names = mentions_->names();
  const auto n = static_cast<uint32_t>(t.size());
  uint32_t para = 0;
  for (int p = 0; p < limits::kHeadlineParagraphs && para < n; ++p) {
    const size_t nl = t.find('\n', para);
    const uint32_t end = nl == std::string_view::npos ? n : static_cast<uint32_t>(nl);
    const size_t first = v.TokenAt(para);
    const size_t k = mentions_->FirstNameAt(first);
    const size_t colon = t.find(':', para);
    para = end + 1;
    if (colon >= end || k >= names.size() || names[k].begin != first) continue;
    const NameMatch& m = names[k];
    // A person or an organization of the gazetteer (الكرملين: …); not a title.
    if (m.is_title || v.SkipSpaces(v.token(m.end - 1).end) != colon) continue;
    ByteSpan text{v.SkipSpaces(static_cast<uint32_t>(colon) + 1), end};
    while (text.end > text.begin && (t[text.end - 1] == '.' || t[text.end - 1] == ' ')) --text.end;
    std::vector<std::string_view> words;
    for (size_t w = v.TokenAt(text.begin); w < v.token_count() && v.token(w).end <= text.end; ++w) {
      words.push_back(v.Word(w));
    }
    std::sort(words.begin(), words.end());
    bool repeated = false;
    for (const Record& r : records_) {
      size_t common = 0;
      for (size_t w = v.TokenAt(r.text.begin); w < v.token_count() && v.token(w).end <= r.text.end; ++w) {
        if (std::binary_search(words.begin(), words.end(), v.Word(w))) ++common;
      }
      if (common * 2 >= words.size()) repeated = true;
    }
    constexpr size_t kMinHeadlineWords = 3;
    if (words.size() < kMinHeadlineWords || repeated) continue;
    Record r;
    r.kind = v1::DIRECT;
    r.text = text;
    r.who.speaker = mentions_->Resolve(m);
    r.who.how = How::kExplicit;
    r.rule = "headline_name_colon";
    r.confidence_scale = limits::kScaleHeadline;
    records_.push_back(std::move(r));
  }
}

}  // namespace qawl
