// The server writes each response's head itself, in one string; it must be byte for byte what
// Beast's serializer writes for the same response, over every kind of status, version and
// connection the server answers with.
#include <gtest/gtest.h>

#include <boost/beast/http/write.hpp>
#include <sstream>

#include "http/wire.hpp"

namespace formlympics::http {
namespace {

namespace bhttp = boost::beast::http;

// What Beast writes for the response: the reference the server's own bytes must match. Except
// that Beast (Boost 1.81) writes "Content-Length: 0" on a 204 or 304, which RFC 9110 (8.6)
// forbids on a 204 and misreads on a 304 (where it would be the length of the 200's body): the
// server writes none there.
std::string beast_bytes(const Response& res, unsigned version, bool keep_alive) {
    auto out = head_of<bhttp::string_body>(res, version);
    out.body() = res.body;
    out.keep_alive(keep_alive);
    out.prepare_payload();
    std::ostringstream s;
    s << out;
    auto bytes = s.str();
    if (res.status == 204 || res.status == 304) {
        const auto at = bytes.find("Content-Length: 0\r\n");
        EXPECT_NE(at, std::string::npos) << "Beast no longer writes it: drop this exception";
        if (at != std::string::npos) bytes.erase(at, std::string("Content-Length: 0\r\n").size());
    }
    return bytes;
}

std::string own_bytes(const Response& res, unsigned version, bool keep_alive) {
    return response_head(res, version, keep_alive) + (status_has_body(res.status) ? res.body : "");
}

Response response(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = body.empty() ? "" : "application/json";
    r.body = std::move(body);
    r.headers = {{"X-Request-Id", "0123456789abcdef"}, {"ETag", "\"abc\""}};
    return r;
}

TEST(ResponseHeadTest, MatchesBeastForEveryStatusVersionAndConnection) {
    int compared = 0;
    for (const int status : {200, 201, 204, 304, 400, 401, 404, 409, 413, 422, 429, 500, 503}) {
        const bool bodiless = status == 204 || status == 304;
        for (const unsigned version : {10u, 11u}) {
            for (const bool keep : {true, false}) {
                for (const std::string body : {std::string(), std::string(R"({"a":1})")}) {
                    if (bodiless && !body.empty()) continue;  // Beast refuses such a message
                    const auto r = response(status, body);
                    EXPECT_EQ(own_bytes(r, version, keep), beast_bytes(r, version, keep))
                        << status << " HTTP/" << version << " keep-alive " << keep << " body "
                        << body.size();
                    ++compared;
                }
            }
        }
    }
    EXPECT_EQ(compared, 11 * 8 + 2 * 4);  // statuses with a body, then without
}

TEST(ResponseHeadTest, AnswersHeadWithTheLengthOfTheBodyItLeavesOut) {
    const auto head = response_head(response(200, std::string(1234, 'x')), 11, true);
    EXPECT_NE(head.find("\r\nContent-Length: 1234\r\n"), std::string::npos) << head;
    EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(ResponseHeadTest, NoHeaderValueCanSplitTheResponse) {
    auto r = response(200, "{}");
    r.headers.emplace_back("Location", "/a\r\nSet-Cookie: stolen=1");
    const auto head = response_head(r, 11, true);
    EXPECT_EQ(head.find("\r\nSet-Cookie"), std::string::npos) << head;
    EXPECT_NE(head.find("Location: /a  Set-Cookie: stolen=1\r\n"), std::string::npos) << head;
}

}  // namespace
}  // namespace formlympics::http
