// Discourse: each cue's speaker, with implied subjects, surnames and roles
// linked to the article's sources.
#include "qawl/discourse.h"

#include <gtest/gtest.h>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Norm;
using testing::Stages;

struct SpeakerCase {
  std::string name;
  std::string text;
  std::string cue;       // the cue to check (its first occurrence)
  std::string speaker;   // the mention its speaker carries
  How how;
};

TEST(Discourse, SpeakersOfCues) {
  const SpeakerCase cases[] = {
      {"implied subject is the nearest source", "قال المدرب حسام البدري إن الفريق جاهز.\nوأضاف أن الجماهير ستحضر.",
       "وأضاف", "المدرب حسام البدري", How::kImplied},
      {"feminine verb skips a nearer man",
       "قالت الطبيبة منى حسن إن الوضع صعب. وقال المدير سامر يوسف إن المستشفى ممتلئ.\nوتابعت أن الأدوية نفدت.",
       "وتابعت", "الطبيبة منى حسن", How::kImplied},
      {"surname alone takes the full mention",
       "قال الممرض خالد ديب إن المناوبات طويلة.\nوقال الطبيب سامر يوسف إن المستشفى ممتلئ.\nوأضاف ديب أن الرواتب تأخرت.",
       "وأضاف", "الممرض خالد ديب", How::kExplicit},
      {"role alone names the earlier source of that role",
       "قال المدرب الألماني يورغن بيكر إن الفريق جاهز.\nوقال اللاعب سعود الزهراني إن الروح عالية.\n"
       "وأكد المدرب أن الخطة لن تتغير.",
       "وأكد", "المدرب الألماني يورغن بيكر", How::kExplicit},
      {"a new unknown speaker becomes the implied subject",
       "قال الوزير سامح شكري إن المحادثات مثمرة.\nوقال المحامي خالد أبو بكر إن الموكل بريء.\nوأضاف أن الحكم سيستأنف.",
       "وأضاف", "المحامي خالد أبو بكر", How::kImplied},
      {"a role with a name of its own is not linked",
       "قال النائب فادي خوري إن الموازنة جائرة.\nوسأل النائب سليم الحاج: \"أين خطة الودائع؟\".",
       "وسأل", "النائب سليم الحاج", How::kExplicit},
      {"a role of another body is not linked",
       "قال المتحدث باسم الوزارة إن الخطة جاهزة.\nوقال المتحدث باسم الاتحاد إن القرعة تأجلت.",
       "وقال", "المتحدث باسم الاتحاد", How::kExplicit},
      {"role alone names a person introduced without a cue",
       "عبّر المدرب وليد الشرقاوي عن فخره بلاعبيه.\nوقال اللاعب أمين لحداد إن الفوز مستحق.\n"
       "وأجاب المدرب: \"الفحوصات مطمئنة\".",
       "وأجاب", "المدرب وليد الشرقاوي", How::kExplicit},
      {"role quoted before its holder is named (cataphora)",
       "قال رئيس الهيئة إن نسبة المشاركة بلغت 40 في المئة.\n"
       "وأعلن رئيس الهيئة فاروق بوعسكر أن النتائج ستعلن غدا.",
       "قال", "رئيس الهيئة فاروق بوعسكر", How::kExplicit},
      {"nationality tells two ministers apart",
       "قال وزير الخارجية المصري سامح شكري إن التنسيق مستمر.\nوقال الوزير الأردني إن الشراكة عميقة.",
       "وقال", "الوزير الأردني", How::kExplicit},
      // The verb a participle or a joined verb continues, reporting or not.
      {"participle after a verb of attitude (عبّر عن)",
       "قال رئيس اللجنة إن الرواية جيدة.\nمن جانبه، عبر ناشر الرواية عن سعادته بالفوز، قائلا إن الجائزة مستحقة.",
       "قائلا", "ناشر الرواية", How::kImplied},
      {"a verb joined after a comma takes the sentence's subject",
       "قال رئيس اللجنة إن الرواية جيدة.\nوانتقدت القوات المسلحة السودانية الهجوم، وأكدت أن الرد قادم.",
       "وأكدت", "القوات المسلحة السودانية", How::kImplied},
      {"not after a verb with an object pronoun: the object answers",
       "قال الوزير محمد ولد الشيخ إن اللقاحات متوفرة.\nوسأله أحد الصحفيين عن المخزون، فأجاب بأن المخزون يكفي.",
       "فأجاب", "الوزير محمد ولد الشيخ", How::kImplied},
      {"the asker does not answer",
       "قال المدرب يورغن بيكر: \"نحن جاهزون\".\nوسأل أحد الصحفيين المدرب الألماني: «هل أنت مهدد؟»، فرد ضاحكا: «هذه كرة القدم».",
       "فرد", "المدرب يورغن بيكر", How::kImplied},
      {"a role noun alone names the phrase it heads",
       "وقال البنك في بيان إن القرار متوقع.\nوقال مصرفيون في بنوك خاصة إن الطلب ضعيف.", "وقال", "البنك",
       How::kExplicit},
      {"the one asked (passive) answers",
       "قال الوزير سامح شكري إن المحادثات مثمرة.\nوسئلت الوزيرة منى حسن عن الموعد فأجابت بأن القرار قريب.",
       "فأجابت", "الوزيرة منى حسن", How::kImplied},
  };
  for (const SpeakerCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    const int i = s.Cue(c.cue);
    ASSERT_GE(i, 0) << "no cue " << c.cue;
    EXPECT_EQ(s.SpeakerOf(i), Norm(c.speaker));
    EXPECT_EQ(static_cast<int>(s.discourse.speaker(static_cast<size_t>(i)).how), static_cast<int>(c.how));
  }
}

TEST(Discourse, ObjectOfAVerbWithoutSpeechIsNotRemembered) {
  // "أعلن النادي إنهاء التعاقد": إنهاء التعاقد is the object; the implied
  // subject after it is still the earlier speaker.
  Stages s("قال المدرب حسام البدري إن الفريق جاهز.\nوأعلن إنهاء التعاقد مع اللاعب.\nوأضاف أن الجماهير ستحضر.");
  const int i = s.Cue("وأضاف");
  ASSERT_GE(i, 0);
  EXPECT_EQ(s.SpeakerOf(i), Norm("المدرب حسام البدري"));
}

TEST(Discourse, TitleResolvesToTheGazetteerPerson) {
  Stages s("وقال المتحدث باسم الكرملين للصحفيين إن موسكو لم تتلق أي رد.");
  const Attributed& a = s.discourse.speaker(0);
  ASSERT_GE(a.speaker.entity, 0);
  EXPECT_EQ(s.view.gazetteer().entity(a.speaker.entity).id, "dmitry-peskov");
  EXPECT_EQ(static_cast<int>(a.how), static_cast<int>(How::kTitle));
}

}  // namespace
}  // namespace qawl
