#pragma once

#include "http/router.hpp"
#include "service/like_service.hpp"
#include "util/clock.hpp"

namespace formlympics::http::handlers {

// PUT /api/v1/forms/{id}/like and DELETE /api/v1/forms/{id}/like: {liked, likes}; idempotent.
Response set_like(service::LikeService& likes, bool liked, const RequestContext& ctx,
                  const domain::Caller& caller);
// GET /api/v1/forms/{id}/like: {liked, likes}, whether the caller likes the form (what its page
// needs, without the whole wishlist).
Response get_like(service::LikeService& likes, const RequestContext& ctx,
                  const domain::Caller& caller);
// GET /api/v1/me/likes: the forms the caller liked, with their status (the wishlist).
Response my_likes(service::LikeService& likes, const util::Clock& clock, const RequestContext& ctx,
                  const domain::Caller& caller);

}  // namespace formlympics::http::handlers
