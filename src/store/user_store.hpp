#pragma once

#include "store/sql.hpp"
#include "store/user_repository.hpp"

namespace formlympics::store {

// UserRepository over either SQL database.
class UserStore final : public UserRepository {
  public:
    explicit UserStore(SqlDatabase& db) : db_(db) {}

    domain::Result<domain::User> create(const domain::NewUser& user) override;
    std::optional<domain::Credentials> find_credentials(std::string_view email_key) override;
    std::optional<domain::User> find(domain::UserId id) override;
    std::optional<domain::User> set_address(domain::UserId id,
                                            const domain::Address& address) override;
    std::optional<domain::User> set_refund_account(domain::UserId id,
                                                   const domain::RefundAccount& account) override;
    std::optional<domain::User> set_name_and_phone(domain::UserId id, const std::string& name,
                                                   const std::string& phone) override;
    bool set_password_hash(domain::UserId id, const std::string& hash,
                           const std::string& expected) override;
    domain::Result<domain::UserId> erase(domain::UserId id, std::int64_t now) override;
    TokenRevocation revoke_tokens(domain::UserId id, std::int64_t generation,
                                  std::int64_t now) override;
    std::optional<TokenRevocation> token_revocation(domain::UserId id) override;
    std::vector<std::pair<domain::UserId, TokenRevocation>> token_revocations(
        std::int64_t raised_after) override;

  private:
    std::optional<domain::User> write_one(const std::string& sql, const SqlParams& params);

    SqlDatabase& db_;
};

}  // namespace formlympics::store
