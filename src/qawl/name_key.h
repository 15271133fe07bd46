// Name keys: a coarse phonetic skeleton of one word of a person's name, the
// same for the spelling variants the Arabic press writes for one foreign
// name (زيلينسكي / زيلنسكي / زلانسكي, ستولتنبرغ / ستولتنبرج / شتولتنبرج)
// and for the Latin-script name they transcribe (Zelensky, Stoltenberg).
//
// A key is a short ASCII string, one character per consonant class, with
// the vowels left out. It is evidence, not identity: different names can
// share a key (Scholz and Schulz are both "clz"; so are the common word
// غرب "west" and كيربي Kirby, both "krb"), so a caller must treat a match by
// key as weaker than an exact match and confirm it by context.
//
// Key alphabet (both functions emit only these characters):
//
//   class  Arabic (normalized)        Latin
//   -----  -------------------------  ------------------------------------
//   A      ا ع ء as first letter      a e i o u (any accent) as first letter
//   w      و as first letter          w as first letter
//   y      ي as first letter          y as first letter
//   b      ب (پ)                      b p
//   t      ت ط ث                      t th
//   d      د ض                        d
//   z      ز ذ ظ, تس تز (ژ)            z ts tz dh
//   s      س ص                        s, c before e i y, ß
//   c      ش, تش                      sh ch tch sch tsch ş š ç č ć, x first
//   k      ك ق غ ج (گ ک ڨ چ)          k g q j c(else) ck gh dj dzh zh ğ;
//                                     x not first is "ks"
//   x      خ                          kh
//   f      ف (ڤ)                      f v ph
//   h      ح, ه not last              h (see below)
//   l m n r                            l m n r
//   (none) ا و ي ع ء not first,       a e i o u y w not first,
//          ه as last letter            h last, in "oh" + consonant, wh, rh
//
// Rules common to both sides:
//   * the long vowels are dropped except as the first letter, where ا ع ء
//     (and a Latin vowel) become the marker "A" and و ي (Latin w y) are
//     the consonants "w" "y": ي/و/ا present or absent inside a name is the
//     commonest variation (دميتري / ديميتري / ديمتري, بيسكوف / بسكوف);
//   * a letter written twice in a row is one ("ميللر" = "ميلر"); in Latin
//     so is a class ("tt" in "Rutte", "ck"); a dropped vowel in between
//     keeps both (كالاس "kls"), and so do two different Arabic letters of
//     one class (عراقجي "Arkk" is not عراقي "Ark");
//   * g is one class with k and q and j, because the press writes g as غ
//     (Levant), ج (Egypt), ق (Gulf) or ك (گ folded): غوتيريش / جوتيريش,
//     شويغو / شويجو; j is ج, so Latin j is "k" too;
//   * ت ط ث are one class: أنتوني / أنطوني, ماثيو / ماتيو, هيغسيث /
//     هيغسيت (English "th" is written ث or ت, not س, in the press);
//   * ز ذ ظ are one class, with German and Slavic ts/tz written تس, تز or
//     ز: شولتس / شولتز / شولز, ميرتس / ميرز; ظ is Latin z (ظريف Zarif),
//     ذ Latin dh; ص is س (سوك / صوك), ض is د;
//   * ch is ش or تش (تشوي / شوي), so تش is one "c"; a word-initial ش
//     before ت or ب is read as س (German St-, Sp-: شتولتنبرج = ستولتنبرغ);
//   * a final ه is a vowel (روته / روتي / روت, أندريه, خوسيه).
//
// Latin only: letters are lowercased and stripped of accents (NFD, ICU);
// ø æ œ ı ł đ ð þ are read as o ae oe i l d d th. Apostrophes, digits and
// other non-letters are skipped.
//
// Known misses, not worth the collisions their fixes would cause:
//   * Portuguese s read as ش: Guterres is "ktrs", the key of غوتيريس, not
//     of غوتيريش "ktrc";
//   * Persian ch written ج: Araghchi "Arkc" vs عراقجي "Arkk"; Turkish c
//     (Recep "rsb" vs رجب "rkb");
//   * German and Scandinavian j read as ي (Jens / ينس, Netanjahu), Polish
//     and German w read as ف (Lewandowski, Peskow), silent h (Hollande /
//     أولاند);
//   * the press sometimes changes the consonants themselves (سيبيها /
//     سيبيغا for Sybiha; ش / س in غوتيريش / غوتيريس).
//
// Cost: SkeletonKey is a table lookup per letter, no ICU; LatinKey reads
// ASCII directly and asks ICU only for letters outside ASCII. Keys of up to
// 15 characters fit std::string's inline buffer, so neither function
// allocates for a name: about 50 ns a word for either (Release, the words
// of the dev corpus; Latin names with accents). Pure functions, safe from
// any thread.
#ifndef QAWL_NAME_KEY_H_
#define QAWL_NAME_KEY_H_

