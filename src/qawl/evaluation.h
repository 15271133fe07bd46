// Evaluation: scores extracted quotes against a gold file with the rules of
// ../shared/eval/score.py (see FORMAT.md there): per article and class
// ("direct" = DIRECT and PARTIAL, "indirect" = INDIRECT), predictions and
// gold quotes are paired one to one, best first, by token overlap of their
// normalized texts (Dice >= 0.5, or a prediction covering 80% of the gold
// tokens while at least 30% of it is gold); a pair is attributed when the
// speaker id matches (when the gold names one), or else a predicted
// mention/name contains a gold mention, is contained in one, or shares more
// than half of its tokens with one (Dice > 0.5), or neither names a source. Optional gold quotes neither count nor
// penalize.
//
// Thread-safety: plain functions over values.
#ifndef QAWL_EVALUATION_H_
#define QAWL_EVALUATION_H_

#include <string>
#include <vector>

#include "qawl/status.h"
#include "qawl/v1/quote.pb.h"

namespace qawl {

struct GoldQuote {
  std::string article;
  std::string kind;  // direct | partial | indirect
  std::string text;
  std::string speaker;  // canonical id, or empty
  std::vector<std::string> mentions;
  bool optional = false;
};

// Reads a gold JSON Lines file; errors name the file and line.
StatusOr<std::vector<GoldQuote>> LoadGold(const std::string& path);

struct ClassScore {
  int gold = 0;        // non-optional gold quotes
  int pred = 0;        // predictions not paired with an optional gold quote
  int found = 0;       // gold quotes paired with a prediction
  int attributed = 0;  // ... whose speaker is right
  double detect_p() const { return pred ? static_cast<double>(found) / pred : 0; }
  double detect_r() const { return gold ? static_cast<double>(found) / gold : 0; }
  double attrib_p() const { return pred ? static_cast<double>(attributed) / pred : 0; }
  double attrib_r() const { return gold ? static_cast<double>(attributed) / gold : 0; }
  static double F1(double p, double r) { return p + r > 0 ? 2 * p * r / (p + r) : 0; }
  double detect_f1() const { return F1(detect_p(), detect_r()); }
  double attrib_f1() const { return F1(attrib_p(), attrib_r()); }
};

struct EvalResult {
  ClassScore direct;
  ClassScore indirect;
  // One line per missed gold quote, wrong speaker, or spurious prediction.
  std::vector<std::string> errors;
};

EvalResult Evaluate(const std::vector<GoldQuote>& gold, const std::vector<v1::Quote>& predictions);

// The score.py table: header, one row per class, and the "score:" line.
std::string FormatEval(const EvalResult& result);

}  // namespace qawl

#endif  // QAWL_EVALUATION_H_
