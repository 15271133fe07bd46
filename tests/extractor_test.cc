// Constructions of Arabic news attribution, one table row each. The
// sentences are written for these tests; none is taken from the seed
// articles.
#include "qawl/extractor.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_util.h"

namespace qawl {
namespace {

using testing::CheckSpans;
using testing::Describe;
using testing::ExtractText;

struct Expected {
  v1::Kind kind;
  std::string text;
  std::string speaker_id;       // canonical id; "" to check only the mention; "-" for none
  std::string mention_has = "";  // a substring the mention must contain
};

struct Case {
  std::string name;
  std::string text;
  std::vector<Expected> expected;
  bool exact = true;  // no records beyond the expected ones
};

const v1::Kind D = v1::DIRECT;
const v1::Kind P = v1::PARTIAL;
const v1::Kind I = v1::INDIRECT;

std::vector<Case> Cases() {
  return {
      {"colon_after_name_and_title",
       "قال وزير الخارجية الروسي سيرغي لافروف للصحفيين: \"لن نقبل بهذه الشروط المجحفة\".",
       {{D, "لن نقبل بهذه الشروط المجحفة", "sergei-lavrov"}}},
      {"speaker_after_quote",
       "«سنواصل دعم أوكرانيا حتى النهاية»، قال الرئيس الأمريكي جو بايدن.",
       {{D, "سنواصل دعم أوكرانيا حتى النهاية", "joe-biden"}}},
      {"implied_speaker_no_colon",
       "قال المتحدث باسم الكرملين دميتري بيسكوف: “الاتصالات مستمرة”.\nوأضاف “نحن ننتظر ردا واضحا من واشنطن”.",
       {{D, "الاتصالات مستمرة", "dmitry-peskov"}, {D, "نحن ننتظر ردا واضحا من واشنطن", "dmitry-peskov"}}},
      {"partial_characterization",
       "ووصف بيسكوف الخطة الأوروبية بأنها \"مجرد أوهام\".",
       {{P, "مجرد أوهام", "dmitry-peskov"}}},
      {"reported_speech_with_title",
       "أكد الأمين العام للأمم المتحدة أنطونيو غوتيريش أن الحل الوحيد للأزمة هو الحوار.",
       {{I, "الحل الوحيد للأزمة هو الحوار", "antonio-guterres"}}},
      {"participle_continues_the_subject",
       "أعلن الرئيس التركي رجب طيب أردوغان أن بلاده ستستضيف جولة جديدة من المحادثات، مشيرا إلى أن العقوبات لن تغير موقف أنقرة.",
       {{I, "بلاده ستستضيف جولة جديدة من المحادثات", "recep-tayyip-erdogan"},
        {I, "العقوبات لن تغير موقف أنقرة", "recep-tayyip-erdogan"}}},
      // A clause that opens with a contrast word (فيما) is not cut there;
      // the words about the statement after it (وفق ما) still end it.
      {"clause_opening_with_stop_word_ends_at_trailing_meta",
       "وقال المتحدث باسم الخارجية إن فيما يخص الاتفاق فالمفاوضات مستمرة بين الطرفين وفق ما نقلت الوكالة.",
       {{I, "فيما يخص الاتفاق فالمفاوضات مستمرة بين الطرفين", "", "المتحدث باسم الخارجية"}}},
      {"naql_an_x_qawlahu",
       "ونقلت وكالة تاس عن لافروف قوله إن الاتصالات مع واشنطن ما زالت مجمدة.",
       {{I, "الاتصالات مع واشنطن ما زالت مجمدة", "sergei-lavrov"}}},
      {"feminine_verb_skips_nearer_man",
       "التقت وزيرة الخارجية الكورية الشمالية تشوي سون هوي نظيرها الروسي سيرغي لافروف في موسكو. "
       "وقالت إن بلادها ستواصل تطوير قدراتها الدفاعية.",
       {{I, "بلادها ستواصل تطوير قدراتها الدفاعية", "choe-son-hui"}}},
      {"title_alone_resolves_when_unique",
       "وقال المتحدث باسم الكرملين للصحفيين إن موسكو لم تتلق أي رد رسمي.",
       {{I, "موسكو لم تتلق أي رد رسمي", "dmitry-peskov"}}},
      {"organization_as_source",
       "وقالت وزارة الدفاع الروسية في بيان إن قواتها صدت هجوما على مواقعها.",
       {{I, "قواتها صدت هجوما على مواقعها", "", "وزارة الدفاع الروسية"}}},
      {"unknown_official_kept_as_mention",
       "وقال مسؤولون في وزارة الطاقة إن الإمدادات ستعود خلال أيام.",
       {{I, "الإمدادات ستعود خلال أيام", "", "مسؤولون"}}},
      {"subject_before_verb",
       "وزير الخارجية الأمريكي أنتوني بلينكن أعرب عن أمله في التهدئة، وقال: \"نريد اتفاقا دائما\".",
       {{D, "نريد اتفاقا دائما", "antony-blinken"}}},
      {"headline_name_colon",
       "لافروف: الغرب يخطط لتصعيد جديد في أوروبا\nعقد الوزير مؤتمرا صحفيا في موسكو اليوم.",
       {{D, "الغرب يخطط لتصعيد جديد في أوروبا", "sergei-lavrov"}}},
      {"colon_without_marks",
       "وقال أردوغان: تركيا لن تسمح بأي تهديد لأمنها القومي.",
       {{D, "تركيا لن تسمح بأي تهديد لأمنها القومي", "recep-tayyip-erdogan"}}},
      {"quote_opened_on_next_line",
       "وقال زيلينسكي في خطابه المسائي:\n\"سنحرر كل أراضينا مهما طال الزمن\"",
       {{D, "سنحرر كل أراضينا مهما طال الزمن", "volodymyr-zelensky"}}},
      {"closed_without_opening_mark",
       "وقال كيربي للصحفيين: لن نرسل قوات أمريكية إلى هناك\".",
       {{D, "لن نرسل قوات أمريكية إلى هناك", "john-kirby"}}},
      {"split_quote",
       "قال الرئيس الفرنسي إيمانويل ماكرون: \"سنرد بحزم\"، وأضاف: \"لن نتسامح مع أي اعتداء على حلفائنا\".",
       {{D, "سنرد بحزم", "emmanuel-macron"}, {D, "لن نتسامح مع أي اعتداء على حلفائنا", "emmanuel-macron"}}},
      {"quote_over_two_paragraphs",
       "قال ستولتنبرغ: \"الحلف موحد اليوم أكثر من أي وقت مضى.\n\"ولن نسمح لأحد بتقسيمه بأي شكل من الأشكال\".",
       {{D, "الحلف موحد اليوم أكثر من أي وقت مضى.", "jens-stoltenberg"},
        {D, "ولن نسمح لأحد بتقسيمه بأي شكل من الأشكال", "jens-stoltenberg"}}},
      {"nested_quote_belongs_to_outer",
       "قال بايدن: «كما قال أحدهم “لا سلام بلا عدالة” ونحن نؤمن بذلك».",
       {{D, "كما قال أحدهم “لا سلام بلا عدالة” ونحن نؤمن بذلك", "joe-biden"}}},
      {"labels_are_not_quotations",
       "ونشرت صحيفة \"الأيام\" تقريرا عن مدافع \"هاوتزر\" التي وصلت إلى الجبهة ضمن عملية \"الفجر\".",
       {}},
      {"egyptian_spelling_and_alef_maqsura",
       "وأكد ستولتنبرج أن الحلف سيعزز وجوده في الشرق. وقال زيلينسكى إن الهجوم فشل تماما.",
       {{I, "الحلف سيعزز وجوده في الشرق", "jens-stoltenberg"}, {I, "الهجوم فشل تماما", "volodymyr-zelensky"}}},
      {"speaker_after_with_object_suffix",
       "\"نحن لا نهدد أحدا ولا نسعى إلى الحرب\"، وفق ما قاله بوتين في كلمته.",
       {{D, "نحن لا نهدد أحدا ولا نسعى إلى الحرب", "vladimir-putin"}}},
      {"sarraha_bidhalik",
       "\"الوضع على الحدود خطير جدا\"، صرح بذلك لافروف أمس.",
       {{D, "الوضع على الحدود خطير جدا", "sergei-lavrov"}}},
      {"hasbama_unknown_official",
       "\"الاتفاق بات قريبا جدا من الإنجاز\"، حسبما قال مسؤول أمريكي.",
       {{D, "الاتفاق بات قريبا جدا من الإنجاز", "", "مسؤول أمريكي"}}},
      {"mixed_indirect_and_partial",
       "وقال بيسكوف إن هذه الخطوة \"استفزاز خطير\" سيؤدي إلى عواقب وخيمة على المنطقة كلها.",
       {{I, "هذه الخطوة \"استفزاز خطير\" سيؤدي إلى عواقب وخيمة على المنطقة كلها", "dmitry-peskov"},
        {P, "استفزاز خطير", "dmitry-peskov"}}},
      {"trailing_attribution_words_left_out",
       "وقال مسؤول عسكري إن القوات انسحبت من المدينة، بحسب رويترز.",
       {{I, "القوات انسحبت من المدينة", "", "مسؤول عسكري"}}},
      {"relative_clause_is_not_a_report",
       "يخشى الغربيون التعاون العسكري بين البلدين، التي يقولون إنها تزود الجيش بالذخائر.",
       {}},
      {"diacritics_tatweel_and_bidi_controls",
       "وقـــال بُوتِين\u200F: \"نَحْنُ مُسْتَعِدُّونَ لِلْحِوَارِ\".",
       {{D, "نَحْنُ مُسْتَعِدُّونَ لِلْحِوَارِ", "vladimir-putin"}}},
      {"reversed_pair_and_glued_prefix",
       "وقالت الوزيرة إن بلادها تثق ب”الشركاء الجدد” في آسيا، ووصفت القرار بأنه ”خطأ فادح“.",
       {{I, "بلادها تثق ب”الشركاء الجدد” في آسيا", "", "الوزيرة"},
        {P, "الشركاء الجدد", "", "الوزيرة"},
        {P, "خطأ فادح", "", "الوزيرة"}}},
      {"title_then_family_name_named_earlier",
       "أكد الرئيس الكوري الجنوبي يون سوك-يول أن بلاده ستعزز قدرات الردع. "
       "وقال الرئيس يون في كلمته: \"لن نتهاون مع أي استفزاز\".",
       {{I, "بلاده ستعزز قدرات الردع", "yoon-suk-yeol"}, {D, "لن نتهاون مع أي استفزاز", "yoon-suk-yeol"}}},
      {"honorific_opens_the_subject",
       "أكد سمو الشيخ عبدالله بن زايد آل نهيان وزير الخارجية أن الإمارات تدعم الحلول السلمية.",
       {{I, "الإمارات تدعم الحلول السلمية", "", "عبدالله بن زايد"}}},
      {"medium_in_marks_before_the_colon",
       "وقال الخبير العسكري في تصريح لـ\"سكاي نيوز عربية\": \"الجبهة تشهد تصعيدا غير مسبوق\".",
       {{D, "الجبهة تشهد تصعيدا غير مسبوق", "", "الخبير العسكري"}}},
      {"ala_hadd_qawlihi_after_the_quote",
       "وأكد لافروف أن موسكو مستعدة للتفاوض. \"لكننا لن نقبل بالإملاءات\"، على حد قوله.",
       {{I, "موسكو مستعدة للتفاوض", "sergei-lavrov"}, {D, "لكننا لن نقبل بالإملاءات", "sergei-lavrov"}}},
      {"verb_then_participle",
       "وتابع لافروف قائلا: \"الغرب يتحمل المسؤولية كاملة\".",
       {{D, "الغرب يتحمل المسؤولية كاملة", "sergei-lavrov"}}},
      {"headline_subject_present_tense",
       "بوتين يقول: \"روسيا لن تتراجع\".\nزيلينسكي يؤكد أن الهجوم المضاد سيستمر.",
       {{D, "روسيا لن تتراجع", "vladimir-putin"}, {I, "الهجوم المضاد سيستمر", "volodymyr-zelensky"}}},
      {"agency_quoting_unnamed_source",
       "ونقلت وكالة رويترز عن مصدر مطلع قوله إن المحادثات ستستأنف الأسبوع المقبل.",
       {{I, "المحادثات ستستأنف الأسبوع المقبل", "", "مصدر مطلع"}}},
      {"complementizers_ala_anna_and_min_anna",
       "وشدد وزير الدفاع الأمريكي لويد أوستن على أن واشنطن لن تتخلى عن حلفائها. "
       "وحذر الأمين العام للأمم المتحدة أنطونيو غوتيريش من أن الأزمة الإنسانية تتفاقم.",
       {{I, "واشنطن لن تتخلى عن حلفائها", "lloyd-austin"},
        {I, "الأزمة الإنسانية تتفاقم", "antonio-guterres"}}},
      {"bi_anna_after_the_subject",
       "وأفاد المتحدث باسم الكرملين دميتري بيسكوف بأن القمة لم تعد مطروحة.",
       {{I, "القمة لم تعد مطروحة", "dmitry-peskov"}}},
      {"feminine_continuations",
       "قالت المتحدثة باسم الخارجية الروسية ماريا زاخاروفا إن موسكو سترد بالمثل. "
       "وتابعت: \"لن نسمح بابتزازنا\"، قائلة إن العقوبات ستفشل.",
       {{I, "موسكو سترد بالمثل", "maria-zakharova"},
        {D, "لن نسمح بابتزازنا", "maria-zakharova"},
        {I, "العقوبات ستفشل", "maria-zakharova"}}},
      {"participle_muakkidan_after_direct",
       "وقال أردوغان: \"الحوار هو الطريق الوحيد\"، مؤكدا أن تركيا مستعدة للوساطة.",
       {{D, "الحوار هو الطريق الوحيد", "recep-tayyip-erdogan"},
        {I, "تركيا مستعدة للوساطة", "recep-tayyip-erdogan"}}},
      {"wa_awdah_continues_unknown_speaker",
       "وقال الباحث في مركز الدراسات الاستراتيجية سامي خليل: \"التصعيد مرجح\". "
       "وأوضح \"لا أرى أي مؤشر على التهدئة في الأفق القريب\".",
       {{D, "التصعيد مرجح", "", "سامي خليل"},
        {D, "لا أرى أي مؤشر على التهدئة في الأفق القريب", "", "سامي خليل"}}},
      {"implied_subject_skips_a_named_object",
       "وقال لافروف في ختام محادثاته مع نظيره الصيني وانغ يي: \"حذرنا شركاءنا مرارا\".\n"
       "وأضاف أن \"الغرب يقوض الاستقرار\"، لافتا إلى أن بلاده لن تقف مكتوفة الأيدي.",
       {{D, "حذرنا شركاءنا مرارا", "sergei-lavrov"},
        {D, "الغرب يقوض الاستقرار", "sergei-lavrov"},
        {I, "بلاده لن تقف مكتوفة الأيدي", "sergei-lavrov"}}},
      {"given_name_alone_is_nobody",
       "قال سيرغي لافروف إن الحوار ممكن. ونقلت وكالة تاس عن نائب وزير الخارجية سيرغي كوزمين قوله إن الحوار مجمد.",
       {{I, "الحوار ممكن", "sergei-lavrov"}, {I, "الحوار مجمد", "-", "كوزمين"}}},
      {"speaker_between_two_quotes",
       "«نحن لا نريد الحرب»، قال الرئيس الفرنسي إيمانويل ماكرون، «لكننا مستعدون لها».",
       {{D, "نحن لا نريد الحرب", "emmanuel-macron"}, {D, "لكننا مستعدون لها", "emmanuel-macron"}}},
      {"addressee_medium_in_marks_is_not_the_speaker",
       "وقالت مصادر دبلوماسية لـ\"الشرق الأوسط\" إن المفاوضات وصلت إلى طريق مسدود.",
       {{I, "المفاوضات وصلت إلى طريق مسدود", "", "مصادر دبلوماسية"}}},
      {"dual_source",
       "وقال مسؤولان أمريكيان إن الإدارة تدرس فرض عقوبات جديدة.",
       {{I, "الإدارة تدرس فرض عقوبات جديدة", "", "مسؤولان أمريكيان"}}},
      {"name_inside_a_report_is_not_the_next_subject",
       "أعلن الكرملين أن الرئيس فلاديمير بوتين سيزور الصين الشهر المقبل، مضيفا أن الزيارة ستعزز الشراكة بين البلدين.",
       {{I, "الرئيس فلاديمير بوتين سيزور الصين الشهر المقبل", "kremlin"},
        {I, "الزيارة ستعزز الشراكة بين البلدين", "kremlin"}}},
      {"subject_of_a_reported_clause",
       "وصرح المتحدث باسم وزارة الخارجية بأن الوزير شدد على \"رفض أي محاولات لتهجير السكان\".",
       {{I, "الوزير شدد على \"رفض أي محاولات لتهجير السكان\"", "", "المتحدث باسم وزارة الخارجية"},
        {P, "رفض أي محاولات لتهجير السكان", "", "الوزير"}}},
      {"headline_organization_colon",
       "الكرملين: لا خطط لعقد قمة مع واشنطن قريبا\nأكدت موسكو استعدادها للحوار دون شروط مسبقة.",
       {{D, "لا خطط لعقد قمة مع واشنطن قريبا", "kremlin"}}},
      {"headline_place_colon_is_not_a_quote",
       "سيول: كوريا الشمالية تطلق صاروخا جديدا\nأطلقت بيونغ يانغ صاروخا باليستيا صباح اليوم.",
       {}},

      // Point 1 of issue 10: the subject after the verb is the speaker,
      // whatever its head; the gazetteer resolves, it does not gate.
      {"issue10_coach_named_after_an_earlier_speaker",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\n"
       "وقال المدرب حسام البدري: \"الفريق قدم مباراة كبيرة اليوم\".",
       {{I, "المحادثات كانت مثمرة", "", "سامح شكري"},
        {D, "الفريق قدم مباراة كبيرة اليوم", "-", "المدرب حسام البدري"}}},
      {"issue10_doctor_as_first_sentence",
       "وقالت الطبيبة منى حسن: \"الوضع صعب\".",
       {{D, "الوضع صعب", "-", "الطبيبة منى حسن"}}},
      {"issue10_lawyer_after_the_quote",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\n"
       "\"نحن ننتظر قرار المحكمة\"، قال المحامي خالد أبو بكر.",
       {{I, "المحادثات كانت مثمرة", "", "سامح شكري"},
        {D, "نحن ننتظر قرار المحكمة", "-", "المحامي خالد أبو بكر"}}},
      {"issue10_role_of_a_club_then_foreign_name",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\n"
       "وقال مدرب الأهلي مارسيل كولر: \"نحن جاهزون للمباراة\".",
       {{I, "المحادثات كانت مثمرة", "", "سامح شكري"},
        {D, "نحن جاهزون للمباراة", "-", "مارسيل كولر"}}},
      {"issue10_misspelled_name_as_first_sentence",
       "قال زلانسكي: “نحن بحاجة إلى مزيد من الدعم”.",
       {{D, "نحن بحاجة إلى مزيد من الدعم", "volodymyr-zelensky", "زلانسكي"}}},
      {"issue10_misspelled_name_after_another_speaker",
       "وقال المتحدث باسم الكرملين دميتري بيسكوف إن موسكو منفتحة على الحوار.\n"
       "قال زلانسكي: “نحن بحاجة إلى مزيد من الدعم”.",
       {{D, "نحن بحاجة إلى مزيد من الدعم", "volodymyr-zelensky", "زلانسكي"}}, false},
      {"latin_script_name_of_a_known_person",
       "وكتب Zalansky على منصة إكس: “شكرا لكل من وقف معنا”.",
       {{D, "شكرا لكل من وقف معنا", "volodymyr-zelensky", "Zalansky"}}},
      {"unknown_plural_source_with_nisba",
       "وقالت مصادر طبية في المستشفى إن حالة المصابين مستقرة.",
       {{I, "حالة المصابين مستقرة", "-", "مصادر طبية"}}},
      {"unknown_organization_as_source",
       "وأعلنت النيابة العامة أن التحقيقات ما زالت جارية.",
       {{I, "التحقيقات ما زالت جارية", "-", "النيابة العامة"}}},
      {"speaker_phrase_ends_before_an_occasion",
       "وقال المهندس عمر الخطيب خلال مؤتمر صحفي إن الأشغال ستنتهي قبل الصيف.",
       {{I, "الأشغال ستنتهي قبل الصيف", "-", "المهندس عمر الخطيب"}}},
      {"source_after_bihasb",
       "\"السوق ستتعافى خلال أشهر قليلة إذا استقر سعر الصرف\"، بحسب الخبير الاقتصادي سمير نادر.",
       {{D, "السوق ستتعافى خلال أشهر قليلة إذا استقر سعر الصرف", "-", "سمير نادر"}}},
      {"present_tense_speaker_after_quote",
       "«تعلمت الحرفة من أبي قبل أربعين عاما»، يقول الحرفي إدريس بناني.",
       {{D, "تعلمت الحرفة من أبي قبل أربعين عاما", "-", "إدريس بناني"}}},
      {"preposed_subject_with_apposition",
       "المواطنة هيام سليمان، موظفة في أحد المصارف، قالت: \"وفرت علي الخدمة ساعتين كل شهر\".",
       {{D, "وفرت علي الخدمة ساعتين كل شهر", "-", "هيام سليمان"}}},
      {"participle_object_is_not_its_subject",
       "وقال رئيس الجمعية زياد الحمود إن الأسعار سترتفع، داعيا الحكومة إلى \"إعادة النظر في الضريبة\".",
       {{I, "الأسعار سترتفع", "-", "زياد الحمود"}, {P, "إعادة النظر في الضريبة", "-", "زياد الحمود"}},
       false},
      {"describe_verb_subject_before_an",
       "واعتبر مدرب الفريق عبد الإله الوزاني أن فريقه دفع ثمن قرارات تحكيمية غريبة.",
       {{I, "فريقه دفع ثمن قرارات تحكيمية غريبة", "-", "عبد الإله الوزاني"}}},
      {"describe_verb_object_before_bianna",
       "قال الوزير يوسف النعيمي إن الخطة جاهزة. ووصف الهجوم على المحطة بأنه \"عمل جبان\".",
       {{P, "عمل جبان", "-", "يوسف النعيمي"}}, false},

      // Point 2: the discourse model links implied subjects, surnames and
      // roles to the article's sources, known or not.
      {"implied_subject_is_the_new_unknown_speaker",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\n"
       "من جهته، قال اللاعب عبد الرحمن المصري: \"الهدف أهديه لوالدتي\".\n"
       "وأضاف: \"نحن لا ننظر إلى جدول الترتيب الآن\".",
       {{D, "نحن لا ننظر إلى جدول الترتيب الآن", "-", "عبد الرحمن المصري"}}, false},
      {"surname_alone_takes_the_full_mention",
       "قال الممرض خالد ديب إن المناوبات طويلة.\nوقال الطبيب سامر يوسف إن المستشفى ممتلئ.\n"
       "وأضاف ديب أن الرواتب تأخرت.",
       {{I, "الرواتب تأخرت", "-", "خالد ديب"}}, false},
      {"role_alone_names_the_earlier_speaker",
       "قال المتحدث باسم مجلس الأمن القومي الأمريكي جون كيربي إن الاتصالات مستمرة.\n"
       "ولفت المتحدث الأميركي إلى أن الرئيس يقدر الشراكة.",
       {{I, "الرئيس يقدر الشراكة", "john-kirby"}}, false},
      {"verb_joined_by_wa_takes_the_sentence_subject",
       "وقال رئيس اللجنة جورج معلوف إن الدراسة ستنتهي قريبا.\n"
       "في المقابل، هاجم النائب فادي خوري المشروع بشدة، وقال: \"لن نقبل بهذه الموازنة\".",
       {{D, "لن نقبل بهذه الموازنة", "-", "فادي خوري"}}, false},

      {"relative_clause_after_a_comma_reports_its_antecedent",
       "\"السوق ستبقى كما هي\"، بحسب الخبير حيدر الساعدي، الذي شدد على أن الثقة بالمصارف هي الحل.",
       {{D, "السوق ستبقى كما هي", "-", "حيدر الساعدي"}, {I, "الثقة بالمصارف هي الحل", "-", "حيدر الساعدي"}}},
      {"relative_clause_about_the_antecedent_is_not_its_report",
       "ويخشى الغربيون تعزيز التعاون مع بيونغ يانغ، التي يقولون إنها تزود الجيش الروسي بالذخائر.",
       {}},
      {"abbreviation_in_parentheses_inside_the_subject",
       "أكد الأمين العام لحلف شمال الأطلسي (الناتو) مارك روته أن الحلف سيواصل العمل مع شركائه.",
       {{I, "الحلف سيواصل العمل مع شركائه", "mark-rutte"}}},
      {"channel_interjected_after_a_connector",
       "قال الرئيس الكوري الجنوبي يون سوك يول إن بلاده ستواصل العمل.\n"
       "وأضاف يون، بحسب ما نقلت عنه وكالة «يونهاب»: «الحوار يبقى خيارنا المفضل».",
       {{D, "الحوار يبقى خيارنا المفضل", "yoon-suk-yeol"}}, false},
      {"source_of_naql_an_speaks_on",
       "ونقلت الوكالة عن مدير أحد المصارف الأهلية قوله إن البطاقات تضاعفت.\n"
       "وتابع أن المصارف الخاصة ستبسط الإجراءات قريبا.",
       {{I, "المصارف الخاصة ستبسط الإجراءات قريبا", "-", "مدير أحد المصارف"}}, false},
      // Point 4: every quotation framed as speech gets a record.
      {"quotation_with_no_nameable_speaker_is_kept_unattributed",
       "وأضاف: \"سنواصل العمل حتى نهاية الموسم\".",
       {{D, "سنواصل العمل حتى نهاية الموسم", "-", ""}}},
      // Point 4: quoted names and terms stay non-quotes.
      {"one_quoted_definite_word_after_a_noun_is_a_term",
       "وقال المدرب وليد الشرقاوي إن الهدف احتسب بعد العودة إلى تقنية «الفار» في الدقيقة الأخيرة.",
       {{I, "الهدف احتسب بعد العودة إلى تقنية «الفار» في الدقيقة الأخيرة", "-", "وليد الشرقاوي"}}},
      {"one_quoted_word_in_a_construct_is_a_name",
       "وأعلن النادي أن الفريق سيشارك في دوري «يلو» الموسم المقبل.",
       {{I, "الفريق سيشارك في دوري «يلو» الموسم المقبل", "-", "النادي"}}},
      {"one_quoted_word_after_a_verb_is_a_partial",
       "ووصف المدرب يورغن بيكر المباراة بأنها تمثل “اختراقا”.",
       {{P, "اختراقا", "-", "يورغن بيكر"}}, false},
      {"quoted_construct_after_a_noun_is_a_name",
       "وقالت الفنانة شيماء الفيلكاوي، التي تؤدي دور البطولة في مسرحية \"بيت العنكبوت\"، إن العمل يطرح سؤال العزلة.",
       {{I, "العمل يطرح سؤال العزلة", "-", "شيماء الفيلكاوي"}}},
      {"english_post_is_reported_by_its_translation",
       "وبعد ساعات، نشر Marco Bellini تغريدة باللغة الإنجليزية قال فيها: \"Thank you fans. You will always be in my heart\"، "
       "وترجمتها: \"شكرا للجماهير. ستبقون دائما في قلبي\".",
       {{D, "شكرا للجماهير. ستبقون دائما في قلبي", "-", "Marco Bellini"}}},
      // Point 4: a byline is not a source.
      {"byline_is_not_a_speaker",
       "كتب - أحمد سمير:\nوقال المدرب ماركوس برونر: \"كانت مباراة صعبة\".\nوأضاف: \"اللاعبون نفذوا التعليمات\".",
       {{D, "كانت مباراة صعبة", "-", "ماركوس برونر"}, {D, "اللاعبون نفذوا التعليمات", "-", "ماركوس برونر"}}},
      // Verbs whose source follows في, and forms that are also other words.
      {"source_of_jaa_fi_is_the_document",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\n"
       "وجاء في البيان الختامي للاجتماع أن الوزراء اتفقوا على لقاء جديد في الربيع.",
       {{I, "المحادثات كانت مثمرة", "", "سامح شكري"},
        {I, "الوزراء اتفقوا على لقاء جديد في الربيع", "-", "البيان الختامي"}}},
      {"jaa_without_fi_has_no_source_and_no_quote",
       "وقال الوزير سامح شكري إن المحادثات كانت مثمرة.\nوجاء الرد سريعا من العاصمة.",
       {{I, "المحادثات كانت مثمرة", "", "سامح شكري"}}},
      {"bayyana_with_a_shadda_reports",
       "وبيّن مدير الخدمات الإلكترونية في الوزارة المهندس بشار ديب أن التطبيق مجاني.",
       {{I, "التطبيق مجاني", "-", "بشار ديب"}}},
      {"bayna_the_preposition_does_not",
       "وقال المدرب وليد الشرقاوي إن الفرق بين الفريقين كان واضحا.",
       {{I, "الفرق بين الفريقين كان واضحا", "-", "وليد الشرقاوي"}}},
      {"quoted_name_before_the_complementizer",
       "وأوضحت الشركة، في إفصاح على موقع السوق المالية «تداول»، أن إيراداتها بلغت 2.9 مليار ريال.",
       {{I, "إيراداتها بلغت 2.9 مليار ريال", "-", "الشركة"}}},
      // An initial is not a sentence end; "in accordance with" is not a source.
      {"initial_before_a_name",
       "وحذرت الباحثة د. ليلى العمري من أن موجة الحر ستطول حتى نهاية الشهر.",
       {{I, "موجة الحر ستطول حتى نهاية الشهر", "-", "ليلى العمري"}}},
      {"wifq_inside_the_statement_is_not_a_source",
       "وقالت المتحدثة باسم الشركة رنا سليم إن التسليم سيتم وفق الجدول المتفق عليه.",
       {{I, "التسليم سيتم وفق الجدول المتفق عليه", "-", "رنا سليم"}}},
      {"hasab_before_a_source_ends_the_statement",
       "وقال قائد الشرطة إن الحريق أتى على ثلاثة منازل حسب مصادر محلية.",
       {{I, "الحريق أتى على ثلاثة منازل", "-", "قائد الشرطة"}}},
      {"wifqan_li_a_name_ends_the_statement",
       "وقال قائد الشرطة إن الحريق أتى على ثلاثة منازل وفقا لرويترز.",
       {{I, "الحريق أتى على ثلاثة منازل", "-", "قائد الشرطة"}}},
      {"partial_quote_with_wifq_inside_the_clause",
       "ونفى المتحدث أن يكون الموعد قد تأجل، قائلا إن الترتيبات \"تسير وفق الخطة\".",
       {{I, "يكون الموعد قد تأجل", "", "المتحدث"},
        {I, "الترتيبات \"تسير وفق الخطة\"", "", "المتحدث"},
        {P, "تسير وفق الخطة", "", "المتحدث"}}},
      // A participle's subject is the main verb's, reporting or not.
      {"participle_after_a_verb_that_does_not_report",
       "وقال المدرب البرتغالي جوزيه فييرا: \"كنا الأفضل\".\n"
       "وحمّل المدير الفني للنادي الحكم جزءا من المسؤولية، واصفا ركلة الجزاء بأنها \"هدية غير مستحقة\".",
       {{D, "كنا الأفضل", "-", "جوزيه فييرا"}, {P, "هدية غير مستحقة", "-", "المدير الفني للنادي"}}},
      {"participle_after_a_subject_marking_verb",
       "قالت الوزيرة إن الوضع مستقر.\n"
       "وانتقد المحامي سامر يوسف عادل القرار بشدة، معتبرا أن الحكم \"جاء متسرعا\".",
       {{I, "الوضع مستقر", "-", "الوزيرة"},
        {I, "الحكم \"جاء متسرعا\"", "-", "سامر يوسف عادل"},
        {P, "جاء متسرعا", "-", "سامر يوسف عادل"}}},
      {"participle_after_a_reported_clause_takes_the_main_subject",
       "وقال الوزير سامي العلي إن المجلس وافق على الخطة، مشيرا إلى أن التنفيذ سيبدأ قريبا.",
       {{I, "المجلس وافق على الخطة", "-", "سامي العلي"}, {I, "التنفيذ سيبدأ قريبا", "-", "سامي العلي"}}},
      {"subject_before_qad_after_kana",
       "قالت المحكمة في حيثيات حكمها إن الأدلة كافية.\n"
       "وكانت النيابة العامة قد أسندت إلى المتهم تهمة الاحتيال، وذكرت في أمر الإحالة أن المتهم حرر شيكات دون رصيد.",
       {{I, "الأدلة كافية", "-", "المحكمة"}, {I, "المتهم حرر شيكات دون رصيد", "-", "النيابة العامة"}}},
      // Where reported speech ends: a contrastive clause, a cue after لكنه;
      // not a connective inside the speaker's own quoted words.
      {"ghayr_annaha_ends_the_clause",
       "ورأت الخبيرة سلمى ناصر أن المبادرة \"خطوة مهمة\"، غير أنها نبهت إلى أن جودة البيانات أهم.",
       {{I, "المبادرة \"خطوة مهمة\"", "-", "سلمى ناصر"},
        {P, "خطوة مهمة", "-", "سلمى ناصر"},
        {I, "جودة البيانات أهم", "-", "سلمى ناصر"}}},
      {"lakinnahu_before_a_cue_ends_the_clause",
       "وقال المراقب الدولي جون سميث إن العملية مرت بهدوء، لكنه أقر بتسجيل خروقات محدودة.",
       {{I, "العملية مرت بهدوء", "-", "جون سميث"}}},
      {"lakinnaha_inside_the_quotation_does_not",
       "وقال المدرب رامي سعيد إن التشكيلة \"تملك الجودة لكنها تفتقد الثقة\" قبل المباراة.",
       {{I, "التشكيلة \"تملك الجودة لكنها تفتقد الثقة\" قبل المباراة", "-", "رامي سعيد"},
        {P, "تملك الجودة لكنها تفتقد الثقة", "-", "رامي سعيد"}}},
      // A clause on the object with no relative pronoun: the main verb's
      // subject speaks, across a time word set off by commas.
      {"bare_relative_cue_takes_the_main_subject",
       "قرر البنك المركزي، الأحد، تثبيت أسعار الفائدة، في خطوة قال إنها ضرورية للاستقرار.",
       {{I, "ضرورية للاستقرار", "-", "البنك المركزي"}}},
      {"bare_relative_cue_after_an_indefinite_object",
       "أعلن مجمع سوناطراك عن تحقيق اكتشاف جديد للنفط، قال إنه \"من أهم الاكتشافات\".",
       {{D, "من أهم الاكتشافات", "-", "مجمع سوناطراك"}}},
      {"amma_topic_across_an_apposition",
       "قال العداء الكيني جوزيف: \"الطريق سريعة\".\n"
       "أما رئيس اللجنة المنظمة، عبد الإله الحمري، فاعتبر أن الدورة ناجحة.",
       {{D, "الطريق سريعة", "-", "جوزيف"}, {I, "الدورة ناجحة", "-", "رئيس اللجنة المنظمة"}}},
      {"amma_topic_across_a_parenthesis",
       "قالت الروائية منى: \"كتبت كثيرا\".\nأما الطالبة ريم (15 عاماً) فقالت إنها اشترت كتبا كثيرة.",
       {{D, "كتبت كثيرا", "-", "منى"}, {I, "اشترت كتبا كثيرة", "-", "الطالبة ريم"}}},
      // A source after من (علمت الجريدة من مصادر أن); روى reports.
      {"source_after_min_with_alima",
       "وعلمت الجريدة من مصادر مطلعة أن المحكمة قضت بإرجاع المبلغ.",
       {{I, "المحكمة قضت بإرجاع المبلغ", "-", "مصادر مطلعة"}}},
      {"rawa_reports",
       "وتروي إحدى الضحايا، وهي معلمة في الأربعينيات، أنها تلقت رسالة مريبة.",
       {{I, "تلقت رسالة مريبة", "-", "إحدى الضحايا"}}},
      // The main verb's subject past a dateline on the same line; a verb
      // after لكنه has the pronoun for subject; a verb joined after a comma
      // goes with the earlier cue, not with the clause it reports.
      {"subject_after_a_dateline",
       "عمّان 3 تموز (بترا)- قرر البنك المركزي تثبيت أسعار الفائدة، في خطوة قال إنها ضرورية للاستقرار.",
       {{I, "ضرورية للاستقرار", "-", "البنك المركزي"}}},
      {"verb_after_lakinnahu_has_a_pronoun_subject",
       "وقال عضو المفوضية سالم بن عمر إن العملية \"مرت بسلاسة\"، لكنه أقر بتسجيل \"خروقات محدودة\".",
       {{I, "العملية \"مرت بسلاسة\"", "-", "سالم بن عمر"},
        {P, "مرت بسلاسة", "-", "سالم بن عمر"},
        {P, "خروقات محدودة", "-", "سالم بن عمر"}}},
      {"joined_verb_after_a_comma_goes_with_the_earlier_cue",
       "وكشف مصدر في لجنة الحكام أن اللجنة ستراجع اللقطة يوم الثلاثاء، ونفى أن يكون الحكم قد تعرض لضغوط.",
       {{I, "اللجنة ستراجع اللقطة يوم الثلاثاء", "-", "مصدر في لجنة الحكام"},
        {I, "يكون الحكم قد تعرض لضغوط", "-", "مصدر في لجنة الحكام"}}},
      {"given_name_opens_the_subject_of_the_main_verb",
       "قال المدرب البرتغالي جوزيه: \"كنا الأفضل\".\n"
       "في المقابل، حمّل عمرو الجمال، مدرب الإسماعيلي، الحكم المسؤولية، واصفا الركلة بأنها \"هدية غير مستحقة\".",
       {{D, "كنا الأفضل", "-", "جوزيه"}, {P, "هدية غير مستحقة", "-", "عمرو الجمال"}}},
      // A detached و joins its verb; a word of manner after a quotation
      // names its speaker through any verb.
      {"detached_waw_joins_a_guarded_verb",
       "و بين المتحدث باسم الوزارة في تصريح صحفي، ان الوزارة \"تعمل على خطة طوارئ\" للصيف.",
       {{I, "الوزارة \"تعمل على خطة طوارئ\" للصيف", "-", "المتحدث باسم الوزارة"},
        {P, "تعمل على خطة طوارئ", "-", "المتحدث باسم الوزارة"}}},
      {"hakadha_after_a_quotation_names_the_speaker",
       "\"السوق تعيش حالة تفاؤل حذر\"، هكذا لخصت المحللة المالية سهى القاسمي أداء الأسبوع.",
       {{D, "السوق تعيش حالة تفاؤل حذر", "-", "سهى القاسمي"}}},
      {"bihadhihi_al_ibarat_names_the_speaker",
       "«لن نسمح بتأخير المشاريع». بهذه العبارات خاطب والي الولاية، السيد كمال بن علي، المقاولين.",
       {{D, "لن نسمح بتأخير المشاريع", "-", "والي الولاية"}}},
      // An aside after a connector does not end the phrase; أن after قبل or
      // دون is not the report; a quoted list name is a label.
      {"channel_aside_inside_the_phrase",
       "وبيّن المتحدث باسم الوزارة، عمر سالم، وفق ما نقلت عنه الوكالة، أن الحكومة تتحمل الفرق.",
       {{I, "الحكومة تتحمل الفرق", "-", "المتحدث باسم الوزارة"}}},
      {"qabla_an_is_not_a_report",
       "أفادت مصادر أمنية، اليوم، بأن ناقلة نفط أبلغت عن اقتراب زوارق منها، قبل أن تبتعد الزوارق دون حادث.",
       {{I, "ناقلة نفط أبلغت عن اقتراب زوارق منها، قبل أن تبتعد الزوارق دون حادث", "-", "مصادر أمنية"}}},
      {"open_subject_after_a_quote_speaks_on",
       "«تعلمت الحرفة من أبي»، يقول الحرفي يوسف الحداد، دون أن يرفع عينيه عن العمل.\n"
       "ويضيف: «الحرفة تحتاج صبرا».",
       {{D, "تعلمت الحرفة من أبي", "-", "يوسف الحداد"}, {D, "الحرفة تحتاج صبرا", "-", "يوسف الحداد"}}},
      {"list_name_is_a_label_and_its_pronoun_form_a_subject",
       "وقالت رئيسة لائحة «بلدتنا أولا»، المحامية هدى سالم، إن لائحتها «خاضت معركة نظيفة».",
       {{I, "لائحتها «خاضت معركة نظيفة»", "-", "رئيسة لائحة"}, {P, "خاضت معركة نظيفة", "-", "رئيسة لائحة"}}},
      {"woman_expert_describes",
       "ووصفت الخبيرة الاقتصادية نادية سالم الوضع بأنه \"مقلق لكنه ليس كارثيا\".",
       {{P, "مقلق لكنه ليس كارثيا", "-", "نادية سالم"}}},
      // A source before فإن, with no verb.
      {"fronted_source_before_fa_inna",
       "وحسب مصادر أمنية، فإن عدد الموقوفين قد يرتفع خلال الأيام القادمة.",
       {{I, "عدد الموقوفين قد يرتفع خلال الأيام القادمة", "-", "مصادر أمنية"}}},
      {"fronted_source_after_a_quote_and_a_newline_once",
       "قال الوزير: \"الوضع مستقر\".\nوحسب مصادر أمنية، فإن الحصيلة سترتفع.",
       {{D, "الوضع مستقر", "", "الوزير"}, {I, "الحصيلة سترتفع", "-", "مصادر أمنية"}}},
      // A participle or a verb joined after a comma continues the
      // sentence's verb, reporting or not (عبّر عن، أدان).
      {"participle_after_a_verb_of_attitude",
       "وقال رئيس لجنة التحكيم إن الرواية متميزة.\n"
       "من جانبه، عبر ناشر الرواية عن سعادته بالفوز، قائلا إن \"الجائزة انتصار للأدب\".",
       {{I, "الرواية متميزة", "-", "رئيس لجنة التحكيم"}, {D, "الجائزة انتصار للأدب", "-", "ناشر الرواية"}}},
      {"joined_verb_after_an_organization_with_an_object",
       "وقال رئيس اللجنة إن الوضع هادئ.\nوأدانت الخارجية المصرية الهجوم، وأكدت أن الرد سيكون حازما.",
       {{I, "الوضع هادئ", "-", "رئيس اللجنة"}, {I, "الرد سيكون حازما", "", "الخارجية المصرية"}}},
      {"preposed_subject_apposition_then_qad",
       "وقال المدرب الغاني أوتو أدو إن فريقه جاهز.\n"
       "وكان محمد أبو تريكة، نجم الأهلي السابق، قد كتب عبر حسابه على منصة إكس: \"كل الدعم للمنتخب\".",
       {{I, "فريقه جاهز", "-", "أوتو أدو"}, {D, "كل الدعم للمنتخب", "-", "محمد أبو تريكة"}}},
      // Questions and answers: the asker does not answer.
      {"answer_after_a_question_to_someone",
       "قال المدرب يورغن بيكر إن فريقه جاهز.\n"
       "وسأل أحد الصحفيين المدرب الألماني: «هل أنت مهدد بالإقالة؟»، فرد ضاحكا: «هذه هي كرة القدم».",
       {{I, "فريقه جاهز", "-", "يورغن بيكر"},
        {D, "هل أنت مهدد بالإقالة؟", "-", "أحد الصحفيين"},
        {D, "هذه هي كرة القدم", "-", "يورغن بيكر"}}},
      {"named_answer_after_a_question",
       "وتساءل أحد الحضور: \"متى تصل الخدمة إلى القرى؟\"، فرد الوتيد: \"خلال عامين\".",
       {{D, "متى تصل الخدمة إلى القرى؟", "-", "أحد الحضور"}, {D, "خلال عامين", "-", "الوتيد"}}},
      {"passive_asked_then_answers",
       "وقال الوزير محمد سالم إن الحوار مستمر.\nوسئل الوزير عن موعد القرار فرد: \"قريبا جدا\".",
       {{I, "الحوار مستمر", "-", "محمد سالم"}, {D, "قريبا جدا", "-", "الوزير"}}},
      // A post or a statement the subject put out, then what is in it.
      {"post_with_ja_a_fiha",
       "وقال الوزير سامح شكري إن الحوار مستمر.\n"
       "ونشر النائب ميشال معوض تدوينة جاء فيها: \"حان الوقت لتطبيق القرار\".",
       {{I, "الحوار مستمر", "", "سامح شكري"}, {D, "حان الوقت لتطبيق القرار", "-", "النائب ميشال معوض"}}},
      {"statement_with_ja_a_fihi_an",
       "وأصدرت الوزارة بيانا جاء فيه أن الوضع مستقر.",
       {{I, "الوضع مستقر", "-", "الوزارة"}}},
      // Ascribing a cause: the quotation after إلى is the subject's.
      {"arja_a_ila_quote",
       "ويقول البائع سيد حسن: \"الأسعار نار\".\n"
       "من جانبه، أرجع حاتم النجيب، نائب رئيس الشعبة، الارتفاع إلى \"تراجع المعروض بسبب موجة الحر\".",
       {{D, "الأسعار نار", "-", "البائع سيد حسن"}, {P, "تراجع المعروض بسبب موجة الحر", "-", "حاتم النجيب"}}},
      // "بالقول إن": the manner of the sentence's verb, whose subject speaks
      // (and is masculine, for the feminine verb after it).
      {"reply_by_saying",
       "وقالت النائبة نادية الزروالي: \"كنا نأمل نقاشا أوسع\".\n"
       "ورد الوزير على مداخلتها بالقول إن \"الباب لم يغلق\".\n"
       "غير أن ذلك لم يقنع النائبة، التي اعتبرت أن الضمانات \"تبقى شفهية\".",
       {{D, "كنا نأمل نقاشا أوسع", "-", "نادية الزروالي"},
        {D, "الباب لم يغلق", "-", "الوزير"},
        {I, "الضمانات \"تبقى شفهية\"", "-", "النائبة"},
        {P, "تبقى شفهية", "-", "النائبة"}}},
      {"participle_musajjilan_ends_the_clause",
       "وأبرز الوزير عبد الإله بنعلي أن المشروع متوازن، مسجلا أن الحكومة تفاعلت مع 23 تعديلا.",
       {{I, "المشروع متوازن", "-", "عبد الإله بنعلي"}, {I, "الحكومة تفاعلت مع 23 تعديلا", "-", "عبد الإله بنعلي"}}},
      {"addressee_is_not_the_subject",
       "ومن جانبه، دفع هاني عبد التواب، المحامي عن المتهم الثالث، ببطلان القبض، وقال للمحكمة: \"موكلي بريء\".",
       {{D, "موكلي بريء", "-", "هاني عبد التواب"}}},
      // ورد: "it appeared (in)" where في follows, "and he replied" elsewhere.
      {"warada_replied",
       "وقال النائب سامر يوسف إن الحكومة فشلت.\nورد الوزير: \"الحكومة نجحت\".",
       {{I, "الحكومة فشلت", "-", "سامر يوسف"}, {D, "الحكومة نجحت", "-", "الوزير"}}},
      {"warada_replied_with_a_participle",
       "وقال النائب سامر يوسف إن الحكومة فشلت.\nورد الوزير قائلا: \"الحكومة نجحت\".",
       {{I, "الحكومة فشلت", "-", "سامر يوسف"}, {D, "الحكومة نجحت", "-", "الوزير"}}},
      {"warada_fi_is_the_document",
       "وقال النائب سامر يوسف إن الحكومة فشلت.\nوورد في البيان أن الحكومة نجحت.",
       {{I, "الحكومة فشلت", "-", "سامر يوسف"}, {I, "الحكومة نجحت", "-", "البيان"}}},
      {"li_of_purpose_before_a_present_cue",
       "ثم عاد السفير الكويتي فيصل العتيبي ليؤكد، في مداخلة ثانية، أن \"الحلول السياسية هي الأقصر\".",
       {{D, "الحلول السياسية هي الأقصر", "-", "السفير الكويتي فيصل العتيبي"}}},
      {"contrast_then_subject_with_a_long_relative_clause",
       "غير أن المصممة الشابة سلمى التازي، التي تعمل على إدخال الزليج في الديكور العصري، ترى أن الحرفة \"لن تموت\".",
       {{I, "الحرفة \"لن تموت\"", "-", "سلمى التازي"}, {P, "لن تموت", "-", "سلمى التازي"}}},
      {"fronted_source_with_a_quote_inside",
       "ووفق رئيس الاتحاد، فإن النهائي شهد \"أكبر حضور جماهيري منذ سنوات\".",
       {{I, "النهائي شهد \"أكبر حضور جماهيري منذ سنوات\"", "-", "رئيس الاتحاد"},
        {P, "أكبر حضور جماهيري منذ سنوات", "-", "رئيس الاتحاد"}}},
  };
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ExtractorTest : public ::testing::TestWithParam<Case> {};

TEST_P(ExtractorTest, FindsExpectedRecords) {
  const Case& c = GetParam();
  std::vector<v1::Quote> got = ExtractText(c.text);
  SCOPED_TRACE("text: " + c.text + "\ngot:\n" + Describe(got));
  EXPECT_EQ(CheckSpans(c.text, got), "");
  for (const Expected& e : c.expected) {
    auto it = std::find_if(got.begin(), got.end(), [&](const v1::Quote& q) {
      return q.kind() == e.kind && q.text() == e.text;
    });
    ASSERT_NE(it, got.end()) << "missing " << v1::Kind_Name(e.kind) << " '" << e.text << "'";
    if (e.speaker_id == "-") {
      EXPECT_EQ(it->speaker().id(), "") << "'" << e.text << "' must not resolve to a canonical speaker";
    } else if (!e.speaker_id.empty()) {
      EXPECT_EQ(it->speaker().id(), e.speaker_id) << "speaker of '" << e.text << "'";
    }
    if (!e.mention_has.empty()) {
      EXPECT_NE(it->speaker().mention().find(e.mention_has), std::string::npos)
          << "mention '" << it->speaker().mention() << "' of '" << e.text << "' lacks '" << e.mention_has << "'";
    }
    EXPECT_GT(it->confidence(), 0.0f);
    EXPECT_LE(it->confidence(), 1.0f);
    EXPECT_FALSE(it->rule().empty());
  }
  if (c.exact) {
    EXPECT_EQ(got.size(), c.expected.size()) << "unexpected extra records";
  }
}

INSTANTIATE_TEST_SUITE_P(Constructions, ExtractorTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// Explicit attribution outranks a title, which outranks an implied subject,
// which outranks a continuation with no cue at all.
TEST(ExtractorConfidence, ExplicitAboveTitleAboveImpliedAboveContinuation) {
  std::string text =
      "قال المتحدث باسم البيت الأبيض جون كيربي: \"سندعم الحلفاء بكل ما نملك من وسائل\".\n"
      "وأضاف: \"لن نقف مكتوفي الأيدي أمام هذا التصعيد\".\n"
      "\"إن واشنطن تراقب الوضع عن كثب وستتخذ ما يلزم من إجراءات\".\n"
      "وقال المتحدث باسم الكرملين إن موسكو سترد.";
  std::vector<v1::Quote> got = ExtractText(text);
  SCOPED_TRACE(Describe(got));
  ASSERT_EQ(got.size(), 4u);
  float explicit_c = got[0].confidence();
  float implied_c = got[1].confidence();
  float continued_c = got[2].confidence();
  float title_c = got[3].confidence();
  EXPECT_EQ(got[0].speaker().id(), "john-kirby");
  EXPECT_EQ(got[1].speaker().id(), "john-kirby");
  EXPECT_EQ(got[2].speaker().id(), "john-kirby");
  EXPECT_EQ(got[3].speaker().id(), "dmitry-peskov");
  EXPECT_GT(explicit_c, title_c);
  EXPECT_GT(title_c, implied_c);
  EXPECT_GT(explicit_c, implied_c);
  EXPECT_GT(implied_c, continued_c);
  EXPECT_NE(got[1].rule().find("implied"), std::string::npos);
  EXPECT_NE(got[2].rule().find("continuation"), std::string::npos);
}

TEST(ExtractorRecords, CarryArticleFieldsCueAndIndex) {
  v1::Article article;
  article.set_id("a-1");
  article.set_url("https://example.org/a");
  article.set_date("2024-06-19");
  article.set_text("وقال لافروف للصحفيين: \"المحادثات كانت بناءة\".");
  Extractor extractor(&testing::Patterns());
  std::vector<v1::Quote> got;
  extractor.Extract(article, &got);
  ASSERT_EQ(got.size(), 1u) << Describe(got);
  const v1::Quote& q = got[0];
  EXPECT_EQ(q.article_id(), "a-1");
  EXPECT_EQ(q.url(), "https://example.org/a");
  EXPECT_EQ(q.date(), "2024-06-19");
  EXPECT_EQ(q.cue().text(), "وقال");
  EXPECT_EQ(q.cue().lemma(), "قال");
  EXPECT_EQ(article.text().substr(q.cue().span().begin(), q.cue().span().end() - q.cue().span().begin()), "وقال");
  EXPECT_EQ(q.speaker().name(), "Sergei Lavrov");
  EXPECT_EQ(q.speaker().wikidata(), "Q58217");
  EXPECT_EQ(q.index(), 0u);
}

// ExtractReusing overwrites earlier records in place: whatever they held
// (a speaker id, a title, a cue, a longer text), the result must equal a
// fresh Extract. Every table row is run after every other kind of row.
TEST(ExtractorRecords, ReusingRecordsGivesTheSameRecordsAsFreshOnes) {
  std::vector<Case> cases = Cases();
  cases.push_back({"invalid_utf8", "قال \xff\xfe الوزير: \"لن \xc3 نقبل\".", {}, false});
  cases.push_back({"headline", "بوتين: سنرد على أي هجوم بقوة\nموسكو - قال الكرملين إن الرد سيكون حاسما.", {}, false});
  Extractor extractor(&testing::Patterns());
  std::vector<v1::Quote> reused;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < cases.size(); ++k) {
      const Case& c = pass == 0 ? cases[k] : cases[cases.size() - 1 - k];
      v1::Article article;
      article.set_id(c.name);
      article.set_url(k % 2 == 0 ? "https://example.org/" + c.name : "");
      article.set_text(c.text);
      std::vector<v1::Quote> fresh;
      extractor.Extract(article, &fresh);
      size_t n = extractor.ExtractReusing(article, &reused, 0);
      ASSERT_EQ(n, fresh.size()) << c.name;
      ASSERT_GE(reused.size(), n) << c.name;
      for (size_t i = 0; i < n; ++i) {
        EXPECT_EQ(reused[i].DebugString(), fresh[i].DebugString()) << c.name << " record " << i;
        EXPECT_EQ(reused[i].SerializeAsString(), fresh[i].SerializeAsString()) << c.name << " record " << i;
      }
    }
  }
  // Appending after existing records leaves them alone.
  std::vector<v1::Quote> out;
  extractor.Extract(testing::ArticleOf(cases[0].text), &out);
  const size_t before = out.size();
  ASSERT_GT(before, 0u);
  const std::string first = out[0].SerializeAsString();
  extractor.Extract(testing::ArticleOf(cases[1].text), &out);
  EXPECT_GT(out.size(), before);
  EXPECT_EQ(out[0].SerializeAsString(), first);
}

TEST(ExtractorRecords, EmptyAndNonArabicInputsYieldNothing) {
  for (const std::string text : {"", "   \n\n ", "The minister said: \"no comment\".", "\"\"\"\"\"\""}) {
    std::vector<v1::Quote> got = ExtractText(text);
    EXPECT_EQ(CheckSpans(text, got), "") << text;
  }
  EXPECT_TRUE(ExtractText("").empty());
}

}  // namespace
}  // namespace qawl

