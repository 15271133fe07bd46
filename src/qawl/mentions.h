// Mentions: the third stage of extraction. Who each cue's sentence names as
// its subject, read from the words alone: a gazetteer person or title, an
// organization, or any noun phrase in the subject's place (after the verb,
// before it, the antecedent of "، الذي قال", "نقل عن X قوله"), known or not.
// Where the phrase ends is decided by structure: an occasion, a time, an
// addressee, a complement's preposition, punctuation (rules.txt
// region_stop, lexicon.txt [np_breaks]), not by a list of head nouns. The
// gazetteer resolves a mention to an entity; it does not gate it.
//
// Input: the ArticleView and the CueSet. Output: a MentionSet: the
// gazetteer matches of the article, the people it names, and one
// CueMention per cue. Who an implied subject or a surname refers to is the
// next stage's business (discourse.h).
//
// Ownership and thread-safety: a MentionSet owns its tables and keeps them
// from article to article; Find() is not thread-safe, const methods are.
// It keeps pointers to the view and cues passed to Find().
#ifndef QAWL_MENTIONS_H_
#define QAWL_MENTIONS_H_

#include <re2/re2.h>

#include <cstdint>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "qawl/article_view.h"
#include "qawl/cues.h"
#include "qawl/gazetteer.h"

namespace qawl {

// How an article names a source.
struct Mention {
  int entity = -1;   // gazetteer entity, or -1 for a source it does not know
  ByteSpan span;     // normalized text of the mention as written
  ByteSpan title;    // a role phrase before the name, if any
  Gender gender = Gender::kUnknown;
  bool document = false;  // a report or treaty, not a speaker
  // Accepted only because it stands in the subject's place: no name, no
  // title, no source noun. After a verb with no speech of its own such a
  // phrase is as often the object (أعلن النادي إنهاء التعاقد).
  bool open = false;
  // How the entity was found: kExact for a listed alias or title; a
  // spelling variant (kSkeleton: زلانسكي) or a Latin-script name (kLatin:
  // Zalansky) is weaker evidence (Gazetteer::FuzzyMatch).
  MatchHow matched = MatchHow::kExact;
  bool valid() const { return entity >= 0 || !span.empty(); }
};

// Where a cue's mention was found.
enum class MentionSite {
  kNone,
  kSubject,    // after the verb (VSO): قال المدرب X
  kNounCue,    // نقل عن X قوله
  kRelative,   // X، الذي قال
  kPreposed,   // X قال، X ... أعرب ... وقال (same clause)
  kSentence,   // هاجم X المشروع، وقال: the first verb's subject
  kIntroduced, // جلست X في المدرجات. «…»، قالت: the person the sentence before names
};

struct CueMention {
  std::optional<Mention> mention;
  MentionSite site = MentionSite::kNone;
  // Whether the words after the cue are only its subject and
  // circumstances, so that a quotation after them is the subject's whole
  // words (direct), not a phrase in the writer's sentence (partial).
  bool speaker_only = false;
  // A present-tense verb with no subject and no speech of its own
  // ("تقارير تفيد بأن"): no implied speaker either.
  bool no_implied = false;
  // For a question (turn=question) with its asker after the verb, the one
  // asked: the phrase after the asker and any apposition to it ("سأل صحفي
  // المتحدث باسم الوزارة عن …"، "سألت رئيسة المحكمة، القاضية X، الطبيب
  // المدعى عليه:"), who answers a فأجاب after it.
  std::optional<Mention> addressee;
};

class MentionSet {
 public:
  // `region_stop` is the rule of that name in rules.txt.
  void Find(const ArticleView& view, const CueSet& cues, const re2::RE2& region_stop);

