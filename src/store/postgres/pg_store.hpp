#pragma once

#include <string>

#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_user_repository.hpp"
#include "store/store.hpp"

namespace formlympics::store {

// The scaled-out store: PostgreSQL through a libpq connection pool.
class PgStore final : public Store {
  public:
    PgStore(const std::string& url, std::size_t pool_size);

    std::vector<std::string> migrate() override;
    UserRepository& users() override { return users_; }

  private:
    PgPool pool_;
    PgUserRepository users_;
};

}  // namespace formlympics::store
