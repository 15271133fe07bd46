#include "qawl/article_view.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <span>

#include "qawl/extraction_limits.h"

namespace qawl {

using limits::kTokenBlockShift;

void ArticleView::Build(const PatternSet& patterns, const v1::Article& article) {
  patterns_ = &patterns;
  article_ = &article;
  tokens_.clear();
  terminators_.clear();
  breaks_.clear();
  newlines_.clear();
  top_quotes_.clear();
  writes_alef_maqsura_ = -1;
  Normalizer::Default().Normalize(article.text(), &norm_);
  t_ = std::string_view(norm_.text());
  Tokenize();
  quotes_ = FindQuoteSpans(t_, patterns.quote_marks());
  label_.assign(quotes_.size(), false);
  foreign_.assign(quotes_.size(), false);
  for (size_t i = 0; i < quotes_.size(); ++i) {
    label_[i] = IsLabel(quotes_[i]);
    foreign_[i] = IsForeign(quotes_[i]);
  }
  LabelRepeats();
  for (const QuoteSpan& q : quotes_) {
    if (q.depth == 0) top_quotes_.push_back(q.inner);
  }
  std::sort(top_quotes_.begin(), top_quotes_.end(),
            [](const ByteSpan& a, const ByteSpan& b) { return a.begin < b.begin; });
  year_ = ArticleYear();
  FindSentenceBreaks();
}

void ArticleView::LabelRepeats() {
  // Short quotations only: a statement quoted twice (a headline and its
  // body) is no name, however one of them reads.
  constexpr size_t kMaxRepeatedNameTokens = 3;
  for (size_t i = 0; i < quotes_.size(); ++i) {
    if (!label_[i] || CountTokens(quotes_[i].inner) > kMaxRepeatedNameTokens) continue;
    const std::string_view name = Text(quotes_[i].inner);
    for (size_t j = 0; j < quotes_.size(); ++j) {
      if (!label_[j] && Text(quotes_[j].inner) == name) label_[j] = true;
    }
  }
}

void ArticleView::Tokenize() {
  tokens_.reserve(t_.size() / 6);
  qawl::Tokenize(t_, &tokens_, &terminators_);
  const size_t count = tokens_.size();
  // Resized without clearing first: every element below `count` is
  // overwritten, so only the growth past the last article's size is
  // value-initialized. Not facts_: a word without facts reads as zeros.
  words_.resize(count);
  facts_.clear();
  facts_.resize(count);
  // Written branch-free through raw pointers, then cut to length: this loop
  // runs once per token of every article.
  cue_tokens_.resize(count);
  name_tokens_.resize(count);
  source_noun_tokens_.resize(count);
  uint32_t* cues = cue_tokens_.data();
  uint32_t* names = name_tokens_.data();
  uint32_t* sources = source_noun_tokens_.data();
  size_t n_cues = 0;
  size_t n_names = 0;
  size_t n_sources = 0;
  const Token* tokens = tokens_.data();
  std::string_view* words = words_.data();
  PatternSet::WordFacts* facts = facts_.data();
  // Two passes, so that nothing branches on whether a word is known (about
  // half are, in no order a predictor learns): the first keeps the tokens
  // the map's filter lets through, the second looks those up, nearly all
  // of them known.
  candidates_.resize(count);
  candidate_hashes_.resize(count);
  uint32_t* candidates = candidates_.data();
  uint64_t* hashes = candidate_hashes_.data();
  size_t n_candidates = 0;
  for (size_t k = 0; k < count; ++k) {
    const std::string_view w = t_.substr(tokens[k].begin, tokens[k].end - tokens[k].begin);
    words[k] = w;
    const uint64_t h = HashWord(w);
    candidates[n_candidates] = static_cast<uint32_t>(k);
    hashes[n_candidates] = h;
    n_candidates += patterns_->MayHaveFacts(h);
  }
  constexpr uint32_t kSourceNoun = PatternSet::Bit(Section::kSourceNouns);
  for (size_t c = 0; c < n_candidates; ++c) {
    const uint32_t k = candidates[c];
    const std::string_view w = words[k];
    const PatternSet::WordFacts* f = patterns_->FactsPassed(w, hashes[c]);
    if (f == nullptr) continue;
    facts[k] = *f;
    // A final ه read as an object pronoun must be written ه, not ة: the
    // fold ة -> ه makes nouns look like verbs (إضافة، إشارة، رؤية).
    if (f->cue != nullptr && f->cue->object_suffix && w.substr(w.size() - 2) == "ه" && EndsWithTehMarbuta(k)) {
      facts[k].cue = nullptr;
    }
    if (IsNameAndParticle(facts[k])) ReadNameOrParticle(k);
    cues[n_cues] = k;
    n_cues += facts[k].cue != nullptr;
    names[n_names] = k;
    n_names += f->names != nullptr;
    sources[n_sources] = k;
    n_sources += (f->lists_stripped & kSourceNoun) != 0;
  }
  cue_tokens_.resize(n_cues);
  name_tokens_.resize(n_names);
  source_noun_tokens_.resize(n_sources);
  IndexTokenBlocks();
}

void ArticleView::IndexTokenBlocks() {
  const size_t count = tokens_.size();
  token_blocks_.resize((t_.size() >> kTokenBlockShift) + 2);
  uint32_t* blocks = token_blocks_.data();
  // Token k is the first at or after the start of every block from the one
  // after token k - 1's block to its own. Backwards, each token writes its
  // own block unconditionally, and an earlier token of the same block
  // overwrites it; the blocks between two tokens (a long word's) take a
  // short loop.
  const size_t tail = count == 0 ? 0 : (tokens_[count - 1].begin >> kTokenBlockShift) + 1;
  for (size_t b = tail; b < token_blocks_.size(); ++b) blocks[b] = static_cast<uint32_t>(count);
  for (size_t k = count; k-- > 0;) {
    const size_t last = tokens_[k].begin >> kTokenBlockShift;
    const size_t first = k == 0 ? 0 : (tokens_[k - 1].begin >> kTokenBlockShift) + 1;
    blocks[last] = static_cast<uint32_t>(k);
    for (size_t b = first; b < last; ++b) blocks[b] = static_cast<uint32_t>(k);
  }
}

void ArticleView::FindSentenceBreaks() {
  // Terminators inside top-level quotations do not end the writer's sentence.
  std::vector<ByteSpan> inside;
  for (const QuoteSpan& q : quotes_) {
    if (q.depth == 0) inside.push_back(ByteSpan{q.open_end, q.has_close() ? q.close : q.inner.end});
  }
  size_t k = 0;
  const auto n = static_cast<uint32_t>(t_.size());
  for (uint32_t at : terminators_) {
    const char c = t_[at];
    if (c == '\n') {
      newlines_.push_back(at);
    } else if (c == '.' || c == '!' || c == '?') {
      // Not a decimal point (3.5) nor a dot inside a Latin word (لـFilGoal.com:).
      if (at > 0 && at + 1 < n && std::isalnum(static_cast<unsigned char>(t_[at - 1])) &&
          std::isalnum(static_cast<unsigned char>(t_[at + 1]))) {
        continue;
      }
      // Not an initial: د. حسن بابكر، م. سالم، أ.د. منى (one letter, alone).
      if (c == '.' && IsInitial(at)) continue;
    }
    while (k < inside.size() && inside[k].end <= at) ++k;
    if (c != '\n' && k < inside.size() && inside[k].begin <= at && at < inside[k].end) continue;
    breaks_.push_back(at);
  }
}

bool ArticleView::IsInitial(uint32_t dot) const {
  auto opens_word = [&](uint32_t i) {
    return i == 0 || t_[i - 1] == ' ' || t_[i - 1] == '.' || t_[i - 1] == '(' || t_[i - 1] == '\n';
  };
  const auto lead = [&](uint32_t i) { return static_cast<unsigned char>(t_[i]); };
  // One Arabic letter (two bytes, lead 0xD8 to 0xDB) or one Latin letter;
  // not after a number, where it is an era or a unit that may end the
  // sentence (عام 1990 م.).
  uint32_t letter = dot;
  if (dot >= 2 && lead(dot - 2) >= 0xD8 && lead(dot - 2) <= 0xDB) {
    letter = dot - 2;
  } else if (dot >= 1 && std::isalpha(lead(dot - 1))) {
    letter = dot - 1;
  }
  if (letter == dot || !opens_word(letter)) return false;
  return !(letter >= 2 && t_[letter - 1] == ' ' && std::isdigit(lead(letter - 2)));
}

// The year of the article: from its date field, else the first plausible
// year near the top of the text (the dateline "21 نوفمبر 2024").
int ArticleView::ArticleYear() const {
  auto first_year = [](std::string_view s) {
    auto digit = [&](size_t i) { return std::isdigit(static_cast<unsigned char>(s[i])) != 0; };
    for (size_t i = 0; i + 4 <= s.size(); ++i) {
      if (s[i] != '1' && s[i] != '2') continue;
      if (i > 0 && digit(i - 1)) continue;
      if (!digit(i + 1) || !digit(i + 2) || !digit(i + 3)) continue;
      if (i + 4 < s.size() && digit(i + 4)) continue;
      int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
      if (y >= 1990 && y <= 2100) return y;
    }
    return 0;
  };
  if (int y = first_year(article_->date()); y != 0) return y;
  return first_year(t_.substr(0, std::min(t_.size(), limits::kDatelineBytes)));
}

bool ArticleView::InLinkLine(uint32_t pos) const {
  // The link words open the line a few words before the mark: look back
  // that far only, never across a long paragraph.
  constexpr uint32_t kMaxLeadBytes = 64;
  const uint32_t from = pos > kMaxLeadBytes ? pos - kMaxLeadBytes : 0;
  const size_t newline = t_.substr(from, pos - from).rfind('\n');
  if (newline == std::string_view::npos && from > 0) return false;
  const uint32_t line = newline == std::string_view::npos ? 0 : from + static_cast<uint32_t>(newline) + 1;
  const size_t k = TokenAt(line);
  if (k + 1 >= tokens_.size() || !Listed(k, Section::kLinkOpeners)) return false;
  if (Listed(k + 1, Section::kLinkOpeners) && !PunctuationBefore(k + 1)) return true;
  // "تابعوا «المدن» عبر واتساب": one link word and a short line.
  constexpr size_t kMaxFollowLineTokens = 5;
  return TokenAt(line) == TokenAt(pos) - 1 && CountTokens(ByteSpan{line, ParagraphEnd(line)}) <= kMaxFollowLineTokens;
}

bool ArticleView::InDateline(uint32_t pos) const {
  // Most quotations have no dash before them: decide that first.
  const uint32_t mark = SkipSpacesBack(pos);
  if (mark == 0 || t_[mark - 1] != '-') return false;
  constexpr uint32_t kMaxLeadBytes = 48;
  const uint32_t from = pos > kMaxLeadBytes ? pos - kMaxLeadBytes : 0;
  const std::string_view before = t_.substr(from, pos - from);
  const size_t newline = before.rfind('\n');
  if (newline == std::string_view::npos && from > 0) return false;
  const std::string_view lead = newline == std::string_view::npos ? before : before.substr(newline + 1);
  const size_t dash = lead.find_last_not_of(' ');
  constexpr size_t kMaxPlaceTokens = 3;
  return dash != std::string_view::npos && lead[dash] == '-' &&
         CountTokens(ByteSpan{pos - static_cast<uint32_t>(lead.size()), pos}) <= kMaxPlaceTokens;
}

bool ArticleView::IsLabel(const QuoteSpan& q) const {
  size_t n = CountTokens(q.inner);
  if (n == 0) return true;
  // A link to another page (اقرأ أيضا: «الطاقة» تعلن ...).
  if (InLinkLine(QuoteStart(q))) return true;
  // A dateline's source (بيروت - «المدن»).
  if (InDateline(QuoteStart(q))) return true;
  if (q.has_close() && IsSubjectOfVerb(q, n)) return true;
  if (n > limits::kMaxLabelTokens) return n <= limits::kMaxLongNameTokens && AfterIndefiniteLabelNoun(q);
  // A platform or an app (على «فيسبوك»، عبر «واتساب»).
  if (n <= 2 && IsPlatformName(q)) return true;
  // The whole quote is a known name (an agency, a person): a label.
  size_t first = TokenAt(q.inner.begin);
  size_t last = first;
  while (last < tokens_.size() && tokens_[last].end <= q.inner.end) ++last;
  if (last > first && facts_[first].names != nullptr) {
    std::span<const std::string_view> words(words_.data() + first, last - first);
    if (auto m = gazetteer().MatchAt(words, 0, *facts_[first].names); m && m->end == words.size()) return true;
  }
  // A medium named before the colon that opens the real quote:
  // في تصريح لـ"سكاي نيوز عربية": "…".
  uint32_t after = SkipSpaces(q.close_end);
  if (q.has_close() && after < t_.size() && t_[after] == ':') return true;
  // A name inside the phrase between a cue and its complementizer: وأوضحت
  // الشركة، في إفصاح على موقع «تداول»، أن ... A quoted statement does not
  // run straight into إن/أن/بأن.
  if (q.has_close() && n <= 3) {
    const size_t next = TokenAt(q.close_end);
    if (next < tokens_.size() && IsPlainComplementizer(Word(next))) return true;
    // A term opening a reported clause and defined by a relative clause:
    // أن «المبادرة الجريئة» التي طرحها، إن "الطلاق الخارجي" الذي يتم.
    const size_t open = TokenAt(QuoteStart(q));
    if (next < tokens_.size() && open > 0 && IsPlainComplementizer(Word(open - 1)) &&
        Listed(next, Section::kRelativeWords) && Word(next).starts_with("ال")) {
      return true;
    }
  }
  return IsLabelByPreviousWord(q, first, n);
}

bool ArticleView::IsSubjectOfVerb(const QuoteSpan& q, size_t n) const {
  const uint32_t start = QuoteStart(q);
  const size_t i = TokenAt(start);
  if (i == 0 || facts_[i - 1].cue == nullptr) return false;
  const CueForm& form = *facts_[i - 1].cue->form;
  if (form.tense != Tense::kPast && form.tense != Tense::kPresent) return false;
  // Only spaces between the verb, the quotation and the next word.
  if (SkipSpaces(tokens_[i - 1].end) < start) return false;
  const size_t next = TokenAt(q.close_end);
  if (next >= tokens_.size() || SkipSpaces(q.close_end) < tokens_[next].begin) return false;
  const std::string_view w = Word(next);
  // A body's name may be long (جمعية ضحايا مشروع الأمل السكني); a
  // statement quoted whole does not run into إن/أن.
  constexpr size_t kMaxSubjectWords = 8;
  if (IsPlainComplementizer(w)) return n <= kMaxSubjectWords;
  // A short name only: a quotation of a few words may be followed by the
  // occasion of its saying ("قال «لن نتراجع» في تصريح لـ…").
  constexpr size_t kMaxNameWords = 2;
  if (n > kMaxNameWords) return false;
  if (w == "عن" && form.relay_preposition == w) return true;
  // A verb of asking, then the one asked (سألت «البيان» الممثلة).
  if (form.turn == Turn::kQuestion && IsContentWord(next)) return true;
  return (w == "في" || w == "خلال") && next + 1 < tokens_.size() && Listed(next + 1, Section::kEventNouns);
}

bool ArticleView::IsPredicateOrAdverbial(size_t i, size_t first) const {
  auto definite = [&](size_t k) { return Word(k).substr(0, 4) == "ال"; };
  // A phrase opening with a preposition on a definite or verbal noun
  // («بالإجماع»، «لاحتواء التوتر»، «للمرة الأولى») says how or why; it
  // names nothing. Nor does the predicate of كان and its sisters
  // (سيكون «عام التعافي»).
  const std::string_view lead = Word(first);
  if (lead.starts_with("بال") || lead.starts_with("لل") || lead.starts_with("كال") ||
      (lead.size() > 8 && (lead.starts_with("لا") || lead.starts_with("لت")))) {
    return true;
  }
  if (IsCopula(Word(i - 1))) return true;
  // Nor the predicate of the definite subject of إن/أن, a noun and its
  // adjectives (إن الملف «قيد الدرس»، أن الطاقة الشمسية «أنقذت آلاف
  // العائلات»), nor a quotation opening with كان (التأهل «كان الهدف الأول»).
  size_t subject = i - 1;
  while (subject > 0 && i - subject < 3 && definite(subject) && !PunctuationBefore(subject) && definite(subject - 1)) {
    --subject;
  }
  if (subject >= 1 && definite(subject) && !PunctuationBefore(subject) && IsPlainComplementizer(Word(subject - 1))) {
    return true;
  }
  // An imperfect verb after the one-word subject of إن/أن (أن مستثمرين
  // «يترددون»).
  if (i >= 2 && !PunctuationBefore(i - 1) && IsPlainComplementizer(Word(i - 2)) && OpensLikeImperfect(lead)) {
    return true;
  }
  return IsCopula(lead);
}

// A label noun right before it: وكالة "يونهاب"، مدافع "هاوتزر"; or the
// preposition ل glued to it: لـ"رويترز".
bool ArticleView::IsLabelByPreviousWord(const QuoteSpan& q, size_t first, size_t n) const {
  const uint32_t start = QuoteStart(q);
  const size_t i = TokenAt(start);
  if (i == 0) return false;
  const Token& prev = tokens_[i - 1];
  // Only spaces between the noun and the mark.
  for (uint32_t k = prev.end; k < start; ++k) {
    if (t_[k] != ' ') return false;
  }
  // (A longer phrase after لـ is its complement: لـ«الاضطلاع بدور في التحقق».)
  if (prev.end == start && Word(i - 1) == "ل" && n <= 3) return true;
  if (IsNamed(i, prev.end == start)) return true;
  if (SaysOfTheNoun(first, n)) return false;
  if (IsLabelAfterLabelNoun(i, first, n)) return true;
  // One quoted word right after a noun names something rather than
  // reporting it: a definite word (تقنية «الفار»; a mark glued to بـ is
  // not this), or an indefinite one after an indefinite noun, a construct
  // (دوري «يلو»، ساعة «كوروس»). A predicate quoted after its subject is
  // rarely one definite word (إن الوضع «كارثي»).
  auto definite = [&](size_t k) { return Word(k).substr(0, 4) == "ال"; };
  if (IsPredicateOrAdverbial(i, first)) return false;
  // A word opening like an imperfect verb (تمثل «اختراقا»، تعيد الاعتبار).
  auto maybe_verb = [&](size_t k) { return OpensLikeImperfect(Word(k)); };
  if (prev.end < start && IsContentWord(i - 1)) {
    if (n == 1 && (definite(first) || (!definite(i - 1) && !maybe_verb(i - 1)))) return true;
    // Two or three words after a noun that read as a name: a construct
    // (مسرحية "بيت العنكبوت"، محطة «أمل الجنوب»، «رؤية المملكة 2030») or a
    // definite noun and adjective (مناورات "الدرع الشمالي"). A quoted
    // predicate opens with a verb, a particle or an indefinite adjective
    // (المتعاملين «جاء منطقياً»، الطاقة «مدخل طبيعي»).
    // Not after a verbal noun behind ب, the complement of a verb of
    // accusing or describing (اتهم موسكو بممارسة «الابتزاز النووي»).
    const std::string_view noun = Word(i - 1);
    constexpr size_t kMinVerbalNounBytes = 8;  // ب and three letters
    const bool after_bi = noun.starts_with("ب") && !noun.starts_with("بال") && noun.size() >= kMinVerbalNounBytes;
    if (n >= 2 && n <= 3 && first + 1 < tokens_.size() && !after_bi) {
      // (A construct after a word opening like an imperfect verb is its
      // object: عقوبات تطال «شبكات التمويل».)
      const bool construct = !definite(first) && !maybe_verb(first) && definite(first + 1) &&
                             IsContentWord(first) && IsContentWord(first + 1) && !maybe_verb(i - 1);
      const bool noun_adjective = n == 2 && definite(first) && definite(first + 1);
      if (construct || noun_adjective) return true;
    }
  }
  // A short name after a preposition of place or company: "في حوار مع
  // «الشرق الاقتصادي»"، "عبر «إكس»". (Not إلى، من، عن، على: they introduce
  // the partial quotes of verbs of calling and warning.)
  if (n <= 3 && prev.end < start) {
    const std::string_view p = Word(i - 1);
    if (p == "مع" || p == "في" || p == "عبر" || p == "لدي") return true;
  }
  return false;
}

bool ArticleView::SaysOfTheNoun(size_t first, size_t n) const {
  const std::string_view lead = Word(first);
  return n > 1 && (Listed(first, Section::kNpBreaks) || lead == "في" || lead == "من" || lead == "لم" || lead == "لن" ||
                   lead == "قد" || IsPlainComplementizer(lead) || lead.starts_with("بال") || lead.starts_with("لل") ||
                   (lead.size() > 8 && (lead.starts_with("لا") || lead.starts_with("لت"))) || IsCopula(lead));
}

bool ArticleView::IsLabelAfterLabelNoun(size_t i, size_t first, size_t n) const {
  // A label noun before it (مبادرة «حياة كريمة»); but a definite one right
  // after إن/أن is the clause's subject and the quotation its predicate
  // (أن المبادرة "خطوة مهمة"، إن لائحتها «خاضت معركة نظيفة»).
  const bool with_pronoun = IsLabelNounWithPronoun(i - 1);
  if (ListedStripped(i - 1, Section::kLabelNouns) || with_pronoun) {
    const bool definite = Word(i - 1).substr(0, 4) == "ال" || with_pronoun;
    bool subject = definite && i >= 2 && IsPlainComplementizer(Word(i - 2));
    // Or it ends a construct that is that subject, before several words
    // (إن تشغيل المحطة «ممكن تقنيا خلال أشهر»).
    constexpr size_t kMaxConstructWords = 2;
    for (size_t k = i - 1; definite && n >= 2 && !subject && k >= 2 && i - k <= kMaxConstructWords; --k) {
      if (PunctuationBefore(k)) break;
      subject = IsPlainComplementizer(Word(k - 2)) && !PunctuationBefore(k - 1);
    }
    // A definite one ending a subject with words that open with an
    // imperfect verb: their predicate (أن قرارات القمة «تمثل تهديدا»).
    const bool predicate = definite && n >= 2 && OpensLikeImperfect(Word(first));
    if (!subject && !predicate) return true;
  }
  // A definite label noun and its adjective: البئر الاستكشافية "برك-3"،
  // المنخفض المداري «ريم»، روايتها الجديدة «…».
  if (i >= 2 && Word(i - 1).substr(0, 4) == "ال" && !PunctuationBefore(i - 1) &&
      ((Word(i - 2).substr(0, 4) == "ال" && ListedStripped(i - 2, Section::kLabelNouns)) ||
       IsLabelNounWithPronoun(i - 2))) {
    return true;
  }
  // A label noun heading a construct and its adjectives, the name after
  // them: وكالة الأنباء اليمنية «سبأ»، التحالف العالمي للقاحات «غافي»،
  // شعار الحملة «صوتك ماء وكهرباء».
  if (n <= 3) {
    constexpr size_t kMaxWordsBetween = 3;
    size_t head = i - 1;
    while (head > 0 && i - head <= kMaxWordsBetween && !PunctuationBefore(head) &&
           (Word(head).starts_with("ال") || Word(head).starts_with("لل"))) {
      --head;
    }
    if (head + 1 < i && !PunctuationBefore(head + 1) && ListedStripped(head, Section::kLabelNouns) &&
        !(head > 0 && IsPlainComplementizer(Word(head - 1)))) {
      return true;
    }
  }
  return false;
}

bool ArticleView::IsPlatformName(const QuoteSpan& q) const {
  size_t t = TokenAt(q.inner.begin);
  if (t >= tokens_.size() || tokens_[t].end > q.inner.end) return false;
  for (; t < tokens_.size() && tokens_[t].end <= q.inner.end; ++t) {
    if (!Listed(t, Section::kPlatformNames)) return false;
  }
  return true;
}

bool ArticleView::IsNamed(size_t i, bool glued) const {
  size_t k = i - 1;
  if (glued) {
    // بـ«…» after the naming word.
    if (Word(k) != "ب" || k == 0) return false;
    --k;
  }
  // An adverb between: المعروفة محليا بـ«…».
  if (k > 0 && !ListedStripped(k, Section::kNamingWords) && Word(k).ends_with("ا") && !PunctuationBefore(k)) --k;
  return ListedStripped(k, Section::kNamingWords) && !PunctuationBefore(k + 1);
}

bool ArticleView::OpensLikeImperfect(std::string_view w) {
  if (w.substr(0, 2) == "س" && w.size() > 6) w.remove_prefix(2);  // the future's سـ (ستدخل)
  const std::string_view lead = w.substr(0, 2);
  return lead == "ي" || lead == "ت" || lead == "ن";
}

bool ArticleView::IsCopula(std::string_view w) {
  // Three to five letters: 6 to 10 bytes.
  if (w.size() < 6 || w.size() > 10) return false;
  static constexpr std::string_view kCopulas[] = {
      "كان", "كانت", "يكون", "تكون", "سيكون", "ستكون", "اصبح", "اصبحت", "يصبح", "تصبح", "سيصبح", "ستصبح",
      "بات", "باتت", "يبات", "ظل", "ظلت", "يظل", "تظل", "سيظل", "ستظل", "يبقي", "تبقي", "سيبقي", "ستبقي"};
  for (std::string_view c : kCopulas) {
    if (w == c) return true;
  }
  return false;
}

bool ArticleView::QuoteClosesBefore(uint32_t pos) const {
  const size_t i = FirstQuoteFrom(pos);
  for (size_t k = i; k-- > 0;) {
    const QuoteSpan& q = quotes_[k];
    if (q.depth != 0) continue;
    if (!q.has_close() || q.close_end > pos) return false;
    const size_t token = TokenAt(q.close_end);
    return token >= tokens_.size() || tokens_[token].begin >= pos;
  }
  return false;
}

bool ArticleView::AfterIndefiniteLabelNoun(const QuoteSpan& q) const {
  const uint32_t start = QuoteStart(q);
  const size_t i = TokenAt(start);
  if (i == 0 || !Listed(i - 1, Section::kLabelNouns) || Word(i - 1).starts_with("ال")) return false;
  // فرقه (his teams) is فرقة folded: a pronoun, not the noun.
  if (Word(i - 1).ends_with("ه") && !EndsWithTehMarbuta(i - 1)) return false;
  for (uint32_t k = tokens_[i - 1].end; k < start; ++k) {
    if (t_[k] != ' ') return false;
  }
  return true;
}

bool ArticleView::IsLabelNounWithPronoun(size_t i) const {
  const std::string_view w = Word(i);
  for (std::string_view suffix : {"ها", "ه", "هم"}) {
    if (w.size() <= suffix.size() + 4 || w.substr(w.size() - suffix.size()) != suffix) continue;
    // روايتها: the ة of رواية is written ت before the pronoun.
    std::string stem(w.substr(0, w.size() - suffix.size()));
    if (stem.substr(stem.size() - 2) == "ت") stem.replace(stem.size() - 2, 2, "ه");
    const PatternSet::WordFacts* f = patterns_->Facts(stem, HashWord(stem));
    if (f != nullptr && (f->lists & PatternSet::Bit(Section::kLabelNouns)) != 0) return true;
  }
  return false;
}

bool ArticleView::IsPlainComplementizer(std::string_view w) {
  if (w.substr(0, 2) == "ب") w.remove_prefix(2);
  if (w.substr(0, 4) != "ان") return false;
  w.remove_prefix(4);
  // An attached pronoun: أنه، إنها، أننا ...
  return w.empty() || w == "ه" || w == "ها" || w == "هم" || w == "هما" || w == "نا" || w == "ني" || w == "هن";
}

bool ArticleView::IsForeign(const QuoteSpan& q) const {
  size_t latin = 0;
  size_t arabic = 0;
  for (uint32_t k = q.inner.begin; k < q.inner.end; ++k) {
    const auto c = static_cast<unsigned char>(t_[k]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++latin;
    if (c == 0xD8 || c == 0xD9) ++arabic;  // lead bytes of U+0600..U+067F
  }
  return latin > 2 * arabic;
}


bool ArticleView::PunctuationBefore(size_t i) const {
  if (i == 0 || i >= tokens_.size()) return false;
  for (uint32_t b = tokens_[i - 1].end; b < tokens_[i].begin; ++b) {
    if (t_[b] != ' ') return true;
  }
  return false;
}

bool ArticleView::FollowsComma(size_t i) const {
  if (i == 0 || i >= tokens_.size()) return false;
  std::string_view between = t_.substr(tokens_[i - 1].end, tokens_[i].begin - tokens_[i - 1].end);
  return between.find("،") != std::string_view::npos || between.find(',') != std::string_view::npos;
}

bool ArticleView::IsContentWord(size_t i) const {
  if (i >= tokens_.size()) return false;
  // A source noun as written, even where a proclitic reading is a particle
  // (والي "governor", not و + إلى).
  if (Listed(i, Section::kSourceNouns)) return true;
  if (ListedStripped(i, Section::kNotSubject) || Listed(i, Section::kSkipWords)) return false;
  // An occasion (كلمته، تصريحه), not a source; a source noun can be both
  // (البيان).
  if (ListedStripped(i, Section::kEventNouns) && !ListedStripped(i, Section::kSourceNouns)) return false;
  if (facts_[i].cue != nullptr) return false;
  std::string_view w = Word(i);
  // لل + noun is an addressee (للمحكمة، للصحفيين).
  if (w.substr(0, 4) == "لل") return false;
  // A one-letter token is a clitic cut off by punctuation (لـ"…").
  if (w.size() <= 2) return false;
  const auto c = static_cast<unsigned char>(w[0]);
  if (c >= '0' && c <= '9') return false;
  // Arabic-Indic digits (U+0660..U+0669: D9 A0..D9 A9).
  const auto c1 = static_cast<unsigned char>(w[1]);
  return !(c == 0xD9 && c1 >= 0xA0 && c1 <= 0xA9);
}

namespace {

// Whether text holds ى (D9 89). Found by its second byte: D9 leads half of
// the Arabic letters, 89 follows few of them.
bool HasAlefMaqsura(std::string_view text) {
  for (size_t i = 1; i < text.size();) {
    const void* p = std::memchr(text.data() + i, 0x89, text.size() - i);
    if (p == nullptr) return false;
    i = static_cast<size_t>(static_cast<const char*>(p) - text.data());
    if (static_cast<unsigned char>(text[i - 1]) == 0xD9) return true;
    ++i;
  }
  return false;
}

}  // namespace

void ArticleView::ReadNameOrParticle(size_t k) {
  PatternSet::WordFacts& f = facts_[k];
  // Before a definite word علي is على ("علي الحكومة") where the writer
  // does not tell ى from ي; one who writes ى elsewhere (إلى، على) wrote
  // the name here (وقال علي الحايكي).
  if (writes_alef_maqsura_ < 0) writes_alef_maqsura_ = HasAlefMaqsura(article_->text()) ? 1 : 0;
  const bool before_definite =
      k + 1 < words_.size() && words_[k + 1].starts_with("ال") && writes_alef_maqsura_ == 0;
  if (EndsWithAlefMaqsura(k) || before_definite) {
    f.lists &= ~kNameBit;
    f.lists_stripped &= ~kNameBit;
  } else {
    f.lists &= ~kParticleBits;
    f.lists_stripped &= ~kParticleBits;
  }
}

bool ArticleView::EndsWithAlefMaqsura(size_t i) const {
  const Token& tok = tokens_[i];
  const uint32_t end = norm_.OriginalEnd(tok.end);
  const uint32_t begin = norm_.OriginalBegin(tok.end - 2);
  // ى (U+0649, D9 89), or Persian ی (U+06CC, DB 8C) in final position.
  const std::string_view original = article_->text();
  return end >= begin + 2 && (original.substr(begin, 2) == "\xD9\x89" || original.substr(begin, 2) == "\xDB\x8C");
}

Gender ArticleView::NounGender(size_t i) const {
  if (EndsWithTehMarbuta(i)) return Gender::kFeminine;
  std::string_view w = Word(i);
  if (w.starts_with("ال")) w.remove_prefix(4);
  // Three letters of stem and two of ending, two bytes each.
  constexpr size_t kMinPluralBytes = 10;
  if (w.size() >= kMinPluralBytes && (w.ends_with("ون") || w.ends_with("ين"))) {
    return Gender::kPlural;
  }
  return Gender::kMasculine;
}

bool ArticleView::EndsWithTehMarbuta(size_t i) const {
  const Token& tok = tokens_[i];
  uint32_t end = norm_.OriginalEnd(tok.end);
  uint32_t begin = norm_.OriginalBegin(tok.end - 2);
  std::string_view original = article_->text();
  // The source of the last letter: ة (U+0629, D8 A9) or ۃ (U+06C3, DB 83).
  return end >= begin + 2 && (original.substr(begin, 2) == "\xD8\xA9" || original.substr(begin, 2) == "\xDB\x83");
}



uint32_t ArticleView::ParagraphEnd(uint32_t pos) const {
  const size_t i = CountBefore<uint32_t>(newlines_, [pos](uint32_t n) { return n < pos; });
  return i == newlines_.size() ? static_cast<uint32_t>(t_.size()) : newlines_[i];
}

size_t ArticleView::NewlinesBetween(uint32_t begin, uint32_t end) const {
  return CountBefore<uint32_t>(newlines_, [end](uint32_t n) { return n < end; }) -
         CountBefore<uint32_t>(newlines_, [begin](uint32_t n) { return n < begin; });
}

uint32_t ArticleView::SkipSpaces(uint32_t pos) const {
  while (pos < t_.size() && t_[pos] == ' ') ++pos;
  return pos;
}

uint32_t ArticleView::SkipSpacesBack(uint32_t pos) const {
  while (pos > 0 && t_[pos - 1] == ' ') --pos;
  return pos;
}

uint32_t ArticleView::WithoutFinalBoundary(uint32_t begin, uint32_t end) const {
  if (end <= begin) return end;
  uint32_t last = end - 1;
  while (last > begin && (static_cast<unsigned char>(t_[last]) & 0xC0) == 0x80) --last;
  size_t next = last;
  const char32_t c = DecodeUtf8(t_, &next);
  const bool letter_or_digit = (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_L_MASK | U_GC_N_MASK)) != 0;
  return letter_or_digit ? end : last;
}

bool ArticleView::IsDefiniteStatementNoun(std::string_view w) const {
  if ((w.starts_with("و") || w.starts_with("ف")) && w.size() > 6) w.remove_prefix(2);
  if (w.starts_with("لل")) {
    w.remove_prefix(4);  // ل + ال
  } else {
    if (w.starts_with("ب") || w.starts_with("ل")) w.remove_prefix(2);
    if (!w.starts_with("ال")) return false;
    w.remove_prefix(4);
  }
  const PatternSet::WordFacts* f = patterns_->Facts(w, HashWord(w));
  return f != nullptr && (f->lists & PatternSet::Bit(PatternSet::Section::kStatementNouns)) != 0;
}

}  // namespace qawl
