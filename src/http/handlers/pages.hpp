#pragma once

#include <string>
#include <vector>

#include "http/response_cache.hpp"
#include "http/router.hpp"
#include "http/web_app.hpp"
#include "service/form_service.hpp"

namespace formlympics::http::handlers {

// The addresses of the web app's pages other than a form's (each is a page in web/src/pages).
const std::vector<std::string>& page_paths();

// GET /, /signin, /me/orders, ... (page_paths()): the app's page shell.
Response get_page(const WebApp& web, const RequestContext& ctx);
// Any other GET outside the API: the app's shell answering 404, so a mistyped address shows
// the app's "not found" page in the visitor's language.
Response get_missing_page(const WebApp& web, const RequestContext& ctx);
// Where the site is, for the absolute links of link previews.
struct PageSite {
    std::string public_url;  // e.g. https://shop.example; empty: the request's Host
    bool https = false;      // with the request's Host: served over TLS
};

// GET /forms/{id}: the form's page, its <head> carrying the form's title, description and cover
// for link previews (KakaoTalk, X); 404 (still the page, which says so) for no such form.
Response get_form_page(const WebApp& web, service::FormService& forms, const PageSite& site,
                       const util::Clock& clock, ResponseCache& cache, const RequestContext& ctx);
// The same from memory, on the network thread; nullopt when it is not kept.
std::optional<Response> get_form_page_from_memory(const ResponseCache& cache,
                                                  const util::Clock& clock,
                                                  const RequestContext& ctx);
// GET /assets/{file}, /favicon.svg, /robots.txt: a built file of the web app; 404 for none.
Response get_asset(const WebApp& web, const RequestContext& ctx);

}  // namespace formlympics::http::handlers
