#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace formlympics::bench {

// Accounts for a benchmark, created straight in the database in bulk (signing up 20,000 users
// through the API would spend minutes hashing passwords), with bearer tokens signed by the
// server's secret.
struct Accounts {
    std::string seller;
    std::vector<std::string> buyers;
    std::vector<std::int64_t> buyer_ids;  // in the order of `buyers`
};

// Creates a seller and `buyers` buyers whose emails start with `tag`.
Accounts seed_accounts(const std::string& database_url, const std::string& jwt_secret,
                       std::size_t buyers, const std::string& tag);

}  // namespace formlympics::bench
