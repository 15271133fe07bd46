#include "qawl/feed_reader.h"

#include <fcntl.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "qawl/gcc_warnings.h"

namespace qawl {
namespace {

constexpr size_t kChunk = 1 << 20;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

// The first line of protobuf's JSON parse error, without its code and with
// any bytes of the input it quotes made printable.
std::string JsonError(std::string_view message) {
  message = message.substr(0, message.find('\n'));
  if (message.substr(0, 17) == "INVALID_ARGUMENT:") message.remove_prefix(17);
  std::string out;
  for (char c : message) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(u < 0x20 || u >= 0x7F ? '?' : c);
  }
  return out;
}

}  // namespace

StatusOr<std::unique_ptr<FeedReader>> FeedReader::Open(const std::string& path, FeedReaderOptions options) {
  int fd = 0;
  if (path != "-") {
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      std::string msg = path + ": " + std::strerror(errno);
      return errno == ENOENT ? Status::NotFound(msg) : Status::IoError(msg);
    }
  }
  if (!options.format) {
    if (EndsWith(path, ".pb")) options.format = Format::kPb;
    if (EndsWith(path, ".jsonl") || EndsWith(path, ".json")) options.format = Format::kJsonl;
  }
  std::unique_ptr<FeedReader> reader(new FeedReader(path, fd, {}, options));
  reader->owns_fd_ = path != "-";
  return reader;
}

std::unique_ptr<FeedReader> FeedReader::FromString(std::string_view data, std::string name,
                                                   FeedReaderOptions options) {
  return std::unique_ptr<FeedReader>(new FeedReader(std::move(name), -1, data, options));
}

FeedReader::FeedReader(std::string name, int fd, std::string_view data, FeedReaderOptions options)
    : name_(std::move(name)), fd_(fd), eof_(fd < 0), options_(options), data_(data) {
  if (options_.format) {
    format_ = *options_.format;
    format_known_ = true;
  }
}

FeedReader::~FeedReader() {
  if (owns_fd_) ::close(fd_);
}

bool FeedReader::Fill(size_t n) {
  while (data_.size() < n && !eof_) {
    // Move the unconsumed bytes to the front, then read after them.
    size_t have = data_.size();
    if (have > 0 && data_.data() != buffer_.data()) std::memmove(buffer_.data(), data_.data(), have);
    size_t want = std::max(n, have + kChunk);
    if (buffer_.size() < want) buffer_.resize(want);
    ssize_t got;
    do {
      got = ::read(fd_, buffer_.data() + have, buffer_.size() - have);
    } while (got < 0 && errno == EINTR);
    if (got < 0) {
      status_ = Status::IoError(name_ + ": read failed at byte " + std::to_string(offset_ + have) + ": " +
                                std::strerror(errno));
      done_ = true;
      return false;
    }
    if (got == 0) eof_ = true;
    data_ = std::string_view(buffer_.data(), have + static_cast<size_t>(got));
  }
  return true;
}

bool FeedReader::Fail(std::string_view what, std::string_view detail, uint64_t at) {
  std::string msg = name_;
  QAWL_GCC_BUG_105329_BEGIN  // -Wrestrict false positive, see gcc_warnings.h
  if (format_ == Format::kJsonl) msg += ":" + std::to_string(line_ + 1);
  QAWL_GCC_BUG_105329_END
  msg += ": ";
  msg += what;
  msg += " at byte " + std::to_string(at) + ": ";
  msg += detail;
  status_ = Status::Corruption(std::move(msg));
  offset_ = at;
  done_ = true;
  return false;
}

