#include "qawl/evaluation.h"

#include <gtest/gtest.h>

namespace qawl {
namespace {

v1::Quote Pred(const std::string& article, v1::Kind kind, const std::string& text, const std::string& id,
               const std::string& mention) {
  v1::Quote q;
  q.set_article_id(article);
  q.set_kind(kind);
  q.set_text(text);
  q.mutable_speaker()->set_id(id);
  q.mutable_speaker()->set_mention(mention);
  return q;
}

TEST(Evaluate, PairsByTokenOverlapAndChecksSpeakers) {
  std::vector<GoldQuote> gold = {
      {"a", "direct", "نحن مستعدون للحوار مع الجميع", "vladimir-putin", {"بوتين"}, false},
      {"a", "partial", "خطأ فادح", "", {"وزارة الخارجية"}, false},
      {"a", "indirect", "المفاوضات ستبدأ قريبا", "", {"مسؤول"}, false},
      {"a", "partial", "الرفيق", "", {}, true},
  };
  std::vector<v1::Quote> pred = {
      Pred("a", v1::DIRECT, "نحن مستعدون للحوار مع الجميع اليوم", "vladimir-putin", "بوتين"),
      Pred("a", v1::PARTIAL, "خطأ فادح", "", "الخارجية"),
      Pred("a", v1::INDIRECT, "المفاوضات ستبدأ قريبا", "", "مسؤول كبير"),
      Pred("a", v1::PARTIAL, "الرفيق", "", ""),     // optional: neither counts
      Pred("a", v1::DIRECT, "كلام لا وجود له", "", "x"),  // spurious
  };
  EvalResult r = Evaluate(gold, pred);
  EXPECT_EQ(r.direct.gold, 2);
  EXPECT_EQ(r.direct.pred, 3);
  EXPECT_EQ(r.direct.found, 2);
  EXPECT_EQ(r.direct.attributed, 2);
  EXPECT_EQ(r.indirect.gold, 1);
  EXPECT_EQ(r.indirect.attributed, 1);
  EXPECT_NEAR(r.direct.attrib_f1(), 0.8, 1e-9);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("spurious"), std::string::npos);
}

TEST(Evaluate, WrongSpeakerIsFoundButNotAttributed) {
  std::vector<GoldQuote> gold = {{"a", "direct", "سنرد بقوة", "sergei-lavrov", {"لافروف"}, false}};
  EvalResult r = Evaluate(gold, {Pred("a", v1::DIRECT, "سنرد بقوة", "vladimir-putin", "بوتين")});
  EXPECT_EQ(r.direct.found, 1);
  EXPECT_EQ(r.direct.attributed, 0);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("wrong speaker"), std::string::npos);
}

}  // namespace
}  // namespace qawl
