// Constructions: the rule that turns each frame into records.
#include "qawl/constructions.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Norm;
using testing::Stages;

struct RuleCase {
  std::string name;
  std::string text;
  std::string rule;
  v1::Kind kind;
  std::string record;  // its text
};

TEST(Constructions, EachRuleFires) {
  const RuleCase cases[] = {
      {"colon then quote", "وقال المدرب: \"الفريق جاهز للمباراة\".", "cue_colon_quote", v1::DIRECT,
       "الفريق جاهز للمباراة"},
      {"colon without marks", "وقال المدرب حسام البدري: الفريق جاهز للمباراة المقبلة", "cue_colon_unmarked",
       v1::DIRECT, "الفريق جاهز للمباراة المقبلة"},
      {"quote right after the speaker", "وقال المدرب \"الفريق جاهز للمباراة\".", "cue_quote", v1::DIRECT,
       "الفريق جاهز للمباراة"},
      {"whole clause quoted", "وقال المدرب إن \"الفريق جاهز للمباراة\".", "cue_complementizer_quote", v1::DIRECT,
       "الفريق جاهز للمباراة"},
      {"reported speech", "وقال المدرب إن الفريق جاهز للمباراة.", "cue_complementizer_clause", v1::INDIRECT,
       "الفريق جاهز للمباراة"},
      {"embedded partial, the clause", "وقال المدرب إن فريقه \"جاهز للمباراة\".", "cue_complementizer_clause",
       v1::INDIRECT, "فريقه \"جاهز للمباراة\""},
      {"embedded partial, the quote", "وقال المدرب إن فريقه \"جاهز للمباراة\".", "cue_clause_partial", v1::PARTIAL,
       "جاهز للمباراة"},
      {"speaker after the quote", "\"الفريق جاهز للمباراة\"، قال المدرب حسام البدري.", "quote_then_cue",
       v1::DIRECT, "الفريق جاهز للمباراة"},
      {"source after بحسب", "\"الفريق جاهز للمباراة\"، بحسب المدرب حسام البدري.", "quote_then_source", v1::DIRECT,
       "الفريق جاهز للمباراة"},
      {"continuation", "وقال المدرب: \"الفريق جاهز للمباراة\".\n\"ونحن نحترم المنافس كثيرا ونعرف قوته جيدا\".",
       "continuation", v1::DIRECT, "ونحن نحترم المنافس كثيرا ونعرف قوته جيدا"},
      {"headline", "الكرملين: لا خطط لعقد قمة مع واشنطن\nأكدت موسكو استعدادها للحوار.", "headline_name_colon",
       v1::DIRECT, "لا خطط لعقد قمة مع واشنطن"},
  };
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    const std::vector<Record>& records = s.constructions.records();
    auto it = std::find_if(records.begin(), records.end(), [&](const Record& r) {
      return std::string(r.rule) == c.rule && r.kind == c.kind && s.Text(r.text) == Norm(c.record);
    });
    std::string got;
    for (const Record& r : records) got += std::string(r.rule) + " '" + s.Text(r.text) + "'\n";
    EXPECT_NE(it, records.end()) << "got:\n" << got;
  }
}

TEST(Constructions, InterviewAnswersAreTheOneSpokenTo) {
  Stages s(
      "وقال الجيش إن الهجوم صد.\n"
      "وللوقوف على الوضع، تحدثت \"الصحيفة\" عبر الهاتف إلى الطبيبة سلمى عادل، مديرة المستشفى الميداني:\n"
      "\n"
      "س: ما الوضع اليوم؟\n"
      "ج: نستقبل عشرات الجرحى كل يوم.");
  bool found = false;
  for (const Record& r : s.constructions.records()) {
    if (std::string(r.rule) != "interview_answer") continue;
    found = true;
    EXPECT_EQ(s.Text(r.text), Norm("نستقبل عشرات الجرحى كل يوم"));
    EXPECT_EQ(s.Text(r.who.speaker.span), Norm("الطبيبة سلمى عادل"));
  }
  EXPECT_TRUE(found);
}

TEST(Constructions, InterviewAnswersOfTheOneQuestionsArePutTo) {
  Stages s(
      "وقال الوزير إن التحقيق مستمر.\n"
      "وفي حديث مع الشروق، طرحنا على رئيس الفيدرالية الجزائرية لأولياء التلاميذ، أحمد خالدي، ثلاثة أسئلة:\n"
      "س: هل تطالبون بإعادة الامتحان؟\n"
      "ج: لا نطالب بالإعادة.");
  bool found = false;
  for (const Record& r : s.constructions.records()) {
    if (std::string(r.rule) != "interview_answer") continue;
    found = true;
    EXPECT_EQ(s.Text(r.text), Norm("لا نطالب بالإعادة"));
    EXPECT_EQ(s.Text(r.who.speaker.span), Norm("رئيس الفيدرالية الجزائرية لأولياء التلاميذ"));
  }
  EXPECT_TRUE(found);
}

