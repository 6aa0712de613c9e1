#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

struct pg_conn;
struct pg_result;

namespace formlympics::store {

// A failed libpq call; `sqlstate()` is the five-character SQLSTATE when the server sent one.
class PgError : public std::runtime_error {
  public:
    PgError(std::string sqlstate, const std::string& what)
        : std::runtime_error(what), sqlstate_(std::move(sqlstate)) {}
    const std::string& sqlstate() const { return sqlstate_; }

  private:
    std::string sqlstate_;
};

// Text-format query parameters; nullopt is SQL NULL.
class PgParams {
  public:
    PgParams& add(std::int64_t v) { return add(std::string_view(std::to_string(v))); }
    PgParams& add(std::string_view v) {
        values_.emplace_back(std::string(v));
        return *this;
    }
    PgParams& add(const std::string& v) { return add(std::string_view(v)); }
    PgParams& add(const char* v) { return add(std::string_view(v)); }
    PgParams& add(const std::optional<std::string>& v) {
        values_.push_back(v);
        return *this;
    }
    const std::vector<std::optional<std::string>>& values() const { return values_; }

  private:
    std::vector<std::optional<std::string>> values_;
};

// The rows of a successful query.
class PgResult {
  public:
    explicit PgResult(pg_result* r);
    int rows() const;
    int columns() const;
    // Rows changed by an INSERT, UPDATE or DELETE.
    std::int64_t affected() const;
    bool is_null(int row, int col) const;
    std::optional<std::string> text(int row, int col) const;
    std::int64_t int64(int row, int col) const;

  private:
    std::shared_ptr<pg_result> result_;
};

// One libpq connection, used by one thread at a time.
class PgConnection {
  public:
    // Connects; throws PgError when the server cannot be reached.
    explicit PgConnection(const std::string& url);
    ~PgConnection();
    PgConnection(const PgConnection&) = delete;
    PgConnection& operator=(const PgConnection&) = delete;

    // Runs one or more statements without parameters. Throws PgError.
    PgResult exec(std::string_view sql);
    // Runs one statement with parameters $1..$n. Throws PgError.
    PgResult exec(std::string_view sql, const PgParams& params);
    // False once the connection to the server is lost.
    bool healthy() const;
    // Reads what the server sent while the connection sat idle, without blocking: false when it
    // closed the connection meanwhile (a restart, or the connection was terminated).
    bool still_open();

  private:
    pg_conn* conn_ = nullptr;
};

}  // namespace formlympics::store