#include <string>
#include <string_view>

namespace qawl {

// The key of one Arabic word, normalized by qawl::Normalizer (the letters
// the Normalizer folds, like ى ة أ گ پ, are folded here too, and marks and
// tatweel are skipped, so the key of a raw word equals the key of its
// normalized form). The caller strips proclitics and the article ال first:
// they are part of the sentence, not of the name. Code points that are not
// Arabic letters are ignored. Empty for a word without consonants.
std::string SkeletonKey(std::string_view normalized_word);

// The key of one Latin-script word (any case, accents allowed), in the
// same key space as SkeletonKey: LatinKey("Zelenskyy") ==
// SkeletonKey("زيلينسكي"). Code points that are not Latin letters are
// ignored; words longer than 64 letters are cut there.
std::string LatinKey(std::string_view latin_word);

// How far apart two Arabic words are as spellings of one name: the
// Levenshtein distance between their letters, where these swaps are free:
// the long vowels ا ي ء (and a final ه ة) among themselves, غ and ج
// (the two common ways to write g), تس / تز and ز, تش and ش. Any other
// swap costs 1, also within a key class (ط for ت, ق for ك, ص for س), ع
// for a long vowel and و (o, u) for ا ي (a, e, i), which the press keeps
// apart: such swaps make Arabic words (طارق, تعرق, مرجل, تدريس) rather
// than press spellings of foreign names. زيلينسكي / زلانسكي is 1 (one ي
// dropped), غوتيريش / جوتيريش 0, عراقي / عراقجي 1, غرب / كيربي 3, تدريس /
// تيدروس 2. A key
// shared by two words says their consonants agree; a small distance says,
// besides, that they are not two words of one Arabic root. Words are cut
// at 64 letters, like keys.
//
// With VowelLetters::kCounted the long vowels are letters like the others
// (a swap of ا و ي ء ه costs 1; غ / ج and the digraphs stay free): among
// words of three consonants the vowel letters are all that tells one
// Arabic word from another (تبين / تبون, أمانة / أمانو, دبابة / دبيبة).
enum class VowelLetters { kFree, kCounted };
int SpellingDistance(std::string_view a, std::string_view b, VowelLetters vowels = VowelLetters::kFree);

// The same for two Latin-script words: the Levenshtein distance between
// their letters (lowercased, accents stripped as in LatinKey), where a
// vowel (a e i o u y) for another vowel, c k q among themselves and f for v
// are free. Zalansky / Zelensky 0, Makron / Macron 0, Poutine / Putin 2,
// Makron / Mogherini 4, Peskow / Psaki 3.
int LatinSpellingDistance(std::string_view a, std::string_view b);

// True when the first letter of `word` is Latin (ASCII or a Latin letter
// with a diacritic), i.e. when LatinKey and not SkeletonKey applies.
bool IsLatinWord(std::string_view word);

}  // namespace qawl

#endif  // QAWL_NAME_KEY_H_
