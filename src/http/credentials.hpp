#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/user.hpp"
#include "http/client_address.hpp"
#include "http/message.hpp"

namespace formlympics::http {

// The caller a bearer token names, from the token alone; unauthorized for any defect. Never
// blocks: it runs on network threads.
using Authenticator = std::function<domain::Result<domain::Caller>(std::string_view token)>;

// The cookie that carries a browser session.
inline constexpr std::string_view kSessionCookie = "fl_session";
// The header the web app sends with every request. A cross-site page cannot send it without a
// CORS preflight, which this server never grants, so its presence proves the request came from
// the app's own pages.
inline constexpr std::string_view kWebAppHeader = "x-formlympics-web";

// A session cookie as checked from its own bytes.
struct SessionCheck {
    domain::Caller caller;
    bool renew = false;    // due for renewal: renew when the request may block
    bool expired = false;  // past its lifetime: only a renewal vouches for it
};
// A session cookie renewed against the store: its caller and the cookie's new value.
struct RenewedSession {
    domain::Caller caller;
    std::string cookie;
};

// Browser sessions as the HTTP layer sees them.
struct SessionAuthenticator {
    // From the cookie alone; never blocks.
    std::function<domain::Result<SessionCheck>(std::string_view cookie)> check;
    // Reads the store; unauthorized when the session ended.
    std::function<domain::Result<RenewedSession>(std::string_view cookie)> renew;
    // How long the browser keeps the cookie (the session's idle limit), and whether it is sent
    // over HTTPS only.
    std::chrono::seconds max_age{0};
    bool secure = false;
    // Proxies whose X-Forwarded-Host names the site the browser sees (nginx in front).
    TrustedProxies proxies;

    explicit operator bool() const { return static_cast<bool>(check); }
    // The Set-Cookie value that stores `cookie`.
    std::string set_cookie(std::string_view cookie) const;
    // The Set-Cookie value that removes the session cookie.
    std::string clear_cookie() const;
};

// The session cookie's value in the request; nullopt without one. A request that carries it
// twice (a cookie planted for a parent domain beside ours) is refused: which one the browser
// meant cannot be told.
domain::Result<std::optional<std::string_view>> session_cookie(const Request& request);

// Why an unsafe request authenticated by a cookie must be refused as cross-site (403), or
// nullopt when it came from the app's own pages: Sec-Fetch-Site, when sent, says same-origin
// (or none: the user typed it); Origin, when sent, is this site (its Host, or the
// X-Forwarded-Host a trusted proxy set; a default port written or not); and the web app's
// header is there.
std::optional<domain::Error> cross_site_refusal(const Request& request,
                                                const TrustedProxies& proxies = {});

// Whether the method changes nothing (GET, HEAD, OPTIONS).
bool safe_method(std::string_view method);

// The token of an "Authorization: Bearer <token>" header; nullopt without one.
std::optional<std::string_view> bearer_token(const Request& request);
// The token of an Authorization value "Bearer <token>"; nullopt for another value.
std::optional<std::string_view> bearer_token(std::string_view authorization);

// The caller of a request: by its bearer token when it has an Authorization header (or there
// are no `sessions`), else by its session cookie, an unsafe method checked against cross-site
// requests first. Renews a cookie that is due when `may_block`, putting the Set-Cookie value
// in `set_cookie` (also the removal of a cookie that no longer names a session). unauthorized
// without a credential or with a bad one; forbidden for a cross-site request.
domain::Result<domain::Caller> caller_of(const Request& request, const Authenticator& bearer,
                                         const SessionAuthenticator& sessions, bool may_block,
                                         std::string& set_cookie);

}  // namespace formlympics::http
