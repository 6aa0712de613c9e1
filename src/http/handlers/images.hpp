#pragma once

#include "http/router.hpp"
#include "service/image_service.hpp"

namespace formlympics::http::handlers {

// The largest image body an upload route reads.
inline constexpr std::size_t kMaxImageBytes = std::size_t{10} << 20;

// POST /api/v1/forms/{id}/images and POST /api/v1/forms/{id}/products/{pid}/images: the seller
// adds a picture, sent as the raw body; 201 with where it can be loaded.
void upload_image(service::ImageService& images, const RequestContext& ctx,
                  const domain::Caller& caller, Done done);
// DELETE /api/v1/forms/{id}/images/{image_id}: the seller removes a picture; 204.
Response delete_image(service::ImageService& images, const RequestContext& ctx,
                      const domain::Caller& caller);
// PUT /api/v1/forms/{id}/images/order and PUT /api/v1/forms/{id}/products/{pid}/images/order
// {"ids": [...]}: the seller orders a gallery; 200 with it.
Response reorder_images(service::ImageService& images, const RequestContext& ctx,
                        const domain::Caller& caller);
// GET /images/{id}-{size}.webp: the picture, cacheable for good; 304 on a matching
// If-None-Match.
Response get_image(service::ImageService& images, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
