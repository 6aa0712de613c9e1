#include "app/routes.hpp"
#include "http/handlers/pages.hpp"
#include "http/handlers/sessions.hpp"

namespace formlympics::app {
namespace h = http::handlers;

void add_web_routes(http::Router& router, Services& s, const util::Clock& clock,
                    const WebRouting& web) {
    router.add_same_site(
        "POST", "/api/v1/web/session", http::Body::json, [&s, &web](const auto& ctx) {
            return h::create_web_session(s.web_sessions, s.accounts, web.cookies, ctx);
        });
    router.add_same_site("DELETE", "/api/v1/web/session", http::Body::none,
                         [&s, &web](const auto& ctx) {
                             return h::delete_web_session(s.web_sessions, web.cookies, ctx);
                         });
    router.add_public(
        "GET", "/api/v1/time", [&clock](const auto& ctx) { return h::get_time(clock, ctx); },
        /*non_blocking=*/true);

    for (const auto& path : h::page_paths()) {
        router.add_public(
            "GET", path, [&app = web.app](const auto& ctx) { return h::get_page(app, ctx); },
            /*non_blocking=*/true);
    }
    router.add_public_cached(
        "GET", "/forms/{id}",
        [&s, &web, &clock](const auto& ctx) {
            return h::get_form_page(web.app, s.forms, web.site, clock, web.form_cache, ctx);
        },
        [&web, &clock](const auto& ctx) {
            return h::get_form_page_from_memory(web.form_cache, clock, ctx);
        });
    router.set_page_fallback(
        [&app = web.app](const auto& ctx) { return h::get_missing_page(app, ctx); });
    auto asset = [&app = web.app](const auto& ctx) { return h::get_asset(app, ctx); };
    router.add_public("GET", "/assets/{file}", asset, /*non_blocking=*/true);
    for (const auto& a : http::web_assets()) {
        if (!a.path.starts_with("/assets/") && a.path != "/index.html") {
            router.add_public("GET", std::string(a.path), asset, /*non_blocking=*/true);
        }
    }
}

}  // namespace formlympics::app
