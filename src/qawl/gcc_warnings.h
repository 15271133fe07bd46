// Macros that silence known false positives of GCC's warnings around one
// statement, and only with GCC (clang does not know these warnings and would
// warn about the pragma itself).
//
// QAWL_GCC_BUG_105329_BEGIN / QAWL_GCC_BUG_105329_END: GCC 12 warns
// -Wrestrict ("__builtin_memcpy accessing 9223372036854775810 or more bytes
// ... may overlap") inside libstdc++'s basic_string::_M_replace when
// `"literal" + std::string(...)` (operator+(const char*, string&&)) is
// inlined at -O2. The code is correct; the warning is GCC bug 105329
// (https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105329, duplicates
// 105651), fixed in GCC 13. Wrap the statement that builds such a string:
//
//   QAWL_GCC_BUG_105329_BEGIN
//   msg += ":" + std::to_string(line);
//   QAWL_GCC_BUG_105329_END
#ifndef QAWL_GCC_WARNINGS_H_
#define QAWL_GCC_WARNINGS_H_

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ == 12
#define QAWL_GCC_BUG_105329_BEGIN \
  _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Wrestrict\"")
#define QAWL_GCC_BUG_105329_END _Pragma("GCC diagnostic pop")
#else
#define QAWL_GCC_BUG_105329_BEGIN
#define QAWL_GCC_BUG_105329_END
#endif

#endif  // QAWL_GCC_WARNINGS_H_
