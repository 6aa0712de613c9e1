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

// A user seeded straight into a store (no password to hash); its id.
inline domain::UserId seed_user(store::Store& store, const std::string& email) {
    return store.users().create({"U", email, "01012345678", "h"})->id;
}

// An open form of the seller's with one product, seeded straight into a store; its id.
inline domain::FormId seed_form(store::Store& store, domain::UserId seller,
                                std::int64_t stock = 1) {
    store::NewForm f;
    f.seller_id = seller;
    f.title = "T";
    f.closes_at = 4'000'000'000'000;
    f.bank_account = {domain::Bank::IBK, "1234567", "S"};
    f.products = {{"P", 1, stock, std::nullopt}};
    return store.forms().create(f).id;
}

inline std::string param_name(const ::testing::TestParamInfo<Backend>& info) {
    return backend_name(info.param);
}

}  // namespace formlympics::test