namespace qawl {
namespace {

// A title several people held resolves by the article's year: from the
// date field, else from a dateline near the top of the text.
TEST(ExtractorTitles, SharedTitleResolvesByTheArticleYear) {
  const std::string body = "وقال الأمين العام لحلف الناتو للصحفيين إن الحلف سيعزز دفاعاته الشرقية.";
  struct Row {
    std::string date;
    std::string dateline;
    std::string id;
  };
  const Row rows[] = {
      {"2012-05-01", "", "anders-fogh-rasmussen"},
      {"2019-03-10", "", "jens-stoltenberg"},
      {"2025-02-01", "", "mark-rutte"},
      {"", "نشر في 12 يناير 2016\n", "jens-stoltenberg"},
      {"", "", ""},  // no year, no name: the title stays a mention
  };
  Extractor extractor(&testing::Patterns());
  for (const Row& row : rows) {
    v1::Article article;
    article.set_id("t");
    article.set_date(row.date);
    article.set_text(row.dateline + body);
    std::vector<v1::Quote> got;
    extractor.Extract(article, &got);
    ASSERT_EQ(got.size(), 1u) << row.date << row.dateline << testing::Describe(got);
    EXPECT_EQ(got[0].speaker().id(), row.id) << "date '" << row.date << "' dateline '" << row.dateline << "'";
    EXPECT_NE(got[0].speaker().mention().find("الأمين العام"), std::string::npos);
  }
}

}  // namespace
}  // namespace qawl

namespace qawl {
namespace {

// ة folds to ه, so إفادة looks like أفاد + ه; only a written ه is a pronoun.
TEST(ExtractorCues, TehMarbutaNounIsNotAVerbWithObject) {
  std::string text = "وقال لافروف في إفادة صحفية: \"الحوار ما زال ممكنا\". ووصفه بيسكوف بأنه \"دبلوماسي محنك\".";
  std::vector<v1::Quote> got = testing::ExtractText(text);
  ASSERT_EQ(got.size(), 2u) << testing::Describe(got);
  EXPECT_EQ(got[0].speaker().id(), "sergei-lavrov");
  EXPECT_EQ(got[0].rule(), "cue_colon_quote") << "the speaker is explicit, not implied";
  EXPECT_EQ(got[0].cue().text(), "وقال");
  EXPECT_EQ(got[1].speaker().id(), "dmitry-peskov");
  EXPECT_EQ(got[1].cue().text(), "ووصفه");
  EXPECT_EQ(got[1].kind(), v1::PARTIAL);
}

}  // namespace
}  // namespace qawl
