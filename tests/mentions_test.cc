// MentionSet: who each cue's sentence names as its subject.
#include "qawl/mentions.h"

#include <gtest/gtest.h>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Norm;
using testing::Stages;

struct MentionCase {
  std::string name;
  std::string text;
  std::string cue;
  MentionSite site;
  std::string mention;  // "" for none
  std::string entity = "";
};

TEST(Mentions, SubjectsByStructureNotByHeadNoun) {
  const MentionCase cases[] = {
      {"unknown role and name after the verb", "وقال المدرب حسام البدري: \"الفريق جاهز\".", "وقال",
       MentionSite::kSubject, "المدرب حسام البدري"},
      {"ends before an occasion", "وقال المهندس عمر الخطيب خلال مؤتمر صحفي إن الأشغال ستنتهي.", "وقال",
       MentionSite::kSubject, "المهندس عمر الخطيب"},
      {"ends before an addressee", "وقالت الطبيبة منى حسن للصحفيين إن الوضع صعب.", "وقالت", MentionSite::kSubject,
       "الطبيبة منى حسن"},
      {"ends before a comma (apposition)", "وقال جورج نصار، رئيس الجمعية، إن الوضع صعب.", "وقال",
       MentionSite::kSubject, "جورج نصار"},
      {"plural with nisba", "وقالت مصادر طبية إن الحالة مستقرة.", "وقالت", MentionSite::kSubject, "مصادر طبية"},
      {"gazetteer name", "وقال وزير الخارجية الروسي سيرغي لافروف إن الحوار ممكن.", "وقال", MentionSite::kSubject,
       "سيرغي لافروف", "sergei-lavrov"},
      {"a circumstance is not a subject", "وأضاف في هذا الصدد أن الحوار ممكن.", "وأضاف", MentionSite::kNone, ""},
      {"a participle takes no subject", "داعيا الحكومة إلى \"إعادة النظر\".", "داعيا", MentionSite::kNone, ""},
      {"object of a verb of description", "ووصفت الهجوم على المحطة بأنه \"عمل جبان\".", "ووصفت",
       MentionSite::kNone, ""},
      {"subject of a verb of description before أن", "واعتبر المدرب الوزاني أن فريقه ظلم.", "واعتبر",
       MentionSite::kSubject, "المدرب الوزاني"},
      {"preposed with apposition", "المواطنة هيام سليمان، موظفة في مصرف، قالت: \"الخدمة جيدة\".", "قالت",
       MentionSite::kPreposed, "المواطنة هيام سليمان"},
      {"antecedent of a relative clause", "\"السوق ستبقى\"، بحسب حيدر الساعدي، الذي شدد على أن الثقة هي الحل.",
       "شدد", MentionSite::kRelative, "حيدر الساعدي"},
      {"subject of the sentence's first verb", "هاجم النائب فادي خوري المشروع بشدة، وقال: \"لن نقبل\".", "وقال",
       MentionSite::kSentence, "النائب فادي خوري"},
      {"نقل عن X قوله", "ونقلت الوكالة عن مسؤول في الوزارة قوله إن الخطة جاهزة.", "قوله", MentionSite::kNounCue,
       "مسؤول في الوزارة"},
      {"ends before a relative clause known by عدم",
       "وقال مسؤول أمريكي طلب عدم الكشف عن هويته لوكالة فرانس برس إن الاتفاق قريب.", "وقال",
       MentionSite::kSubject, "مسؤول أمريكي"},
      {"a name behind ل is the addressee", "وقال لرويترز مسؤول كبير إن الاتفاق قريب.", "وقال",
       MentionSite::kSubject, "مسؤول كبير"},
      {"a statement's issuer after ل", "وقال بيان لوزارة الصحة إن الإصابات ارتفعت.", "وقال",
       MentionSite::kSubject, "وزارة الصحة"},
      // Where a subject ends before the object of a verb that takes one.
      {"subject before a بال complement", "ورحب ناشر الرواية بالفوز، مؤكدا أن الجائزة مستحقة.", "ورحب",
       MentionSite::kSubject, "ناشر الرواية"},
      {"participle's complement is the role's", "ورحب الوزير المكلف بالملف بالقرار.", "ورحب",
       MentionSite::kSubject, "الوزير المكلف بالملف"},
      {"feminine head before a masculine object", "وأدانت الخارجية الهجوم، مؤكدة أنه مرفوض.", "وأدانت",
       MentionSite::kSubject, "الخارجية"},
      {"feminine head, its adjectives, then the object", "وانتقدت المحكمة العليا القرار بشدة.", "وانتقدت",
       MentionSite::kSubject, "المحكمة العليا"},
      {"a nisba agrees and stays", "وأدانت الخارجية المصرية الهجوم بشدة.", "وأدانت", MentionSite::kSubject,
       "الخارجية المصرية"},
      {"the one asked follows the asker", "وسأل أحد الصحفيين المدرب الألماني: «هل أنت مهدد؟»", "وسأل",
       MentionSite::kSubject, "أحد الصحفيين"},
      {"an accusative alone is a circumstance", "فرد ضاحكا: «هذه كرة القدم».", "فرد", MentionSite::kNone, ""},
      {"a name with a pronoun ending in ا is not one", "وعلق والدهما، المعلم يوسف: «يوم لا ينسى».", "وعلق",
       MentionSite::kSubject, "والدهما"},
      {"a verbal noun in الت after the head and its adjective is the object",
       "وعزا الخبير الاقتصادي التراجع إلى \"ضعف الطلب\".", "وعزا", MentionSite::kSubject, "الخبير الاقتصادي"},
      {"a noun in الت in a construct is not", "وأشادت رئيسة جمعية أولياء التلاميذ بالقرار.", "وأشادت",
       MentionSite::kSubject, "رئيسة جمعية أولياء التلاميذ"},
      {"the sentence's subject for a clause on the object",
       "ونشر الوزير على حسابه تغريدة قال فيها: \"القرار نهائي\".", "قال", MentionSite::kSentence, "الوزير"},
      {"the name علي, written with ي", "وقال الوزير علي حسن إن الحوار مستمر.", "وقال", MentionSite::kSubject,
       "الوزير علي حسن"},
      {"the preposition على", "وقال الوزير على هامش المؤتمر إن الحوار مستمر.", "وقال", MentionSite::kSubject,
       "الوزير"},
      {"a preposition before the quotation is not in the name",
       "وحذر الخبير الاقتصادي علي حسن من «الاعتماد على القروض».", "وحذر", MentionSite::kSubject,
       "الخبير الاقتصادي علي حسن"},
      {"ends before a parenthesis", "وقال محمد (45 عاما)، وهو موظف: \"الرواتب لا تكفي\".", "وقال",
       MentionSite::kSubject, "محمد"},
      {"ends before a parenthesis it leaves open", "وتقول سعاد (45 عاما إن \"الأسعار ارتفعت\".", "وتقول",
       MentionSite::kSubject, "سعاد"},
      {"keeps a parenthesis inside", "وقال محمد (45 عاما) الموظف في البلدية إن الرواتب لا تكفي.", "وقال",
       MentionSite::kSubject, "محمد (45 عاما) الموظف في البلدية"},
      {"كان X، apposition، قد", "وكان محمد أبو تريكة، نجم الأهلي السابق، قد كتب: «كل الدعم».", "كتب",
       MentionSite::kPreposed, "محمد أبو تريكة"},
      {"preposed without its و", "والصيادون في الميناء قالوا إن الأسماك قلت.", "قالوا", MentionSite::kPreposed,
       "الصيادون في الميناء"},
      {"antecedent without a cut relative", "والصيادون الذين تحدثوا لـ«البحر اليوم» قالوا إن الأسماك قلت.",
       "تحدثوا", MentionSite::kRelative, "الصيادون"},
      {"relative's antecedent is the nearest name", "والتقى الوزير خالد حسن نظيره الأردني سامر يوسف، الذي قال إن العلاقات ممتازة.",
       "قال", MentionSite::kRelative, "نظيره الأردني سامر يوسف"},
      {"verb in a relative on ما takes the sentence's subject",
       "واستدعت الوزارة السفير، احتجاجا على ما وصفته بـ\"التعاون غير المشروع\".", "وصفته",
       MentionSite::kSentence, "الوزارة"},
      {"plural verb in a relative on ما",
       "دخل عمال المستشفى، أمس، في إضراب، احتجاجا على ما وصفوه بـ\"التماطل\".", "وصفوه",
       MentionSite::kSentence, "عمال المستشفى"},
  };
  for (const MentionCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    const int i = s.Cue(c.cue);
    ASSERT_GE(i, 0) << "no cue " << c.cue;
    const CueMention& m = s.mentions.of_cue(static_cast<size_t>(i));
    EXPECT_EQ(static_cast<int>(m.site), static_cast<int>(c.site));
    if (c.mention.empty()) {
      EXPECT_FALSE(m.mention.has_value());
      continue;
    }
    ASSERT_TRUE(m.mention.has_value());
    EXPECT_EQ(s.Text(m.mention->span), Norm(c.mention));
    if (!c.entity.empty()) {
      ASSERT_GE(m.mention->entity, 0);
      EXPECT_EQ(s.view.gazetteer().entity(m.mention->entity).id, c.entity);
    }
  }
}

