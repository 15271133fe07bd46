#include "qawl/pattern_set.h"

#include <re2/re2.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "qawl/embedded_patterns.h"
#include "qawl/normalizer.h"

namespace qawl {

namespace pattern_file {

std::string Where(const PatternSet::File& f, int line, std::string_view msg) {
  return f.name + ":" + std::to_string(line) + ": " + std::string(msg);
}

std::vector<std::string_view> Split(std::string_view s, std::string_view seps) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find_first_of(seps, i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  size_t e = s.find_last_not_of(ws);
  return s.substr(b, e - b + 1);
}

}  // namespace pattern_file

namespace {

using pattern_file::Split;
using pattern_file::Trim;

const char* const kVerbsFile = "verbs.txt";
const char* const kLexiconFile = "lexicon.txt";
const char* const kRulesFile = "rules.txt";
const char* const kSpeakersFile = "speakers.txt";

RE2::Options RuleOptions() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_encoding(RE2::Options::EncodingUTF8);
  o.set_max_mem(64 << 20);
  return o;
}

// Escapes a literal for use inside an RE2 alternation.
std::string Quote(std::string_view s) { return RE2::QuoteMeta(re2::StringPiece(s.data(), s.size())); }

// Normalizes the non-ASCII runs of a regex body (Arabic words) and keeps
// its ASCII syntax byte for byte.
std::string FoldNonAscii(std::string_view body, const Normalizer& norm) {
  std::string out;
  size_t i = 0;
  while (i < body.size()) {
    size_t j = i;
    while (j < body.size() && static_cast<unsigned char>(body[j]) >= 0x80) ++j;
    if (j > i) {
      out += norm.Fold(body.substr(i, j - i));
      i = j;
    } else {
      out.push_back(body[i++]);
    }
  }
  return out;
}

}  // namespace

PatternSet::PatternSet() : id_([] {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}()) {}
PatternSet::~PatternSet() = default;

const std::vector<std::string>& PatternSet::RequiredSections() {
  static const std::vector<std::string> kSections = {
      "source_nouns", "label_nouns", "event_nouns", "time_words", "relative_words",
      "document_nouns", "given_names", "post_connectors", "object_pronouns",
      "skip_words", "auxiliaries", "clause_connectives", "double_quotes", "not_subject", "np_breaks",
      "noun_markers", "manner_words", "link_openers", "statement_nouns", "generic_heads",
      "naming_words", "platform_names",
  };
  return kSections;
}

const std::vector<std::string>& PatternSet::RequiredRules() {
  static const std::vector<std::string> kRules = {
      "complementizer", "region_stop", "clause_stop", "trailing_meta",
  };
  return kRules;
}

std::unique_ptr<PatternSet> PatternSet::LoadEmbedded() {
  std::vector<File> files;
  for (const EmbeddedFile& e : EmbeddedPatternFiles()) {
    files.push_back(File{std::string(e.name), std::string(e.data)});
  }
  return LoadFiles(files);
}

std::unique_ptr<PatternSet> PatternSet::LoadDirectory(const std::string& dir) {
  std::vector<File> files;
  for (const char* name : {kVerbsFile, kLexiconFile, kRulesFile, kSpeakersFile}) {
    std::filesystem::path path = std::filesystem::path(dir) / name;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      auto set = std::unique_ptr<PatternSet>(new PatternSet());
      set->error_ = path.string() + ": cannot read pattern file";
      return set;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    files.push_back(File{path.string(), ss.str()});
  }
  return LoadFiles(files);
}

std::unique_ptr<PatternSet> PatternSet::LoadFiles(const std::vector<File>& files) {
  auto set = std::unique_ptr<PatternSet>(new PatternSet());
  const Normalizer& norm = Normalizer::Default();
  if (!norm.ok()) {
    set->error_ = norm.error();
    return set;
  }
  auto find = [&](const char* name) -> const File* {
    for (const File& f : files) {
      std::string_view n = f.name;
      std::string_view want = name;
      if (n == want || (n.size() > want.size() && n.substr(n.size() - want.size()) == want &&
                        (n[n.size() - want.size() - 1] == '/'))) {
        return &f;
      }
    }
    return nullptr;
  };
  // Lexicon first: rules may refer to its sections.
  for (const char* name : {kLexiconFile, kVerbsFile, kRulesFile, kSpeakersFile}) {
    const File* f = find(name);
    if (f == nullptr) {
      set->error_ = std::string(name) + ": missing pattern file";
      return set;
    }
    Status s;
    if (name == kLexiconFile) s = set->LoadLexicon(*f, norm);
    else if (name == kVerbsFile) s = set->LoadVerbs(*f, norm);
    else if (name == kRulesFile) s = set->LoadRules(*f, norm);
    else s = set->gazetteer_.Load(f->name, f->data, norm);
    if (!s.ok()) {
      set->error_ = s.message();
      return set;
    }
  }
  Status s = set->BuildCueIndex();
  if (!s.ok()) {
    set->error_ = s.message();
    return set;
  }
  set->BuildFacts();
  return set;
}

