// CueSet: reporting cues and the frame after each.
#include "qawl/cues.h"

#include <gtest/gtest.h>

#include <span>
#include <string>

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
      // Every shape of the complementizer, past the filter in front of the rule.
      {"bi-anna", "وصرح الوزير بأن الفريق جاهز.", "وصرح", Boundary::kComplementizer},
      {"anna + pronoun", "وأكد الوزير أنهم جاهزون.", "وأكد", Boundary::kComplementizer},
      {"bi-anna + dual pronoun", "وصرح الوزير بأنهما جاهزان.", "وصرح", Boundary::kComplementizer},
      {"inna + first person", "وقال الوزير إني جاهز.", "وقال", Boundary::kComplementizer},
      {"inna + ni", "وقال الوزير إنني جاهز.", "وقال", Boundary::kComplementizer},
      {"ala anna", "وشدد الوزير على أنها جاهزة.", "وشدد", Boundary::kComplementizer},
      {"min anna", "وحذر الوزير من أن الوضع صعب.", "وحذر", Boundary::kComplementizer},
      // Words that open like one: the frame runs on to the sentence's end.
      {"intikhabat", "وقال الوزير انتخابات الفريق جاهزة.", "وقال", Boundary::kEnd},
      {"min ajl", "وقال الوزير من اجل الفريق.", "وقال", Boundary::kEnd},
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
  // رؤية folds to رويه, روى with an object pronoun: a noun all the same.
  Stages vision("وقال الوزير إن رؤية الحكومة واضحة.");
  EXPECT_EQ(vision.Cue("رؤية"), -1);
  EXPECT_EQ(vision.view.cue_tokens().size(), 1u);
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
  // Right after its noun: the subject unless the verb's object pronoun is
  // the relative's own (a resumptive pronoun: the noun is the object).
  struct RelativeCase {
    std::string text;
    std::string cue;
    bool subject;
  };
  const RelativeCase cases[] = {
      {"وانتقدت المعارضة التي وصفت البرنامج بـ\"الفاشل\" الحكومة.", "وصفت", true},
      {"وانتقدت المعارضة التي وصفته بـ\"الفاشل\" الحكومة.", "وصفته", true},
      {"ونشر الموقع التصريح الذي قاله الوزير أمس.", "قاله", false},
  };
  for (const RelativeCase& c : cases) {
    SCOPED_TRACE(c.text);
    Stages s(c.text);
    const int k = s.Cue(c.cue);
    ASSERT_GE(k, 0);
    EXPECT_EQ(s.cues.cue(static_cast<size_t>(k)).relative_subject, c.subject);
  }
}

// Forms marked "?" in verbs.txt are cues only where they open a clause and
// report.
// Whether `word` of `text` is a cue.
struct IsCueCase {
  std::string text;
  std::string word;
  bool cue;
};

void ExpectCues(std::span<const IsCueCase> cases) {
  for (const IsCueCase& c : cases) {
    SCOPED_TRACE(c.text);
    Stages s(c.text);
    EXPECT_EQ(s.Cue(c.word) >= 0, c.cue) << c.word;
  }
}

TEST(Cues, GuardedFormsOnlyWhereTheyReport) {
  const IsCueCase cases[] = {
      {"وبيّن مدير الخدمات في تصريح صحفي أن التطبيق مجاني.", "وبيّن", true},
      {"بيّن: التطبيق مجاني.", "بيّن", true},
      {"وزاد المدرب أن اللاعبين تعبوا.", "وزاد", true},
      {"وزاد: \"اللاعبون تعبوا\".", "وزاد", true},
      {"وجرى اللقاء بين الوزيرين أمس.", "بين", false},
      {"وبين الطرفين خلاف قديم على أن الاتفاق لم يطبق.", "وبين", false},
      {"وزادت الأسعار بنسبة عشرة في المئة.", "وزادت", false},
      {"وقال إن الفرق بين الفريقين أن الأول أسرع.", "بين", false},
      // Before a participle after a comma, or an answer, a guarded verb
      // carries the subject they continue.
      {"وعبر الناشر عن سعادته، قائلا إن الجائزة مستحقة.", "وعبر", true},
      {"ونشر صورا عبر حسابه، قائلا إن الجائزة مستحقة.", "عبر", false},
      {"وعبر منصة إكس، قال الوزير إن القرار نهائي.", "وعبر", false},
      {"وعبرت الشاحنات الحدود أمس.", "وعبرت", false},
      {"وثمن الوزير الجهود، مؤكدا أنها كبيرة.", "وثمن", true},
      {"وارتفع ثمن الخبز، مؤكدا أن التضخم مستمر.", "ثمن", false},
      {"وسئل الوزير عن الموعد فرد: \"قريبا\".", "وسئل", true},
      {"وسئل الوزير عن الموعد فرد: \"قريبا\".", "فرد", true},
      {"وجرف سيل الوادي ثلاث سيارات.", "سيل", false},
      {"وقال الوزير إن الرد سيكون حازما.", "الرد", false},
      {"وأبرز الوزير أن المشروع متوازن، مسجلا أن الحكومة تفاعلت.", "مسجلا", true},
      {"وبلغ عدد الحالات المسجلة 34 حالة مسجلة في الشمال.", "مسجلة", false},
      {"وسجل المنتخب ثلاثة أهداف.", "وسجل", false},
      // Before a participle, only joined, opening the sentence, after its
      // opening phrase or after a quotation: after another comma a verbal
      // noun.
      {"من جهته، ردّ المدرب على الانتقادات قائلا: \"سنعود\".", "ردّ", true},
      {"«تعبت كثيرا»، يروي العامل، مؤكدا أنه لن يعود.", "يروي", true},
      {"وكان الادعاء قد التمس، خلال الجلسة، رفض الطلب، معتبرا أن الأدلة كافية.", "رفض", false},
  };
  ExpectCues(cases);
  // The frame of the cue before a dropped one runs on past it.
  Stages s("وقال الوزير بين جلستين إن الاتفاق قريب.");
  const int i = s.Cue("وقال");
  ASSERT_GE(i, 0);
  EXPECT_EQ(static_cast<int>(s.cues.frame(static_cast<size_t>(i)).boundary),
            static_cast<int>(Boundary::kComplementizer));
}

TEST(Cues, NounAfterMasdarMarkerOrNumeral) {
  const IsCueCase cases[] = {
      {"وأكد مسؤولون، فضلوا عدم ذكر أسمائهم، أن البنوك بدأت المراجعة.", "ذكر", false},
      {"وقالت إنها اشترت سبعة كتب هذا العام.", "كتب", false},
      {"وقالت إنها اشترت 7 كتب هذا العام.", "كتب", false},
      {"وكتب الوزير على حسابه أن القرار نهائي.", "وكتب", true},
      {"2024-07-18 | 10:05\nأكد المتحدث أن الساعات ستتحسن.", "أكد", true},
      // A participle after the subject of an أن clause is its predicate.
      {"وأضافت النائبة أن الحكومة مطالبة بخطة عاجلة.", "مطالبة", false},
      {"وانتقد النائب الحكومة، مطالبا بخطة عاجلة.", "مطالبا", true},
      // After a preposition or a determiner, a verbal noun.
      {"وقالت الناطقة في إفادتها الأسبوعية إن المحادثات متعثرة.", "إفادتها", false},
      {"وقالت الوزارة إن أي نقل للأسلحة مرفوض.", "نقل", false},
      {"ونقل الموقع عن مصدر قوله إن الاجتماع انتهى.", "ونقل", true},
  };
  ExpectCues(cases);
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
