// Database and Statement: a thin RAII layer over the SQLite C API that
// reports errors as qawl::Status values.
//
// A Database owns one sqlite3 connection; a Statement owns one prepared
// statement and must be destroyed before its Database. Statements are meant
// to be prepared once and reused: Reset() clears them for the next run.
//
// Thread-safety: none. A Database and its statements belong to one thread
// at a time (SQLite is built thread-safe, but a connection's statements
// share its state and error message).
#ifndef QAWL_LOOKUP_SQLITE_H_
#define QAWL_LOOKUP_SQLITE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "qawl/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qawl::lookup {

class Statement {
 public:
  Statement() = default;
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool prepared() const { return stmt_ != nullptr; }

  // Parameters are 1-based, as in SQLite. Text and blobs are copied.
  void Bind(int i, int64_t value);
  void Bind(int i, std::string_view text);
  void BindBlob(int i, std::string_view bytes);
  void BindDouble(int i, double value);
  void BindNull(int i);
  // Binds `text`, or NULL when it is empty.
  void BindTextOrNull(int i, std::string_view text);

  // Runs one step. True when a row is ready; false when the statement is
  // done or failed: status() tells which.
  bool Step();
  // Steps until done and resets; for statements that return no rows.
  Status Run();
  // Makes the statement ready to run again and clears its bindings.
  void Reset();
  const Status& status() const { return status_; }

  // Columns of the current row, 0-based. Text and blob views are valid
  // until the next Step() or Reset().
  int64_t Int(int col) const;
  double Double(int col) const;
  std::string_view Text(int col) const;
  std::string_view Blob(int col) const;
  bool IsNull(int col) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite, kReadWriteCreate };

  // Opens the database file at `path`; kReadWriteCreate creates it if it
  // does not exist, the other modes fail with kNotFound.
  static StatusOr<std::unique_ptr<Database>> Open(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements that return no rows of interest.
  Status Exec(std::string_view sql);
  StatusOr<Statement> Prepare(std::string_view sql);
  // Prepares `sql` into *stmt; a shorthand for loops of Prepare calls.
  Status Prepare(std::string_view sql, Statement* stmt);

  // Runs a query that returns one integer (0 if it returns no row).
  StatusOr<int64_t> QueryInt(std::string_view sql);

  int64_t changes() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() { return db_; }

 private:
  Database(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}

  std::string path_;
  sqlite3* db_;
};

}  // namespace qawl::lookup

#endif  // QAWL_LOOKUP_SQLITE_H_
