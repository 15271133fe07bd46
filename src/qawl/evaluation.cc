#include "qawl/evaluation.h"

#include <simdjson.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>

#include "qawl/normalizer.h"

namespace qawl {

namespace {

using Tokens = std::vector<std::string>;

Tokens Tokenize(const std::string& text) {
  std::string folded = Normalizer::Default().Fold(text);
  Tokens out;
  std::string cur;
  size_t i = 0;
  while (i < folded.size()) {
    size_t start = i;
    char32_t c = DecodeUtf8(folded, &i);
    bool word = (c < 0x80) ? (std::isalnum(static_cast<int>(c)) != 0 || c == '_')
                           : !(c == 0x060C || c == 0x061B || c == 0x061F || c == 0xAB || c == 0xBB ||
                               (c >= 0x2000 && c <= 0x206F) || c == 0x066A || c == 0x066B ||
                               c == 0x066C || c == 0x06D4 || c == 0xFFFD);
    if (word) {
      cur.append(folded, start, i - start);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

size_t Common(const Tokens& a, const Tokens& b) {
  std::map<std::string_view, int> counts;
  for (const auto& t : a) ++counts[t];
  size_t common = 0;
  for (const auto& t : b) {
    auto it = counts.find(t);
    if (it != counts.end() && it->second > 0) {
      --it->second;
      ++common;
    }
  }
  return common;
}

double Similarity(const Tokens& gold, const Tokens& pred) {
  if (gold.empty() || pred.empty()) return 0;
  size_t common = Common(gold, pred);
  double dice = 2.0 * static_cast<double>(common) / static_cast<double>(gold.size() + pred.size());
  if (dice >= 0.5) return dice;
  if (static_cast<double>(common) >= 0.8 * static_cast<double>(gold.size()) &&
      static_cast<double>(common) >= 0.3 * static_cast<double>(pred.size())) {
    return 0.5;
  }
  return dice;
}

bool Contains(const Tokens& big, const Tokens& small) {
  return !small.empty() && Common(big, small) == small.size();
}

double Dice(const Tokens& a, const Tokens& b) {
  if (a.empty() || b.empty()) return 0;
  return 2.0 * static_cast<double>(Common(a, b)) / static_cast<double>(a.size() + b.size());
}

bool SpeakerOk(const GoldQuote& g, const v1::Quote& p) {
  const v1::Speaker& s = p.speaker();
  if (!g.speaker.empty()) return s.id() == g.speaker;
  std::vector<Tokens> surfaces;
  for (const std::string* t : {&s.mention(), &s.name()}) {
    if (!t->empty()) surfaces.push_back(Tokenize(*t));
  }
  if (!g.mentions.empty()) {
    for (const auto& m : g.mentions) {
      Tokens mt = Tokenize(m);
      for (const auto& st : surfaces) {
        if (Contains(st, mt) || Contains(mt, st) || Dice(st, mt) > 0.5) return true;
      }
    }
    return false;
  }
  return s.id().empty() && surfaces.empty();
}

bool IsIndirect(std::string_view kind) { return kind == "indirect"; }

std::string Preview(const std::string& text) {
  // At most 70 code points, like score.py.
  size_t i = 0;
  int n = 0;
  while (i < text.size() && n < 70) {
    DecodeUtf8(text, &i);
    ++n;
  }
  return text.substr(0, i);
}

}  // namespace

StatusOr<std::vector<GoldQuote>> LoadGold(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::vector<GoldQuote> out;
  simdjson::dom::parser parser;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::dom::element doc;
    auto where = [&](const std::string& why) {
      return Status::InvalidArgument(path + ":" + std::to_string(number) + ": " + why);
    };
    if (auto err = parser.parse(line).get(doc); err) return where(simdjson::error_message(err));
    GoldQuote g;
    std::string_view sv;
    if (doc["article"].get_string().get(sv)) return where("no \"article\"");
    g.article = std::string(sv);
    if (doc["kind"].get_string().get(sv)) return where("no \"kind\"");
    g.kind = std::string(sv);
    if (doc["text"].get_string().get(sv)) return where("no \"text\"");
    g.text = std::string(sv);
    if (!doc["speaker"].get_string().get(sv)) g.speaker = std::string(sv);
    simdjson::dom::array mentions;
    if (!doc["mentions"].get_array().get(mentions)) {
      for (simdjson::dom::element m : mentions) {
        if (!m.get_string().get(sv)) g.mentions.emplace_back(sv);
      }
    }
    bool optional = false;
    if (!doc["optional"].get_bool().get(optional)) g.optional = optional;
    out.push_back(std::move(g));
  }
  return out;
}

EvalResult Evaluate(const std::vector<GoldQuote>& gold, const std::vector<v1::Quote>& predictions) {
  using Key = std::pair<std::string, bool>;  // article, indirect
  std::map<Key, std::pair<std::vector<const GoldQuote*>, std::vector<const v1::Quote*>>> groups;
  for (const auto& g : gold) groups[{g.article, IsIndirect(g.kind)}].first.push_back(&g);
  for (const auto& p : predictions) groups[{p.article_id(), p.kind() == v1::INDIRECT}].second.push_back(&p);
  EvalResult result;
  for (const auto& [key, group] : groups) {
    const auto& [golds, preds] = group;
    ClassScore& s = key.second ? result.indirect : result.direct;
    const char* cls = key.second ? "indirect" : "direct";
    std::vector<Tokens> gt, pt;
    for (const auto* g : golds) gt.push_back(Tokenize(g->text));
    for (const auto* p : preds) pt.push_back(Tokenize(p->text()));
    std::vector<std::tuple<double, size_t, size_t>> pairs;
    for (size_t i = 0; i < gt.size(); ++i) {
      for (size_t j = 0; j < pt.size(); ++j) pairs.emplace_back(Similarity(gt[i], pt[j]), i, j);
    }
    std::sort(pairs.rbegin(), pairs.rend());
    std::vector<int> gmatch(gt.size(), -1), pmatch(pt.size(), -1);
    for (const auto& [sim, i, j] : pairs) {
      if (sim < 0.5) break;
      if (gmatch[i] < 0 && pmatch[j] < 0) {
        gmatch[i] = static_cast<int>(j);
        pmatch[j] = static_cast<int>(i);
      }
    }
    for (size_t i = 0; i < golds.size(); ++i) {
      const GoldQuote& g = *golds[i];
      if (g.optional) continue;
      ++s.gold;
      if (gmatch[i] >= 0) {
        ++s.found;
        const v1::Quote& p = *preds[static_cast<size_t>(gmatch[i])];
        if (SpeakerOk(g, p)) {
          ++s.attributed;
        } else {
          result.errors.push_back(std::string("[") + cls + "] wrong speaker: " + g.article + " '" +
                                  Preview(g.text) + "' (gold " + (g.speaker.empty() ? "mention" : g.speaker) +
                                  ") -> got id='" + p.speaker().id() + "' mention='" + p.speaker().mention() + "'");
        }
      } else {
        result.errors.push_back(std::string("[") + cls + "] missed: " + g.article + " '" + Preview(g.text) + "'");
      }
    }
    for (size_t j = 0; j < preds.size(); ++j) {
      if (pmatch[j] >= 0 && golds[static_cast<size_t>(pmatch[j])]->optional) continue;
      ++s.pred;
      if (pmatch[j] < 0) {
        result.errors.push_back(std::string("[") + cls + "] spurious: " + key.first + " '" +
                                Preview(preds[j]->text()) + "'");
      }
    }
  }
  return result;
}

std::string FormatEval(const EvalResult& r) {
  std::string out = "class      gold  pred   detect P    R    F1   attrib P    R    F1\n";
  char buf[160];
  for (const auto& [name, s] : {std::pair<const char*, const ClassScore&>{"direct", r.direct},
                                {"indirect", r.indirect}}) {
    std::snprintf(buf, sizeof(buf), "%-9s %5d %5d   %8.2f %4.2f %5.2f   %8.2f %4.2f %5.2f\n", name, s.gold,
                  s.pred, s.detect_p(), s.detect_r(), s.detect_f1(), s.attrib_p(), s.attrib_r(), s.attrib_f1());
    out += buf;
  }
  std::snprintf(buf, sizeof(buf), "score: direct_attrib_f1=%.3f indirect_attrib_f1=%.3f\n", r.direct.attrib_f1(),
                r.indirect.attrib_f1());
  out += buf;
  return out;
}

}  // namespace qawl
