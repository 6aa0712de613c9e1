#pragma once

#include <vector>

#include "domain/form.hpp"
#include "domain/result.hpp"
#include "store/form_repository.hpp"
#include "store/like_repository.hpp"
#include "util/clock.hpp"

namespace formlympics::service {

// Likes of forms: the buyers' wishlist and each form's exact count.
class LikeService {
  public:
    LikeService(store::LikeRepository& likes, store::FormRepository& forms,
                const util::Clock& clock);

    // Likes the form (idempotent); not_found.
    domain::Result<store::LikeState> like(domain::UserId caller, domain::FormId form);
    // Unlikes the form (idempotent); not_found.
    domain::Result<store::LikeState> unlike(domain::UserId caller, domain::FormId form);
    // Whether the caller likes the form, and its count; not_found.
    domain::Result<store::LikeState> state(domain::UserId caller, domain::FormId form);
    // The forms the caller liked, most recent first.
    std::vector<domain::Form> wishlist(domain::UserId caller);

  private:
    store::LikeRepository& likes_;
    store::FormRepository& forms_;
    const util::Clock& clock_;
};

}  // namespace formlympics::service
