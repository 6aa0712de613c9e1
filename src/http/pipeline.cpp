#include "http/pipeline.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>
#include <chrono>
#include <random>

#include "http/problem.hpp"
#include "util/encoding.hpp"
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
    if (!spdlog::should_log(spdlog::level::info)) return;
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    json::object line{{"event", "access"},         {"request_id", request_id},
                      {"method", request.method},  {"route", route},
                      {"status", response.status}, {"latency_us", micros},
                      {"remote", request.remote}};
    line["user_id"] = user_id > 0 ? json::value(user_id) : json::value(nullptr);
    spdlog::info("{}", json::serialize(line));
}

}  // namespace

std::optional<std::string_view> bearer_token(const Request& request) {
    auto h = request.header("authorization");
    if (!h) return std::nullopt;
    return bearer_token(*h);
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
    constexpr std::string_view kScheme = "Bearer ";
    if (authorization.size() <= kScheme.size()) return std::nullopt;
    for (std::size_t i = 0; i < kScheme.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(authorization[i])) !=
            std::tolower(static_cast<unsigned char>(kScheme[i]))) {
            return std::nullopt;
        }
    }
    return authorization.substr(kScheme.size());
}

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

Pipeline::Pipeline(const Router& router, Authenticator authenticate, TrustedProxies proxies)
    : router_(router), authenticate_(std::move(authenticate)), proxies_(std::move(proxies)) {}

// One request on its way through the pipeline; finish() is the single exit.
struct Pipeline::Exchange {
    const Request& request;
    Done done;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    std::string request_id = request_id_for(request);
    std::string_view route_name = "-";
    domain::UserId user_id = 0;

    void finish(Response response) {
        response.headers.emplace_back("X-Request-Id", request_id);
        log_access(request, route_name, response, start, user_id, request_id);
        done(std::move(response));
    }
};

void Pipeline::route(const std::shared_ptr<Exchange>& ex, RouteMatch match) const {
    const Request& request = ex->request;
    if (match.kind == RouteMatch::Kind::not_found) {
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
        return ex->finish((*open)(ctx));
    }

    auto token = bearer_token(request);
    if (!token) {
        return ex->finish(problem_response(
            domain::fail(Errc::unauthorized, "sign in and send Authorization: Bearer <token>")));
    }
    const auto caller = authenticate_(*token);
    if (!caller) return ex->finish(problem_response(caller.error()));
    ex->user_id = caller->id;
    if (const auto* signed_in = std::get_if<SignedInHandler>(&route.handler)) {
        return ex->finish((*signed_in)(ctx, caller.value()));
    }
    std::get<AsyncSignedInHandler>(route.handler)(ctx, caller.value(),
                                                  [ex](Response r) { ex->finish(std::move(r)); });
}

void Pipeline::run(const Request& request, Done done, RouteMatch match) const {
    auto ex = std::make_shared<Exchange>(Exchange{request, std::move(done)});
    try {
        route(ex, std::move(match));
    } catch (const util::Unavailable& e) {
        spdlog::warn("request {} {} {}: {}", ex->request_id, request.method, request.path,
                     e.what());
        ex->finish(problem_response(domain::unavailable()));
    } catch (const std::exception& e) {
        spdlog::error("request {} {} {} failed: {}", ex->request_id, request.method, request.path,
                      e.what());
        ex->finish(internal_error_response());
    }
}

void Pipeline::handle(const Request& request, Done done) const {
    run(request, std::move(done), router_.match(request.method, request.path));
}

bool Pipeline::handle_without_blocking(const Request& request, Done& done) const {
    auto match = router_.match(request.method, request.path);
    if (match.kind == RouteMatch::Kind::found && !match.route->non_blocking) return false;
    ++without_blocking_;
    run(request, std::move(done), std::move(match));
    return true;
}

std::optional<domain::Error> Pipeline::caller_refusal(std::string_view authorization) const {
    auto token = bearer_token(authorization);
    if (!token) {
        return domain::fail(Errc::unauthorized, "sign in and send Authorization: Bearer <token>");
    }
    auto caller = authenticate_(*token);
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
