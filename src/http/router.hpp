#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "domain/user.hpp"
#include "http/message.hpp"
#include "http/query.hpp"
#include "util/decimal.hpp"

namespace formlympics::http {

// What a handler sees of a request: the request itself, its path parameters and its id.
struct RequestContext {
    const Request& request;
    std::vector<std::pair<std::string, std::string>> params;
    std::string request_id;
    std::string client_address;  // the peer, or the client behind a trusted proxy
    Query query;                 // the request's query parameters

    // The value of the {name} path parameter ("" when the route has none of that name).
    std::string_view param(std::string_view name) const {
        for (const auto& [k, v] : params) {
            if (k == name) return v;
        }
        return {};
    }
    // The {name} path parameter as a positive id in canonical decimal ("01" and "+1" are not
    // ids, so one resource has one address); nullopt when it is not one.
    std::optional<std::int64_t> id_param(std::string_view name) const {
        auto v = util::parse_decimal(param(name));
        if (!v || *v <= 0) return std::nullopt;
        return v;
    }
};

// Delivers a response; called exactly once per request, from any thread.
using Done = std::function<void(Response)>;

// A handler for everyone; it never sees the caller's token.
using PublicHandler = std::function<Response(const RequestContext&)>;
// A handler for signed-in callers; the pipeline answers 401 before it runs for anyone else.
using SignedInHandler =
    std::function<Response(const RequestContext&, const domain::Caller& caller)>;
// A public handler's quick answer from memory, tried on the network thread; nullopt sends the
// request to the route's handler on a worker. It must never block.
using MemoryHandler = std::function<std::optional<Response>(const RequestContext&)>;
// A signed-in handler that answers later (say, after a group commit) through `done`. It must copy
// what it needs from the context before returning; the context does not outlive the call.
using AsyncSignedInHandler =
    std::function<void(const RequestContext&, const domain::Caller& caller, Done done)>;

// What a route takes in its body. A body sent to a route that takes none is refused (422)
// before the handler runs, as an unknown field is: it would otherwise be ignored.
enum class Body { none, json, upload };

// One row of the route table.
struct Route {
    std::string method;
    std::string pattern;  // e.g. /api/v1/forms/{id}; also the route's name in logs and metrics
    std::vector<std::string> segments{};  // the pattern split at its slashes
    std::variant<PublicHandler, SignedInHandler, AsyncSignedInHandler> handler;
    // The handler never blocks, so it may run on a network thread when the caller is known
    // without I/O.
    bool non_blocking = false;
    // The largest body the route takes; 0: the server's default limit.
    std::size_t body_limit = 0;
    Body body = Body::none;
    // Only the web app's own pages call it (signing in and out by cookie): a cross-site request
    // is refused (403) before anything it sent is read.
    bool same_site = false;
    // A public route's answer from memory, when it has one (see MemoryHandler).
    MemoryHandler from_memory{};

    bool needs_caller() const { return !std::holds_alternative<PublicHandler>(handler); }
};

// The outcome of matching a request against the table.
struct RouteMatch {
    enum class Kind { found, not_found, method_not_allowed } kind = Kind::not_found;
    const Route* route = nullptr;
    std::vector<std::pair<std::string, std::string>> params;
    std::string allow;  // for method_not_allowed: the methods the path does accept
};

// The explicit route table: method plus path pattern with {name} parameters.
class Router {
  public:
    // A route that takes no body. `non_blocking`: the handler never blocks, so it runs on the
    // network thread.
    void add_public(std::string method, std::string pattern, PublicHandler handler,
                    bool non_blocking = false);
    // A route whose body is `body`.
    void add_public(std::string method, std::string pattern, Body body, PublicHandler handler);
    // A public route only the web app's own pages may call (see Route::same_site).
    void add_same_site(std::string method, std::string pattern, Body body, PublicHandler handler);
    // A public route that first tries `from_memory` on the network thread.
    void add_public_cached(std::string method, std::string pattern, PublicHandler handler,
                           MemoryHandler from_memory);
    void add_signed_in(std::string method, std::string pattern, SignedInHandler handler);
    void add_signed_in(std::string method, std::string pattern, Body body, SignedInHandler handler);
    // `non_blocking`: the handler never blocks (no database, no waiting).
    void add_signed_in_async(std::string method, std::string pattern, Body body,
                             AsyncSignedInHandler handler, bool non_blocking = false);
    // An asynchronous signed-in route whose body (an upload) may reach `body_limit` bytes.
    void add_upload(std::string method, std::string pattern, AsyncSignedInHandler handler,
                    std::size_t body_limit);

    // The route for the method and path; not_found for an unknown path, method_not_allowed
    // (with Allow) for a known path and another method.
    RouteMatch match(std::string_view method, std::string_view path) const;
    // The body limit of the route for the method and path; 0 when it has none of its own (or
    // there is no such route).
    std::size_t body_limit(std::string_view method, std::string_view path) const;
    // Every route, in the order added.
    const std::vector<Route>& routes() const { return routes_; }
    // What answers a GET of an unknown address outside /api/, /assets/ and /images/ (a
    // mistyped page: the web app's own "not found" beats a problem document); none by default.
    void set_page_fallback(PublicHandler handler) { page_fallback_ = std::move(handler); }
    const PublicHandler& page_fallback() const { return page_fallback_; }

  private:
    void add(Route route);

    std::vector<Route> routes_;
    PublicHandler page_fallback_;
};

}  // namespace formlympics::http
