#pragma once

#include <string>

#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_session.hpp"
#include "store/sql_store.hpp"

namespace formlympics::store {

// The scaled-out store: PostgreSQL through a libpq connection pool.
class PgStore final : public SqlStore {
  public:
    PgStore(const std::string& url, std::size_t pool_size);

    std::vector<std::string> migrate() override;
    ImageBytes& image_bytes() override { return image_bytes_; }

  private:
    PgPool pool_;
    PgSqlDatabase sql_{pool_};
    SqlImageBytes image_bytes_{sql_};
};

}  // namespace formlympics::store
