#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace formlympics::store {

// A failed SQLite call; `code()` is the extended result code (e.g. SQLITE_CONSTRAINT_UNIQUE).
class SqliteError : public std::runtime_error {
  public:
    SqliteError(int code, const std::string& what) : std::runtime_error(what), code_(code) {}
    int code() const { return code_; }

  private:
    int code_;
};

// One prepared statement; binds are 1-based, columns 0-based as in SQLite.
class SqliteStatement {
  public:
    SqliteStatement(sqlite3* db, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    // The bind index of the parameter written $number. SQLite numbers named parameters in the
    // order they first appear, so "$2 ... $1" binds $2 at index 1.
    int slot(int number) const {
        const auto n = static_cast<std::size_t>(number);
        return n < slots_.size() && slots_[n] > 0 ? slots_[n] : number;
    }

    SqliteStatement& bind(int index, std::int64_t value);
    SqliteStatement& bind(int index, std::string_view value);
    SqliteStatement& bind(int index, const std::string& value) {
        return bind(index, std::string_view(value));
    }
    SqliteStatement& bind(int index, const char* value) {
        return bind(index, std::string_view(value));
    }
    SqliteStatement& bind(int index, const std::optional<std::string>& value);

    // Advances; true when a row is ready, false when done. Throws SqliteError on failure.
    bool step();

    std::int64_t int64(int column) const;
    std::optional<std::string> text(int column) const;
    int columns() const;
    // Makes the statement ready to run again, with no bindings.
    void reset();

  private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
    std::vector<int> slots_;  // by $number, the bind index; 0 when absent
};

// One connection to a database file, used by one thread at a time.
class SqliteConnection {
  public:
    explicit SqliteConnection(const std::string& path);
    ~SqliteConnection();
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    // Runs one or more statements that return no rows. Throws SqliteError.
    void exec(std::string_view sql);
    SqliteStatement prepare(std::string_view sql) { return SqliteStatement(db_, sql); }
    // A statement prepared once for this connection and kept; reset before it is handed out.
    SqliteStatement& cached(const std::string& sql);
    // Rows changed by the last INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

  private:
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace formlympics::store
