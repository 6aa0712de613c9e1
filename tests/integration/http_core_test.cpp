// The HTTP core against the real server: routing errors, limits, timeouts, keep-alive, request
// ids and graceful shutdown.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <thread>

#include "support/framing_attacks.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;

const std::string kSignUp =
    R"({"name":"Kim","email":"kim@example.com","password":"password-1","phone":"01012345678"})";

void expect_problem(const HttpResponse& r, int status, const std::string& code) {
    EXPECT_EQ(r.status, status);
    EXPECT_EQ(r.header("content-type"), "application/problem+json");
    auto body = r.json().as_object();
    EXPECT_EQ(body.at("status").as_int64(), status);
    EXPECT_EQ(body.at("code").as_string(), code);
    EXPECT_TRUE(body.contains("type") && body.contains("title") && body.contains("detail"));
}

class HttpCoreTest : public ::testing::Test {
  protected:
    TestServer server_{Backend::sqlite, [](app::Config& c) {
                           c.idle_timeout = 1500ms;
                           c.read_timeout = 1000ms;
                           c.sign_in_rules.sign_up.free = 1000;  // tests sign up many
                       }};
    HttpClient client_{server_.port()};
};

TEST_F(HttpCoreTest, UnknownPathIs404Problem) {
    expect_problem(client_.request("GET", "/api/v1/nothing-here"), 404, "not_found");
}

TEST_F(HttpCoreTest, WrongMethodIs405WithAllow) {
    auto r = client_.request("DELETE", "/api/v1/users");
    expect_problem(r, 405, "method_not_allowed");
    EXPECT_EQ(r.header("allow"), "POST");
}

TEST_F(HttpCoreTest, OversizeBodyIs413AndChangesNothing) {
    const std::string big(100 * 1024, 'x');
    auto r = client_.request("POST", "/api/v1/users", big);
    expect_problem(r, 413, "payload_too_large");
    HttpClient other(server_.port());
    EXPECT_EQ(other.request("POST", "/api/v1/users", kSignUp).status, 201);
}

TEST_F(HttpCoreTest, OversizeChunkedBodyIs413) {
    std::string req =
        "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 20; ++i) req += "1000\r\n" + std::string(4096, 'a') + "\r\n";
    req += "0\r\n\r\n";
    expect_problem(client_.raw(req), 413, "payload_too_large");
}

TEST_F(HttpCoreTest, OversizeHeadersAre431) {
    auto r = client_.request("GET", "/api/v1/me", "", {{"X-Filler", std::string(20000, 'h')}});
    expect_problem(r, 431, "headers_too_large");
}

TEST_F(HttpCoreTest, MalformedHttpIs400) {
    expect_problem(client_.raw("THIS IS NOT HTTP\r\n\r\n"), 400, "bad_request");
}

// Heads that two parsers could frame differently: each is refused with 400 and the connection
// closed, so the request hidden behind it (a sign-up) never runs.
TEST_F(HttpCoreTest, FramingAttacksAre400AndCloseTheConnection) {
    const std::string json = "Content-Type: application/json\r\n";
    const auto smuggled = [&](std::size_t i) {
        const auto body = R"({"name":"Smuggled","email":"smuggled-)" + std::to_string(i) +
                          R"(@example.com","password":"password-1","phone":"01012345678"})";
        return "POST /api/v1/users HTTP/1.1\r\nHost: x\r\n" + json +
               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    };
    const auto heads = framing_attacks(0);
    for (std::size_t i = 0; i < heads.size(); ++i) {
        const auto [name, fields] = framing_attacks(smuggled(i).size())[i];
        HttpClient c(server_.port());
        c.send_only("POST /api/v1/sessions HTTP/1.1\r\n" + json + fields + "\r\n" + smuggled(i));
        auto r = c.read_response();
        EXPECT_EQ(r.status, 400) << name << ": " << r.body;
        EXPECT_TRUE(c.closed_by_server(2s)) << name;
    }
    for (std::size_t i = 0; i < heads.size(); ++i) {
        const auto body = R"({"name":"Later","email":"smuggled-)" + std::to_string(i) +
                          R"(@example.com","password":"password-1","phone":"01012345678"})";
        EXPECT_EQ(client_.request("POST", "/api/v1/users", body).status, 201)
            << heads[i].first << ": the smuggled sign-up ran";
    }
}

