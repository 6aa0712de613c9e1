#include "http/credentials.hpp"

#include "http/framing.hpp"

namespace formlympics::http {
namespace {

using domain::Errc;

// The host of an origin "scheme://host[:port]" with its scheme's default port left out; empty
// when it is not one.
std::string_view origin_host(std::string_view origin) {
    for (auto [scheme, port] : {std::pair{"http://", ":80"}, std::pair{"https://", ":443"}}) {
        if (!origin.starts_with(scheme)) continue;
        auto host = origin.substr(std::string_view(scheme).size());
        if (host.ends_with(port)) host.remove_suffix(std::string_view(port).size());
        return host;
    }
    return {};
}

// A Host value without a default port (:80 or :443), which browsers leave out of Origin.
std::string_view without_default_port(std::string_view host) {
    for (std::string_view port : {":80", ":443"}) {
        if (host.ends_with(port)) host.remove_suffix(port.size());
    }
    return host;
}

}  // namespace

std::string SessionAuthenticator::set_cookie(std::string_view cookie) const {
    std::string v(kSessionCookie);
    v += '=';
    v += cookie;
    v += "; Path=/; Max-Age=" + std::to_string(max_age.count()) + "; HttpOnly; SameSite=Lax";
    if (secure) v += "; Secure";
    return v;
}

std::string SessionAuthenticator::clear_cookie() const {
    std::string v(kSessionCookie);
    v += "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    if (secure) v += "; Secure";
    return v;
}

domain::Result<std::optional<std::string_view>> session_cookie(const Request& request) {
    std::optional<std::string_view> found;
    for (const auto& [name, value] : request.headers) {
        if (name != "cookie") continue;
        std::string_view rest = value;
        while (!rest.empty()) {
            const auto semi = rest.find(';');
            auto pair = trim(rest.substr(0, semi));
            rest = semi == rest.npos ? std::string_view() : rest.substr(semi + 1);
            const auto eq = pair.find('=');
            if (eq == pair.npos || trim(pair.substr(0, eq)) != kSessionCookie) continue;
            if (found) {
                return domain::fail(Errc::unauthorized,
                                    "the request carries two session cookies; sign in again");
            }
            found = trim(pair.substr(eq + 1));
        }
    }
    if (found && found->empty()) found.reset();
    return found;
}

bool safe_method(std::string_view method) {
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

std::optional<domain::Error> cross_site_refusal(const Request& request,
                                                const TrustedProxies& proxies) {
    auto refuse = [](const std::string& detail) {
        return domain::fail(Errc::forbidden, "cross-site request refused: " + detail);
    };
    if (auto site = request.header("sec-fetch-site");
        site && *site != "same-origin" && *site != "none") {
        return refuse("the browser says it came from " + std::string(*site));
    }
    if (auto origin = request.header("origin")) {
        auto host = request.header("host");
        // Behind a proxy the browser's site is the one the proxy was asked for.
        if (auto forwarded = request.header("x-forwarded-host");
            forwarded && !proxies.empty() && proxies.contains(request.remote)) {
            host = forwarded;
        }
        const auto from = origin_host(*origin);
        if (!host || from.empty() || !iequals(from, without_default_port(*host))) {
            return refuse("Origin is not this site");
        }
    }
    if (request.header(kWebAppHeader) != "1") {
        return refuse("send X-Formlympics-Web: 1 from the web app, or use a bearer token");
    }
    return std::nullopt;
}

std::optional<std::string_view> bearer_token(const Request& request) {
    auto h = request.header("authorization");
    if (!h) return std::nullopt;
    return bearer_token(*h);
}

std::optional<std::string_view> bearer_token(std::string_view authorization) {
    constexpr std::string_view kScheme = "Bearer ";
    if (authorization.size() <= kScheme.size()) return std::nullopt;
    if (!iequals(authorization.substr(0, kScheme.size()), kScheme)) return std::nullopt;
    return authorization.substr(kScheme.size());
}

domain::Result<domain::Caller> caller_of(const Request& request, const Authenticator& bearer,
                                         const SessionAuthenticator& sessions, bool may_block,
                                         std::string& set_cookie) {
    if (request.header("authorization") || !sessions) {
        auto token = bearer_token(request);
        if (!token) {
            return domain::fail(Errc::unauthorized,
                                "sign in and send Authorization: Bearer <token>");
        }
        return bearer(*token);
    }
    auto cookie = session_cookie(request);
    if (!cookie) return cookie.error();
    if (!cookie.value()) {
        return domain::fail(Errc::unauthorized, "sign in and send Authorization: Bearer <token>");
    }
    // A browser sends cookies with requests other sites start: only the app's own may change
    // anything.
    if (!safe_method(request.method)) {
        if (auto refusal = cross_site_refusal(request, sessions.proxies)) return *refusal;
    }
    auto checked = sessions.check(*cookie.value());
    if (!checked) {
        set_cookie = sessions.clear_cookie();
        return checked.error();
    }
    if (!checked->renew || (!may_block && !checked->expired)) return checked->caller;
    if (!may_block) {
        // handle_without_blocking sends these to a worker; only a head check gets here.
        return domain::fail(Errc::unauthorized, "the session cookie must be renewed first");
    }
    auto renewed = sessions.renew(*cookie.value());
    if (!renewed) {
        set_cookie = sessions.clear_cookie();
        return renewed.error();
    }
    set_cookie = sessions.set_cookie(renewed->cookie);
    return renewed->caller;
}

}  // namespace formlympics::http
