#include "http/pipeline.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <chrono>
#include <random>

#include "http/framing.hpp"
#include "http/problem.hpp"
#include "util/encoding.hpp"
#include "util/logging.hpp"
#include "util/unavailable.hpp"

namespace formlympics::http {
namespace json = boost::json;
using domain::Errc;

namespace {

// A client's X-Request-ID is kept when it is this short and plain; else one is made.
constexpr std::size_t kMaxRequestIdBytes = 64;

void log_access(const Request& request, std::string_view route, const Response& response,
                std::chrono::steady_clock::time_point start, domain::UserId user_id,
                const std::string& request_id) {
    if (!logging::enabled(logging::Level::info)) return;
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    json::object line{{"event", "access"},         {"request_id", request_id},
                      {"method", request.method},  {"route", route},
                      {"status", response.status}, {"latency_us", micros},
                      {"remote", request.remote}};
    line["user_id"] = user_id > 0 ? json::value(user_id) : json::value(nullptr);
    logging::write(logging::Level::info, json::serialize(line));
}

// A body sent to a route that takes none: refused, not ignored. A body is read as sent, so one
// sent compressed (`Content-Encoding: gzip`) is refused rather than read as if it were plain.
std::optional<domain::Error> body_refusal(const Route& route, const Request& request) {
    if (request.body.empty()) return std::nullopt;
    if (route.body == Body::none) {
        return domain::invalid_fields(
            {{"body", request.method + " " + route.pattern + " takes no body; send none"}});
    }
    // Every line counts: two lines are one list of codings, applied in turn.
    for (const auto& [name, value] : request.headers) {
        if (name != "content-encoding") continue;
        if (const auto coding = trim(value); !coding.empty() && !iequals(coding, "identity")) {
            return domain::fail(Errc::unsupported_media_type,
                                "send the body uncompressed: no Content-Encoding is read here");
        }
    }
    return std::nullopt;
}

// What the request sends that its route does not take. No route that changes anything takes
// a query: one sent is refused, not ignored (`?user=1` on a claim must not look as if it did
// something), as is `?&` (a bare `?` is an empty query, the same as none); nor is a body taken
// where the route takes none.
std::optional<domain::Error> input_refusal(const Route& route, const RequestContext& ctx) {
    if (ctx.request.method != "GET" && ctx.request.method != "HEAD") {
        if (auto unknown = unknown_parameters(ctx.query, {})) return unknown;
        if (!ctx.request.query.empty()) {
            return domain::invalid_fields({{"query", ctx.request.method + " " + route.pattern +
                                                         " takes no query; send none"}});
        }
    }
    return body_refusal(route, ctx.request);
}

}  // namespace

std::string request_id_for(const Request& request) {
    if (auto given = request.header("x-request-id")) {
        const bool sane = !given->empty() && given->size() <= kMaxRequestIdBytes &&
                          std::all_of(given->begin(), given->end(), [](char c) {
                              return std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                                     c == '_' || c == '.';
                          });
        if (sane) return std::string(*given);
    }
    // Ids correlate log lines; they need to be unlikely to collide, not unpredictable, so a
    // per-thread generator spares a system call per request.
    thread_local std::mt19937_64 rng{std::random_device{}()};
    const auto bits = rng();
    return util::hex_encode(std::string_view(reinterpret_cast<const char*>(&bits), sizeof bits));
}

Pipeline::Pipeline(const Router& router, Authenticator authenticate, TrustedProxies proxies,
                   SessionAuthenticator sessions)
    : router_(router),
      authenticate_(std::move(authenticate)),
      proxies_(std::move(proxies)),
      sessions_(std::move(sessions)) {}

// One request on its way through the pipeline; finish() is the single exit.
struct Pipeline::Exchange {
    const Request& request;
    Done done;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::string request_id = request_id_for(request);
    std::string_view route_name = "-";
    domain::UserId user_id = 0;
    bool may_block = true;
    std::string set_cookie;  // a renewed (or removed) session cookie
    bool personal = false;   // answers a signed-in caller: no cache may keep it

