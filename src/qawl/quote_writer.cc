#include "qawl/quote_writer.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/util/json_util.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

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
  return false;
}

StatusOr<std::unique_ptr<QuoteWriter>> QuoteWriter::Open(const std::string& path, Format format) {
  if (path.empty() || path == "-") {
    return std::unique_ptr<QuoteWriter>(new QuoteWriter("-", "", stdout, format));
  }
  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(temp.c_str(), "wb");
  if (f == nullptr) {
    return Status::IoError(path + ": cannot create " + temp + ": " + std::strerror(errno));
  }
  std::setvbuf(f, nullptr, _IOFBF, 1 << 20);
  return std::unique_ptr<QuoteWriter>(new QuoteWriter(path, temp, f, format));
}

QuoteWriter::~QuoteWriter() {
  if (temp_.empty()) {
    std::fflush(file_);
    return;
  }
  if (!committed_) {
    std::fclose(file_);
    std::remove(temp_.c_str());
  }
}

void QuoteWriter::Encode(const v1::Quote& quote, Format format, std::string* out) {
  if (format == Format::kPb) {
    std::string body;
    quote.SerializeToString(&body);
    uint8_t varint[10];
    uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(
        static_cast<uint32_t>(body.size()), varint);
    out->append(reinterpret_cast<const char*>(varint), static_cast<size_t>(end - varint));
    out->append(body);
    return;
  }
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  std::string json;
  // Serializing a valid message cannot fail; strings are valid UTF-8.
  (void)google::protobuf::util::MessageToJsonString(quote, &json, options);
  out->append(json);
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
  return Status::Ok();
}

Status QuoteWriter::Commit() {
  if (std::fflush(file_) != 0) return Status::IoError(path_ + ": flush failed: " + std::strerror(errno));
  if (temp_.empty()) {
    committed_ = true;
    return Status::Ok();
  }
  if (::fsync(::fileno(file_)) != 0) return Status::IoError(path_ + ": fsync failed: " + std::strerror(errno));
  if (std::fclose(file_) != 0) return Status::IoError(path_ + ": close failed: " + std::strerror(errno));
  committed_ = true;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    std::remove(temp_.c_str());
    return Status::IoError(path_ + ": rename from " + temp_ + " failed: " + std::strerror(errno));
  }
  return Status::Ok();
}

}  // namespace qawl
