#include "store/sqlite/sqlite_store.hpp"

#include <filesystem>

#include "store/migration.hpp"

namespace formlympics::store {

SqliteStore::SqliteStore(const std::string& path, std::size_t readers)
    : SqlStore(sql_),
      db_(path, readers),
      image_bytes_((std::filesystem::path(path).parent_path() / "images").string()) {}

std::vector<std::string> SqliteStore::migrate() {
    // BEGIN IMMEDIATE holds the write lock, so two processes migrating at once serialise.
    return db_.write([](SqliteConnection& c) {
        c.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, "
            "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))");
        std::vector<std::string> applied;
        for (const auto& m : migrations_for("sqlite")) {
            auto seen = c.prepare("SELECT 1 FROM schema_migrations WHERE version = ?");
            seen.bind(1, m.name);
            if (seen.step()) continue;
            c.exec(m.sql);
            c.prepare("INSERT INTO schema_migrations (version) VALUES (?)").bind(1, m.name).step();
            applied.emplace_back(m.name);
        }
        return applied;
    });
}

}  // namespace formlympics::store
