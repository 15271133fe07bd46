#include "qawl/quote_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "qawl/checkpoint.h"
#include "qawl/quote_json.h"
#include "qawl/quote_text.h"
#include "qawl/quote_wire.h"

namespace qawl {

bool ParseFormat(std::string_view name, Format* format) {
  if (name == "pb") {
    *format = Format::kPb;
    return true;
  }
  if (name == "jsonl" || name == "json") {
    *format = Format::kJsonl;
    return true;
  }
  if (name == "text") {
    *format = Format::kText;
    return true;
  }
  return false;
}

StatusOr<std::unique_ptr<QuoteWriter>> QuoteWriter::Open(const std::string& path, Format format) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<QuoteWriter>(new QuoteWriter("-", "", stdout, format, false));
  }
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    return Status::IoError(path + ": cannot create " + temp + ": " + std::strerror(errno));
  }
  std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  return std::unique_ptr<QuoteWriter>(new QuoteWriter(path, temp, f, format, false));
}

StatusOr<std::unique_ptr<QuoteWriter>> QuoteWriter::OpenPartial(const std::string& path, Format format,
                                                                std::optional<uint64_t> keep_bytes) {
  if (path.empty() || path == "-") {
    return Status::InvalidArgument("a resumable output must be a file, not standard output");
  }
  std::string partial = PartialPath(path);
  int fd = ::open(partial.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(path + ": cannot create " + partial + ": " + std::strerror(errno));
  auto fail = [&](Status s) {
    ::close(fd);
    return s;
  };
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return fail(Status::IoError(partial + ": another job is writing it"));
    }
    return fail(Status::IoError(partial + ": cannot lock: " + std::strerror(errno)));
  }
  uint64_t keep = 0;
  if (keep_bytes.has_value()) {
    struct stat st;
    if (::fstat(fd, &st) != 0) return fail(Status::IoError(partial + ": " + std::strerror(errno)));
    if (static_cast<uint64_t>(st.st_size) < *keep_bytes) {
      return fail(Status::Corruption(partial + ": " + std::to_string(st.st_size) +
                                     " bytes, but the checkpoint covers " + std::to_string(*keep_bytes)));
    }
    keep = *keep_bytes;
  }
  if (::ftruncate(fd, static_cast<off_t>(keep)) != 0 || ::lseek(fd, 0, SEEK_END) < 0) {
    return fail(Status::IoError(partial + ": cannot truncate: " + std::strerror(errno)));
  }
  std::FILE* f = ::fdopen(fd, "wb");
  if (f == nullptr) return fail(Status::IoError(partial + ": " + std::strerror(errno)));
  std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  auto writer = std::unique_ptr<QuoteWriter>(new QuoteWriter(path, partial, f, format, true));
  writer->bytes_ = keep;
  return writer;
}

QuoteWriter::~QuoteWriter() {
  if (temp_.empty()) {
    std::fflush(file_);
    return;
  }
  if (!committed_) {
    std::fclose(file_);
    if (!keep_temp_) std::remove(temp_.c_str());
  }
}

void QuoteWriter::Encode(const v1::Quote& quote, Format format, std::string* out) {
  if (format == Format::kPb) {
    AppendQuoteDelimited(quote, out);
    return;
  }
  if (format == Format::kText) {
    AppendQuoteText(quote, out);
    return;
  }
  AppendQuoteJson(quote, out);
  out->push_back('\n');
}

Status QuoteWriter::Write(const v1::Quote& quote) {
  scratch_.clear();
  Encode(quote, format_, &scratch_);
  return WriteRaw(scratch_);
}

Status QuoteWriter::WriteRaw(std::string_view encoded) {
  if (encoded.empty()) return Status::Ok();
  if (std::fwrite(encoded.data(), 1, encoded.size(), file_) != encoded.size()) {
    return Status::IoError(path_ + ": write failed: " + std::strerror(errno));
  }
  bytes_ += encoded.size();
#ifdef __linux__
  if (!temp_.empty() && bytes_ - writeback_from_ >= kWritebackBytes) {
    if (std::fflush(file_) != 0) return Status::IoError(path_ + ": flush failed: " + std::strerror(errno));
    // Advice only: an error here shows up again at the fsync.
    ::sync_file_range(::fileno(file_), static_cast<off64_t>(writeback_from_),
                      static_cast<off64_t>(bytes_ - writeback_from_), SYNC_FILE_RANGE_WRITE);
    writeback_from_ = bytes_;
  }
#endif
  return Status::Ok();
}

Status QuoteWriter::Sync() {
  if (std::fflush(file_) != 0) return Status::IoError(path_ + ": flush failed: " + std::strerror(errno));
  if (temp_.empty()) return Status::Ok();
  if (::fsync(::fileno(file_)) != 0) return Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
  return Status::Ok();
}

Status QuoteWriter::Commit() {
  if (std::fflush(file_) != 0) return Status::IoError(path_ + ": flush failed: " + std::strerror(errno));
  if (temp_.empty()) {
    committed_ = true;
    return Status::Ok();
  }
  if (::fsync(::fileno(file_)) != 0) return Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
  // A partial file is renamed while still open and locked, so that no other
  // job can take it over in between.
  Status renamed = Status::Ok();
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    renamed = Status::IoError(path_ + ": rename from " + temp_ + " failed: " + std::strerror(errno));
  }
  committed_ = true;
  if (std::fclose(file_) != 0 && renamed.ok()) {
    return Status::IoError(path_ + ": close failed: " + std::strerror(errno));
  }
  if (!renamed.ok()) {
    if (!keep_temp_) std::remove(temp_.c_str());
    return renamed;
  }
  return SyncParentDirectory(path_);
}

}  // namespace qawl
