#pragma once

#include <vector>

#include "domain/form.hpp"
#include "domain/result.hpp"

namespace formlympics::store {

// The outcome of a like or an unlike: whether the caller likes the form now, and its count.
struct LikeState {
    bool liked = false;
    std::int64_t likes = 0;
};

// Likes of forms (the wishlist). Each change and the form's counter commit together, so the
// count stays exact under concurrent likes and unlikes.
class LikeRepository {
  public:
    virtual ~LikeRepository() = default;

    // Likes the form (a no-op when already liked): the seller hears of it once a day per liker,
    // and a liker who comes after the form's `opening_soon` went out hears it at once, once.
    // not_found when there is no such form; forbidden for the form's own seller.
    virtual domain::Result<LikeState> like(domain::FormId form, domain::UserId user,
                                           domain::Millis now) = 0;
    // Unlikes the form (a no-op when not liked); nullopt when there is no such form.
    virtual std::optional<LikeState> unlike(domain::FormId form, domain::UserId user) = 0;
    // Whether the user likes the form, and its count; nullopt when there is no such form.
    virtual std::optional<LikeState> state(domain::FormId form, domain::UserId user) = 0;
    // The forms the user liked, most recent like first.
    virtual std::vector<domain::FormId> liked_by(domain::UserId user) = 0;
};

}  // namespace formlympics::store
