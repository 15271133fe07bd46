// A test harness over the extraction stages: runs them on one text, in
// order, and keeps every stage's result for inspection.
#ifndef QAWL_TESTS_STAGE_UTIL_H_
#define QAWL_TESTS_STAGE_UTIL_H_

#include <string>
#include <string_view>

#include "qawl/article_view.h"
#include "qawl/constructions.h"
#include "qawl/cues.h"
#include "qawl/discourse.h"
#include "qawl/mentions.h"
#include "test_util.h"

namespace qawl::testing {

// `s` as the Normalizer folds it (the text the stages work on).
inline std::string Norm(std::string_view s) {
  NormalizedText n;
  Normalizer::Default().Normalize(s, &n);
  return n.text();
}

struct Stages {
  v1::Article article;
  ArticleView view;
  CueSet cues;
  MentionSet mentions;
  Discourse discourse;
  Constructions constructions;

  explicit Stages(const std::string& text) {
    const PatternSet& p = Patterns();
    article = ArticleOf(text);
    view.Build(p, article);
    cues.Find(view, *p.rule("complementizer"));
    mentions.Find(view, cues, *p.rule("region_stop"));
    discourse.Resolve(view, cues, mentions);
    constructions.Build(view, cues, mentions, discourse,
                        ClauseRules{p.rule("clause_stop"), p.rule("trailing_meta"), &p.clause_end()},
                        ConstructionOptions());
  }

  std::string Text(ByteSpan s) const { return std::string(view.Text(s)); }
  // The index of the first cue whose word (as written, normalized) is
  // `word`, or -1.
  int Cue(std::string_view word) const {
    const std::string w = Norm(word);
    for (size_t i = 0; i < cues.size(); ++i) {
      if (Text(ByteSpan{cues.cue(i).begin, cues.cue(i).end}) == w) return static_cast<int>(i);
    }
    return -1;
  }
  // The text of cue i's speaker mention ("" when it has none).
  std::string SpeakerOf(int i) const {
    const Attributed& a = discourse.speaker(static_cast<size_t>(i));
    return a.speaker.valid() ? Text(a.speaker.span) : "";
  }
};

}  // namespace qawl::testing

#endif  // QAWL_TESTS_STAGE_UTIL_H_
