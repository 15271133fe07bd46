#include "qawl/extractor.h"

#include <re2/re2.h>

#include <memory>
#include <vector>

#include "qawl/article_view.h"
#include "qawl/constructions.h"
#include "qawl/cues.h"
#include "qawl/discourse.h"
#include "qawl/mentions.h"
#include "qawl/record_writer.h"

namespace qawl {

namespace {

// The rules the stages match, resolved once per thread: every RE2 search
// takes a read lock on its object's DFA cache, and with one object shared
// by the workers that lock's cache line moves between cores on every call
// (measured: 12% more CPU time with two threads than with one). The first
// thread to use a PatternSet matches with its rules (PatternSet::ClaimRules);
// any other compiles copies.
struct ThreadRules {
  const re2::RE2* complementizer = nullptr;
  const re2::RE2* region_stop = nullptr;
  ClauseRules clause{};
  uint64_t of = 0;  // the PatternSet::id() these come from
  std::vector<std::unique_ptr<re2::RE2>> copies;

  void For(const PatternSet& p) {
    if (of == p.id()) return;
    complementizer = p.rule("complementizer");
    region_stop = p.rule("region_stop");
    clause = ClauseRules{p.rule("clause_stop"), p.rule("trailing_meta"), &p.clause_end()};
    copies.clear();
    if (!p.ClaimRules()) {
      for (const re2::RE2** r : {&complementizer, &region_stop, &clause.clause_stop, &clause.trailing_meta,
                                 &clause.clause_end}) {
        // Should a copy not compile, the shared object serves.
        auto copy = std::make_unique<re2::RE2>((*r)->pattern(), (*r)->options());
        if (!copy->ok()) continue;
        *r = copy.get();
        copies.push_back(std::move(copy));
      }
    }
    of = p.id();
  }
};

// One thread's stages, each keeping its buffers from article to article, so
// that an article costs no allocation once they have grown.
struct Workspace {
  ThreadRules rules;
  ArticleView view;
  CueSet cues;
  MentionSet mentions;
  Discourse discourse;
  Constructions constructions;
};

}  // namespace

Extractor::Extractor(const PatternSet* patterns, ExtractOptions options)
    : patterns_(patterns), options_(options) {}

void Extractor::Extract(const v1::Article& article, std::vector<v1::Quote>* out) const {
  out->resize(ExtractReusing(article, out, out->size()));
}

size_t Extractor::ExtractReusing(const v1::Article& article, std::vector<v1::Quote>* out, size_t first) const {
  thread_local Workspace w;
  w.rules.For(*patterns_);
  // The stages, in the one direction data flows.
  w.view.Build(*patterns_, article);
  w.cues.Find(w.view, *w.rules.complementizer);
  w.mentions.Find(w.view, w.cues, *w.rules.region_stop);
  w.discourse.Resolve(w.view, w.cues, w.mentions);
  w.constructions.Build(w.view, w.cues, w.mentions, w.discourse, w.rules.clause,
                        ConstructionOptions{options_.indirect, options_.headlines});
  const size_t end = WriteRecords(w.view, w.cues, options_.min_confidence, &w.constructions.records(), out, first);
  // Do not keep a huge article's buffers for the rest of a batch job.
  constexpr size_t kKeepBytes = 16 << 20;
  if (article.text().size() > kKeepBytes) {
    w.view = ArticleView();
    w.cues = CueSet();
    w.mentions = MentionSet();
    w.discourse = Discourse();
    w.constructions = Constructions();
  }
  return end;
}

}  // namespace qawl
