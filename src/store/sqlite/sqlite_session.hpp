#pragma once

#include "store/sql.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace formlympics::store {

// SqlSession over one SQLite connection; statements are prepared once per connection.
class SqliteSession final : public SqlSession {
  public:
    explicit SqliteSession(SqliteConnection& conn) : conn_(conn) {}
    Dialect dialect() const override { return Dialect::sqlite; }
    SqlRows query(const std::string& sql, const SqlParams& params) override;
    std::int64_t execute(const std::string& sql, const SqlParams& params) override;

  private:
    SqliteConnection& conn_;
};

// SqlDatabase over SqliteDatabase: writes on the single writer, reads on the reader pool.
class SqliteSqlDatabase final : public SqlDatabase {
  public:
    explicit SqliteSqlDatabase(SqliteDatabase& db) : db_(db) {}
    SqlSession::Dialect dialect() const override { return SqlSession::Dialect::sqlite; }
    void write(const std::function<void(SqlSession&)>& fn) override;
    void read(const std::function<void(SqlSession&)>& fn) override;

  private:
    SqliteDatabase& db_;
};

}  // namespace formlympics::store
