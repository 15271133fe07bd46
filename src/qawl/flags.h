// Flags: a small GNU-style command-line parser for the qawl tools.
//
// Long options take "--name=value" or "--name value"; boolean options take
// "--name" alone; "--" ends the options; everything else (including "-") is
// a positional argument. Errors are returned as values naming the option.
//
// Thread-safety: plain value; parse on one thread.
#ifndef QAWL_FLAGS_H_
#define QAWL_FLAGS_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qawl/status.h"

namespace qawl {

class Flags {
 public:
  // Declares an option that takes a value, with its default.
  void AddValue(std::string name, std::string default_value = "");
  // Declares a boolean option (false unless given).
  void AddBool(std::string name);
  // Also accepts a one-letter alias ("-o FILE") for option `name`.
  void AddShort(char letter, std::string name);

  Status Parse(int argc, char** argv);

  const std::string& value(std::string_view name) const;
  bool is_set(std::string_view name) const;  // given on the command line
  bool flag(std::string_view name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  struct Option {
    bool takes_value = false;
    bool set = false;
    std::string value;
  };
  std::map<std::string, Option, std::less<>> options_;
  std::map<char, std::string> short_;
  std::vector<std::string> positional_;
};

}  // namespace qawl

#endif  // QAWL_FLAGS_H_
