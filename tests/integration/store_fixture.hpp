#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "support/pg_database.hpp"
#include "support/temp_dir.hpp"
#include "support/test_server.hpp"

namespace formlympics::test {

// One body of store tests, run against SQLite and against PostgreSQL.
class StoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    // A new store on a fresh database, not yet migrated.
    std::unique_ptr<store::Store> open_store() {
        if (GetParam() == Backend::sqlite) {
            return std::make_unique<store::SqliteStore>((dir_.path() / "store.db").string(), 4);
        }
        if (!pg_) pg_ = std::make_unique<PgDatabase>();
        return std::make_unique<store::PgStore>(pg_->url(), 8);
    }

    TempDir dir_;
    std::unique_ptr<PgDatabase> pg_;
};

inline std::string param_name(const ::testing::TestParamInfo<Backend>& info) {
    return backend_name(info.param);
}

}  // namespace formlympics::test
