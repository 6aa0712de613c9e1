#include "support/sql_probe.hpp"

#include <algorithm>

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

std::map<std::string, std::vector<std::string>> SqlProbe::dump(
    const std::set<std::string>& except) {
    std::map<std::string, std::vector<std::string>> out;
    db().read([&](store::SqlSession& s) {
        const auto tables =
            s.dialect() == store::SqlSession::Dialect::sqlite
                ? s.query(
                      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                      "'sqlite_%'")
                : s.query(
                      "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                      "current_schema() AND table_type = 'BASE TABLE'");
        for (std::size_t t = 0; t < tables.size(); ++t) {
            const auto name = tables.str(t, 0);
            if (except.count(name) > 0) continue;
            auto& rows = out[name];
            for (const auto& row : s.query("SELECT * FROM " + name).rows) {
                std::string line;
                for (const auto& cell : row) {
                    line += cell ? *cell : std::string("\x1eNULL");
                    line += '\x1f';
                }
                rows.push_back(std::move(line));
            }
            std::sort(rows.begin(), rows.end());
        }
    });
    return out;
}

std::int64_t SqlProbe::scalar(const std::string& sql, const store::SqlParams& params) {
    return db().read_result([&](store::SqlSession& s) { return s.query(sql, params).int64(0, 0); });
}

}  // namespace formlympics::test
