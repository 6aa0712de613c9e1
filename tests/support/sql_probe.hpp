#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/sql.hpp"

namespace formlympics::test {

// Direct SQL on a server's database, for tests that count rows or play a broken code path.
class SqlProbe {
  public:
    explicit SqlProbe(const std::string& database_url);
    ~SqlProbe();

    // The single integer the query returns.
    std::int64_t scalar(const std::string& sql, const store::SqlParams& params = {});
    store::SqlDatabase& db();
    // Every row of every table but `except`, as text (one string per row, rows sorted), by
    // table: a snapshot to compare for "nothing changed", or to find a value stored verbatim.
    std::map<std::string, std::vector<std::string>> dump(const std::set<std::string>& except = {});

  private:
    struct Handles;
    std::unique_ptr<Handles> handles_;
};

}  // namespace formlympics::test
