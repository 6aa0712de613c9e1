#pragma once

#include <string>

namespace formlympics::test {

// The URL of the throwaway PostgreSQL server scripts/test started (FORMLYMPICS_TEST_PG_URL).
// Throws when it is unset, so a PostgreSQL test fails rather than silently skips.
std::string test_pg_admin_url();

// A fresh, empty database on that server, dropped on destruction.
class PgDatabase {
  public:
    PgDatabase();
    ~PgDatabase();
    PgDatabase(const PgDatabase&) = delete;
    PgDatabase& operator=(const PgDatabase&) = delete;

    const std::string& url() const { return url_; }

  private:
    std::string name_;
    std::string url_;
};

}  // namespace formlympics::test
