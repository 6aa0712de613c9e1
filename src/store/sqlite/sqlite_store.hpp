#pragma once

#include <string>

#include "store/sql_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/sqlite_session.hpp"

namespace formlympics::store {

// The embedded store: a SQLite file in WAL mode.
class SqliteStore final : public SqlStore {
  public:
    // Opens (creating if needed) the database file, and keeps image bytes in the directory
    // "images" beside it; throws SqliteError when it cannot.
    SqliteStore(const std::string& path, std::size_t readers);

    std::vector<std::string> migrate() override;
    ImageBytes& image_bytes() override { return image_bytes_; }

  private:
    SqliteDatabase db_;
    SqliteSqlDatabase sql_{db_};
    DirectoryImageBytes image_bytes_;
};

}  // namespace formlympics::store
