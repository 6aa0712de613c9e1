#pragma once

#include <string_view>
#include <vector>

namespace formlympics::http {

// One file of the built web app, compiled into the server (web/build.mjs writes the table).
struct WebAsset {
    std::string_view path;  // e.g. /assets/main-HZGUF4OV.js, /favicon.svg, /index.html
    std::string_view content_type;
    std::string_view etag;   // a digest of the bytes, without quotes
    bool immutable = false;  // fingerprinted: its path changes whenever its bytes do
    std::string_view identity;
    std::string_view gzip;    // empty when not worth compressing
    std::string_view brotli;  // likewise
};

// Every file of the web app, built into this binary.
const std::vector<WebAsset>& web_assets();

}  // namespace formlympics::http
