// Constructions: the fifth stage of extraction. The rules that turn a cue's
// frame and speaker into records:
//
//   cue_colon_quote            قال X: "…"             (DIRECT; PARTIAL after
//                                                      a verb of description)
//   cue_colon_orphan_quote     قال X: …"              (closed, never opened)
//   cue_colon_unmarked         قال X: …               (to the paragraph end)
//   cue_quote / cue_partial    قال X "…" / وصف X … "…"
//   cue_complementizer_quote   قال X إن "…"           (the whole clause quoted)
//   cue_complementizer_clause  قال X إن …             (INDIRECT)
//   cue_clause_partial         a quotation inside that clause (PARTIAL)
//   quote_then_cue             "…"، قال X
//   quote_then_source          "…"، بحسب X
//   quote_then_pronoun         "…"، على حد تعبيرها: the source the pronoun refers to
//   quote_then_manner          "…"، هكذا لخّص X    (any verb after هكذا)
//   source_complementizer_clause  وبحسب X، فإن …      (INDIRECT, no verb)
//   continuation               a long quotation standing alone after
//                              another of the same speaker
//   introduced_quote           جلست أم محمد، …. «…»  (the person the
//                              sentence before introduces, no cue)
//   headline_name_colon        بوتين: …               (in the first lines)
//   interview_answer           ج: …                   (an interview's answers)
//
// Input: the view, cues, mentions and discourse. Output: Records in the
// normalized text's offsets; record_writer.h turns them into v1::Quote.
//
// Ownership and thread-safety: owns its records and scratch tables, reused
// from article to article; Build() is not thread-safe.
#ifndef QAWL_CONSTRUCTIONS_H_
#define QAWL_CONSTRUCTIONS_H_

#include <re2/re2.h>

#include <vector>

#include "qawl/article_view.h"
#include "qawl/cues.h"
#include "qawl/discourse.h"
#include "qawl/mentions.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

struct Record {
  v1::Kind kind = v1::DIRECT;
  ByteSpan text;  // normalized
  Attributed who;
  int cue = -1;
  const char* rule = "";  // the construction's name; the writer adds how the speaker was found
  float confidence_scale = 1.0f;
};

// The rules.txt rules the constructions match.
struct ClauseRules {
  const re2::RE2* clause_stop;
  const re2::RE2* trailing_meta;
  const re2::RE2* clause_end;  // the two above as one alternation
};

struct ConstructionOptions {
  bool indirect = true;   // emit reported speech
  bool headlines = true;  // emit "بوتين: …" headlines
};

class Constructions {
 public:
  // Appends nothing to earlier articles' records: records() holds this
  // article's only.
  void Build(const ArticleView& view, const CueSet& cues, const MentionSet& mentions, const Discourse& discourse,
             const ClauseRules& rules, const ConstructionOptions& options);

  // In the order they were found; the writer sorts them.
  std::vector<Record>& records() { return records_; }

 private:
  void ProcessCue(size_t index);
  void AfterColon(size_t index, const Attributed& who, bool describe);
  void AfterQuote(size_t index, const Attributed& who, bool describe);
  void AfterComplementizer(size_t index, const Attributed& who, bool describe);
  void ClaimQuote(int q, v1::Kind kind, const Attributed& who, int cue, const char* rule);
  int TranslationOf(size_t q) const;
  // Reported speech from `begin` to its clause's end, and the quotations in
  // it; cue_index is -1 for a source with no verb (FrontedSources).
  void EmitClause(int cue_index, uint32_t begin, const Attributed& who, const char* rule);
  void FrontedSources();
  void EmitUnmarked(ByteSpan text, const Attributed& who, int cue, const char* rule);
  // For a clause [begin, end) that opens with a quotation followed by a
  // comma and the writer's words, the quotation's end; else end.
  uint32_t EndOfOpeningQuotation(uint32_t begin, uint32_t end) const;
  uint32_t ClauseEnd(uint32_t begin, uint32_t sentence_end) const;
  // Whether cue i is the verb of the reported clause of an earlier cue of
  // its sentence, with that clause's subject for its own, and that subject
  // names no source (أن قرارات القمة تؤكد أن …): the clause goes on
  // through it and it reports nothing of its own.
  bool InsideReportedClause(size_t i) const;
  uint32_t CutAtStops(uint32_t begin, uint32_t end) const;
  // Whether the clause_stop match `stop` at `at` is a contrast (غير أن،
  // إلا أن، بيد أن) with no cue after it in its sentence: the speaker's
  // words go on through it (FORMAT.md rule 3: a clause ends at a new source
  // and cue), as in إن الأحكام «منصفة»، غير أن «الأهم هو …».
  bool GoesOnWithSpeaker(uint32_t at, std::string_view stop) const;
  void AttributeLeftovers();
  // The last reported clause (INDIRECT record) that ends before pos in
  // pos's sentence with no cue and no clause connective but a contrast
  // between; or nullptr.
  const Record* ReportBefore(uint32_t pos) const;
  bool AttributeAfter(size_t quote);
  void Headlines();
  void FindInterview();
  bool InInterview(uint32_t pos) const;
  void Answers();

  // A question or an answer of an interview (س: … ج: …).
  struct InterviewPart {
    ByteSpan span;
    bool answer;
  };

  const ArticleView* view_ = nullptr;
  const CueSet* cues_ = nullptr;
  const MentionSet* mentions_ = nullptr;
  const Discourse* discourse_ = nullptr;
  ClauseRules rules_{};
  ConstructionOptions options_;
  std::vector<bool> claimed_;
  std::vector<InterviewPart> interview_;  // in text order
  std::vector<Record> records_;
};

}  // namespace qawl

#endif  // QAWL_CONSTRUCTIONS_H_
