#include "qawl/flags.h"

namespace qawl {

void Flags::AddValue(std::string name, std::string default_value) {
  Option o;
  o.takes_value = true;
  o.value = std::move(default_value);
  options_[std::move(name)] = std::move(o);
}

void Flags::AddBool(std::string name) { options_[std::move(name)] = Option(); }

void Flags::AddShort(char letter, std::string name) { short_[letter] = std::move(name); }

Status Flags::Parse(int argc, char** argv) {
  bool options_done = false;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (options_done || arg == "-" || arg.empty() || arg[0] != '-') {
      positional_.emplace_back(arg);
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    std::string name;
    std::string_view inline_value;
    bool has_inline = false;
    if (arg.substr(0, 2) == "--") {
      std::string_view body = arg.substr(2);
      size_t eq = body.find('=');
      name = std::string(body.substr(0, eq));
      if (eq != std::string_view::npos) {
        inline_value = body.substr(eq + 1);
        has_inline = true;
      }
    } else {
      auto it = short_.find(arg[1]);
      if (arg.size() < 2 || it == short_.end()) {
        return Status::InvalidArgument("unknown option '" + std::string(arg) + "'");
      }
      name = it->second;
      if (arg.size() > 2) {
        inline_value = arg.substr(2);
        has_inline = true;
      }
    }
    auto it = options_.find(name);
    if (it == options_.end()) return Status::InvalidArgument("unknown option '--" + name + "'");
    Option& o = it->second;
    o.set = true;
    if (!o.takes_value) {
      if (has_inline) return Status::InvalidArgument("option '--" + name + "' takes no value");
      continue;
    }
    if (has_inline) {
      o.value = std::string(inline_value);
    } else if (i + 1 < argc) {
      o.value = argv[++i];
    } else {
      return Status::InvalidArgument("option '--" + name + "' needs a value");
    }
  }
  return Status::Ok();
}

const std::string& Flags::value(std::string_view name) const {
  static const std::string kEmpty;
  auto it = options_.find(name);
  return it == options_.end() ? kEmpty : it->second.value;
}

bool Flags::is_set(std::string_view name) const {
  auto it = options_.find(name);
  return it != options_.end() && it->second.set;
}

bool Flags::flag(std::string_view name) const { return is_set(name); }

}  // namespace qawl
