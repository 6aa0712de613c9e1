#include "http/web_app.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "http/framing.hpp"
#include "http/response_cache.hpp"
#include "util/sha256.hpp"

namespace formlympics::http {
namespace {

// No inline script or style anywhere; the app talks to its own origin only.
constexpr std::string_view kPageSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; worker-src 'self'; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Each `sep`-separated part of `list`, trimmed, to `fn` until it returns true.
template <class Fn>
bool any_part(std::string_view list, char sep, Fn fn) {
    while (!list.empty()) {
        const auto cut = list.find(sep);
        if (fn(trim(list.substr(0, cut)))) return true;
        if (cut == list.npos) break;
        list.remove_prefix(cut + 1);
    }
    return false;
}

// Whether Accept-Encoding takes `coding` (named, or by "*", and not with q=0).
bool accepts(const Request& request, std::string_view coding) {
    const auto header = request.header("accept-encoding");
    if (!header) return false;
    return any_part(*header, ',', [&](std::string_view part) {
        const auto semi = part.find(';');
        const auto name = trim(part.substr(0, semi));
        if (!iequals(name, coding) && name != "*") return false;
        if (semi == part.npos) return true;
        auto q = trim(part.substr(semi + 1));
        return !(q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000");
    });
}

void add_page_headers(Response& r) {
    r.headers.emplace_back("Content-Security-Policy", std::string(kPageSecurityPolicy));
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("X-Frame-Options", "DENY");
    r.headers.emplace_back("Referrer-Policy", "strict-origin-when-cross-origin");
    r.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
    r.headers.emplace_back("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
}

std::string meta_tags(const PageMeta& m) {
    std::string out = "<title>" + html_escape(m.title) + "</title>\n";
    auto tag = [&out](std::string_view attr, std::string_view name, std::string_view content) {
        if (content.empty()) return;
        out += "<meta " + std::string(attr) + "=\"" + std::string(name) + "\" content=\"" +
               html_escape(content) + "\">\n";
    };
    tag("name", "description", m.description);
    tag("property", "og:site_name", "Formlympics");
    tag("property", "og:type", "website");
    tag("property", "og:title", m.title);
    tag("property", "og:description", m.description);
    tag("property", "og:image", m.image_url);
    tag("property", "og:url", m.url);
    tag("name", "twitter:card", m.image_url.empty() ? "summary" : "summary_large_image");
    if (!m.preload_srcset.empty()) {
        out += "<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" imagesrcset=\"" +
               html_escape(m.preload_srcset) + "\" imagesizes=\"" + html_escape(m.preload_sizes) +
               "\">\n";
    }
    if (!m.data_json.empty()) {
        // A data block, never run (so the Content-Security-Policy has nothing to allow). '<'
        // only occurs inside JSON strings, where \u003c reads the same and no "</script>" or
        // "<!--" can end the block early.
        out += "<script type=\"application/json\" id=\"page-data\">";
        for (char c : m.data_json) {
            if (c == '<')
                out += "\\u003c";
            else
                out += c;
        }
        out += "</script>\n";
    }
    return out;
}

std::string replaced(std::string text, std::string_view marker, std::string_view with) {
    const auto at = text.find(marker);
    if (at != text.npos) text.replace(at, marker.size(), with);
    return text;
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string_view page_language(const Request& request) {
    std::string_view chosen;
    any_part(request.query, '&', [&](std::string_view pair) {
        if (pair == "lang=en" || pair == "lang=ko") chosen = pair.substr(5);
        return !chosen.empty();
    });
    if (!chosen.empty()) return chosen;
    for (const auto& [name, value] : request.headers) {
        if (name != "cookie") continue;
        any_part(value, ';', [&](std::string_view pair) {
            if (pair == "fl_lang=en" || pair == "fl_lang=ko") chosen = pair.substr(8);
            return !chosen.empty();
        });
        if (!chosen.empty()) return chosen;
    }
    return "ko";
}

WebApp::WebApp(const std::vector<WebAsset>& assets) {
    for (const auto& a : assets) {
        if (a.path == "/index.html") {
            shell_ = std::string(a.identity);
        } else {
            by_path_.emplace(a.path, &a);
        }
    }
    if (shell_.empty()) throw std::logic_error("the built web app has no index.html");
}

std::optional<Response> WebApp::asset(const Request& request) const {
    const auto it = by_path_.find(request.path);
    if (it == by_path_.end()) return std::nullopt;
    const WebAsset& a = *it->second;
    Response r;
    std::string etag = "\"" + std::string(a.etag);
    std::string_view body = a.identity;
    if (!a.brotli.empty() && accepts(request, "br")) {
        body = a.brotli;
        etag += "-br";
        r.headers.emplace_back("Content-Encoding", "br");
    } else if (!a.gzip.empty() && accepts(request, "gzip")) {
        body = a.gzip;
        etag += "-gz";
        r.headers.emplace_back("Content-Encoding", "gzip");
    }
    etag += '"';
    if (!a.gzip.empty() || !a.brotli.empty()) r.headers.emplace_back("Vary", "Accept-Encoding");
    r.headers.emplace_back("Cache-Control", a.immutable ? "public, max-age=31536000, immutable"
                                                        : "public, max-age=3600");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    r.headers.emplace_back("ETag", etag);
    if (if_none_match(request, etag)) {
        r.status = 304;
        std::erase_if(r.headers, [](const auto& h) { return h.first == "Content-Encoding"; });
        return r;
    }
    r.content_type = std::string(a.content_type);
    r.body = std::string(body);
    return r;
}

Response WebApp::page(const Request& request, const PageMeta& meta, int status) const {
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = replaced(replaced(shell_, "%LANG%", page_language(request)), "<!--meta-->",
                      meta_tags(meta));
    // Revalidated on every visit: the shell names the current build's assets.
    r.headers.emplace_back("Cache-Control", "no-cache");
    r.headers.emplace_back("Vary", "Cookie");
    add_page_headers(r);
    if (status != 200) return r;
    const auto etag = "\"" + util::sha256_hex(r.body).substr(0, 24) + "\"";
    r.headers.emplace_back("ETag", etag);
    if (if_none_match(request, etag)) {
        r.status = 304;
        r.content_type.clear();
        r.body.clear();
    }
    return r;
}

}  // namespace formlympics::http
