#include "store/postgres/pg_store.hpp"

#include "store/migration.hpp"

namespace formlympics::store {
namespace {

// Advisory lock key that serialises migrations across instances starting at once.
constexpr const char* kMigrationLock = "SELECT pg_advisory_xact_lock(7413029)";

}  // namespace

PgStore::PgStore(const std::string& url, std::size_t pool_size)
    : SqlStore(sql_), pool_(url, pool_size, std::chrono::seconds(5)) {}

std::vector<std::string> PgStore::migrate() {
    return pool_.transaction([](PgConnection& c) {
        c.exec(kMigrationLock);
        c.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, "
            "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        std::vector<std::string> applied;
        for (const auto& m : migrations_for("postgres")) {
            PgParams p;
            p.add(m.name);
            if (c.exec("SELECT 1 FROM schema_migrations WHERE version = $1", p).rows() > 0) {
                continue;
            }
            c.exec(m.sql);
            c.exec("INSERT INTO schema_migrations (version) VALUES ($1)", p);
            applied.emplace_back(m.name);
        }
        return applied;
    });
}

}  // namespace formlympics::store
