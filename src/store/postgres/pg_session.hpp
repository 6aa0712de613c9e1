#pragma once

#include "store/postgres/pg_pool.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// SqlSession over one libpq connection.
class PgSession final : public SqlSession {
  public:
    explicit PgSession(PgConnection& conn) : conn_(conn) {}
    Dialect dialect() const override { return Dialect::postgres; }
    SqlRows query(const std::string& sql, const SqlParams& params) override;
    std::int64_t execute(const std::string& sql, const SqlParams& params) override;

  private:
    PgConnection& conn_;
};

// SqlDatabase over the PostgreSQL connection pool.
class PgSqlDatabase final : public SqlDatabase {
  public:
    explicit PgSqlDatabase(PgPool& pool) : pool_(pool) {}
    SqlSession::Dialect dialect() const override { return SqlSession::Dialect::postgres; }
    void write(const std::function<void(SqlSession&)>& fn) override;
    void read(const std::function<void(SqlSession&)>& fn) override;

  private:
    PgPool& pool_;
};

}  // namespace formlympics::store
