#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace formlympics::http {

// The proxies (nginx in front of the instances, say) whose X-Forwarded-For is believed: a list
// of addresses and networks such as "127.0.0.1, 10.0.0.0/8, ::1".
class TrustedProxies {
  public:
    TrustedProxies() = default;
    // The list, or nullopt when an entry is not an IPv4 or IPv6 address or network.
    static std::optional<TrustedProxies> parse(std::string_view list);

    bool contains(std::string_view address) const;
    bool empty() const { return networks_.empty(); }

  private:
    struct Network {
        std::array<unsigned char, 16> bytes{};  // IPv4 as ::ffff:a.b.c.d
        int prefix = 128;
    };
    std::vector<Network> networks_;
};

// The address of the client that made the request: the peer's, unless the peer is a trusted
// proxy; then the nearest address in X-Forwarded-For that is not itself one (the addresses
// further left are the client's to forge). Never a header value the peer could choose freely.
std::string client_address(const Request& request, const TrustedProxies& proxies);

}  // namespace formlympics::http