    Exchange(const Request& r, Done d) : request(r), done(std::move(d)) {}

    void finish(Response response) {
        response.headers.emplace_back("X-Request-Id", request_id);
        // A handler that set the session cookie itself (a password change begins a new
        // session) has the last word over a renewal of the old one.
        const bool handler_set_cookie =
            std::any_of(response.headers.begin(), response.headers.end(), [](const auto& h) {
                return h.first == "Set-Cookie" && h.second.starts_with(kSessionCookie);
            });
        if (!set_cookie.empty() && !handler_set_cookie) {
            response.headers.emplace_back("Set-Cookie", set_cookie);
        }
        const bool says_how_to_cache =
            std::any_of(response.headers.begin(), response.headers.end(),
                        [](const auto& h) { return h.first == "Cache-Control"; });
        if (personal && !says_how_to_cache) {
            // A cookie-authenticated answer has no Authorization header to keep shared caches
            // off it, and many hold a phone number, an address or a bank account.
            response.headers.emplace_back("Cache-Control", "no-store");
        }
        log_access(request, route_name, response, start, user_id, request_id);
        done(std::move(response));
    }
};

std::optional<Response> Pipeline::without_trailing_slash(const Request& request) const {
    // "/me/" or "/forms/1/" is the page without its slash: sent there, the page gets one address
    // (a shared link with a slash still shows the form's preview card). Only to a page this
    // server has, so the answer never points anywhere else.
    auto path = std::string_view(request.path);
    if (path.size() < 2 || !path.ends_with('/')) return std::nullopt;
    while (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
    if (path.starts_with("//") || router_.match("GET", path).kind != RouteMatch::Kind::found) {
        return std::nullopt;
    }
    Response r;
    r.status = 308;
    r.headers.emplace_back("Location",
                           std::string(path) + (request.query.empty() ? "" : "?" + request.query));
    return r;
}

void Pipeline::route(const std::shared_ptr<Exchange>& ex, RouteMatch match) const {
    const Request& request = ex->request;
    if (match.kind == RouteMatch::Kind::not_found) {
        const bool page = (request.method == "GET" || request.method == "HEAD") &&
                          !request.path.starts_with("/api/") &&
                          !request.path.starts_with("/assets/") &&
                          !request.path.starts_with("/images/");
        if (page) {
            if (auto moved = without_trailing_slash(request)) return ex->finish(std::move(*moved));
        }
        if (page && router_.page_fallback()) {
            auto query = Query::parse(request.query);
            if (query) {
                RequestContext ctx{request,
                                   {},
                                   ex->request_id,
                                   client_address(request, proxies_),
                                   std::move(query.value())};
                return ex->finish(router_.page_fallback()(ctx));
            }
        }
        return ex->finish(
            problem_response(domain::fail(Errc::not_found, "no resource at " + request.path)));
    }
    if (match.kind == RouteMatch::Kind::method_not_allowed) {
        auto r = problem_response(domain::fail(
            Errc::method_not_allowed, request.method + " is not allowed here; use " + match.allow));
        r.headers.emplace_back("Allow", match.allow);
        return ex->finish(std::move(r));
    }
    const Route& route = *match.route;
    ex->route_name = route.pattern;
    auto query = Query::parse(request.query);
    if (!query) return ex->finish(problem_response(query.error()));
    RequestContext ctx{request, std::move(match.params), ex->request_id,
                       client_address(request, proxies_), std::move(query.value())};
    if (const auto* open = std::get_if<PublicHandler>(&route.handler)) {
        if (route.same_site) {
            if (auto refused = cross_site_refusal(request, sessions_.proxies))
                return ex->finish(problem_response(*refused));
        }
        if (auto refused = input_refusal(route, ctx)) return ex->finish(problem_response(*refused));
        return ex->finish((*open)(ctx));
    }

    ex->personal = true;
    // Who is asking comes first: a cross-site request is refused as such, whatever it sent.
    const auto caller = caller_of(request, authenticate_, sessions_, ex->may_block, ex->set_cookie);
    if (!caller) return ex->finish(problem_response(caller.error()));
    ex->user_id = caller->id;
    if (auto refused = input_refusal(route, ctx)) return ex->finish(problem_response(*refused));
    if (const auto* signed_in = std::get_if<SignedInHandler>(&route.handler)) {
        return ex->finish((*signed_in)(ctx, caller.value()));
    }
    std::get<AsyncSignedInHandler>(route.handler)(ctx, caller.value(),
                                                  [ex](Response r) { ex->finish(std::move(r)); });
}

void Pipeline::run(const Request& request, Done done, RouteMatch match, bool may_block) const {
    auto ex = std::make_shared<Exchange>(request, std::move(done));
    ex->may_block = may_block;
    try {
        route(ex, std::move(match));
    } catch (const util::Unavailable& e) {
        logging::warn("request {} {} {}: {}", ex->request_id, request.method, request.path,
                      e.what());
        ex->finish(problem_response(domain::unavailable()));
    } catch (const std::exception& e) {
        logging::error("request {} {} {} failed: {}", ex->request_id, request.method, request.path,
                       e.what());
        ex->finish(internal_error_response());
    }
}

void Pipeline::handle(const Request& request, Done done) const {
    run(request, std::move(done), router_.match(request.method, request.path), /*may_block=*/true);
}

bool Pipeline::answer_from_memory(const Request& request, const RouteMatch& match,
                                  Done& done) const {
    const Route& route = *match.route;
    auto query = Query::parse(request.query);
    // The worker answers the problem.
    if (!query || body_refusal(route, request)) return false;
    RequestContext ctx{request, match.params, {}, {}, std::move(query.value())};
    std::optional<Response> answer;
    try {
        answer = route.from_memory(ctx);
    } catch (const std::exception& e) {
        logging::error("answering {} {} from memory failed: {}", request.method, request.path,
                       e.what());
    }
    if (!answer) return false;
    ++without_blocking_;
    auto ex = std::make_shared<Exchange>(request, std::move(done));
    ex->route_name = route.pattern;
    ex->finish(std::move(*answer));
    return true;
}

bool Pipeline::handle_without_blocking(const Request& request, Done& done) const {
    auto match = router_.match(request.method, request.path);
    if (match.kind == RouteMatch::Kind::found && match.route->from_memory) {
        return answer_from_memory(request, match, done);
    }
    if (match.kind == RouteMatch::Kind::found && !match.route->non_blocking) return false;
    if (match.kind == RouteMatch::Kind::found && match.route->needs_caller() && sessions_ &&
        !request.header("authorization")) {
        // A cookie past its lifetime is renewed against the store: not on this thread.
        auto cookie = session_cookie(request);
        if (cookie && cookie.value()) {
            auto checked = sessions_.check(*cookie.value());
            if (checked && checked->expired) return false;
        }
    }
    ++without_blocking_;
    run(request, std::move(done), std::move(match), /*may_block=*/false);
    return true;
}

std::optional<domain::Error> Pipeline::caller_refusal(const Request& head) const {
    std::string ignored;
    // An expired cookie is let through here: the request's own handling renews it or says no.
    auto caller = caller_of(head, authenticate_, sessions_, /*may_block=*/false, ignored);
    if (!caller && head.header("authorization") == std::nullopt && sessions_) {
        auto cookie = session_cookie(head);
        if (cookie && cookie.value()) {
            auto checked = sessions_.check(*cookie.value());
            if (checked && checked->expired && !cross_site_refusal(head, sessions_.proxies))
                return std::nullopt;
        }
    }
    if (!caller) return caller.error();
    return std::nullopt;
}

Response Pipeline::refuse(const Request& partial, const domain::Error& error) const {
    const auto start = std::chrono::steady_clock::now();
    const auto request_id = request_id_for(partial);
    auto response = problem_response(error);
    response.close = true;
    response.headers.emplace_back("X-Request-Id", request_id);
    log_access(partial, "-", response, start, 0, request_id);
    return response;
}

}  // namespace formlympics::http
