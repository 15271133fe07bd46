#include "qawl/lookup/search_query.h"

#include <cctype>

namespace qawl::lookup {
namespace {

bool Digits(std::string_view s, size_t n) {
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

int Number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

bool ValidDay(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int max = kDays[month - 1] - (month == 2 && !leap ? 1 : 0);
  return day <= max;
}

}  // namespace

std::string DayOf(std::string_view date) {
  // YYYY-MM-DD or YYYY/MM/DD, followed by nothing or a non-digit.
  if (!Digits(date, 4) || date.size() < 10) return "";
  char sep = date[4];
  if ((sep != '-' && sep != '/') || date[7] != sep) return "";
  if (!Digits(date.substr(5), 2) || !Digits(date.substr(8), 2)) return "";
  if (date.size() > 10 && std::isdigit(static_cast<unsigned char>(date[10]))) return "";
  int y = Number(date.substr(0, 4)), m = Number(date.substr(5, 2)), d = Number(date.substr(8, 2));
  if (!ValidDay(y, m, d)) return "";
  std::string day(date.substr(0, 10));
  day[4] = day[7] = '-';
  return day;
}

StatusOr<std::string> ParseDayBound(std::string_view text, bool upper) {
  auto bad = [&] {
    return Status::InvalidArgument("bad date '" + std::string(text) + "': expected YYYY-MM-DD, YYYY-MM or YYYY");
  };
  if (text.size() == 4 && Digits(text, 4)) {
    if (Number(text) < 1) return bad();
    return std::string(text) + (upper ? "-12-31" : "-01-01");
  }
  if (text.size() == 7 && Digits(text, 4) && text[4] == '-' && Digits(text.substr(5), 2)) {
    int m = Number(text.substr(5, 2));
    if (m < 1 || m > 12 || Number(text.substr(0, 4)) < 1) return bad();
    // "-31" for every month: day strings compare as text, and no date in a
    // month sorts after its day 31.
    return std::string(text) + (upper ? "-31" : "-01");
  }
  if (text.size() == 10) {
    std::string day = DayOf(text);
    if (!day.empty() && text[4] == '-') return day;
  }
  return bad();
}

bool ParseKind(std::string_view name, v1::Kind* kind) {
  std::string lower;
  for (char c : name) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "direct") {
    *kind = v1::DIRECT;
  } else if (lower == "partial") {
    *kind = v1::PARTIAL;
  } else if (lower == "indirect") {
    *kind = v1::INDIRECT;
  } else {
    return false;
  }
  return true;
}

std::string KindName(int kind) {
  switch (kind) {
    case v1::DIRECT:
      return "direct";
    case v1::PARTIAL:
      return "partial";
    case v1::INDIRECT:
      return "indirect";
    default:
      return "kind-" + std::to_string(kind);
  }
}

}  // namespace qawl::lookup