// Two Authorization headers could name two callers (a proxy may read the last, this server the
// first): refused, whichever order the valid token comes in.
TEST_F(HttpCoreTest, TwoAuthorizationHeadersAre400) {
    ASSERT_EQ(client_.request("POST", "/api/v1/users", kSignUp).status, 201);
    auto signed_in = client_.request("POST", "/api/v1/sessions",
                                     R"({"email":"kim@example.com","password":"password-1"})");
    ASSERT_EQ(signed_in.status, 200);
    const std::string token(signed_in.json().at("access_token").as_string());
    for (const auto& [first, second] :
         {std::pair{token, std::string("garbage")}, std::pair{std::string("garbage"), token}}) {
        HttpClient c(server_.port());
        c.send_only("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + first +
                    "\r\nAuthorization: Bearer " + second + "\r\n\r\n");
        EXPECT_EQ(c.read_response().status, 400);
    }
}

// What the framing checks must keep accepting.
TEST_F(HttpCoreTest, SoundFramingVariantsAreServed) {
    const std::string sign_in = R"({"email":"no@example.com","password":"wrong-one"})";
    const auto length = "Content-Length: " + std::to_string(sign_in.size()) + "\r\n";
    const std::string json = "Content-Type: application/json\r\n";
    EXPECT_EQ(client_
                  .raw("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n" + json +
                       "Transfer-Encoding: Chunked\r\n\r\n" + "31\r\n" + sign_in + "\r\n0\r\n\r\n")
                  .status,
              401);
    EXPECT_EQ(client_
                  .raw("\r\nPOST /api/v1/sessions HTTP/1.1\r\nHost: x\r\n" + json + length +
                       "\r\n" + sign_in)
                  .status,
              401);
    EXPECT_EQ(client_.raw("GET /api/v1/forms HTTP/1.1\r\nhOsT:\tx \r\n\r\n").status, 200);
    EXPECT_EQ(client_.raw("GET /api/v1/forms HTTP/1.0\r\n\r\n").status, 200);  // then closes
}

// Everything the server sends on a new connection within `wait` after `bytes`.
std::string exchange(std::uint16_t port, const std::vector<std::string>& sends,
                     std::chrono::milliseconds wait = 500ms) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return "";
    std::string got;
    for (const auto& bytes : sends) {
        ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        const auto until = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < until) {
            pollfd p{fd, POLLIN, 0};
            if (::poll(&p, 1, 20) <= 0) continue;
            char buf[4096];
            const auto n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            got.append(buf, static_cast<std::size_t>(n));
        }
    }
    ::close(fd);
    return got;
}

TEST_F(HttpCoreTest, HeadAnswersWhatGetWouldWithoutTheBody) {
    const auto get = client_.request("GET", "/api/v1/forms");
    ASSERT_EQ(get.status, 200);
    // HEAD then GET on one connection: if HEAD sent a body, the GET's answer would not follow it
    // directly.
    const auto got = exchange(server_.port(), {"HEAD /api/v1/forms HTTP/1.1\r\nHost: x\r\n\r\n"
                                               "GET /api/v1/forms HTTP/1.1\r\nHost: x\r\n\r\n"});
    const auto end_of_head = got.find("\r\n\r\n");
    ASSERT_NE(end_of_head, std::string::npos) << got;
    EXPECT_TRUE(got.starts_with("HTTP/1.1 200")) << got;
    EXPECT_NE(got.find("Content-Length: " + std::to_string(get.body.size())), std::string::npos)
        << got;
    EXPECT_TRUE(got.substr(end_of_head + 4).starts_with("HTTP/1.1 200")) << got;
    EXPECT_EQ(client_.request("DELETE", "/api/v1/forms").header("allow"), "POST, GET, HEAD");
}

TEST_F(HttpCoreTest, AbsoluteFormTargetsAreServed) {
    auto r = client_.raw(
        "GET http://formlympics.example/api/v1/forms?limit=1 HTTP/1.1\r\n"
        "Host: formlympics.example\r\n\r\n");
    EXPECT_EQ(r.status, 200) << r.body;
}

TEST_F(HttpCoreTest, ExpectContinueIsAnsweredBeforeTheBody) {
    const std::string body = R"({"email":"no@example.com","password":"wrong-one"})";
    const auto got =
        exchange(server_.port(),
                 {"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Expect: 100-continue\r\nContent-Length: " +
                      std::to_string(body.size()) + "\r\n\r\n",
                  body});
    EXPECT_TRUE(got.starts_with("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 401")) << got;
}

