#pragma once

#include <memory>
#include <string>

#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/sqlite_user_repository.hpp"
#include "store/store.hpp"

namespace formlympics::store {

// The embedded store: a SQLite file in WAL mode.
class SqliteStore final : public Store {
  public:
    // Opens (creating if needed) the database file; throws SqliteError when it cannot.
    SqliteStore(const std::string& path, std::size_t readers);

    std::vector<std::string> migrate() override;
    UserRepository& users() override { return users_; }

  private:
    SqliteDatabase db_;
    SqliteUserRepository users_;
};

}  // namespace formlympics::store
