#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.hpp"
#include "http/web_assets.hpp"

namespace formlympics::http {

// What a page's <head> says of it to link previews (Open Graph) and search engines.
struct PageMeta {
    std::string title;
    std::string description;
    std::string image_url;  // absolute; empty for none
    std::string url;        // absolute; empty for none
    // The picture the page shows first, fetched before the script asks for it (its largest
    // contentful paint): an <img> srcset and sizes; empty for none.
    std::string preload_srcset;
    std::string preload_sizes;
    // What the page shows, as its API answers it (JSON), so the script renders without asking
    // again: one request per page load instead of two. Empty for none.
    std::string data_json;
};

// The web app's built files and its page shell, as served: assets negotiated between brotli,
// gzip and identity with a strong ETag per encoding; pages rendered from the shell with their
// language and meta tags, under a strict Content-Security-Policy.
class WebApp {
  public:
    explicit WebApp(const std::vector<WebAsset>& assets = web_assets());

    // The asset at the request's path: 200, 304 on a matching If-None-Match, or nullopt when
    // there is no such file.
    std::optional<Response> asset(const Request& request) const;
    // A page: the shell in the request's language (?lang=, else the fl_lang cookie, else
    // Korean) with `meta` in its head. A 200 has an ETag (304 on If-None-Match); any other
    // status (a 404 page) has none and ignores If-None-Match, as RFC 9110 asks.
    Response page(const Request& request, const PageMeta& meta, int status = 200) const;

  private:
    std::unordered_map<std::string_view, const WebAsset*> by_path_;
    std::string shell_;
};

// The language a page is shown in: "en" or "ko".
std::string_view page_language(const Request& request);

// Text made safe inside an HTML attribute or element.
std::string html_escape(std::string_view text);

}  // namespace formlympics::http
