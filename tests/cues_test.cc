// CueSet: reporting cues and the frame after each.
#include "qawl/cues.h"

#include <gtest/gtest.h>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Stages;

struct FrameCase {
  std::string name;
  std::string text;
  std::string cue;  // as written
  Boundary boundary;
};

TEST(Cues, FrameEndsAtTheFirstBoundary) {
  const FrameCase cases[] = {
      {"colon", "وقال المدرب حسام البدري: الفريق قدم مباراة كبيرة.", "وقال", Boundary::kColon},
      {"quotation", "وقال المدرب \"الفريق قدم مباراة كبيرة\".", "وقال", Boundary::kQuote},
      {"complementizer", "وأكد الوزير أن الفريق قدم مباراة كبيرة.", "وأكد", Boundary::kComplementizer},
      {"complementizer with preposition", "وأشار إلى أن الفريق قدم مباراة كبيرة.", "وأشار", Boundary::kComplementizer},
      {"another cue", "وأضاف قائلا: الفريق قدم مباراة كبيرة.", "وأضاف", Boundary::kCue},
      {"end of sentence", "\"الفريق قدم مباراة كبيرة\"، قال المدرب.", "قال", Boundary::kEnd},
      {"label skipped", "وقال لوكالة \"يونهاب\" إن الفريق جاهز.", "وقال", Boundary::kComplementizer},
  };
  for (const FrameCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    const int i = s.Cue(c.cue);
    ASSERT_GE(i, 0) << "no cue " << c.cue;
    EXPECT_EQ(static_cast<int>(s.cues.frame(static_cast<size_t>(i)).boundary), static_cast<int>(c.boundary));
  }
}

TEST(Cues, CuesInsideQuotationsBelongToTheQuote) {
  Stages s("قال الوزير: \"أقول إن الوضع صعب\".");
  EXPECT_EQ(s.cues.size(), 1u);
  EXPECT_EQ(s.Cue("أقول"), -1);
}

TEST(Cues, NounInTehMarbutaIsNotAVerbWithObject) {
  Stages s("وفي إشارة إلى الأزمة تحدث الوزير طويلا.");
  EXPECT_EQ(s.Cue("إشارة"), -1);
}

TEST(Cues, RelativeClauseFlags) {
  Stages by("\"السوق ستبقى\"، بحسب الخبير حيدر الساعدي، الذي شدد على أن الثقة هي الحل.");
  const int i = by.Cue("شدد");
  ASSERT_GE(i, 0);
  EXPECT_TRUE(by.cues.cue(static_cast<size_t>(i)).relative_subject);
  EXPECT_FALSE(by.cues.cue(static_cast<size_t>(i)).after_relative);
  // The verb disagrees with the pronoun: a clause about the antecedent.
  Stages about("ويخشى الغربيون التعاون مع بيونغ يانغ، التي يقولون إنها تزود الجيش بالذخائر.");
  const int j = about.Cue("يقولون");
  ASSERT_GE(j, 0);
  EXPECT_FALSE(about.cues.cue(static_cast<size_t>(j)).relative_subject);
  EXPECT_TRUE(about.cues.cue(static_cast<size_t>(j)).after_relative);
}

TEST(Cues, JoinedAndLookups) {
  Stages s("وقال الوزير إن الخطة جاهزة، مضيفا أن التنفيذ سيبدأ قريبا.");
  ASSERT_EQ(s.cues.size(), 2u);
  EXPECT_TRUE(s.cues.cue(0).joined());
  EXPECT_FALSE(s.cues.cue(1).joined());
  EXPECT_EQ(s.cues.AtToken(s.cues.cue(1).token), 1);
  EXPECT_EQ(s.cues.AtToken(s.cues.cue(1).token + 1), -1);
  EXPECT_EQ(s.cues.FirstAfter(s.cues.cue(0).begin), 1u);
  EXPECT_EQ(s.cues.FirstFrom(s.cues.cue(0).begin), 0u);
  EXPECT_EQ(s.Text(s.cues.Region(s.view, 0)), testing::Norm("الوزير"));
}

}  // namespace
}  // namespace qawl
