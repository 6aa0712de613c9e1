#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "domain/result.hpp"
#include "domain/user.hpp"
#include "http/client_address.hpp"
#include "http/credentials.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace formlympics::http {

// The one middleware around every handler: request id, routing (404/405), authentication of
// signed-in routes (401 before the handler runs), error mapping (500 without detail), and one
// structured access log line per request.
class Pipeline {
  public:
    // X-Forwarded-For is believed only from `proxies`. Without `sessions`, session cookies are
    // ignored and signed-in routes take bearer tokens alone.
    Pipeline(const Router& router, Authenticator authenticate, TrustedProxies proxies = {},
             SessionAuthenticator sessions = {});

    // Handles a complete request and calls `done` exactly once with the response, now or (for
    // asynchronous handlers) later. Never throws. Runs on a worker thread: it may block. The
    // request must stay alive until `done` is called.
    void handle(const Request& request, Done done) const;

    // Handles the request on the calling (network) thread when that cannot block: unknown paths
    // and methods, and non-blocking routes (the caller is known from the token alone). Returns
    // false, leaving `done` untouched, when the request must go to a worker thread instead.
    bool handle_without_blocking(const Request& request, Done& done) const;

    // The largest body the route of the method and path takes; 0: the server's default.
    std::size_t body_limit(std::string_view method, std::string_view path) const {
        return router_.body_limit(method, path);
    }

    // How browser sessions are checked and renewed.
    const SessionAuthenticator& sessions() const { return sessions_; }

    // How many requests were answered on a network thread: for tests and, later, metrics.
    std::uint64_t handled_without_blocking() const { return without_blocking_.load(); }

    // Why a request with this head would be refused (401, or 403 for a cross-site one), or
    // nullopt when it names a caller: an upload is turned away on its head, before its body is
    // read. Never blocks.
    std::optional<domain::Error> caller_refusal(const Request& head) const;

    // Answers a request the server refused before it was complete (oversize, malformed,
    // overload), with the same request id and access log as any other.
    Response refuse(const Request& partial, const domain::Error& error) const;

  private:
    struct Exchange;
    void route(const std::shared_ptr<Exchange>& exchange, RouteMatch match) const;
    // A redirect from a page's address with a trailing slash to the page's own, if it has one.
    std::optional<Response> without_trailing_slash(const Request& request) const;
    void run(const Request& request, Done done, RouteMatch match, bool may_block) const;
    // Answers from the route's memory on this thread; false (leaving `done`) when it cannot.
    bool answer_from_memory(const Request& request, const RouteMatch& match, Done& done) const;

    const Router& router_;
    Authenticator authenticate_;
    TrustedProxies proxies_;
    SessionAuthenticator sessions_;
    mutable std::atomic<std::uint64_t> without_blocking_{0};
};

// The client's X-Request-Id when it is 1-64 characters of [A-Za-z0-9._-], else a fresh one.
std::string request_id_for(const Request& request);

}  // namespace formlympics::http
