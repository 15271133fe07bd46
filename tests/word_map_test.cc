#include "qawl/word_map.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <string>
#include <vector>

namespace qawl {
namespace {

// Words of every length from 0 to 40 bytes, Arabic and ASCII, including
// pairs that differ only in the first, a middle or the last byte, which
// the fixed-size loads of HashWord and SameBytes must all see.
std::vector<std::string> Words() {
  std::vector<std::string> words = {"", "a", "b", "ab", "ba", "abc", "abd", "قال", "وقال", "فقال", "قالت"};
  const std::string letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";  // two bytes each
  for (size_t len = 1; len <= 40; ++len) {
    std::string w;
    for (size_t i = 0; i < len; ++i) w.push_back(static_cast<char>('a' + i % 26));
    words.push_back(w);
    for (size_t at : {size_t{0}, len / 2, len - 1}) {
      std::string v = w;
      v[at] = 'Z';
      words.push_back(v);
    }
    if (len % 2 == 0) words.push_back(letters.substr(0, len));
  }
  std::set<std::string> unique(words.begin(), words.end());
  return {unique.begin(), unique.end()};
}

TEST(WordMap, FindsEveryInsertedWordAndOnlyThose) {
  const std::vector<std::string> words = Words();
  WordMap<int> map;
  // Insert every other word; the rest must miss.
  for (size_t i = 0; i < words.size(); i += 2) map[words[i]] = static_cast<int>(i) + 1;
  EXPECT_EQ(map.size(), (words.size() + 1) / 2);
  for (size_t i = 0; i < words.size(); ++i) {
    const int* v = map.Find(words[i]);
    if (i % 2 == 0) {
      ASSERT_NE(v, nullptr) << "word '" << words[i] << "' (" << words[i].size() << " bytes) was inserted";
      EXPECT_EQ(*v, static_cast<int>(i) + 1) << words[i];
      EXPECT_EQ(map.Find(words[i], HashWord(words[i])), v) << words[i];
    } else {
      EXPECT_EQ(v, nullptr) << "word '" << words[i] << "' (" << words[i].size() << " bytes) was not inserted";
    }
  }
}

TEST(WordMap, InsertingAgainKeepsOneEntry) {
  WordMap<int> map;
  map["قال"] = 1;
  map["قال"] += 1;
  EXPECT_EQ(map.size(), 1u);
  ASSERT_NE(map.Find("قال"), nullptr);
  EXPECT_EQ(*map.Find("قال"), 2);
  EXPECT_EQ(map.entries()[0].first, "قال");
}

TEST(WordMap, EmptyMapFindsNothing) {
  WordMap<int> map;
  EXPECT_EQ(map.Find(""), nullptr);
  EXPECT_EQ(map.Find("قال"), nullptr);
}

// Random byte strings of 1 to 24 bytes.
class RandomWords {
 public:
  explicit RandomWords(unsigned seed) : rng_(seed) {}
  std::string Next() {
    std::string w(static_cast<size_t>(len_(rng_)), '\0');
    for (char& c : w) c = static_cast<char>(byte_(rng_));
    return w;
  }

 private:
  std::mt19937 rng_;
  std::uniform_int_distribution<int> len_{1, 24};
  std::uniform_int_distribution<int> byte_{0, 255};
};

// Grows through many resizes; every word stays findable and random
// strings of the same lengths miss.
TEST(WordMap, SurvivesGrowthWithManyWords) {
  RandomWords random(7);
  std::set<std::string> inserted;
  WordMap<size_t> map;
  while (inserted.size() < 50000) {
    const std::string w = random.Next();
    if (inserted.insert(w).second) map[w] = w.size();
  }
  ASSERT_EQ(map.size(), inserted.size());
  for (const std::string& w : inserted) {
    const size_t* v = map.Find(w);
    ASSERT_NE(v, nullptr) << "lost a word of " << w.size() << " bytes";
    EXPECT_EQ(*v, w.size());
  }
  int false_hits = 0;
  for (int i = 0; i < 50000; ++i) {
    const std::string w = random.Next();
    if (inserted.count(w) == 0 && map.Find(w) != nullptr) ++false_hits;
  }
  EXPECT_EQ(false_hits, 0);
}

// MayHold never turns away a key the map holds, and turns away most of
// those it does not (the filter has about 16 bits per key).
TEST(WordMap, MayHoldKeepsEveryKeyAndTurnsAwayMostOthers) {
  WordMap<int> empty;
  EXPECT_FALSE(empty.MayHold(HashWord("قال")));
  RandomWords random(11);
  std::set<std::string> inserted;
  WordMap<int> map;
  while (inserted.size() < 40000) {
    const std::string w = random.Next();
    if (inserted.insert(w).second) map[w] = 1;
  }
  for (const std::string& w : inserted) ASSERT_TRUE(map.MayHold(HashWord(w))) << "a key of " << w.size() << " bytes";
  int passed = 0;
  int absent = 0;
  for (int i = 0; i < 40000; ++i) {
    const std::string w = random.Next();
    if (inserted.count(w) != 0) continue;
    ++absent;
    passed += map.MayHold(HashWord(w));
  }
  EXPECT_LT(passed, absent / 4) << passed << " of " << absent << " absent keys passed the filter";
}

TEST(SameBytes, ComparesEveryByteForEveryLength) {
  for (size_t n = 0; n <= 40; ++n) {
    std::string a(n, 'x');
    for (size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + i % 26);
    EXPECT_TRUE(SameBytes(a.data(), a.data(), n)) << n;
    for (size_t at = 0; at < n; ++at) {
      std::string b = a;
      b[at] = static_cast<char>(b[at] ^ 0x40);
      EXPECT_FALSE(SameBytes(a.data(), b.data(), n)) << "length " << n << ", byte " << at << " differs";
    }
  }
}

}  // namespace
}  // namespace qawl
