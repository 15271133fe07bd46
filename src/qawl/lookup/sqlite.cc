#include "qawl/lookup/sqlite.h"

#include <sqlite3.h>

#include <utility>

namespace qawl::lookup {
namespace {

Status ErrorFrom(sqlite3* db, int rc, std::string_view what) {
  std::string msg(what);
  msg += ": ";
  msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  int primary = rc & 0xFF;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) return Status::Corruption(msg);
  if (primary == SQLITE_CANTOPEN) return Status::NotFound(msg);
  return Status::IoError(msg);
}

}  // namespace

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), status_(std::move(other.status_)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    status_ = std::move(other.status_);
  }
  return *this;
}

void Statement::Bind(int i, int64_t value) { sqlite3_bind_int64(stmt_, i, value); }

void Statement::Bind(int i, std::string_view text) {
  sqlite3_bind_text64(stmt_, i, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void Statement::BindBlob(int i, std::string_view bytes) {
  sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}

void Statement::BindDouble(int i, double value) { sqlite3_bind_double(stmt_, i, value); }

void Statement::BindNull(int i) { sqlite3_bind_null(stmt_, i); }

void Statement::BindTextOrNull(int i, std::string_view text) {
  if (text.empty()) {
    BindNull(i);
  } else {
    Bind(i, text);
  }
}

bool Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    status_ = ErrorFrom(db_, rc, sqlite3_sql(stmt_));
  }
  return false;
}

Status Statement::Run() {
  while (Step()) {
  }
  Status s = status_;
  Reset();
  return s;
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  status_ = Status::Ok();
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

double Statement::Double(int col) const { return sqlite3_column_double(stmt_, col); }

std::string_view Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return {};
  return std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Statement::Blob(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return std::string_view(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

StatusOr<std::unique_ptr<Database>> Database::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  int flags = mode == Mode::kReadOnly    ? SQLITE_OPEN_READONLY
              : mode == Mode::kReadWrite ? SQLITE_OPEN_READWRITE
                                         : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    Status s = ErrorFrom(db, rc, path + ": cannot open database");
    sqlite3_close(db);
    return s;
  }
  sqlite3_extended_result_codes(db, 1);
  // Wait for another process's write transaction instead of failing.
  sqlite3_busy_timeout(db, 10000);
  return std::unique_ptr<Database>(new Database(path, db));
}

Database::~Database() { sqlite3_close_v2(db_); }

Status Database::Exec(std::string_view sql) {
  std::string copy(sql);
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorFrom(db_, rc, path_ + ": " + copy);
  return Status::Ok();
}

StatusOr<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt,
                              nullptr);
  if (rc != SQLITE_OK) return ErrorFrom(db_, rc, path_ + ": " + std::string(sql));
  return Statement(db_, stmt);
}

Status Database::Prepare(std::string_view sql, Statement* stmt) {
  StatusOr<Statement> s = Prepare(sql);
  if (!s.ok()) return s.status();
  *stmt = std::move(s).value();
  return Status::Ok();
}

StatusOr<int64_t> Database::QueryInt(std::string_view sql) {
  StatusOr<Statement> stmt = Prepare(sql);
  if (!stmt.ok()) return stmt.status();
  if (stmt->Step()) return stmt->Int(0);
  if (!stmt->status().ok()) return stmt->status();
  return int64_t{0};
}

int64_t Database::changes() const { return sqlite3_changes64(db_); }

}  // namespace qawl::lookup
