// The web app's pages and files: the shell every page starts from, and a form's page with its
// link preview.
#include "http/handlers/pages.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "domain/image.hpp"
#include "http/handlers/form_view.hpp"
#include "http/handlers/forms.hpp"
#include "http/problem.hpp"

namespace formlympics::http::handlers {
namespace {

constexpr std::size_t kPreviewChars = 160;

PageMeta site_meta(const Request& request) {
    PageMeta m;
    if (page_language(request) == "en") {
        m.title = "Formlympics";
        m.description =
            "Limited goods, first come first served: order forms, deposits and delivery in one "
            "place.";
    } else {
        m.title = "Formlympics 폼림픽";
        m.description = "한정 굿즈 선착순 폼 주문: 주문, 입금, 배송을 한곳에서.";
    }
    return m;
}

// scheme://host of the request, or empty when its Host is not a plain host[:port].
std::string site_origin(const Request& request, bool https) {
    const auto host = request.header("host");
    if (!host || host->empty() || host->size() > 255) return {};
    const bool plain = std::all_of(host->begin(), host->end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
               c == '[' || c == ']';
    });
    if (!plain) return {};
    return std::string(https ? "https://" : "http://") + std::string(*host);
}

// The first characters of a description, on one line, cut at a character boundary.
std::string preview(std::string_view text) {
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size() && chars < kPreviewChars; ++chars) {
        const auto c = static_cast<unsigned char>(text[i]);
        const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        if (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    if (chars == kPreviewChars) out += "…";
    return out;
}

// A form's page differs by language and by the host its links name.
std::string form_page_key(domain::FormId id, const Request& request) {
    return form_cache_prefix(id) + "page:" + std::string(page_language(request)) + ":" +
           std::string(request.header("host").value_or(""));
}

}  // namespace

const std::vector<std::string>& page_paths() {
    static const std::vector<std::string> all = {
        "/",
        "/signin",
        "/signup",
        "/orders/{id}",
        "/me",
        "/me/orders",
        "/me/coupons",
        "/me/likes",
        "/me/profile",
        "/me/notifications",
        "/seller",
        "/seller/forms",
        "/seller/forms/new",
        "/seller/forms/{id}/edit",
        "/seller/forms/{id}/orders",
        "/seller/forms/{id}/coupons",
        "/seller/forms/{id}/preview",
    };
    return all;
}

Response get_page(const WebApp& web, const RequestContext& ctx) {
    // /orders/01 names no order, as /api/v1/orders/01 does not: the page says so.
    const bool missing = !ctx.param("id").empty() && !ctx.id_param("id");
    return web.page(ctx.request, site_meta(ctx.request), missing ? 404 : 200);
}

std::optional<Response> get_form_page_from_memory(const ResponseCache& cache,
                                                  const util::Clock& clock,
                                                  const RequestContext& ctx) {
    const auto id = ctx.id_param("id");
    if (!id) return std::nullopt;
    return cache.answer(form_page_key(*id, ctx.request), ctx.request, clock.now_millis());
}

Response get_missing_page(const WebApp& web, const RequestContext& ctx) {
    return web.page(ctx.request, site_meta(ctx.request), 404);
}

Response get_form_page(const WebApp& web, service::FormService& forms, const PageSite& site,
                       const util::Clock& clock, ResponseCache& cache, const RequestContext& ctx) {
    const auto id = ctx.id_param("id");
    auto form =
        id ? forms.get(*id)
           : domain::Result<domain::Form>(domain::fail(domain::Errc::not_found, "no such form"));
    if (!form) return web.page(ctx.request, site_meta(ctx.request), 404);
    const auto origin =
        site.public_url.empty() ? site_origin(ctx.request, site.https) : site.public_url;
    const auto now = clock.now_millis();
    PageMeta meta;
    meta.title = form->title;
    meta.description = preview(form->description);
    meta.data_json = boost::json::serialize(form_json(form.value(), now));
    if (!form->images.empty()) {
        // As the page's cover <img> asks for it (web/src/components/img.jsx).
        const auto& cover = form->images.front().id;
        meta.preload_srcset = domain::image_path(cover, domain::ImageSize::thumb) + " 400w, " +
                              domain::image_path(cover, domain::ImageSize::large) + " 1600w";
        meta.preload_sizes = "(min-width: 720px) 680px, 100vw";
    }
    if (!origin.empty()) {
        meta.url = origin + "/forms/" + std::to_string(form->id);
        if (const auto* cover = domain::cover_of(form.value())) {
            meta.image_url = origin + domain::image_path(cover->id, domain::ImageSize::large);
        }
    }
    return cache.keep(form_page_key(form->id, ctx.request), web.page(ctx.request, meta),
                      ctx.request, form_cache_deadline(form.value(), now));
}

Response get_asset(const WebApp& web, const RequestContext& ctx) {
    if (auto r = web.asset(ctx.request)) return std::move(*r);
    return problem_response(
        domain::fail(domain::Errc::not_found, "no file at " + ctx.request.path));
}

}  // namespace formlympics::http::handlers