Status PatternSet::LoadVerbs(const File& f, const Normalizer& norm) {
  Status s = pattern_file::ForEachLine(f, [&](int, std::string_view line) -> Status {
    std::vector<std::string_view> fields = Split(line, " \t");
    std::string lemma = norm.Fold(fields[0]);
    if (lemma.empty() || fields[0].find('=') != std::string_view::npos) {
      return Status::InvalidArgument("a verb line starts with its lemma");
    }
    CueClass cls = CueClass::kSay;
    bool have_class = false;
    std::string source_preposition;
    std::string required_preposition;
    std::string relay_preposition;
    Turn turn = Turn::kNone;
    std::vector<std::string> passive_before;
    std::vector<std::pair<std::string, CueForm>> forms;
    for (size_t i = 1; i < fields.size(); ++i) {
      std::string_view field = fields[i];
      size_t eq = field.find('=');
      if (eq == std::string_view::npos) {
        return Status::InvalidArgument("expected key=value, got '" + std::string(field) + "'");
      }
      std::string_view key = field.substr(0, eq);
      std::string_view value = field.substr(eq + 1);
      if (key == "class") {
        if (value == "say") cls = CueClass::kSay;
        else if (value == "state") cls = CueClass::kState;
        else if (value == "describe") cls = CueClass::kDescribe;
        else if (value == "other") cls = CueClass::kOther;
        else return Status::InvalidArgument("unknown class '" + std::string(value) + "'");
        have_class = true;
        continue;
      }
      if (key == "source") {
        source_preposition = norm.Fold(value);
        if (source_preposition.empty()) return Status::InvalidArgument("source= needs a preposition");
        continue;
      }
      if (key == "relay") {
        relay_preposition = norm.Fold(value);
        if (relay_preposition.empty()) return Status::InvalidArgument("relay= takes a preposition");
        continue;
      }
      if (key == "needs") {
        required_preposition = norm.Fold(value);
        if (required_preposition.empty()) return Status::InvalidArgument("needs= takes a preposition");
        continue;
      }
      if (key == "turn") {
        if (value == "question") turn = Turn::kQuestion;
        else if (value == "answer") turn = Turn::kAnswer;
        else if (value == "continue") turn = Turn::kContinue;
        else return Status::InvalidArgument("turn must be question, answer or continue, not '" + std::string(value) + "'");
        continue;
      }
      if (key == "passive") {
        for (std::string_view w : Split(value, ",")) {
          std::string folded = norm.Fold(w);
          if (folded.empty() || folded.find(' ') != std::string::npos) {
            return Status::InvalidArgument("passive= takes words: '" + std::string(w) + "'");
          }
          passive_before.push_back(std::move(folded));
        }
        if (passive_before.empty()) return Status::InvalidArgument("passive= needs a word");
        continue;
      }
      Tense tense;
      if (key == "past") tense = Tense::kPast;
      else if (key == "pres") tense = Tense::kPresent;
      else if (key == "part") tense = Tense::kParticiple;
      else if (key == "noun") tense = Tense::kNoun;
      else return Status::InvalidArgument("unknown key '" + std::string(key) + "'");
      // Slots m/f/p separated by "/", alternatives within a slot by ",".
      std::vector<std::string_view> slots;
      size_t start = 0;
      for (size_t k = 0; k <= value.size(); ++k) {
        if (k == value.size() || value[k] == '/') {
          slots.push_back(value.substr(start, k - start));
          start = k + 1;
        }
      }
      if (slots.size() > 3) return Status::InvalidArgument("at most three slots m/f/p");
      for (size_t slot = 0; slot < slots.size(); ++slot) {
        Gender g = tense == Tense::kNoun ? Gender::kUnknown
                   : slot == 0           ? Gender::kMasculine
                   : slot == 1           ? Gender::kFeminine
                                         : Gender::kPlural;
        for (std::string_view form : Split(slots[slot], ",")) {
          const bool guarded = !form.empty() && form.front() == '?';
          if (guarded) form.remove_prefix(1);
          std::string folded = norm.Fold(form);
          if (folded.empty() || folded.find(' ') != std::string::npos) {
            return Status::InvalidArgument("a verb form is one word: '" + std::string(form) + "'");
          }
          forms.push_back({folded, CueForm{lemma, cls, tense, g, guarded}});
          // The feminine dual of a past verb is its feminine and ا (أكدتا،
          // أعلنتا), feminine as its subject is (الشقيقتان); the masculine
          // dual is left to the file, as it is often a noun (نقلا، ردا).
          if (tense == Tense::kPast && g == Gender::kFeminine && folded.ends_with("ت")) {
            forms.push_back({folded + "ا", CueForm{lemma, cls, tense, Gender::kFeminine, guarded}});
          }
          // A participle whose plural the file does not give: the masculine
          // less its ا and ين (مطالبا -> مطالبين، مؤكدا -> مؤكدين).
          if (tense == Tense::kParticiple && g == Gender::kMasculine && slots.size() < 3 && !guarded &&
              folded.size() > 4 && folded.ends_with("ا")) {
            forms.push_back({folded.substr(0, folded.size() - 2) + "ين", CueForm{lemma, cls, tense, Gender::kPlural, false}});
          }
        }
      }
    }
    if (!have_class) return Status::InvalidArgument("missing class=");
    if (forms.empty()) return Status::InvalidArgument("no forms for '" + std::string(fields[0]) + "'");
    for (auto& [form, cue] : forms) {
      cue.source_preposition = source_preposition;
      cue.required_preposition = required_preposition;
      cue.relay_preposition = relay_preposition;
      cue.turn = turn;
      if (cue.tense == Tense::kPast) cue.passive_before = passive_before;
      cues_.emplace(form, cue);  // first listing wins
    }
    return Status::Ok();
  });
  if (s.ok() && cues_.empty()) return Status::InvalidArgument(f.name + ": no verbs");
  return s;
}

