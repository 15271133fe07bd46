// Status: the result of an operation that can fail, as a value.
//
// A Status is either OK or an error with a code and a human-readable
// message ("patterns/verbs.txt:12: unknown key 'gendr'"). StatusOr<T> holds
// either a T or a non-OK Status. Neither throws. Both are cheap to move and
// safe to copy; a single object is not synchronized, so share it between
// threads only read-only.
#ifndef QAWL_STATUS_H_
#define QAWL_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace qawl {

class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // bad input data: malformed article, bad pattern file
    kNotFound,         // a file or directory does not exist
    kIoError,          // reading or writing failed
    kCorruption,       // a feed or database is damaged
  };

  // An OK status.
  Status() = default;

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status NotFound(std::string msg) {
    return Status(Code::kNotFound, std::move(msg));
  }
  static Status IoError(std::string msg) {
    return Status(Code::kIoError, std::move(msg));
  }
  static Status Corruption(std::string msg) {
    return Status(Code::kCorruption, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // Empty for OK.
  const std::string& message() const { return message_; }
  // "OK", or the message.
  std::string ToString() const { return ok() ? "OK" : message_; }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}

  Code code_ = Code::kOk;
  std::string message_;
};

// Either a value or an error. status().ok() iff a value is present.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace qawl

#endif  // QAWL_STATUS_H_
