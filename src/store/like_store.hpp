#pragma once

#include "store/like_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// LikeRepository over either SQL database.
class LikeStore final : public LikeRepository {
  public:
    explicit LikeStore(SqlDatabase& db) : db_(db) {}

    domain::Result<LikeState> like(domain::FormId form, domain::UserId user,
                                   domain::Millis now) override;
    std::optional<LikeState> unlike(domain::FormId form, domain::UserId user) override;
    std::optional<LikeState> state(domain::FormId form, domain::UserId user) override;
    std::vector<domain::FormId> liked_by(domain::UserId user) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
