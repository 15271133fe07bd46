// qawl-eval: runs extraction over a gold file's articles and prints the
// same P/R/F1 table as ../shared/eval/score.py.
#include <cstdio>
#include <set>

#include "qawl/article_reader.h"
#include "qawl/evaluation.h"
#include "qawl/extractor.h"
#include "qawl/flags.h"
#include "qawl/pattern_set.h"

namespace {

constexpr char kUsage[] = R"(Usage: qawl-eval [OPTIONS] GOLD.jsonl INPUT...

Extracts quotes from the articles in INPUT (files or directories, as for
qawl-extract) whose ids appear in GOLD.jsonl, scores them with the rules of
score.py (FORMAT.md), and prints the P/R/F1 table.

Options:
  --show            list every miss, wrong speaker and spurious prediction
  --patterns=DIR    use the pattern files in DIR instead of the built-in set
  --min-direct=F    exit 1 if direct attribution F1 is below F
  --min-indirect=F  exit 1 if indirect attribution F1 is below F
  --help            show this help

Exit status: 0 scores at or above the minimums; 1 below them or some input
was unreadable; 2 usage or configuration error.
)";

}  // namespace

int main(int argc, char** argv) {
  qawl::Flags flags;
  flags.AddBool("show");
  flags.AddBool("help");
  flags.AddValue("patterns");
  flags.AddValue("min-direct", "0");
  flags.AddValue("min-indirect", "0");
  if (qawl::Status s = flags.Parse(argc, argv); !s.ok()) {
    std::fprintf(stderr, "qawl-eval: %s\nTry 'qawl-eval --help'.\n", s.message().c_str());
    return 2;
  }
  if (flags.flag("help")) {
    std::fputs(kUsage, stdout);
    return 0;
  }
  const auto& args = flags.positional();
  if (args.size() < 2) {
    std::fprintf(stderr, "qawl-eval: need GOLD.jsonl and at least one INPUT\nTry 'qawl-eval --help'.\n");
    return 2;
  }
  auto gold = qawl::LoadGold(args[0]);
  if (!gold.ok()) {
    std::fprintf(stderr, "qawl-eval: %s\n", gold.status().message().c_str());
    return 2;
  }
  auto patterns = flags.is_set("patterns") ? qawl::PatternSet::LoadDirectory(flags.value("patterns"))
                                           : qawl::PatternSet::LoadEmbedded();
  if (!patterns->ok()) {
    std::fprintf(stderr, "qawl-eval: %s\n", patterns->error().c_str());
    return 2;
  }
  std::set<std::string> ids;
  for (const auto& g : *gold) ids.insert(g.article);
  qawl::Extractor extractor(patterns.get());
  qawl::ArticleReader reader(std::vector<std::string>(args.begin() + 1, args.end()), qawl::ReaderOptions());
  std::vector<qawl::v1::Quote> predictions;
  qawl::ReadItem item;
  int failures = 0;
  while (reader.Next(&item)) {
    if (!item.ok) {
      std::fprintf(stderr, "qawl-eval: %s\n", item.error.c_str());
      ++failures;
      continue;
    }
    if (ids.count(item.article.id()) == 0) continue;
    ids.erase(item.article.id());
    extractor.Extract(item.article, &predictions);
  }
  for (const auto& missing : ids) std::fprintf(stderr, "qawl-eval: article %s not found in the inputs\n", missing.c_str());
  qawl::EvalResult result = qawl::Evaluate(*gold, predictions);
  if (flags.flag("show")) {
    for (const auto& e : result.errors) std::printf("%s\n", e.c_str());
    std::printf("\n");
  }
  std::fputs(qawl::FormatEval(result).c_str(), stdout);
  double min_direct = std::strtod(flags.value("min-direct").c_str(), nullptr);
  double min_indirect = std::strtod(flags.value("min-indirect").c_str(), nullptr);
  bool below = result.direct.attrib_f1() < min_direct || result.indirect.attrib_f1() < min_indirect;
  return (below || failures > 0 || !ids.empty()) ? 1 : 0;
}
