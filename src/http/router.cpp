#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>

namespace formlympics::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> out;
    std::size_t start = 1;  // skip the leading '/'
    while (start <= path.size()) {
        const auto slash = path.find('/', start);
        const auto end = slash == path.npos ? path.size() : slash;
        out.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

bool is_param(std::string_view segment) {
    return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::add(Route route) {
    if (route.pattern.empty() || route.pattern.front() != '/') {
        throw std::invalid_argument("route pattern must start with '/': " + route.pattern);
    }
    for (auto s : split_path(route.pattern)) route.segments.emplace_back(s);
    for (const auto& r : routes_) {
        if (r.method == route.method && r.pattern == route.pattern) {
            throw std::invalid_argument("duplicate route " + route.method + " " + route.pattern);
        }
    }
    routes_.push_back(std::move(route));
}

void Router::add_public(std::string method, std::string pattern, PublicHandler handler,
                        bool non_blocking) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .non_blocking = non_blocking});
}

void Router::add_public(std::string method, std::string pattern, Body body, PublicHandler handler) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .body = body});
}

void Router::add_same_site(std::string method, std::string pattern, Body body,
                           PublicHandler handler) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .body = body,
         .same_site = true});
}

void Router::add_public_cached(std::string method, std::string pattern, PublicHandler handler,
                               MemoryHandler from_memory) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .from_memory = std::move(from_memory)});
}

void Router::add_signed_in(std::string method, std::string pattern, SignedInHandler handler) {
    add_signed_in(std::move(method), std::move(pattern), Body::none, std::move(handler));
}

void Router::add_signed_in(std::string method, std::string pattern, Body body,
                           SignedInHandler handler) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .body = body});
}

void Router::add_signed_in_async(std::string method, std::string pattern, Body body,
                                 AsyncSignedInHandler handler, bool non_blocking) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .non_blocking = non_blocking,
         .body = body});
}

void Router::add_upload(std::string method, std::string pattern, AsyncSignedInHandler handler,
                        std::size_t body_limit) {
    add({.method = std::move(method),
         .pattern = std::move(pattern),
         .handler = std::move(handler),
         .body_limit = body_limit,
         .body = Body::upload});
}

std::size_t Router::body_limit(std::string_view method, std::string_view path) const {
    const auto m = match(method, path);
    return m.kind == RouteMatch::Kind::found ? m.route->body_limit : 0;
}

RouteMatch Router::match(std::string_view method, std::string_view path) const {
    RouteMatch out;
    if (path.empty() || path.front() != '/') return out;
    const auto parts = split_path(path);
    std::vector<std::string> allowed;
    for (const auto& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        std::vector<std::pair<std::string, std::string>> params;
        bool ok = true;
        for (std::size_t i = 0; ok && i < parts.size(); ++i) {
            const auto& seg = r.segments[i];
            if (is_param(seg)) {
                ok = !parts[i].empty();
                params.emplace_back(seg.substr(1, seg.size() - 2), std::string(parts[i]));
            } else {
                ok = seg == parts[i];
            }
        }
        if (!ok) continue;
        // HEAD is GET without the body (the server drops it).
        if (r.method == method || (method == "HEAD" && r.method == "GET")) {
            out.kind = RouteMatch::Kind::found;
            out.route = &r;
            out.params = std::move(params);
            return out;
        }
        if (std::find(allowed.begin(), allowed.end(), r.method) == allowed.end()) {
            allowed.push_back(r.method);
        }
    }
    if (std::find(allowed.begin(), allowed.end(), "GET") != allowed.end())
        allowed.emplace_back("HEAD");
    if (!allowed.empty()) {
        out.kind = RouteMatch::Kind::method_not_allowed;
        for (const auto& m : allowed) out.allow += (out.allow.empty() ? "" : ", ") + m;
    }
    return out;
}

}  // namespace formlympics::http
