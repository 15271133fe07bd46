// ArticleView: tokens, sentences, quotations and labels of one article.
#include "qawl/article_view.h"

#include <gtest/gtest.h>

#include "stage_util.h"

namespace qawl {
namespace {

using testing::Norm;
using testing::Stages;

TEST(ArticleView, TokensAndSentencesOverNormalizedText) {
  Stages s("قالَ الوزيـر: \"الوضع صعب. جداً\". ثم غادر؟ نعم\nفقرة ثانية.");
  const ArticleView& v = s.view;
  ASSERT_GE(v.token_count(), 4u);
  EXPECT_EQ(v.Word(0), Norm("قال"));
  EXPECT_EQ(v.Word(1), Norm("الوزير"));  // tatweel gone
  // The period inside the quotation does not end the writer's sentence.
  const uint32_t inside = static_cast<uint32_t>(v.text().find("صعب"));
  EXPECT_EQ(v.SentenceStart(inside), 0u);
  const uint32_t then = static_cast<uint32_t>(v.text().find(Norm("ثم")));
  EXPECT_GT(v.SentenceStart(then), inside);
  const uint32_t second = static_cast<uint32_t>(v.text().find(Norm("فقرة")));
  EXPECT_EQ(v.NewlinesBetween(0, second), 1u);
  EXPECT_EQ(v.ParagraphEnd(0) + 1, second);
}

TEST(ArticleView, AnInitialDoesNotEndTheSentence) {
  struct Row {
    const char* text;
    const char* word;  // a word after the period
    bool same_sentence;
  } rows[] = {
      {"وحذر الخبير د. حسن بابكر من أن الحصاد تأخر.", "حسن", true},
      {"وقال أ.د. منى سالم إن الوضع صعب.", "منى", true},
      {"وقال م. سالم إن الطريق مغلق.", "سالم", true},
      {"قال الكاتب J. Smith إن الرواية جديدة.", "Smith", true},
      {"وصل الوفد إلى غزة. ثم غادر.", "ثم", false},
      {"قال إن الفريق فاز ب 3. ثم غادر.", "ثم", false},
      {"تأسست المدينة عام 1990 م. ثم توسعت.", "ثم", false},
      // Nor does a decimal point or a dot inside a Latin word.
      {"ارتفع المؤشر 3.5 نقطة أمس.", "نقطة", true},
      {"وقال المدير لـFilGoal.com: \"العرض رفض\".", "العرض", true},
      {"وقال المدير لـ FilGoal. ثم غادر.", "ثم", false},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.text);
    Stages s(r.text);
    const ArticleView& v = s.view;
    const auto at = static_cast<uint32_t>(v.text().find(Norm(r.word)));
    ASSERT_NE(at, std::string_view::npos);
    EXPECT_EQ(v.SentenceStart(at) == 0, r.same_sentence);
  }
}

TEST(ArticleView, TokenAtFindsTheFirstTokenAtOrAfter) {
  Stages s("كلمة أولى ثم كلمة ثانية طويلة جدا في نص عربي يمتد على أكثر من كتلة واحدة من البايتات");
  const ArticleView& v = s.view;
  for (size_t i = 0; i < v.token_count(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(v.TokenAt(v.token(i).begin), i);
    EXPECT_EQ(v.TokenAt(v.token(i).begin + 1), i + 1);
  }
  EXPECT_EQ(v.TokenAt(static_cast<uint32_t>(v.text().size())), v.token_count());
}

struct LabelCase {
  std::string name;
  std::string text;
  bool label;
};

TEST(ArticleView, QuotedNamesAndTermsAreLabels) {
  const LabelCase cases[] = {
      {"agency after a label noun", "ذكرت وكالة \"يونهاب\" أن الاجتماع انتهى.", true},
      {"preposition glued to the mark", "وقال مسؤول لـ\"رويترز\" إن الاجتماع انتهى.", true},
      {"definite word after a noun", "بعد العودة إلى تقنية «الفار» في الدقيقة الأخيرة.", true},
      {"construct of two indefinites", "سيشارك في دوري «يلو» الموسم المقبل.", true},
      {"word after an imperfect verb", "بأنها تمثل “اختراقا” كبيرا.", false},
      {"a statement", "وقال: \"سنواصل العمل مع شركائنا حتى النهاية\".", false},
      {"after a glued ب", "ووصف الخطة بـ\"الجائرة\".", false},
      {"name before the complementizer", "وأوضحت الشركة، في إفصاح على موقع السوق «تداول»، أن أرباحها ارتفعت.", true},
      {"programme after a label noun", "وأعلن الوزير أن مبادرة «حياة كريمة» ستتوسع.", true},
      {"label noun with a pronoun", "وقعت الكاتبة روايتها «بيت على الرمل» في المعرض.", true},
      {"label noun and its adjective", "وحذرت الأرصاد من امتدادات المنخفض المداري «ريم» على السواحل.", true},
      {"label noun with a pronoun and an adjective", "وقعت الكاتبة روايتها الجديدة «بيت على الرمل».", true},
      {"link to another page", "اقرأ أيضاً: «الطاقة» تعلن جدولاً جديداً للتقنين", true},
      {"a statement after a colon", "وأضاف الوزير: «الطاقة متوفرة للجميع»", false},
      {"predicate of a label noun after أن", "ورأت الخبيرة أن المبادرة \"خطوة مهمة\" في هذا المجال.", false},
      {"partial quote before وأن", "وأكد أن الحكومة «لن تتراجع»، وأن الخطة جاهزة.", false},
      {"one word opening with بال", "وقال المصدر إن اللجنة قررت \"بالإجماع\" تأجيل الموعد.", false},
      {"a purpose opening with ل", "وأكدت أنها تواصلت مع جميع الأطراف «لاحتواء الخلافات».", false},
      {"predicate of سيكون", "وقال الوزير إن الموسم سيكون \"موسم الحصاد\" بامتياز.", false},
      {"construct after a noun stays a label", "وزار الوفد محطة «أمل الجنوب» أمس.", true},
      {"predicate of the subject of إن", "وقال المصدر إن الملف \"قيد الدرس\" حاليا.", false},
      {"predicate of a noun and adjective after أن", "وأكد أن الطاقة الشمسية \"أنقذت آلاف العائلات\".", false},
      {"a quotation opening with كان", "وقال إن التأهل إلى النهائي \"كان الهدف الأول\" للفريق.", false},
      {"imperfect verb after a definite label noun", "وقالت إن قرارات القمة \"تمثل تهديدا مباشرا\" لأمنها.", false},
      {"imperfect verb after an indefinite label noun", "وأطلقت الوزارة مبادرة «نحمي أطفالنا» أمس.", true},
      {"body named after its verb, before أن", "وأعلنت \"رابطة مستأجري الحي القديم\" أنها ستقاطع.", true},
      {"surname after its verb, before an occasion", "وأضاف \"فهمي\" في تصريحات صحفية أن الطلب تراجع.", true},
      {"channel after a relaying verb, before عن", "ونقلت \"الشروق\" عن مصدر أمني أن المتهم اعترف.", true},
      {"words after a verb, before an occasion", "وقال \"نحن لن نتراجع\" في تصريح للصحفيين.", false},
      {"name after a verb that relays nothing, before عن", "وقال \"الشروق\" عن مصدر أمني.", false},
      {"name after a naming word and بـ", "وسجلت الوزارة حالات الحصبة المعروفة محليا بـ\"بوحمرون\" في الجهة.", true},
      {"slogan after a label noun in construct", "ورددت الحشود شعار الحملة «صوتك ماء وكهرباء».", true},
      {"service after a label noun", "ونصحت الشركة المسافرين باستخدام خدمة «تتبع الرحلة» قبل السفر.", true},
      {"preposition after a label noun", "وقال إن الوحدات ستدخل الخدمة \"خلال الأسبوعين المقبلين\".", false},
      {"copula after a label noun", "وأضاف أن التأهل إلى البطولة \"كان الهدف الأول\" للفريق.", false},
      {"a platform after على", "ونشر النادي المقطع على «فيسبوك» مساء أمس.", true},
      {"an app of two words", "وانتشر المقطع على \"تيك توك\" بسرعة.", true},
      {"medium after the reporter spoken to", "وقالت السيدة منى لمراسل \"الجزيرة\" إن المياه انقطعت.", true},
      {"a longer phrase after a glued ل", "وأبدى استعداد الوكالة لـ\"الاضطلاع بدور في التحقق\".", false},
      {"a clause opening with أن after a label noun", "وقال إن على مجموعة العشرين \"أن تقود الطريق\" في الإصلاح.",
       false},
      {"a long name after an indefinite label noun",
       "وجاءت البالونات ردا على منشورات ترسلها منظمة \"مقاتلون من أجل كوريا الحرة\".", true},
      {"a long quotation after a noun with a pronoun", "وقال إن فرقه \"تدخلت في أكثر من ستين نقطة\".", false},
      {"a mechanism's name", "وتدرس الدول الثلاث تفعيل آلية \"العودة السريعة\" قبل الخريف.", true},
      {"a medium asking someone", "وسألت «البيان» الممثلة عن دورها في الفيلم.", true},
      {"a construct after an imperfect verb", "وقال إن العقوبات تطال «شبكات التمويل والتسليح».", false},
      {"two definite words after a verbal noun", "وحملت المجلس مسؤولية عدم تفعيل \"الصندوق الخاص\" بالمستأجرين.",
       true},
  };
  for (const LabelCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    ASSERT_EQ(s.view.quotes().size(), 1u);
    EXPECT_EQ(s.view.is_label(0), c.label);
  }
}

// A short quotation that is a label somewhere in the article is one
// everywhere; a longer one, or one never found a label, is not.
TEST(ArticleView, RepeatedNamesAreLabelsEverywhere) {
  struct RepeatCase {
    std::string name;
    std::string text;
    std::vector<bool> labels;  // is_label of each quotation, in order
  };
  const RepeatCase cases[] = {
      {"a newspaper spoken to, then asking",
       "وقال المخرج لـ«البيان»: «الفيلم تعبنا عليه».\nوسألت «البيان» الممثلة عن دورها.",
       {true, false, true}},
      {"a film after a label noun, then a clause's subject",
       "وشاهد الجمهور فيلم «رمال متحركة» للمخرج سعيد. وأوضح المخرج أن «رمال متحركة» يروي حكاية عائلة.",
       {true, true}},
      {"the same words quoted as speech twice",
       "وقال الوزير إن الوضع «صعب جدا». وأضاف أن الاقتصاد «صعب جدا» أيضا.",
       {false, false}},
  };
  for (const RepeatCase& c : cases) {
    SCOPED_TRACE(c.name + ": " + c.text);
    Stages s(c.text);
    ASSERT_EQ(s.view.quotes().size(), c.labels.size());
    for (size_t i = 0; i < c.labels.size(); ++i) EXPECT_EQ(s.view.is_label(i), c.labels[i]) << "quotation " << i;
  }
}

TEST(ArticleView, NounGenderFromTheForm) {
  Stages s("المسؤولين مسؤولون الأمين الوزيرة المترشحتان المدرب");
  const ArticleView& v = s.view;
  ASSERT_EQ(v.token_count(), 6u);
  const Gender expected[] = {Gender::kPlural,    Gender::kPlural,    Gender::kMasculine,
                             Gender::kFeminine, Gender::kMasculine, Gender::kMasculine};
  for (size_t i = 0; i < 6; ++i) EXPECT_EQ(v.NounGender(i), expected[i]) << "token " << i << ": " << v.Word(i);
}

TEST(ArticleView, ContentWordsOpenNounPhrases) {
  Stages s("في المدرب للمحكمة كلمته 2024 قال هيام");
  const ArticleView& v = s.view;
  ASSERT_EQ(v.token_count(), 7u);
  const bool expected[] = {false, true, false, false, false, false, true};
  for (size_t i = 0; i < 7; ++i) {
    SCOPED_TRACE(std::string(v.Word(i)));
    EXPECT_EQ(v.IsContentWord(i), expected[i]);
  }
}

// علي is the name where written with ي and not before a definite word;
// على (written ى, or before one) is the preposition, whatever the fold.
TEST(ArticleView, NameOrParticleByItsSpelling) {
  using Section = PatternSet::Section;
  struct Case {
    std::string text;
    bool name;
  } cases[] = {
      {"وقال علي حسن", true},
      {"وقال على حسن", false},
      {"وقال علي القرار", false},
      {"وقال الوزير علي", true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    Stages s(c.text);
    const ArticleView& v = s.view;
    size_t k = 0;
    while (k < v.token_count() && v.Word(k) != Norm("علي")) ++k;
    ASSERT_LT(k, v.token_count());
    EXPECT_EQ(v.Listed(k, Section::kGivenNames), c.name);
    EXPECT_EQ(v.ListedStripped(k, Section::kNpBreaks), !c.name);
    EXPECT_EQ(v.IsContentWord(k), c.name);
  }
}

TEST(ArticleView, YearFromDatelineOrDate) {
  Stages s("موسكو، 21 نوفمبر 2024 (وكالات): قال المتحدث إن المحادثات مستمرة.");
  EXPECT_EQ(s.view.year(), 2024);
  Stages none("قال المتحدث إن المحادثات مستمرة.");
  EXPECT_EQ(none.view.year(), 0);
}

}  // namespace
}  // namespace qawl
