// The numbers the extraction stages work with, in one place.
//
// Each is a bound on how far a construction of Arabic news reaches, or a
// confidence; none is tuned to a sentence. The stages (article_view.h,
// cues.h, mentions.h, discourse.h, constructions.h) read them from here.
#ifndef QAWL_EXTRACTION_LIMITS_H_
#define QAWL_EXTRACTION_LIMITS_H_

#include <cstddef>
#include <cstdint>

namespace qawl::limits {

// --- Article view -----------------------------------------------------------
// TokenAt's index: one entry per 2^4 = 16 bytes (one or two Arabic words),
// so that TokenAt rarely steps over more than one token, while the index
// (rebuilt for every article) stays small.
inline constexpr int kTokenBlockShift = 4;
// Quotes this short after a label noun are names, not quotations.
inline constexpr size_t kMaxLabelTokens = 4;
// Longer ones are names only right after an indefinite label noun, and
// up to this many words (منظمة "مقاتلون من أجل كوريا الشمالية الحرة").
inline constexpr size_t kMaxLongNameTokens = 7;
// The dateline that gives an article's year is in its first bytes.
inline constexpr size_t kDatelineBytes = 600;

// --- Cues and frames ----------------------------------------------------------
// How far after a cue its subject and complementizer may reach, in words
// and in bytes.
inline constexpr size_t kMaxRegionTokens = 24;
inline constexpr uint32_t kMaxRegionBytes = 1024;
// A verb whose source follows a preposition (وجاء في البيان، وعلمت
// «الشرق الأوسط» من مصادر) has it within this many words of a channel.
inline constexpr size_t kMaxChannelTokens = 3;

// --- Mentions -----------------------------------------------------------------
// An unknown speaker's mention is cut to this many words.
inline constexpr size_t kMaxMentionTokens = 14;
// A subject before its verb with no source noun is at most this long
// (المواطنة هيام سليمان قالت); with one, at most kMaxPreposedTokens.
inline constexpr size_t kMaxPreposedUnknownTokens = 5;
inline constexpr size_t kMaxPreposedTokens = 10;
// After the subject, at most this many words of circumstance (time,
// occasion, addressee) for the quote that follows to be its whole words.
inline constexpr size_t kMaxCircumstanceTokens = 6;
// A family name alone stands for a named person within this many words of
// the phrase's start (الرئيس الكوري الجنوبي يون).
inline constexpr size_t kMaxShortNameOffset = 3;
// "نقل عن X قوله": عن is at most this many words before the noun.
inline constexpr size_t kMaxNounCueReach = 16;
// "X، الذي قال": the antecedent is at most this many words.
inline constexpr size_t kMaxAntecedentTokens = 8;
// A phrase closed by a comma that opens a sentence (في المقابل،).
inline constexpr size_t kMaxLeadTokens = 12;

// --- Discourse -----------------------------------------------------------------
// An implied subject refers to one of this many recent sources.
inline constexpr int kMaxHistoryLookBack = 64;
// An implied subject with no earlier source refers to a person introduced
// by a role and a name at most this many paragraph breaks before (a run of
// line breaks counts once: ArticleView::NewlinesBetween).
inline constexpr size_t kMaxIntroducedNewlines = 2;
// A surname or role alone names one of this many recent sources.
inline constexpr int kMaxCorefLookBack = 32;
// ... when it is this short.
inline constexpr size_t kMaxShortMentionTokens = 4;
// A mention of an unknown source this short (a role, a surname) may refer
// to a person the article introduced without a cue (MentionSet::
// role_names, scanned only when some cue has one).
inline constexpr size_t kMaxRoleReferenceTokens = 3;

// --- Constructions -------------------------------------------------------------
// A quote with no cue is kept as a continuation only if this long.
inline constexpr size_t kMinContinuationTokens = 5;
// Further quotations in a cue's sentence that are still its speaker's.
inline constexpr size_t kMaxFollowingQuotes = 8;
// Words between a closing mark and the cue that names its speaker.
inline constexpr size_t kMaxPostQuoteConnectors = 3;
// Reported speech is a clause, not a page: past this the sentence splitter
// has failed (a page without punctuation).
inline constexpr uint32_t kMaxClauseBytes = 2048;
// A statement after a colon with no marks has at least this many words.
inline constexpr size_t kMinUnmarkedTokens = 3;
// Headlines ("بوتين: …") are looked for in this many first paragraphs.
inline constexpr int kHeadlineParagraphs = 3;

// --- Confidence ------------------------------------------------------------------
// By how the speaker was found; the construction scales it.
inline constexpr float kConfExplicit = 0.95f;
inline constexpr float kConfAfter = 0.9f;
inline constexpr float kConfTitle = 0.85f;
inline constexpr float kConfPreposed = 0.8f;
inline constexpr float kConfImplied = 0.7f;
inline constexpr float kConfContinuation = 0.5f;
// Scales by construction.
inline constexpr float kScaleUnbalancedMarks = 0.9f;
inline constexpr float kScaleClause = 0.95f;
inline constexpr float kScaleUnmarked = 0.85f;
inline constexpr float kScaleHeadline = 0.8f;
// Scales by how a gazetteer name was matched (Gazetteer::FuzzyMatch).
inline constexpr float kScaleSpellingVariant = 0.9f;
inline constexpr float kScaleLatinName = 0.85f;

}  // namespace qawl::limits

#endif  // QAWL_EXTRACTION_LIMITS_H_
