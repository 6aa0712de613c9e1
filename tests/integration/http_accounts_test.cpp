// Accounts through the real server, on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <mutex>
#include <thread>

#include "redis/redis_client.hpp"
#include "redis/redis_fanout.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"
#include "util/jwt.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

std::string sign_up_body(const std::string& email, const std::string& password = "password-1") {
    return json::serialize(json::object{
        {"name", "Kim"}, {"email", email}, {"password", password}, {"phone", "010-1234-5678"}});
}

class HttpAccountsTest : public ::testing::TestWithParam<Backend> {
  protected:
    HttpAccountsTest() : server_(GetParam()), client_(server_.port()) {}

    std::string sign_in(const std::string& email, const std::string& password = "password-1") {
        auto r = client_.request(
            "POST", "/api/v1/sessions",
            json::serialize(json::object{{"email", email}, {"password", password}}));
        EXPECT_EQ(r.status, 200) << r.body;
        return std::string(r.json().at("access_token").as_string());
    }
    HttpResponse as(const std::string& token, const std::string& method, const std::string& target,
                    const std::string& body = "") {
        return client_.request(method, target, body, {{"Authorization", "Bearer " + token}});
    }
    std::string code(const HttpResponse& r) { return std::string(r.json().at("code").as_string()); }

    TestServer server_;
    HttpClient client_;
};

TEST_P(HttpAccountsTest, SignUpSignInAndManageTheProfile) {
    auto r = client_.request("POST", "/api/v1/users", sign_up_body("Minji@Example.com"));
    ASSERT_EQ(r.status, 201) << r.body;
    auto created = r.json().as_object();
    EXPECT_EQ(created.at("email").as_string(), "Minji@Example.com");
    EXPECT_EQ(created.at("phone").as_string(), "010-1234-5678");
    EXPECT_FALSE(created.contains("password"));
    const auto id = created.at("id").as_int64();

    auto s = client_.request("POST", "/api/v1/sessions",
                             R"({"email":"minji@example.com","password":"password-1"})");
    ASSERT_EQ(s.status, 200) << s.body;
    EXPECT_EQ(s.json().at("token_type").as_string(), "Bearer");
    EXPECT_EQ(s.json().at("expires_in").as_int64(), 900);
    const std::string token(s.json().at("access_token").as_string());

    auto me = as(token, "GET", "/api/v1/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("id").as_int64(), id);
    EXPECT_TRUE(me.json().at("address").is_null());
    EXPECT_TRUE(me.json().at("refund_account").is_null());

    auto addr =
        as(token, "PUT", "/api/v1/me/address",
           R"({"address1":"서울시 중구 세종대로 110","address2":"101호","zipcode":"04524"})");
    ASSERT_EQ(addr.status, 200) << addr.body;
    EXPECT_EQ(addr.json().at("address").at("address2").as_string(), "101호");

    auto refund = as(token, "PUT", "/api/v1/me/refund-account",
                     R"({"bank":"KAKAO","account_number":"3333-01-1234567","holder_name":"Kim"})");
    ASSERT_EQ(refund.status, 200) << refund.body;
    EXPECT_EQ(refund.json().at("refund_account").at("bank").as_string(), "090");  // its code

    me = as(token, "GET", "/api/v1/me");
    EXPECT_EQ(me.json().at("address").at("zipcode").as_string(), "04524");
    EXPECT_EQ(me.json().at("refund_account").at("account_number").as_string(), "3333-01-1234567");
}

TEST_P(HttpAccountsTest, DuplicateEmailIs409IgnoringCase) {
    ASSERT_EQ(client_.request("POST", "/api/v1/users", sign_up_body("a@example.com")).status, 201);
    auto r = client_.request("POST", "/api/v1/users", sign_up_body("A@EXAMPLE.com"));
    EXPECT_EQ(r.status, 409);
    EXPECT_EQ(code(r), "email_taken");
}

TEST_P(HttpAccountsTest, BadSignUpsAreRefusedAndCreateNothing) {
    struct Case {
        std::string body;
        int status;
        std::string code;
    };
    const std::vector<Case> cases = {
        {R"({"name":"Kim","email":"b@example.com",)", 400, "malformed_json"},
        {R"([1,2])", 422, "validation_failed"},
        {R"({"name":5,"email":"b@example.com","password":"password-1","phone":"01012345678"})", 422,
         "validation_failed"},
        {R"({"email":"b@example.com","password":"password-1","phone":"01012345678"})", 422,
         "validation_failed"},
        {R"({"name":"K","email":"b@example.com","password":"password-1","phone":"01012345678","admin":true})",
         422, "validation_failed"},
        {sign_up_body("b@example.com", "short"), 422, "validation_failed"},
        {sign_up_body("not-an-email"), 422, "validation_failed"},
    };
    for (const auto& c : cases) {
        auto r = client_.request("POST", "/api/v1/users", c.body);
        EXPECT_EQ(r.status, c.status) << c.body;
        EXPECT_EQ(code(r), c.code) << c.body;
    }
    // A body that is JSON but no object, or no body at all, is named as the field at fault.
    for (const auto* body : {"null", "[]", "\"x\"", ""}) {
        auto r = client_.request("POST", "/api/v1/users", body);
        EXPECT_EQ(r.status, 422) << body;
        EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "body") << body;
    }
    auto s = client_.request("POST", "/api/v1/sessions",
                             R"({"email":"b@example.com","password":"password-1"})");
    EXPECT_EQ(s.status, 401);
    EXPECT_EQ(client_.request("POST", "/api/v1/users", sign_up_body("b@example.com")).status, 201);
}