// The body that came with its head is parsed in place; the next request, already in the same
// read, is answered after it and whole.
TEST_F(HttpCoreTest, PipelinedRequestsAreAnsweredInOrder) {
    const std::string body = R"({"email":"no@example.com","password":"wrong-one"})";
    const auto got =
        exchange(server_.port(),
                 {"POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body +
                  "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                  "GET /api/v1/forms?limit=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"});
    const auto first = got.find("HTTP/1.1 401");
    const auto second = got.find("HTTP/1.1 404");
    const auto third = got.find("HTTP/1.1 200");
    ASSERT_NE(first, std::string::npos) << got;
    ASSERT_NE(second, std::string::npos) << got;
    ASSERT_NE(third, std::string::npos) << got;
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
}

TEST_F(HttpCoreTest, WrongContentTypeIs415) {
    auto r = client_.request("POST", "/api/v1/users", kSignUp,
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
    expect_problem(r, 415, "unsupported_media_type");
}

// A compressed body would be read as if it were plain; it is refused, and nothing is made.
TEST_F(HttpCoreTest, ACompressedBodyIs415) {
    for (const auto* coding : {"gzip", "br", "deflate", "identity, gzip"}) {
        auto r =
            client_.request("POST", "/api/v1/users", kSignUp,
                            {{"Content-Type", "application/json"}, {"Content-Encoding", coding}});
        expect_problem(r, 415, "unsupported_media_type");
    }
    // Two lines are one list: identity, then gzip.
    auto two = client_.request("POST", "/api/v1/users", kSignUp,
                               {{"Content-Type", "application/json"},
                                {"Content-Encoding", "identity"},
                                {"Content-Encoding", "gzip"}});
    expect_problem(two, 415, "unsupported_media_type");
    auto plain =
        client_.request("POST", "/api/v1/users", kSignUp,
                        {{"Content-Type", "application/json"}, {"Content-Encoding", " Identity "}});
    EXPECT_EQ(plain.status, 201) << plain.body;
}

TEST_F(HttpCoreTest, KeepsTheConnectionAlive) {
    client_.request("GET", "/api/v1/nothing");
    EXPECT_FALSE(client_.closed_by_server(100ms));
    EXPECT_EQ(client_.request("GET", "/api/v1/nothing").status, 404);
}

TEST_F(HttpCoreTest, EveryResponseCarriesARequestId) {
    auto generated = client_.request("GET", "/api/v1/nothing");
    EXPECT_EQ(generated.header("x-request-id").size(), 16u);
    auto kept = client_.request("GET", "/api/v1/nothing", "", {{"X-Request-Id", "trace-abc.123"}});
    EXPECT_EQ(kept.header("x-request-id"), "trace-abc.123");
    auto replaced = client_.request("GET", "/api/v1/nothing", "", {{"X-Request-Id", "bad id!"}});
    EXPECT_NE(replaced.header("x-request-id"), "bad id!");
    EXPECT_EQ(replaced.header("x-request-id").size(), 16u);
}

TEST_F(HttpCoreTest, IdleConnectionsAreClosedAfterTheIdleTimeout) {
    // The timeout is 1.5 s: open at a fifth of it, closed well within four times it.
    client_.request("GET", "/api/v1/nothing");
    EXPECT_FALSE(client_.closed_by_server(300ms));
    EXPECT_TRUE(client_.closed_by_server(6000ms));
}

TEST_F(HttpCoreTest, TricklingClientsAreCutOffByTheReadTimeout) {
    client_.send_only("GET /api/v1/me HTTP/1.1\r\n");
    // One header byte every 200 ms never completes the request within the 1 s read timeout.
    bool closed = false;
    for (int i = 0; i < 20 && !closed; ++i) {
        client_.send_only("X");
        closed = client_.closed_by_server(200ms);
    }
    EXPECT_TRUE(closed);
}

TEST_F(HttpCoreTest, ShutdownFinishesRequestsInFlight) {
    // Sign-up hashes a password for tens of milliseconds, so it is in flight when stop begins.
    client_.send_only(
        "POST /api/v1/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: " +
        std::to_string(kSignUp.size()) + "\r\n\r\n" + kSignUp);
    for (int i = 0; i < 1000 && server_.requests_in_flight() == 0; ++i) {
        std::this_thread::sleep_for(1ms);
    }
    ASSERT_EQ(server_.requests_in_flight(), 1u);
    std::thread stopper([this] { server_.stop_and_wait(); });
    auto r = client_.read_response();
    stopper.join();
    EXPECT_EQ(r.status, 201);
    EXPECT_EQ(r.header("connection"), "close");
    HttpClient late(server_.port());
    EXPECT_THROW(late.request("GET", "/api/v1/nothing"), std::runtime_error);
}

}  // namespace
}  // namespace formlympics::test
