#include "http/client_address.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

#include "http/framing.hpp"

namespace formlympics::http {
namespace {

// The address as 16 bytes (IPv4 mapped into IPv6) and whether it was IPv4.
std::optional<std::pair<std::array<unsigned char, 16>, bool>> to_bytes(std::string_view text) {
    const std::string s(text);
    std::array<unsigned char, 16> out{};
    in_addr v4{};
    if (inet_pton(AF_INET, s.c_str(), &v4) == 1) {
        out[10] = out[11] = 0xff;
        std::memcpy(out.data() + 12, &v4, 4);
        return std::pair{out, true};
    }
    in6_addr v6{};
    if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) {
        std::memcpy(out.data(), &v6, 16);
        return std::pair{out, false};
    }
    return std::nullopt;
}

std::vector<std::string_view> split_list(std::string_view list) {
    std::vector<std::string_view> out;
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (auto item = trim(list.substr(0, comma)); !item.empty()) out.push_back(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace

std::optional<TrustedProxies> TrustedProxies::parse(std::string_view list) {
    TrustedProxies out;
    for (auto entry : split_list(list)) {
        const auto slash = entry.find('/');
        auto address = to_bytes(entry.substr(0, slash));
        if (!address) return std::nullopt;
        Network n{address->first, 128};
        if (slash != std::string_view::npos) {
            const auto bits = entry.substr(slash + 1);
            int prefix = -1;
            auto [p, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
            const int max = address->second ? 32 : 128;
            if (ec != std::errc() || p != bits.data() + bits.size() || prefix < 0 || prefix > max) {
                return std::nullopt;
            }
            n.prefix = address->second ? prefix + 96 : prefix;
        }
        out.networks_.push_back(n);
    }
    return out;
}

bool TrustedProxies::contains(std::string_view address) const {
    const auto bytes = to_bytes(address);
    if (!bytes) return false;
    for (const auto& n : networks_) {
        bool match = true;
        for (int bit = 0; match && bit < n.prefix; ++bit) {
            const auto mask = static_cast<unsigned char>(0x80 >> (bit % 8));
            match = (bytes->first[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
        }
        if (match) return true;
    }
    return false;
}

std::string client_address(const Request& request, const TrustedProxies& proxies) {
    if (proxies.empty() || !proxies.contains(request.remote)) return request.remote;
    std::vector<std::string_view> hops;
    for (const auto& [name, value] : request.headers) {
        if (name != "x-forwarded-for") continue;
        for (auto hop : split_list(value)) hops.push_back(hop);
    }
    std::string client = request.remote;
    for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
        if (!to_bytes(*it)) break;  // garbage: trust nothing beyond the proxy that passed it
        client = std::string(*it);
        if (!proxies.contains(*it)) break;
    }
    return client;
}

}  // namespace formlympics::http
