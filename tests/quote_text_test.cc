// AppendQuoteText: one block per quote with speaker, kind, confidence and
// the quote, every article string isolated (U+2068 ... U+2069) and kept on
// its line.
#include "qawl/quote_text.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "qawl/quote_writer.h"
#include "test_util.h"

namespace qawl {
namespace {

constexpr char kFsi[] = "\xE2\x81\xA8";
constexpr char kPdi[] = "\xE2\x81\xA9";

std::string Iso(const std::string& s) { return kFsi + s + kPdi; }

v1::Quote MakeQuote() {
  v1::Quote q;
  q.set_article_id("sample-1");
  q.set_index(2);
  q.set_kind(v1::DIRECT);
  q.set_confidence(0.95f);
  q.set_text("نحن مستعدون للحوار");
  q.mutable_speaker()->set_name("Vladimir Putin");
  q.mutable_speaker()->set_mention("فلاديمير بوتين");
  return q;
}

TEST(QuoteTextTest, BlockWithCanonicalName) {
  std::string out;
  AppendQuoteText(MakeQuote(), &out);
  EXPECT_EQ(out, Iso("sample-1") + " #2  DIRECT  0.95\n" +
                     "  speaker: " + Iso("Vladimir Putin") + "\n" +
                     "  quote:   " + Iso("نحن مستعدون للحوار") + "\n\n");
}

TEST(QuoteTextTest, MentionWhenNoCanonicalNameAndUnknownWhenNeither) {
  v1::Quote q = MakeQuote();
  q.mutable_speaker()->clear_name();
  std::string out;
  AppendQuoteText(q, &out);
  EXPECT_NE(out.find("  speaker: " + Iso("فلاديمير بوتين") + "\n"), std::string::npos) << out;
  q.clear_speaker();
  out.clear();
  AppendQuoteText(q, &out);
  EXPECT_NE(out.find("  speaker: (unknown)\n"), std::string::npos) << out;
}

TEST(QuoteTextTest, LineBreaksAndBidiControlsInsideAreNeutralized) {
  v1::Quote q = MakeQuote();
  // A newline, a tab, U+202E (RLO), U+2066 (LRI) and U+2069 (PDI) inside.
  q.set_text("سطر\nثان\tو\xE2\x80\xAE" "x\xE2\x81\xA6y\xE2\x81\xA9z");
  std::string out;
  AppendQuoteText(q, &out);
  EXPECT_NE(out.find("  quote:   " + Iso("سطر ثان وxyz") + "\n\n"), std::string::npos) << out;
  // Three lines and a blank one: the block keeps its shape.
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4) << out;
}

TEST(QuoteTextTest, ParseFormatAndWriterEncodeText) {
  Format f = Format::kPb;
  ASSERT_TRUE(ParseFormat("text", &f));
  EXPECT_EQ(f, Format::kText);
  std::string encoded, direct;
  QuoteWriter::Encode(MakeQuote(), Format::kText, &encoded);
  AppendQuoteText(MakeQuote(), &direct);
  EXPECT_EQ(encoded, direct);
}

TEST(QuoteTextTest, EverySeedQuoteIsOneBalancedBlock) {
  int blocks = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(QAWL_TEST_DATA) / "seeds")) {
    const std::string text = testing::ReadFile(entry.path());
    for (const v1::Quote& q : testing::ExtractText(text, entry.path().stem().string())) {
      std::string out;
      AppendQuoteText(q, &out);
      EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 4) << "quote " << q.index() << " of " << entry.path();
      size_t fsi = 0, pdi = 0;
      for (size_t at = 0; (at = out.find(kFsi, at)) != std::string::npos; ++at) ++fsi;
      for (size_t at = 0; (at = out.find(kPdi, at)) != std::string::npos; ++at) ++pdi;
      EXPECT_EQ(fsi, pdi) << "quote " << q.index() << " of " << entry.path() << ":\n" << out;
      ++blocks;
    }
  }
  EXPECT_GT(blocks, 10) << "the seed articles should yield quotes";
}

}  // namespace
}  // namespace qawl
