#include "http/router.hpp"

#include <gtest/gtest.h>

namespace formlympics::http {
namespace {

Response ok(const RequestContext&) { return Response{}; }

TEST(RouterTest, MatchesLiteralAndParameterisedPaths) {
    Router r;
    r.add_public("GET", "/api/v1/forms", ok);
    r.add_public("GET", "/api/v1/forms/{id}", ok);
    r.add_signed_in("POST", "/api/v1/forms/{id}/orders",
                    [](const RequestContext&, const domain::Caller&) { return Response{}; });

    auto m = r.match("GET", "/api/v1/forms/17");
    ASSERT_EQ(m.kind, RouteMatch::Kind::found);
    EXPECT_EQ(m.route->pattern, "/api/v1/forms/{id}");
    ASSERT_EQ(m.params.size(), 1u);
    EXPECT_EQ(m.params[0], (std::pair<std::string, std::string>{"id", "17"}));
    EXPECT_FALSE(m.route->needs_caller());

    m = r.match("POST", "/api/v1/forms/17/orders");
    ASSERT_EQ(m.kind, RouteMatch::Kind::found);
    EXPECT_TRUE(m.route->needs_caller());
}

TEST(RouterTest, UnknownPathsAreNotFound) {
    Router r;
    r.add_public("GET", "/api/v1/forms/{id}", ok);
    EXPECT_EQ(r.match("GET", "/api/v1/forms").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(r.match("GET", "/api/v1/forms/").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(r.match("GET", "/api/v1/forms/1/x").kind, RouteMatch::Kind::not_found);
    EXPECT_EQ(r.match("GET", "").kind, RouteMatch::Kind::not_found);
}

TEST(RouterTest, AKnownPathWithAnotherMethodListsTheAllowedOnes) {
    Router r;
    r.add_public("GET", "/api/v1/me", ok);
    r.add_public("PUT", "/api/v1/me", ok);
    const auto m = r.match("DELETE", "/api/v1/me");
    EXPECT_EQ(m.kind, RouteMatch::Kind::method_not_allowed);
    EXPECT_EQ(m.allow, "GET, PUT, HEAD");
}

TEST(RouterTest, HeadIsServedByTheGetRoute) {
    Router r;
    r.add_public("GET", "/api/v1/forms/{id}", ok);
    r.add_public("POST", "/api/v1/users", ok);
    const auto m = r.match("HEAD", "/api/v1/forms/7");
    ASSERT_EQ(m.kind, RouteMatch::Kind::found);
    EXPECT_EQ(m.route->method, "GET");
    EXPECT_EQ(r.match("HEAD", "/api/v1/users").kind, RouteMatch::Kind::method_not_allowed);
}

TEST(RouterTest, RefusesDuplicateRoutes) {
    Router r;
    r.add_public("GET", "/a", ok);
    EXPECT_THROW(r.add_public("GET", "/a", ok), std::invalid_argument);
    EXPECT_THROW(r.add_public("GET", "no-slash", ok), std::invalid_argument);
}

}  // namespace
}  // namespace formlympics::http
