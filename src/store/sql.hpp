#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace formlympics::store {

// Query parameters for $1..$n (both SQLite and PostgreSQL read that form).
class SqlParams {
  public:
    using Value = std::variant<std::monostate, std::int64_t, std::string>;

    SqlParams& add(std::int64_t v) {
        values_.emplace_back(v);
        return *this;
    }
    SqlParams& add(std::string v) {
        values_.emplace_back(std::move(v));
        return *this;
    }
    SqlParams& add(const char* v) { return add(std::string(v)); }
    SqlParams& add(std::optional<std::int64_t> v) {
        if (v) return add(*v);
        values_.emplace_back(std::monostate{});
        return *this;
    }
    SqlParams& add(const std::optional<std::string>& v) {
        if (v) return add(*v);
        values_.emplace_back(std::monostate{});
        return *this;
    }
    std::size_t size() const { return values_.size(); }
    const std::vector<Value>& values() const { return values_; }

  private:
    std::vector<Value> values_;
};

// The rows a query returned, as text (SQL NULL is nullopt).
class SqlRows {
  public:
    using Row = std::vector<std::optional<std::string>>;
    std::vector<Row> rows;

    std::size_t size() const { return rows.size(); }
    bool empty() const { return rows.empty(); }
    std::optional<std::string> text(std::size_t r, std::size_t c) const { return rows[r][c]; }
    std::string str(std::size_t r, std::size_t c) const { return rows[r][c].value_or(""); }
    std::int64_t int64(std::size_t r, std::size_t c) const;
    std::optional<std::int64_t> opt_int64(std::size_t r, std::size_t c) const;
};

// One row read column by column, in the order the query's SELECT lists them, so a reader and
// its column list sit side by side and no column is named by a number.
class RowReader {
  public:
    RowReader(const SqlRows& rows, std::size_t row) : rows_(rows), row_(row) {}
    std::int64_t int64() { return rows_.int64(row_, next_++); }
    std::optional<std::int64_t> opt_int64() { return rows_.opt_int64(row_, next_++); }
    std::string str() { return rows_.str(row_, next_++); }
    std::optional<std::string> text() { return rows_.text(row_, next_++); }

  private:
    const SqlRows& rows_;
    std::size_t row_;
    std::size_t next_ = 0;
};

// One connection inside a transaction (or autocommit, for reads).
class SqlSession {
  public:
    enum class Dialect { sqlite, postgres };

    virtual ~SqlSession() = default;
    virtual Dialect dialect() const = 0;
    // Runs a statement that returns rows (SELECT, or anything with RETURNING). Throws.
    virtual SqlRows query(const std::string& sql, const SqlParams& params = {}) = 0;
    // Runs a statement; the number of rows it changed. Throws.
    virtual std::int64_t execute(const std::string& sql, const SqlParams& params = {}) = 0;

    // " FOR UPDATE" on PostgreSQL, where row locks exist; "" on SQLite, whose single writer
    // already holds the database.
    const char* for_update() const { return dialect() == Dialect::postgres ? " FOR UPDATE" : ""; }
    // " FOR UPDATE OF alias" on PostgreSQL: locks only that table's rows of a join.
    std::string for_update_of(const std::string& alias) const {
        return dialect() == Dialect::postgres ? " FOR UPDATE OF " + alias : "";
    }
};

// A database that runs functions in transactions or on read connections.
class SqlDatabase {
  public:
    virtual ~SqlDatabase() = default;
    virtual SqlSession::Dialect dialect() const = 0;
    // Runs fn in a transaction: committed when fn returns, rolled back when it throws.
    virtual void write(const std::function<void(SqlSession&)>& fn) = 0;
    // Runs fn on a connection for reading.
    virtual void read(const std::function<void(SqlSession&)>& fn) = 0;

    // write() that returns fn's result.
    template <class Fn>
    auto write_result(Fn&& fn) {
        std::optional<decltype(fn(std::declval<SqlSession&>()))> out;
        write([&](SqlSession& s) { out.emplace(fn(s)); });
        return std::move(*out);
    }
    // read() that returns fn's result.
    template <class Fn>
    auto read_result(Fn&& fn) {
        std::optional<decltype(fn(std::declval<SqlSession&>()))> out;
        read([&](SqlSession& s) { out.emplace(fn(s)); });
        return std::move(*out);
    }
};

// "($1, $2, $3), ($4, $5, $6)": placeholders for `rows` rows of `columns` values from $first.
std::string values_list(std::size_t rows, std::size_t columns, std::size_t first = 1);

}  // namespace formlympics::store