TEST_P(HttpAccountsTest, ValidationNamesEveryFieldAtFault) {
    auto r = client_.request("POST", "/api/v1/users",
                             R"({"name":1,"email":"x","password":"1","phone":2,"extra":0})");
    ASSERT_EQ(r.status, 422);
    std::vector<std::string> fields;
    const auto body = r.json();
    for (const auto& e : body.at("errors").as_array()) {
        fields.emplace_back(e.at("field").as_string());
    }
    // The fields of the right type are judged by the rules too, in the same answer.
    EXPECT_EQ(fields, (std::vector<std::string>{"extra", "name", "phone", "email", "password"}));
}

// A control character is refused while the body is read; the other fields are still judged,
// so one answer lists every fault (before, only the control character was named).
TEST_P(HttpAccountsTest, AControlCharacterDoesNotHideTheOtherFaults) {
    client_.request("POST", "/api/v1/users", sign_up_body("f@example.com"));
    const auto token = sign_in("f@example.com");
    const auto fields_of = [](const HttpResponse& r) {
        std::vector<std::string> out;
        const auto problem = r.json();
        for (const auto& e : problem.at("errors").as_array())
            out.emplace_back(e.at("field").as_string());
        return out;
    };
    auto r = as(token, "PUT", "/api/v1/me/address",
                R"({"address1":"","address2":"3\u0007F","zipcode":"12"})");
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"address2", "address1", "zipcode"}));
    r = as(token, "PUT", "/api/v1/me/refund-account",
           R"({"bank":"nope","account_number":"12","holder_name":"K\u0000"})");
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"holder_name", "bank", "account_number"}));
    // An unknown bank does not hide the other faults when every field did read.
    r = as(token, "PUT", "/api/v1/me/refund-account",
           R"({"bank":"999","account_number":"abc","holder_name":""})");
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"bank", "account_number", "holder_name"}));
    r = as(token, "PUT", "/api/v1/me", R"({"name":"Kim\u001b","phone":"12"})");
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_of(r), (std::vector<std::string>{"name", "phone"}));
    const auto me = as(token, "GET", "/api/v1/me").json();
    EXPECT_TRUE(me.at("address").is_null());
    EXPECT_TRUE(me.at("refund_account").is_null());
}

TEST_P(HttpAccountsTest, WrongPasswordAndUnknownEmailGetTheSameAnswer) {
    client_.request("POST", "/api/v1/users", sign_up_body("c@example.com"));
    auto wrong = client_.request("POST", "/api/v1/sessions",
                                 R"({"email":"c@example.com","password":"password-2"})");
    auto unknown = client_.request("POST", "/api/v1/sessions",
                                   R"({"email":"nobody@example.com","password":"password-1"})");
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(code(wrong), "invalid_credentials");
    EXPECT_EQ(wrong.body, unknown.body);
    EXPECT_EQ(unknown.status, 401);
}

