#pragma once

#include <memory>
#include <string>

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

  private:
    struct Handles;
    std::unique_ptr<Handles> handles_;
};

}  // namespace formlympics::test
