#include "support/pg_database.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "store/postgres/pg_connection.hpp"
#include "support/test_env.hpp"
#include "util/random.hpp"

namespace formlympics::test {

std::string test_pg_admin_url() {
    return required_test_env("FORMLYMPICS_TEST_PG_URL", "PostgreSQL");
}

PgDatabase::PgDatabase() {
    const auto admin = test_pg_admin_url();
    name_ = "fl_test_" + std::to_string(::getpid()) + "_" + util::random_hex(4);
    store::PgConnection(admin).exec("CREATE DATABASE " + name_);
    url_ = admin.substr(0, admin.rfind('/') + 1) + name_;
}

PgDatabase::~PgDatabase() {
    try {
        store::PgConnection(test_pg_admin_url())
            .exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
        // The whole server is thrown away after the suite; a leftover database harms nothing.
    }
}

}  // namespace formlympics::test