TEST_P(HttpAccountsTest, SignedInRoutesRefuseMissingAndBadTokensWith401) {
    client_.request("POST", "/api/v1/users", sign_up_body("d@example.com"));
    const auto token = sign_in("d@example.com");
    util::JwtCodec codec(kTestJwtSecret, "formlympics");
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    const auto expired = codec.sign({"1", "formlympics", now - 7200, now - 3600, {}});
    util::JwtCodec stranger("another-secret-another-secret-another", "formlympics");
    const auto foreign = stranger.sign({"1", "formlympics", now, now + 3600, {}});

    EXPECT_EQ(client_.request("GET", "/api/v1/me").status, 401);
    const std::vector<std::string> headers = {
        "Bearer " + expired,  "Bearer " + foreign,     "Bearer x.y.z",
        "Basic Zm9vOmJhcg==", "Bearer " + token + "x", "Bearer " + std::string(9000, 'a')};
    for (const auto& header : headers) {
        auto r = client_.request("GET", "/api/v1/me", "", {{"Authorization", header}});
        EXPECT_EQ(r.status, 401) << header.substr(0, 40);
        EXPECT_EQ(code(r), "unauthorized");
        EXPECT_EQ(r.header("www-authenticate"), "Bearer");
    }
    auto put =
        client_.request("PUT", "/api/v1/me/address", R"({"address1":"x","zipcode":"04524"})");
    EXPECT_EQ(put.status, 401);
    EXPECT_EQ(as(token, "GET", "/api/v1/me").status, 200);
}

TEST_P(HttpAccountsTest, BadProfileUpdatesAreRefusedAndChangeNothing) {
    client_.request("POST", "/api/v1/users", sign_up_body("e@example.com"));
    const auto token = sign_in("e@example.com");
    ASSERT_EQ(
        as(token, "PUT", "/api/v1/me/address", R"({"address1":"Seoul","zipcode":"04524"})").status,
        200);
    auto r = as(token, "PUT", "/api/v1/me/address", R"({"address1":"","zipcode":"04524"})");
    EXPECT_EQ(r.status, 422);
    r = as(token, "PUT", "/api/v1/me/address", R"({"address1":"Busan","zipcode":48058})");
    EXPECT_EQ(r.status, 422);
    r = as(token, "PUT", "/api/v1/me/refund-account",
           R"({"bank":"CITI","account_number":"123456789","holder_name":"Kim"})");
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(std::string(r.json().at("errors").at(0).at("field").as_string()), "bank");

    auto me = as(token, "GET", "/api/v1/me").json();
    EXPECT_EQ(me.at("address").at("address1").as_string(), "Seoul");
    EXPECT_TRUE(me.at("refund_account").is_null());
}

// With Redis, the profile cache and its invalidation go through Redis (and this fails against a
// dead Redis, where the server falls back to the database and its own memory).
using HttpAccountsRedisTest = HttpAccountsTest;

TEST_P(HttpAccountsRedisTest, ProfilesAreCachedInRedisAndChangesAnnouncedThere) {
    redis::RedisClient redis(*redis::parse_redis_url(test_redis_url()), 1000ms, 2);
    std::mutex mutex;
    std::vector<std::optional<domain::UserId>> heard;
    redis::RedisFanout changes(redis, server_.redis_prefix() + ":users");
    changes.subscribe([&](std::optional<domain::UserId> user) {
        std::lock_guard lock(mutex);
        heard.push_back(user);
    });
    auto subscribed = [&] {
        std::lock_guard lock(mutex);
        return !heard.empty();  // a subscription starts by announcing "anyone may have changed"
    };
    for (int i = 0; i < 200 && !subscribed(); ++i) std::this_thread::sleep_for(10ms);
    ASSERT_TRUE(subscribed());
    client_.request("POST", "/api/v1/users", sign_up_body("r@example.com"));
    const auto token = sign_in("r@example.com");
    const auto me = as(token, "GET", "/api/v1/me").json();
    const auto id = me.at("id").as_int64();
    auto cached = redis.command({"EXISTS", server_.redis_prefix() + ":user:" + std::to_string(id)});
    ASSERT_TRUE(cached);
    EXPECT_EQ(cached->integer, 1) << "the profile is not in Redis";

    ASSERT_EQ(as(token, "PUT", "/api/v1/me/address",
                 R"({"address1":"Seoul","address2":"","zipcode":"04524"})")
                  .status,
              200);
    bool announced = false;
    for (int i = 0; i < 200 && !announced; ++i) {
        std::this_thread::sleep_for(10ms);
        std::lock_guard lock(mutex);
        announced = std::find(heard.begin(), heard.end(), std::optional(id)) != heard.end();
    }
    EXPECT_TRUE(announced) << "the change was not published on " << server_.redis_prefix()
                           << ":users";
}

INSTANTIATE_TEST_SUITE_P(Redis, HttpAccountsRedisTest,
                         ::testing::Values(Backend::sqlite_redis, Backend::postgres_redis),
                         [](const auto& info) { return backend_name(info.param); });

INSTANTIATE_TEST_SUITE_P(Stores, HttpAccountsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres,
                                           Backend::postgres_redis),
                         [](const auto& info) { return backend_name(info.param); });

}  // namespace
}  // namespace formlympics::test
