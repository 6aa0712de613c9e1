// Pictures of forms and products: upload, removal, order, and serving the bytes.
#include "http/handlers/images.hpp"

#include <boost/json.hpp>

#include "http/handlers/form_view.hpp"
#include "http/json_input.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;
using domain::Errc;

namespace {

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

Response not_found(std::string detail) {
    return problem_response(domain::fail(Errc::not_found, std::move(detail)));
}

// The product a route's path names in {pid}, if it has one (nullopt: the form's cover). False
// when {pid} is there but not an id.
bool product_in_path(const RequestContext& ctx, std::optional<domain::ProductId>& product) {
    if (ctx.param("pid").empty()) return true;
    product = ctx.id_param("pid");
    return product.has_value();
}

// True when an If-None-Match value names `etag` (or is "*"); weak tags compare by their value.
bool names_etag(std::string_view header, std::string_view etag) {
    std::size_t at = 0;
    while (at < header.size()) {
        auto end = header.find(',', at);
        if (end == std::string_view::npos) end = header.size();
        auto tag = header.substr(at, end - at);
        while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
        while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
        at = end + 1;
    }
    return false;
}

}  // namespace

void upload_image(service::ImageService& images, const RequestContext& ctx,
                  const domain::Caller& caller, Done done) {
    const auto form = ctx.id_param("id");
    if (!form) return done(not_found("no such form"));
    service::ImageUpload upload;
    if (!product_in_path(ctx, upload.product)) return done(not_found("no such product"));
    upload.seller = caller.id;
    upload.form = *form;
    upload.content_type = std::string(ctx.request.header("content-type").value_or(""));
    // `done` keeps the request alive until it is called, so the body is read in place, not
    // copied.
    upload.bytes = ctx.request.body;
    images.upload(upload, [done = std::move(done)](domain::Result<domain::Image> stored) {
        if (!stored) return done(problem_response(stored.error()));
        auto view = image_json(stored.value());
        std::string url(view["url"].as_string());
        auto r = json_response(201, view);
        r.headers.emplace_back("Location", std::move(url));
        done(std::move(r));
    });
}

Response delete_image(service::ImageService& images, const RequestContext& ctx,
                      const domain::Caller& caller) {
    const auto form = ctx.id_param("id");
    const auto id = ctx.param("image_id");
    if (!form || !domain::is_image_id(id)) return not_found("no such image");
    auto removed = images.remove(caller.id, *form, std::string(id));
    if (!removed) return problem_response(removed.error());
    Response r;
    r.status = 204;
    return r;
}

Response reorder_images(service::ImageService& images, const RequestContext& ctx,
                        const domain::Caller& caller) {
    const auto form = ctx.id_param("id");
    if (!form) return not_found("no such form");
    std::optional<domain::ProductId> product;
    if (!product_in_path(ctx, product)) return not_found("no such product");
    auto body = parse_json_object(ctx.request);
    if (!body) return problem_response(body.error());
    ObjectReader in(body.value(), {"ids"});
    std::vector<std::string> ids;
    if (const auto* list = in.array("ids")) {
        if (list->size() > domain::kMaxCoverImages) {
            in.fail("ids", "lists at most " + std::to_string(domain::kMaxCoverImages) + " images");
        }
        for (std::size_t i = 0; i < list->size() && i < domain::kMaxCoverImages; ++i) {
            const auto* id = (*list)[i].if_string();
            if (!id || !domain::is_image_id(*id)) {
                in.fail("ids[" + std::to_string(i) + "]", "must be an image id");
                continue;
            }
            ids.emplace_back(*id);
        }
    }
    if (auto e = in.error()) return problem_response(*e);
    auto ordered = images.reorder(caller.id, *form, product, ids);
    if (!ordered) return problem_response(ordered.error());
    return json_response(200, json::object{{"images", images_json(ordered.value())}});
}

Response get_image(service::ImageService& images, const RequestContext& ctx) {
    // {id}-{size}.webp
    const auto name = ctx.param("file");
    constexpr std::string_view kSuffix = ".webp";
    const auto dash = name.find('-');
    if (dash == std::string_view::npos || !name.ends_with(kSuffix)) {
        return not_found("no such image");
    }
    const auto id = name.substr(0, dash);
    const auto size =
        domain::kImageSizes.parse(name.substr(dash + 1, name.size() - dash - 1 - kSuffix.size()));
    if (!domain::is_image_id(id) || !size) return not_found("no such image");
    // An image never changes, so its name is its version.
    const std::string etag =
        "\"" + std::string(name.substr(0, name.size() - kSuffix.size())) + "\"";
    auto bytes = images.fetch(std::string(id), *size);
    if (!bytes) return not_found("no such image");
    Response r;
    r.headers = {{"ETag", etag}, {"Cache-Control", std::string(kImmutable)}};
    if (auto given = ctx.request.header("if-none-match"); given && names_etag(*given, etag)) {
        r.status = 304;
        return r;
    }
    r.content_type = "image/webp";
    r.body = *bytes;
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    return r;
}

}  // namespace formlympics::http::handlers
