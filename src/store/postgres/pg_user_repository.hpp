#pragma once

#include "store/postgres/pg_pool.hpp"
#include "store/user_repository.hpp"

namespace formlympics::store {

// Users in PostgreSQL.
class PgUserRepository final : public UserRepository {
  public:
    explicit PgUserRepository(PgPool& pool) : pool_(pool) {}

    domain::Result<domain::User> create(const domain::NewUser& user) override;
    std::optional<domain::Credentials> find_credentials(std::string_view email_key) override;
    std::optional<domain::User> find(domain::UserId id) override;
    std::optional<domain::User> set_address(domain::UserId id,
                                            const domain::Address& address) override;
    std::optional<domain::User> set_refund_account(domain::UserId id,
                                                   const domain::RefundAccount& account) override;

  private:
    std::optional<domain::User> update_one(const std::string& sql, const PgParams& params);

    PgPool& pool_;
};

}  // namespace formlympics::store