TEST(Constructions, InterviewAnswersAreTheIntervieweesWords) {
  Stages s(
      "تحدث المهندس سالم المري، الرئيس التنفيذي للشركة، عن خطط التوسع.\n"
      "س: هل لديكم خطط للتوسع خارج قطر؟\n"
      "ج: نعم، نعمل على افتتاح مكتبين قبل نهاية السنة.\n"
      "وأريد أن أوضح أن التوسع لن يكون على حساب الجودة.\n"
      "س: وما رسالتكم للمستثمرين؟\n"
      "ج: “السوق مستقرة والفرص موجودة”.");
  std::vector<std::string> answers;
  for (const Record& r : s.constructions.records()) {
    EXPECT_EQ(std::string(r.rule), "interview_answer") << s.Text(r.text);
    EXPECT_EQ(s.Text(r.who.speaker.span), Norm("المهندس سالم المري"));
    answers.push_back(s.Text(r.text));
  }
  EXPECT_EQ(answers, (std::vector<std::string>{Norm("نعم، نعمل على افتتاح مكتبين قبل نهاية السنة"),
                                               Norm("وأريد أن أوضح أن التوسع لن يكون على حساب الجودة"),
                                               Norm("السوق مستقرة والفرص موجودة")}));
}

// A transcript with each turn labelled: the label whose paragraphs ask is
// the interviewer's; the other's paragraphs, and an unlabelled one after
// them, are the interviewee's answers. A label that opens one paragraph
// (the headline) or times in a live blog make no transcript.
TEST(Constructions, LabelledTranscriptAnswers) {
  Stages s(
      "وزيرة الصحة لـ«الصحيفة»: لن نغلق المستشفيات\n"
      "وقالت وزيرة الصحة ليلى حداد في حوار مع «الصحيفة» إن الخطة جاهزة.\n"
      "«الصحيفة»: هل ستغلقون المستشفيات الصغيرة؟\n"
      "الوزيرة: لا، سندمجها في شبكة واحدة.\n"
      "وأضيف أن الدمج سيتم على مراحل.\n"
      "«الصحيفة»: ومتى تبدأ المرحلة الأولى؟\n"
      "الوزيرة: في الربيع المقبل.");
  std::vector<std::string> answers;
  for (const Record& r : s.constructions.records()) {
    if (std::string(r.rule) != "interview_answer") continue;
    EXPECT_EQ(s.Text(r.who.speaker.span), Norm("وزيرة الصحة ليلى حداد"));
    answers.push_back(s.Text(r.text));
  }
  EXPECT_EQ(answers, (std::vector<std::string>{Norm("لا، سندمجها في شبكة واحدة"), Norm("وأضيف أن الدمج سيتم على مراحل"),
                                               Norm("في الربيع المقبل")}));
  Stages live(
      "10:45: قال الدفاع المدني إن النيران امتدت.\n"
      "11:30: قال الدفاع المدني إن النيران حوصرت؟\n"
      "12:15: وأعلن المحافظ أن الطرق فتحت.");
  for (const Record& r : live.constructions.records()) EXPECT_NE(std::string(r.rule), "interview_answer");
}

TEST(Constructions, DocumentsAndNamesAreNotQuoted) {
  const std::string texts[] = {
      "وجاء في التقرير أن \"الوضع يتدهور بسرعة كبيرة في المنطقة\".",
      "وأطلقت الوزارة مبادرة \"كل طفل محمي\" في المدارس.",
  };
  for (const std::string& text : texts) {
    SCOPED_TRACE(text);
    Stages s(text);
    std::string got;
    for (const Record& r : s.constructions.records()) got += std::string(r.rule) + " '" + s.Text(r.text) + "'\n";
    EXPECT_TRUE(s.constructions.records().empty()) << got;
  }
}

TEST(Constructions, ClauseEndsBeforeAContrastAndTrailingWords) {
  Stages s("وقال المدرب إن الفريق جاهز، فيما قال اللاعب إن الروح عالية.");
  std::vector<std::string> clauses;
  for (const Record& r : s.constructions.records()) {
    if (r.kind == v1::INDIRECT) clauses.push_back(s.Text(r.text));
  }
  EXPECT_EQ(clauses, (std::vector<std::string>{Norm("الفريق جاهز"), Norm("الروح عالية")}));
  Stages meta("وقال المدرب إن الفريق جاهز، بحسب ما نقلت الوكالة.");
  ASSERT_EQ(meta.constructions.records().size(), 1u);
  EXPECT_EQ(meta.Text(meta.constructions.records()[0].text), Norm("الفريق جاهز"));
}

}  // namespace
}  // namespace qawl
