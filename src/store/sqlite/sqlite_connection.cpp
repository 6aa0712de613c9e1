#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <cstdlib>

#include "util/unavailable.hpp"

namespace formlympics::store {
namespace {

// Failures of the database file rather than of the statement: another process holds the lock
// past the busy timeout, the disk is full or failing, memory ran out.
bool unavailable(int code) {
    switch (code & 0xff) {
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_NOMEM:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_CANTOPEN:
        case SQLITE_PROTOCOL:
            return true;
        default:
            return false;
    }
}

[[noreturn]] void throw_error(int code, const std::string& msg) {
    if (unavailable(code)) throw util::Unavailable(msg);
    throw SqliteError(code, msg);
}

[[noreturn]] void raise(sqlite3* db, int rc, std::string_view context) {
    std::string msg(context);
    msg += ": ";
    msg += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    throw_error(db != nullptr ? sqlite3_extended_errcode(db) : rc, msg);
}

constexpr std::size_t kMaxCachedStatements = 256;

}  // namespace

SqliteStatement::SqliteStatement(sqlite3* db, std::string_view sql) : db_(db) {
    const int rc =
        sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
    if (rc != SQLITE_OK) raise(db, rc, "sqlite prepare");
    const int count = sqlite3_bind_parameter_count(stmt_);
    for (int i = 1; i <= count; ++i) {
        const char* name = sqlite3_bind_parameter_name(stmt_, i);
        if (name == nullptr || name[0] != '$') continue;
        const auto number = static_cast<std::size_t>(std::atoi(name + 1));
        if (number == 0) continue;
        if (slots_.size() <= number) slots_.resize(number + 1, 0);
        slots_[number] = i;
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
    const int rc = sqlite3_bind_int64(stmt_, index, value);
    if (rc != SQLITE_OK) raise(db_, rc, "sqlite bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view value) {
    const int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()),
                                     SQLITE_TRANSIENT);
    if (rc != SQLITE_OK) raise(db_, rc, "sqlite bind");
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, const std::optional<std::string>& value) {
    if (value) return bind(index, std::string_view(*value));
    const int rc = sqlite3_bind_null(stmt_, index);
    if (rc != SQLITE_OK) raise(db_, rc, "sqlite bind");
    return *this;
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    raise(db_, rc, "sqlite step");
}

std::int64_t SqliteStatement::int64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

std::optional<std::string> SqliteStatement::text(int column) const {
    if (sqlite3_column_type(stmt_, column) == SQLITE_NULL) return std::nullopt;
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    return std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
}

int SqliteStatement::columns() const { return sqlite3_column_count(stmt_); }

void SqliteStatement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

SqliteStatement& SqliteConnection::cached(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        // Statements with inlined id lists never repeat: keep the cache from growing forever.
        if (statements_.size() >= kMaxCachedStatements) statements_.clear();
        it = statements_.emplace(sql, std::make_unique<SqliteStatement>(db_, sql)).first;
    } else {
        it->second->reset();
    }
    return *it->second;
}

std::int64_t SqliteConnection::changes() const { return sqlite3_changes64(db_); }

SqliteConnection::SqliteConnection(const std::string& path) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = "cannot open SQLite database " + path + ": " + sqlite3_errstr(rc);
        sqlite3_close(db_);
        db_ = nullptr;
        throw SqliteError(rc, msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;");
}

SqliteConnection::~SqliteConnection() {
    statements_.clear();
    sqlite3_close_v2(db_);
}

void SqliteConnection::exec(std::string_view sql) {
    const std::string s(sql);
    char* err = nullptr;
    const int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string msg = std::string("sqlite exec: ") + (err ? err : sqlite3_errstr(rc));
        sqlite3_free(err);
        throw_error(sqlite3_extended_errcode(db_), msg);
    }
}

}  // namespace formlympics::store