bool FeedReader::DetectFormat() {
  format_known_ = true;
  if (!Fill(2)) return false;  // reads a whole chunk from a file
  // JSON Lines: optional byte order mark and white space, then '{' and a
  // key, '}' or white space. A pb record starts with its size and a field
  // tag, which makes that prefix practically impossible.
  std::string_view head = data_;
  size_t i = head.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (i < head.size() && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r' || head[i] == '\t')) ++i;
  format_ = Format::kPb;
  if (i < head.size() && head[i] == '{') {
    char next = i + 1 < head.size() ? head[i + 1] : '}';
    if (next == '"' || next == '}' || next == ' ' || next == '\t' || next == '\r' || next == '\n') {
      format_ = Format::kJsonl;
    }
  }
  return true;
}

bool FeedReader::Next(v1::Quote* quote) {
  if (done_) return false;
  quote->Clear();
  if (!format_known_ && !DetectFormat()) return false;
  if (format_ == Format::kText) {
    status_ = Status::InvalidArgument(name_ + ": the text format is for people and cannot be read back");
    done_ = true;
    return false;
  }
  return format_ == Format::kPb ? NextPb(quote) : NextJsonl(quote);
}

bool FeedReader::NextPb(v1::Quote* quote) {
  if (!Fill(5)) return false;
  if (data_.empty()) {
    done_ = true;
    return false;
  }
  // The size prefix: a varint of at most 5 bytes holding a 32-bit value.
  uint64_t size = 0;
  size_t n = 0;
  for (;; ++n) {
    if (n == data_.size()) {
      return Fail("truncated record", "the file ends inside its size prefix", offset_);
    }
    uint8_t b = static_cast<uint8_t>(data_[n]);
    size |= static_cast<uint64_t>(b & 0x7F) << (7 * n);
    if ((b & 0x80) == 0) break;
    if (n == 4) return Fail("corrupt record", "size prefix longer than 5 bytes", offset_);
  }
  ++n;
  if (size > 0xFFFFFFFFull) return Fail("corrupt record", "size prefix over 32 bits", offset_);
  if (size == 0) return Fail("corrupt record", "zero size prefix (qawl-extract writes no empty records)", offset_);
  if (size > options_.max_record_bytes) {
    return Fail("corrupt record",
                "size prefix says " + std::to_string(size) + " bytes, over the limit of " +
                    std::to_string(options_.max_record_bytes),
                offset_);
  }
  if (!Fill(n + size)) return false;
  if (data_.size() < n + size) {
    return Fail("truncated record",
                "size prefix says " + std::to_string(size) + " bytes but the file ends after " +
                    std::to_string(data_.size() - n),
                offset_);
  }
  if (!quote->ParseFromArray(data_.data() + n, static_cast<int>(size))) {
    return Fail("corrupt record", std::to_string(size) + " bytes that are not a valid qawl.v1.Quote", offset_);
  }
  data_.remove_prefix(n + size);
  offset_ += n + size;
  ++records_;
  return true;
}

bool FeedReader::NextJsonl(v1::Quote* quote) {
  if (offset_ == 0 && data_.substr(0, 3) == "\xEF\xBB\xBF") {
    data_.remove_prefix(3);
    offset_ = 3;
  }
  for (;;) {
    size_t nl = data_.find('\n');
    size_t searched = 0;
    while (nl == std::string_view::npos && !eof_) {
      if (data_.size() > options_.max_record_bytes) break;
      searched = data_.size();
      if (!Fill(data_.size() + kChunk)) return false;
      nl = data_.find('\n', searched);
    }
    if (nl == std::string_view::npos && data_.size() > options_.max_record_bytes) {
      return Fail("corrupt record", "line longer than the limit of " + std::to_string(options_.max_record_bytes) + " bytes",
                  offset_);
    }
    bool last = nl == std::string_view::npos;
    std::string_view line = data_.substr(0, last ? data_.size() : nl);
    if (line.empty() && last) {
      done_ = true;
      return false;
    }
    if (line.size() > options_.max_record_bytes) {
      return Fail("corrupt record", "line longer than the limit of " + std::to_string(options_.max_record_bytes) + " bytes",
                  offset_);
    }
    if (IsBlank(line)) {
      size_t consumed = last ? line.size() : nl + 1;
      data_.remove_prefix(consumed);
      offset_ += consumed;
      ++line_;
      continue;
    }
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true;
    auto s = google::protobuf::util::JsonStringToMessage(
        google::protobuf::StringPiece(line.data(), line.size()), quote, options);
    if (!s.ok()) {
      std::string why = "not a JSON qawl.v1.Quote: " + JsonError(s.ToString());
      if (last) return Fail("truncated record", why + " (the last line, without its newline)", offset_);
      return Fail("corrupt record", why, offset_);
    }
    size_t consumed = last ? line.size() : nl + 1;
    data_.remove_prefix(consumed);
    offset_ += consumed;
    ++line_;
    ++records_;
    return true;
  }
}

Status ParseFeed(std::string_view data, std::vector<v1::Quote>* out, FeedReaderOptions options) {
  std::unique_ptr<FeedReader> reader = FeedReader::FromString(data, "<memory>", options);
  v1::Quote quote;
  while (reader->Next(&quote)) out->push_back(std::move(quote));
  return reader->status();
}

}  // namespace qawl
