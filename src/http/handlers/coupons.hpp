#pragma once

#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "service/coupon_service.hpp"

namespace formlympics::http::handlers {

// POST /api/v1/forms/{id}/coupons: the seller creates a limited coupon.
Response create_coupon(service::CouponService& coupons, const RequestContext& ctx,
                       const domain::Caller& caller);
// GET /api/v1/forms/{id}/coupons: the form's coupons with what remains, kept in `cache` with
// the form's answers for a second (a claim on another instance shows within it; ETag, 304).
Response list_coupons(service::CouponService& coupons, ResponseCache& cache,
                      const RequestContext& ctx);
// The same from memory, on the network thread; nullopt when it is not kept.
std::optional<Response> list_coupons_from_memory(const ResponseCache& cache,
                                                 const RequestContext& ctx);
// POST /api/v1/coupons/{id}/claims: claims a coupon, first come, one per user. Never blocks:
// the claim runs on a worker unless the coupon is known to be exhausted. A claim forgets the
// kept list of the form's coupons.
void claim_coupon(service::CouponService& coupons, ResponseCache& cache, const RequestContext& ctx,
                  const domain::Caller& caller, Done done);
// GET /api/v1/me/coupons: the caller's coupons.
Response my_coupons(service::CouponService& coupons, const RequestContext& ctx,
                    const domain::Caller& caller);

}  // namespace formlympics::http::handlers