TEST(Mentions, SpeakerOnlyWhenNothingButCircumstancesFollow) {
  Stages whole("وقال الوزير للصحفيين اليوم \"الوضع مستقر\".");
  ASSERT_GE(whole.Cue("وقال"), 0);
  EXPECT_TRUE(whole.mentions.of_cue(0).speaker_only);
  Stages partial("وقال الوزير إن الوضع الذي وصفه المراقبون بالخطير في بعض المناطق النائية من البلاد \"مستقر\".");
  ASSERT_GE(partial.Cue("وقال"), 0);
  EXPECT_TRUE(partial.mentions.of_cue(0).speaker_only);  // up to the complementizer
}

TEST(Mentions, TheOneAskedAfterTheAsker) {
  const struct {
    std::string text;
    std::string cue;
    std::string asker;
    std::string addressee;  // "" for none
  } cases[] = {
      {"وسأل صحفي المتحدث باسم الوزارة عن الموعد، فأجاب: \"قريبا\".", "وسأل", "صحفي", "المتحدث باسم الوزارة"},
      {"وسألت رئيسة المحكمة، القاضية ندى سالم، الطبيب المتهم: \"هل راجعت الملف؟\"، فأجاب: \"نعم\".", "وسألت",
       "رئيسة المحكمة", "الطبيب المتهم"},
      {"وسأله صحفي عن الموعد، فأجاب: \"قريبا\".", "وسأله", "صحفي", ""},
      {"وسأل صحفي عن الموعد، فأجاب الوزير: \"قريبا\".", "وسأل", "صحفي", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    Stages s(c.text);
    const int i = s.Cue(c.cue);
    ASSERT_GE(i, 0);
    const CueMention& m = s.mentions.of_cue(static_cast<size_t>(i));
    ASSERT_TRUE(m.mention.has_value());
    EXPECT_EQ(s.Text(m.mention->span), Norm(c.asker));
    if (c.addressee.empty()) {
      EXPECT_FALSE(m.addressee.has_value());
    } else {
      ASSERT_TRUE(m.addressee.has_value());
      EXPECT_EQ(s.Text(m.addressee->span), Norm(c.addressee));
    }
  }
}

TEST(Mentions, PersonIntroducedInTheSentenceBefore) {
  Stages s("وجلست أم سامي قرب الباب. \"ننتظر منذ الفجر\"، قالت.");
  const int i = s.Cue("قالت");
  ASSERT_GE(i, 0);
  const CueMention& m = s.mentions.of_cue(static_cast<size_t>(i));
  EXPECT_EQ(static_cast<int>(m.site), static_cast<int>(MentionSite::kIntroduced));
  ASSERT_TRUE(m.mention.has_value());
  EXPECT_EQ(s.Text(m.mention->span), Norm("أم سامي"));
}

TEST(Mentions, PresentTenseStatementVerbHasNoImpliedSubject) {
  Stages s("وتشير التقديرات إلى أن الأسعار سترتفع. وتفيد بأن المخزون كاف.");
  const int i = s.Cue("وتفيد");
  ASSERT_GE(i, 0);
  EXPECT_TRUE(s.mentions.of_cue(static_cast<size_t>(i)).no_implied);
}

TEST(Mentions, SourceAfterConnector) {
  Stages s("\"السوق ستتعافى\"، بحسب الخبير الاقتصادي سمير نادر، في حديث للإذاعة.");
  size_t connector = s.view.token_count();
  for (size_t t = 0; t < s.view.token_count(); ++t) {
    if (s.view.Word(t) == Norm("بحسب")) connector = t;
  }
  ASSERT_LT(connector, s.view.token_count());
  auto m = s.mentions.SourceAfterConnector(connector);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(s.Text(m->span), Norm("الخبير الاقتصادي سمير نادر"));
  // A channel in a label noun is not a source.
  Stages channel("\"السوق ستتعافى\"، بحسب وكالة الأنباء.");
  for (size_t t = 0; t < channel.view.token_count(); ++t) {
    if (channel.view.Word(t) == Norm("بحسب")) {
      EXPECT_FALSE(channel.mentions.SourceAfterConnector(t).has_value());
    }
  }
  // Before the clause it reports, the agency is the source; a plan is not.
  Stages fronted("وبحسب وكالة الأنباء، فإن السوق ستتعافى. وبحسب الخطة، فإن المشروع سينتهي.");
  int sources = 0;
  for (size_t t = 0; t < fronted.view.token_count(); ++t) {
    if (fronted.view.Word(t) != Norm("وبحسب")) continue;
    auto source = fronted.mentions.SourceAfterConnector(t, /*label_source=*/true);
    if (!source) continue;
    ++sources;
    EXPECT_EQ(fronted.Text(source->span), Norm("وكالة الأنباء"));
  }
  EXPECT_EQ(sources, 1);
}

}  // namespace
}  // namespace qawl
