#include "qawl/checkpoint.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "qawl/shard.h"

namespace qawl {

namespace {

constexpr char kMagic[] = "qawl-checkpoint 1";

std::string Hex(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

// The numeric fields, by name, for both directions.
std::vector<std::pair<const char*, uint64_t Checkpoint::*>> Fields() {
  return {
      {"items", &Checkpoint::items},
      {"output_bytes", &Checkpoint::output_bytes},
      {"errors_bytes", &Checkpoint::errors_bytes},
      {"articles", &Checkpoint::articles},
      {"quotes", &Checkpoint::quotes},
      {"bad_records", &Checkpoint::bad_records},
      {"failed_inputs", &Checkpoint::failed_inputs},
      {"bytes", &Checkpoint::bytes},
      {"other_shards", &Checkpoint::other_shards},
  };
}

Status WriteAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": write failed: " + std::strerror(errno));
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return Status::Ok();
}

}  // namespace

Status SyncParentDirectory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::string dir = parent.empty() ? "." : parent.string();
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(dir + ": cannot open directory: " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  // Some file systems cannot fsync a directory; the rename is then as
  // durable as they make it.
  if (rc != 0 && err != EINVAL && err != ENOTSUP) {
    return Status::IoError(dir + ": fsync failed: " + std::strerror(err));
  }
  return Status::Ok();
}

Status WriteCheckpoint(const std::string& path, const Checkpoint& ckpt) {
  std::string body = std::string(kMagic) + "\n";
  body += "fingerprint " + ckpt.fingerprint + "\n";
  for (const auto& [name, field] : Fields()) {
    body += std::string(name) + " " + std::to_string(ckpt.*field) + "\n";
  }
  if (ckpt.complete) body += "complete 1\n";
  body += "check " + Hex(Fnv1a64(body)) + "\n";
  std::string temp = path + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(temp + ": cannot create: " + std::strerror(errno));
  Status s = WriteAll(fd, body, temp);
  if (s.ok() && ::fsync(fd) != 0) s = Status::IoError(temp + ": fsync failed: " + std::strerror(errno));
  if (::close(fd) != 0 && s.ok()) s = Status::IoError(temp + ": close failed: " + std::strerror(errno));
  if (!s.ok()) {
    std::remove(temp.c_str());
    return s;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    s = Status::IoError(path + ": rename from " + temp + " failed: " + std::strerror(errno));
    std::remove(temp.c_str());
    return s;
  }
  return SyncParentDirectory(path);
}

StatusOr<std::optional<Checkpoint>> ReadCheckpoint(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return std::optional<Checkpoint>();
    return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  auto corrupt = [&](const std::string& why) {
    return Status::Corruption(path + ": damaged checkpoint (" + why + "); rerun without --resume");
  };
  size_t check = data.rfind("check ");
  if (check == std::string::npos || (check > 0 && data[check - 1] != '\n')) return corrupt("no check line");
  std::string_view want = std::string_view(data).substr(check + 6);
  if (!want.empty() && want.back() == '\n') want.remove_suffix(1);
  if (want != Hex(Fnv1a64(std::string_view(data).substr(0, check)))) return corrupt("check mismatch");
  std::istringstream lines(data.substr(0, check));
  std::string line;
  if (!std::getline(lines, line) || line != kMagic) return corrupt("unknown version");
  Checkpoint ckpt;
  size_t seen = 0;
  bool have_fingerprint = false;
  const auto fields = Fields();
  while (std::getline(lines, line)) {
    size_t sp = line.find(' ');
    if (sp == std::string::npos) return corrupt("bad line '" + line + "'");
    std::string_view key = std::string_view(line).substr(0, sp);
    std::string_view value = std::string_view(line).substr(sp + 1);
    if (key == "fingerprint") {
      ckpt.fingerprint = std::string(value);
      have_fingerprint = true;
      continue;
    }
    if (key == "complete") {  // optional: absent before the job's end
      if (value != "0" && value != "1") return corrupt("bad value in '" + line + "'");
      ckpt.complete = value == "1";
      continue;
    }
    bool known = false;
    for (const auto& [name, field] : fields) {
      if (key != name) continue;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), ckpt.*field);
      if (ec != std::errc() || end != value.data() + value.size()) return corrupt("bad number in '" + line + "'");
      known = true;
      ++seen;
    }
    if (!known) return corrupt("unknown key '" + std::string(key) + "'");
  }
  if (!have_fingerprint || seen != fields.size()) return corrupt("missing fields");
  return std::optional<Checkpoint>(std::move(ckpt));
}

}  // namespace qawl
