// The web app's files as served: the encoding each client takes, strong ETags per encoding,
// immutable caching of fingerprinted files, and pages under a strict policy in their language.
#include "http/web_app.hpp"

#include <gtest/gtest.h>

namespace formlympics::http {
namespace {

const std::vector<WebAsset>& assets() {
    static const std::vector<WebAsset> all = {
        {"/index.html", "text/html; charset=utf-8", "shell", false,
         "<html lang=\"%LANG%\"><head><!--meta--></head></html>", "", ""},
        {"/assets/main-ABC.js", "text/javascript; charset=utf-8", "abc", true, "plain-js",
         "gzip-js", "brotli-js"},
        {"/favicon.svg", "image/svg+xml", "fav", false, "<svg/>", "", ""},
    };
    return all;
}

Request get(std::string path, HeaderList headers = {}, std::string query = "") {
    Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.query = std::move(query);
    r.headers = std::move(headers);
    return r;
}

std::string header(const Response& r, std::string_view name) {
    for (const auto& [k, v] : r.headers) {
        if (k == name) return v;
    }
    return "";
}

TEST(WebAppTest, EachClientGetsTheBestEncodingItTakesWithItsOwnETag) {
    WebApp app(assets());
    auto br = app.asset(get("/assets/main-ABC.js", {{"accept-encoding", "gzip, deflate, br"}}));
    ASSERT_TRUE(br);
    EXPECT_EQ(br->body, "brotli-js");
    EXPECT_EQ(header(*br, "Content-Encoding"), "br");
    EXPECT_EQ(header(*br, "ETag"), "\"abc-br\"");
    EXPECT_EQ(header(*br, "Vary"), "Accept-Encoding");
    EXPECT_EQ(header(*br, "Cache-Control"), "public, max-age=31536000, immutable");

    auto gz = app.asset(get("/assets/main-ABC.js", {{"accept-encoding", "gzip, br;q=0"}}));
    EXPECT_EQ(gz->body, "gzip-js");
    EXPECT_EQ(header(*gz, "ETag"), "\"abc-gz\"");
    auto plain = app.asset(get("/assets/main-ABC.js"));
    EXPECT_EQ(plain->body, "plain-js");
    EXPECT_EQ(header(*plain, "Content-Encoding"), "");
    EXPECT_EQ(header(*plain, "ETag"), "\"abc\"");
    EXPECT_EQ(plain->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(header(*plain, "X-Content-Type-Options"), "nosniff");
}

TEST(WebAppTest, AMatchingIfNoneMatchIs304AndAnotherEncodingsTagIsNot) {
    WebApp app(assets());
    auto same = app.asset(get("/assets/main-ABC.js",
                              {{"accept-encoding", "br"}, {"if-none-match", "\"x\", \"abc-br\""}}));
    EXPECT_EQ(same->status, 304);
    EXPECT_TRUE(same->body.empty());
    auto other = app.asset(
        get("/assets/main-ABC.js", {{"accept-encoding", "br"}, {"if-none-match", "\"abc-gz\""}}));
    EXPECT_EQ(other->status, 200);
    EXPECT_FALSE(app.asset(get("/assets/nothing.js")));
    EXPECT_FALSE(app.asset(get("/index.html"))) << "the shell is served as pages only";
    EXPECT_EQ(header(*app.asset(get("/favicon.svg")), "Cache-Control"), "public, max-age=3600");
}

TEST(WebAppTest, PagesCarryTheirLanguageEscapedMetaAndAStrictPolicy) {
    WebApp app(assets());
    auto ko = app.page(get("/"), {"<Keyrings> & \"stands\"", "desc", "", "", "", "", ""});
    EXPECT_NE(ko.body.find("lang=\"ko\""), std::string::npos);
    EXPECT_NE(ko.body.find("<title>&lt;Keyrings&gt; &amp; &quot;stands&quot;</title>"),
              std::string::npos)
        << ko.body;
    EXPECT_EQ(ko.body.find("<Keyrings>"), std::string::npos);
    const auto csp = header(ko, "Content-Security-Policy");
    EXPECT_NE(csp.find("script-src 'self';"), std::string::npos);
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(csp.find("unsafe"), std::string::npos);
    EXPECT_EQ(header(ko, "Referrer-Policy"), "strict-origin-when-cross-origin");
    EXPECT_EQ(header(ko, "X-Content-Type-Options"), "nosniff");

    EXPECT_NE(app.page(get("/", {}, "lang=en"), {}).body.find("lang=\"en\""), std::string::npos);
    EXPECT_NE(app.page(get("/", {{"cookie", "a=b; fl_lang=en"}}), {}).body.find("lang=\"en\""),
              std::string::npos);
    EXPECT_NE(app.page(get("/", {}, "lang=xx"), {}).body.find("lang=\"ko\""), std::string::npos);

    auto again = app.page(get("/", {{"if-none-match", header(ko, "ETag")}}),
                          {"<Keyrings> & \"stands\"", "desc", "", "", "", "", ""});
    EXPECT_EQ(again.status, 304);
}

TEST(WebAppTest, AMissingPageIsA404ThatNoConditionalTurnsInto304) {
    WebApp app(assets());
    for (const char* condition : {"*", "\"x\""}) {
        auto missing = app.page(get("/", {{"if-none-match", condition}}), {}, 404);
        EXPECT_EQ(missing.status, 404) << condition;
        EXPECT_EQ(header(missing, "ETag"), "");
        EXPECT_NE(missing.body.find("lang=\"ko\""), std::string::npos);
        EXPECT_NE(header(missing, "Content-Security-Policy").find("script-src 'self'"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace formlympics::http
