#include "support/sql_probe.hpp"

#include "store/postgres/pg_session.hpp"
#include "store/sqlite/sqlite_session.hpp"

namespace formlympics::test {

struct SqlProbe::Handles {
    std::unique_ptr<store::SqliteDatabase> sqlite;
    std::unique_ptr<store::PgPool> pg;
    std::unique_ptr<store::SqlDatabase> sql;
};

SqlProbe::SqlProbe(const std::string& url) : handles_(std::make_unique<Handles>()) {
    if (url.starts_with("sqlite:")) {
        handles_->sqlite = std::make_unique<store::SqliteDatabase>(url.substr(7), 8);
        handles_->sql = std::make_unique<store::SqliteSqlDatabase>(*handles_->sqlite);
    } else {
        handles_->pg = std::make_unique<store::PgPool>(url, 32, std::chrono::seconds(10));
        handles_->sql = std::make_unique<store::PgSqlDatabase>(*handles_->pg);
    }
}

SqlProbe::~SqlProbe() = default;

store::SqlDatabase& SqlProbe::db() { return *handles_->sql; }

std::int64_t SqlProbe::scalar(const std::string& sql, const store::SqlParams& params) {
    return db().read_result([&](store::SqlSession& s) { return s.query(sql, params).int64(0, 0); });
}

}  // namespace formlympics::test