  const CueMention& of_cue(size_t i) const { return per_cue_[i]; }
  // Gazetteer matches over the tokens, in text order.
  const std::vector<NameMatch>& names() const { return names_; }
  // The people of the gazetteer named outside quotations, by position.
  const std::vector<std::pair<uint32_t, Mention>>& named_people() const { return named_people_; }
  // Unknown people introduced by a role and a name of two or more words
  // anywhere in the writer's words ("عبّر المدرب وليد الشرقاوي عن فخره"),
  // by position: what a later role or surname alone can refer to. Filled
  // only when some cue's mention is such a short unknown one.
  const std::vector<std::pair<uint32_t, Mention>>& role_names() const { return role_names_; }
  // In the paragraph introducing an interview ("تحدثت «X» إلى الطبيبة هالة
  // الطيب، منسقة …:"، "طرحنا على X ثلاثة أسئلة:"), the one spoken to: the
  // first phrase after إلى, مع or على that opens with a role noun, a given
  // name or a known name; or none.
  std::optional<Mention> Interviewee(ByteSpan intro) const;
  // "جلست أم محمد، وهي أم لثلاثة أطفال. «…»": for a quotation opening the
  // sentence at byte `sentence` with no cue, the person the sentence
  // before names (PersonInClause), in the same paragraph, with no cue and
  // quoting nobody; or none.
  std::optional<Mention> PersonIntroducing(uint32_t sentence) const;
  // For a role noun standing alone (الوزيرة، المتحدث): the one person named
  // in the article who held, in its year, a title that role heads and who
  // agrees with its gender; or -1.
  int PersonWithRole(size_t token, Gender gender) const;
  // Where a subject before cue i can start: its sentence's start, the end
  // of the complementizer of an earlier cue reporting the clause ("صرح
  // المتحدث بأن الوزير شدد"), or a contrast after a comma that opens a
  // clause of its own after either ("…، غير أن وكيله نفى").
  uint32_t ClauseStartBefore(size_t cue_index) const;
  // The first gazetteer match at or after token t (names().size() if none).
  size_t FirstNameAt(size_t t) const;
  // The gazetteer match that begins at token t (names().size() if none).
  size_t NameAt(size_t t) const;
  // The mention of match m, with a title resolved to the one person who
  // holds it (in the article's year, or named in the article), if any.
  Mention Resolve(const NameMatch& m) const;
  // "…"، بحسب الساعدي / على حد تعبير الخطيب: the source named right after
  // the post-quote connector at token `connector`, with no verb.
  // `label_source`: whether a label noun that is also a source noun
  // (وكالة، صحيفة، حركة) names the source: before the clause it reports
  // (وبحسب الوكالة، فإن …), not after a quotation, where it is the quoted
  // person's channel.
  std::optional<Mention> SourceAfterConnector(size_t connector, bool label_source = false) const;
  // The subject of the verb after a word of manner ([manner_words]) that
  // follows a quotation: "…"، هكذا لخّص X المشهد؛ بهذه العبارات خاطب X.
  std::optional<Mention> SourceAfterManner(size_t manner) const;

