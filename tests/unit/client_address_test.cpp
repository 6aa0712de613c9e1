// Which address a request is from: the peer's, or the client behind a trusted proxy.
#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace formlympics::http {
namespace {

Request from(const std::string& peer, std::vector<std::string> forwarded = {}) {
    Request r;
    r.remote = peer;
    for (auto& f : forwarded) r.headers.emplace_back("x-forwarded-for", std::move(f));
    return r;
}

TEST(TrustedProxiesTest, ParsesAddressesAndNetworks) {
    auto p = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8 ,::1, fd00::/8");
    ASSERT_TRUE(p);
    EXPECT_TRUE(p->contains("127.0.0.1"));
    EXPECT_FALSE(p->contains("127.0.0.2"));
    EXPECT_TRUE(p->contains("10.200.3.4"));
    EXPECT_FALSE(p->contains("11.0.0.1"));
    EXPECT_TRUE(p->contains("::1"));
    EXPECT_TRUE(p->contains("fd12::5"));
    EXPECT_FALSE(p->contains("fe80::1"));
    EXPECT_FALSE(p->contains("not an address"));
    EXPECT_TRUE(TrustedProxies::parse("")->empty());
    for (auto bad : {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "example.com", "1.2.3"}) {
        EXPECT_FALSE(TrustedProxies::parse(bad)) << bad;
    }
}

TEST(ClientAddressTest, ForwardedForIsBelievedOnlyFromATrustedProxy) {
    const auto proxies = *TrustedProxies::parse("10.0.0.0/8");
    EXPECT_EQ(client_address(from("203.0.113.5", {"198.51.100.1"}), proxies), "203.0.113.5");
    EXPECT_EQ(client_address(from("10.0.0.2", {"198.51.100.1"}), proxies), "198.51.100.1");
    // The rightmost address not itself a proxy: what the client wrote further left is forged.
    EXPECT_EQ(client_address(from("10.0.0.2", {"1.1.1.1, 198.51.100.1, 10.0.0.9"}), proxies),
              "198.51.100.1");
    EXPECT_EQ(client_address(from("10.0.0.2", {"1.1.1.1", "198.51.100.1"}), proxies),
              "198.51.100.1");
    EXPECT_EQ(client_address(from("10.0.0.2", {"garbage, 198.51.100.1"}), proxies), "198.51.100.1");
    EXPECT_EQ(client_address(from("10.0.0.2", {"198.51.100.1, garbage"}), proxies), "10.0.0.2");
    EXPECT_EQ(client_address(from("10.0.0.2"), proxies), "10.0.0.2");
    EXPECT_EQ(client_address(from("10.0.0.2", {"198.51.100.1"}), TrustedProxies()), "10.0.0.2");
}

}  // namespace
}  // namespace formlympics::http
