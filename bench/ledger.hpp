#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "support/http_client.hpp"

namespace formlympics::bench {

// The invariants of a finished sale, read back through the API as the seller.
struct LedgerCheck {
    std::int64_t stock_total = 0;
    std::int64_t remaining = 0;
    std::int64_t active_units = 0;
    std::size_t orders = 0;
    std::vector<std::string> violations;  // empty when every invariant holds
};

// Reads the form and all its orders; checks remaining >= 0, total = remaining + active units,
// that every acknowledged order exists, and (when demand exceeded supply) that nothing is left.
LedgerCheck check_ledger(test::HttpClient& client, const std::string& seller_token,
                         std::int64_t form, const std::vector<std::int64_t>& acknowledged,
                         bool demand_exceeded_supply);

}  // namespace formlympics::bench