Status PatternSet::LoadLexicon(const File& f, const Normalizer& norm) {
  std::string section;
  Status s = pattern_file::ForEachLine(f, [&](int, std::string_view line) -> Status {
    if (line.front() == '[') {
      if (line.back() != ']' || line.size() < 3) return Status::InvalidArgument("bad section header");
      section = std::string(line.substr(1, line.size() - 2));
      lists_[section];
      return Status::Ok();
    }
    if (section.empty()) return Status::InvalidArgument("word before any [section]");
    for (std::string_view w : Split(line, " \t")) {
      std::string folded = norm.Fold(w);
      if (!folded.empty()) lists_[section].insert(folded);
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (const std::string& required : RequiredSections()) {
    if (lists_.find(required) == lists_.end()) {
      return Status::InvalidArgument(f.name + ": missing section [" + required + "]");
    }
  }
  // Quotation marks: each entry one character, or u+XXXX (the loader
  // lowercases ASCII like text).
  std::vector<char32_t> marks;
  for (const std::string& entry : lists_["double_quotes"]) {
    size_t pos = 0;
    char32_t c = DecodeUtf8(entry, &pos);
    if (entry.size() > 2 && entry.compare(0, 2, "u+") == 0) {
      c = static_cast<char32_t>(std::strtoul(entry.c_str() + 2, nullptr, 16));
    } else if (pos != entry.size()) {
      return Status::InvalidArgument(f.name + ": [double_quotes] entry '" + entry + "' is not one character");
    }
    if (c == 0 || c > 0x10FFFF || (c < 0x80 && c != '"')) {
      return Status::InvalidArgument(f.name + ": [double_quotes] entry '" + entry + "' is not a quotation mark");
    }
    marks.push_back(c);
  }
  if (marks.empty()) return Status::InvalidArgument(f.name + ": [double_quotes] is empty");
  quote_marks_ = QuoteMarks(std::move(marks));
  return Status::Ok();
}

Status PatternSet::LoadRules(const File& f, const Normalizer& norm) {
  std::map<std::string, std::string, std::less<>> macros;
  // Expands {NAME} (a macro) and {list:SECTION} (a lexicon section as an
  // alternation, longest first). "\{" is a literal brace.
  auto expand = [&](std::string_view body, std::string* out) -> Status {
    out->clear();
    for (size_t i = 0; i < body.size(); ++i) {
      char c = body[i];
      if (c == '\\' && i + 1 < body.size()) {
        out->push_back(c);
        out->push_back(body[++i]);
        // \p{Name} and \P{Name} are RE2 classes, not macros.
        if ((body[i] == 'p' || body[i] == 'P') && i + 1 < body.size() && body[i + 1] == '{') {
          size_t close = body.find('}', i);
          if (close == std::string_view::npos) return Status::InvalidArgument("unclosed '\\p{'");
          out->append(body.substr(i + 1, close - i));
          i = close;
        }
        continue;
      }
      if (c != '{') {
        out->push_back(c);
        continue;
      }
      size_t close = body.find('}', i);
      if (close == std::string_view::npos) return Status::InvalidArgument("unclosed '{'");
      std::string_view name = body.substr(i + 1, close - i - 1);
      bool is_repeat = !name.empty() && (std::isdigit(static_cast<unsigned char>(name[0])) != 0);
      if (is_repeat) {  // a counted repetition such as {2,5}
        out->append(body.substr(i, close - i + 1));
      } else if (name.substr(0, 5) == "list:") {
        auto it = lists_.find(name.substr(5));
        if (it == lists_.end()) {
          return Status::InvalidArgument("unknown lexicon section '" + std::string(name.substr(5)) + "'");
        }
        std::vector<std::string> words(it->second.begin(), it->second.end());
        std::sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
          return a.size() != b.size() ? a.size() > b.size() : a < b;
        });
        out->append("(?:");
        for (size_t k = 0; k < words.size(); ++k) {
          if (k > 0) out->push_back('|');
          out->append(Quote(words[k]));
        }
        out->append(")");
      } else {
        auto it = macros.find(name);
        if (it == macros.end()) return Status::InvalidArgument("unknown macro '" + std::string(name) + "'");
        out->append("(?:").append(it->second).append(")");
      }
      i = close;
    }
    return Status::Ok();
  };
  Status s = pattern_file::ForEachLine(f, [&](int, std::string_view line) -> Status {
    std::vector<std::string_view> head = Split(line.substr(0, line.find('=')), " \t");
    size_t eq = line.find('=');
    if (eq == std::string_view::npos || head.size() != 2 || (head[0] != "define" && head[0] != "rule")) {
      return Status::InvalidArgument("expected 'define NAME = REGEX' or 'rule NAME = REGEX'");
    }
    std::string name(head[1]);
    // Regex bodies are normalized like text, so they can be written with
    // hamza and diacritics; the normalizer keeps ASCII syntax as is.
    std::string body = FoldNonAscii(Trim(line.substr(eq + 1)), norm);
    std::string expanded;
    Status st = expand(body, &expanded);
    if (!st.ok()) return st;
    if (head[0] == "define") {
      if (!macros.emplace(name, expanded).second) return Status::InvalidArgument("duplicate macro '" + name + "'");
      RE2 check("(?:" + expanded + ")", RuleOptions());
      if (!check.ok()) return Status::InvalidArgument("macro '" + name + "': " + check.error());
      return Status::Ok();
    }
    auto re = std::make_unique<RE2>(expanded, RuleOptions());
    if (!re->ok()) return Status::InvalidArgument("rule '" + name + "': " + re->error());
    if (!rules_.emplace(name, std::move(re)).second) return Status::InvalidArgument("duplicate rule '" + name + "'");
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (const std::string& required : RequiredRules()) {
    if (rules_.find(required) == rules_.end()) {
      return Status::InvalidArgument(f.name + ": missing rule '" + required + "'");
    }
  }
  clause_end_ = std::make_unique<RE2>(
      "(?:" + rule("clause_stop")->pattern() + ")|(?:" + rule("trailing_meta")->pattern() + ")", RuleOptions());
  if (!clause_end_->ok()) {
    return Status::InvalidArgument(f.name + ": rules clause_stop and trailing_meta together: " + clause_end_->error());
  }
  return Status::Ok();
}

Status PatternSet::BuildCueIndex() {
  static constexpr std::string_view kProclitics[] = {"", "و", "ف", "وف", "فو"};
  // ل of purpose before a present form: "عاد السفير ليؤكد أن".
  static constexpr std::string_view kPresentProclitics[] = {"ل", "ول", "فل"};
  static constexpr std::string_view kSuffixes[] = {"", "ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني"};
  // Listed forms first, so that a form never loses to a derived spelling.
  for (const auto& [form, cue] : cues_) cue_words_[form] = CueWord{&cue, 0, false};
  std::vector<std::pair<std::string, CueWord>> others;
  for (const auto& [form, cue] : cues_) {
    bool finite = cue.tense == Tense::kPast || cue.tense == Tense::kPresent;
    for (std::string_view pre : kProclitics) {
      for (std::string_view suf : kSuffixes) {
        if (pre.empty() && suf.empty()) continue;
        if (!suf.empty() && !finite) continue;
        // A plural past drops its final alif before a pronoun: وصفوا ->
        // وصفوه، اعتبروها. Only the third person's: "تابعونا" is a page's
        // "follow us".
        const bool third_person = suf.starts_with("ه");
        const std::string_view stem =
            third_person && form.ends_with("وا") ? std::string_view(form).substr(0, form.size() - 2) : form;
        std::string word = std::string(pre) + std::string(stem) + std::string(suf);
        const CueWord derived{&cue, static_cast<uint8_t>(pre.size()), !suf.empty()};
        const CueWord* listed = cue_words_.Find(word);
        if (listed == nullptr) {
          cue_words_[word] = derived;
        } else if (listed->form->lemma != cue.lemma && listed->other == nullptr && listed->proclitic_bytes == 0) {
          others.emplace_back(word, derived);  // a listed form that is also a proclitic + another verb
        }
      }
    }
  }
  for (const auto& [form, cue] : cues_) {
    if (cue.tense != Tense::kPresent) continue;
    for (std::string_view pre : kPresentProclitics) {
      std::string word = std::string(pre) + form;
      if (cue_words_.Find(word) == nullptr) cue_words_[word] = CueWord{&cue, static_cast<uint8_t>(pre.size()), false};
    }
  }
  for (auto& [word, reading] : others) {
    CueWord& listed = cue_words_[word];
    if (listed.other != nullptr) continue;
    other_readings_.push_back(reading);
    listed.other = &other_readings_.back();
  }
  return Status::Ok();
}

void PatternSet::BuildFacts() {
  for (const auto& [word, cue] : cue_words_.entries()) facts_[word].cue = &cue;
  const std::vector<std::string>& sections = RequiredSections();
  for (size_t i = 0; i < sections.size(); ++i) {
    const uint32_t bit = uint32_t{1} << i;
    for (const std::string& w : lists_.find(sections[i])->second) {
      facts_[w].lists |= bit;
      facts_[w].lists_stripped |= bit;
      if (w.size() <= 2) continue;
      for (std::string_view pre : {"و", "ف", "ب", "ل"}) facts_[std::string(pre) + w].lists_stripped |= bit;
      if (w.size() > 6 && w.compare(0, 4, "ال") == 0) facts_["لل" + w.substr(4)].lists_stripped |= bit;
      // A source noun's dual heads a subject too (الجامعتان، المسؤولان).
      if (sections[i] == "source_nouns" && w.size() > 4) {
        const bool teh = std::string_view(w).ends_with("ه");  // ة, folded
        const std::string stem = teh ? w.substr(0, w.size() - 2) + "ت" : w;
        for (std::string_view dual : {"ان", "ين"}) facts_[stem + std::string(dual)].lists_stripped |= bit;
      }
    }
  }
  for (const auto& [word, starts] : gazetteer_.first_words().entries()) facts_[word].names = &starts;
}

const CueForm* PatternSet::FindCue(std::string_view word) const {
  auto it = cues_.find(word);
  return it == cues_.end() ? nullptr : &it->second;
}

const PatternSet::CueWord* PatternSet::MatchCueWord(std::string_view word) const {
  return cue_words_.Find(word);
}

bool PatternSet::InList(std::string_view section, std::string_view word) const {
  auto it = lists_.find(section);
  return it != lists_.end() && it->second.find(word) != it->second.end();
}

const re2::RE2* PatternSet::rule(std::string_view name) const {
  auto it = rules_.find(name);
  return it == rules_.end() ? nullptr : it->second.get();
}

}  // namespace qawl
