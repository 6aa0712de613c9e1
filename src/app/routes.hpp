#pragma once

#include "app/services.hpp"
#include "http/credentials.hpp"
#include "http/handlers/pages.hpp"
#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/web_app.hpp"
#include "util/clock.hpp"

namespace formlympics::app {

// What the browser-facing routes need besides the services.
struct WebRouting {
    const http::SessionAuthenticator& cookies;
    const http::WebApp& app;
    // Forms' answers kept in memory (their JSON and pages), forgotten when they change here.
    http::ResponseCache& form_cache;
    http::handlers::PageSite site;  // where link previews' absolute links point
};

// Fills the route table: every endpoint of the API, in one place.
void add_routes(http::Router& router, Services& services, const util::Clock& clock,
                const WebRouting& web);
// The web app's pages and files, and signing in and out from a browser (app/web_routes.cpp).
void add_web_routes(http::Router& router, Services& services, const util::Clock& clock,
                    const WebRouting& web);

}  // namespace formlympics::app
