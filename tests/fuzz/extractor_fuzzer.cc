// Fuzzes the whole extractor (extractor.h) with the embedded patterns on
// arbitrary bytes as an article's text. Checked for every record:
//   * the quote, mention and cue spans lie inside the article, begin <= end;
//   * each text equals SanitizeUtf8 of the original bytes its span covers,
//     and is well-formed UTF-8;
//   * kind is DIRECT, PARTIAL or INDIRECT, confidence is in [0, 1], the
//     index counts 0, 1, 2, ... and records come in text order;
//   * article_id, url and date are copied from the article.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "qawl/extractor.h"
#include "qawl/normalizer.h"
#include "qawl/pattern_set.h"

namespace {

const qawl::Extractor& GetExtractor() {
  static const qawl::PatternSet* patterns = [] {
    std::unique_ptr<qawl::PatternSet> p = qawl::PatternSet::LoadEmbedded();
    QAWL_FUZZ_CHECK(p->ok(), "embedded patterns: %s", p->error().c_str());
    return p.release();
  }();
  static const qawl::Extractor* extractor = new qawl::Extractor(patterns);
  return *extractor;
}

void CheckSlice(std::string_view original, uint32_t begin, uint32_t end,
                const std::string& text, const char* what, uint32_t index) {
  QAWL_FUZZ_CHECK(begin <= end && end <= original.size(),
                  "record %u: %s span [%u,%u) outside the article of %zu bytes", index, what,
                  begin, end, original.size());
  std::string expected = qawl::SanitizeUtf8(original.substr(begin, end - begin));
  QAWL_FUZZ_CHECK(text == expected, "record %u: %s text (%zu bytes) != span [%u,%u) (%zu bytes)",
                  index, what, text.size(), begin, end, expected.size());
  QAWL_FUZZ_CHECK(qawl_fuzz::WellFormedUtf8(text), "record %u: %s text is not UTF-8", index,
                  what);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const qawl::Extractor& extractor = GetExtractor();
  qawl::v1::Article article;
  article.set_id("fuzz");
  article.set_url("u");
  article.set_date("d");
  article.set_text(std::string(reinterpret_cast<const char*>(data), size));
  const std::string_view original = article.text();

  std::vector<qawl::v1::Quote> quotes;
  extractor.Extract(article, &quotes);

  uint32_t last_begin = 0;
  for (size_t k = 0; k < quotes.size(); ++k) {
    const qawl::v1::Quote& q = quotes[k];
    const auto index = static_cast<uint32_t>(k);
    QAWL_FUZZ_CHECK(q.index() == index, "record %u has index %u", index, q.index());
    QAWL_FUZZ_CHECK(q.article_id() == "fuzz" && q.url() == "u" && q.date() == "d",
                    "record %u: article fields not copied", index);
    QAWL_FUZZ_CHECK(q.kind() == qawl::v1::DIRECT || q.kind() == qawl::v1::PARTIAL ||
                        q.kind() == qawl::v1::INDIRECT,
                    "record %u: kind %d", index, static_cast<int>(q.kind()));
    QAWL_FUZZ_CHECK(q.confidence() >= 0.0f && q.confidence() <= 1.0f,
                    "record %u: confidence %f", index, static_cast<double>(q.confidence()));
    QAWL_FUZZ_CHECK(!q.rule().empty(), "record %u: no rule", index);
    CheckSlice(original, q.span().begin(), q.span().end(), q.text(), "quote", index);
    QAWL_FUZZ_CHECK(q.span().begin() < q.span().end(), "record %u: empty quote span", index);
    QAWL_FUZZ_CHECK(q.span().begin() >= last_begin, "record %u begins at %u, before %u",
                    index, q.span().begin(), last_begin);
    last_begin = q.span().begin();
    if (q.has_speaker() && q.speaker().has_mention_span()) {
      CheckSlice(original, q.speaker().mention_span().begin(), q.speaker().mention_span().end(),
                 q.speaker().mention(), "mention", index);
    }
    QAWL_FUZZ_CHECK(qawl_fuzz::WellFormedUtf8(q.speaker().title()),
                    "record %u: speaker title is not UTF-8", index);
    if (q.has_cue()) {
      CheckSlice(original, q.cue().span().begin(), q.cue().span().end(), q.cue().text(), "cue",
                 index);
    }
  }
  return 0;
}