 private:
  void ScanGazetteer();
  void ScanRoleNames();
  CueMention OfCue(size_t i) const;
  // Whether a past form of كان stands in the clause before token `verb`,
  // within a preposed subject's reach (وكان بوتين قد أكد).
  bool KanaBefore(size_t verb) const;
  // For a verb with relay= (نقل), the source named after that preposition
  // in its phrase before إن/أن (نقلت وكالة X عن مصادر دبلوماسية أن) or
  // after a quotation and a connector («…»، وفق ما نقلت X عن Y), if any.
  std::optional<Mention> RelayedSource(size_t i) const;
  // The subject in the words after verb cue i, read by its kind (a verb of
  // description, of attitude, a participle, after a pronoun subject);
  // *speaker_only as AnalyzeRegion.
  std::optional<Mention> SubjectAfter(size_t i, bool* speaker_only) const;
  // OfCue for a verbal noun of saying (نقل عن X قوله، بالقول).
  CueMention OfNounCue(size_t i) const;
  // OfCue for a verb whose source follows a preposition (CueForm::
  // source_preposition: جاء في البيان).
  CueMention OfSourceCue(size_t i) const;
  // A past form followed by one of its passive= words ("كُتب عليها").
  bool ReadAsPassive(const Cue& cue) const;
  // For a verb whose source follows a preposition (CueForm::
  // source_preposition), first in the phrase or after a short channel: the
  // phrase after it, and never an implied speaker.
  CueMention SourceAfterPreposition(const Cue& cue, ByteSpan region) const;
  // The subject in `region` (words after a verb, or a phrase standing in
  // its place). `open_subject`: whether a phrase with no name and no source
  // noun may be the subject. `in_phrase`: the words may follow a
  // preposition (the antecedent of "للكاتب X، الذي قال"); after a verb a
  // phrase opening with ب or ل is its complement (قال للمحكمة).
  std::optional<Mention> AnalyzeRegion(ByteSpan region, Gender verb_gender, bool* speaker_only,
                                       bool open_subject = true, bool in_phrase = false) const;
  // The token after a gazetteer name at `t` that carries the preposition
  // ل or ب (لرويترز، للرئيس الروسي، بوزير الخارجية), or `t` itself.
  size_t AfterAddressee(size_t t) const;
  // Whether the known person named from token t is the name of a place
  // in a prepositional phrase, in construct with an indefinite noun
  // (بجامعة السلطان قابوس، في مطار الملك خالد), not a mention of them.
  bool NamesAPlace(size_t t) const;
  std::optional<Mention> KnownNameIn(size_t first, size_t np_last, ByteSpan np, Gender verb_gender) const;
  std::optional<Mention> ShortNameIn(size_t first, size_t np_last) const;
  std::optional<Mention> SpellingVariantIn(size_t first, size_t np_last) const;
  uint32_t PhraseEnd(uint32_t begin, uint32_t end) const;
  uint32_t TrimNounPhrase(ByteSpan np) const;
  // Where an unknown subject ends before the verb's object or complement:
  // at a definite word after a name of two or more words ("النائب فادي
  // خوري المشروع"), unless it is a nisba family name ending in ي
  // ("عبدالله يوسف المهندي"), which ends the name itself (after one word
  // it may be a construct: "مدير المستشفى"); before بال (رحب X بالقرار),
  // unless a participle's complement (المكلف بالملف); and after a definite
  // feminine head before a definite word that cannot agree with it as an
  // adjective (أدانت الخارجية الهجوم). With `object_follows` (a verb of
  // asking: سأل أحد الصحفيين المدرب), also after a construct before a
  // definite word that is not its adjective.
  uint32_t EndBeforeObject(ByteSpan np, bool object_follows) const;
  // Whether the word before `token` carries its verb's subject as a
  // pronoun (لكنه، لكنها).
  bool PronounSubjectBefore(size_t token) const;
  int ResolveShortName(size_t token) const;
  std::optional<Mention> SpeakerOfNounCue(const Cue& cue) const;
  // The last known person of `gender` (or of no known gender) that the
  // sentence of `token` names before it.
  std::optional<Mention> PersonBefore(size_t token, Gender gender) const;
  // The gazetteer name that begins at token `first` and ends by `end`,
  // with the name right after it when it is a title (الوزير لويد أوستن).
  std::optional<Mention> NameOpening(size_t first, size_t end) const;
  std::optional<Mention> Preposed(size_t cue_index) const;
  // Where Preposed's phrase from token `first` before `cue` ends: at the
  // cue, or at punctuation opening a relative clause, an apposition closed
  // by the comma before the verb group (`opens_clause`: the phrase opens
  // its clause), or the rest of a topic after أما; 0 where punctuation
  // inside says the words are no one phrase.
  size_t PreposedPhraseEnd(const Cue& cue, size_t first, bool opens_clause) const;
  // Whether token t, a word of five letters or more opening with ل and
  // ending with no pronoun, whose rest no list knows, stands alone right
  // before the verb's إن/أن or colon and is written elsewhere in the
  // article after a given name: a name (سميرة لعرابي … كشفت لعرابي أن),
  // not ل and an addressee (قال لمصراوي:).
  bool LoneNameWithLam(size_t t) const;
  std::optional<Mention> AntecedentOfRelative(const Cue& cue) const;
  // Where the name phrase nearest `end` in [first, end) begins: the last
  // known name or run of given names, with the title before it ("التقى
  // فيدان نظيره الروسي سيرغي لافروف، الذي": نظيره الروسي سيرغي لافروف);
  // with none, for a `restrictive` relative (no comma before it) the
  // definite words right before `end` (المعارضة التي), else `first`.
  size_t NearestNamePhrase(size_t first, size_t end, bool restrictive) const;
  // *s without the conjunction و of "وال…" when it begins at token `token`
  // (والمزارعون → المزارعون).
  void DropConjunction(size_t token, Mention* s) const;
  // Whether cue follows إذ or حيث after a comma: a verb explaining the
  // clause before it ("X بدا أقل تشاؤما، إذ رأى أن"), whose subject is
  // that clause's.
  bool Explains(const Cue& cue) const;
  // "وشهد النهائي ظهور الحكمة مريم الكواري …، وقالت": when the verb that
  // opens the sentence has no source for subject (an event, a place), the
  // person its clause names speaks: the first token in [from, to) written
  // as a given name, a role noun (not للوزير), a known name or a kunya
  // (أم فيصل), past roles and kunyas of another gender than the cue's;
  // or `to`.
  size_t PersonInClause(size_t from, size_t to, const Cue& cue) const;
  size_t PersonInClause(size_t from, size_t to, Gender verb) const;
  // The mention that opens at token k, in a clause ending before `last`:
  // a kunya and its name, or the noun phrase to the next punctuation.
  std::optional<Mention> MentionFrom(size_t k, size_t last, Gender verb) const;
  // Whether cue stands in a clause on the object before it, its pronoun
  // after في ("نشر X تغريدة قال فيها").
  bool OnObject(const Cue& cue) const;
  // Whether cue cue_index takes the subject of its sentence's verb: joined
  // to it by و/ف, in a clause on its object (قال فيها), a verbal noun of
  // manner (بالقول), a participle closing the clause, a bare relative
  // (في خطوة قال إنها) or explaining the clause (Explains).
  bool TakesSentenceSubject(size_t cue_index) const;
  // The first token of a sentence starting at `first` after an opening
  // phrase closed by a comma (في المقابل، وعشية الزيارة،) or a dateline,
  // or `first`; the phrase ends before cue_token.
  size_t AfterLeadPhrase(size_t first, size_t cue_token) const;
  // "أما X فاكتفى بالقول إن": when token `first` is أما, the topic after it,
  // up to the verb joined by ف or a comma, is the subject of a cue later
  // in its clause.
  std::optional<Mention> TopicAfterAmma(size_t first, const Cue& cue) const;
  std::optional<Mention> SubjectOfSentence(size_t cue_index) const;
  // Whether cue i follows a comma after a question inside its sentence
  // (not opening it) whose one asked is a pronoun ("ووقف المتهم …، وحين
  // سأله القاضي …، قال"): the pronoun's, the sentence's subject, answers.
  bool AnswersPronoun(size_t cue_index) const;
  // "كانت مريم، وهي طالبة، تحمل كتبا. وقالت: «…»": for a verb joined by و,
  // or a verb of saying, that opens its sentence with no subject of its
  // own, or follows a quotation that opens it ("«…»، قالت ضاحكة"), and
  // goes on with nobody's words (not turn=continue): the person the
  // sentence before names, in the same paragraph and quoting nobody
  // (PersonInClause).
  std::optional<Mention> PersonOfSentenceBefore(size_t cue_index) const;
  // CueMention::addressee of question cue i whose asker is `asker`.
  std::optional<Mention> Addressee(size_t i, const Mention& asker) const;

  const ArticleView* view_ = nullptr;
  const CueSet* cues_ = nullptr;
  const re2::RE2* region_stop_ = nullptr;
  std::vector<NameMatch> names_;
  std::vector<Mention> resolved_;  // Resolve(names_[k]), computed once
  std::unordered_map<int, int> named_;  // entity -> alias mentions in the article
  std::vector<std::pair<uint32_t, Mention>> named_people_;
  std::vector<std::pair<uint32_t, Mention>> role_names_;
  std::vector<CueMention> per_cue_;
};

}  // namespace qawl

#endif  // QAWL_MENTIONS_H_
