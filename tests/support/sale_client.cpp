#include "support/sale_client.hpp"

#include "store/postgres/pg_store.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"

namespace formlympics::test {
namespace json = boost::json;

UserSeeder::UserSeeder(const TestServer& server) : UserSeeder(server.database_url()) {}

UserSeeder::UserSeeder(const std::string& url) {
    if (url.starts_with("sqlite:")) {
        store_ = std::make_unique<store::SqliteStore>(url.substr(7), 1);
    } else {
        store_ = std::make_unique<store::PgStore>(url, 2);
    }
}

UserSeeder::~UserSeeder() = default;

std::string UserSeeder::user(const std::string& email) {
    auto u = store_->users().create({"Buyer " + email, email, "01012345678", "not-a-hash"});
    if (!u) throw std::runtime_error("cannot seed user " + email);
    util::JwtCodec jwt(kTestJwtSecret, "formlympics");
    const auto now = util::SystemClock().now_seconds();
    // Long-lived so tests that move their own clock forward keep their callers signed in.
    return jwt.sign({std::to_string(u->id), "formlympics", now, now + 400 * 24 * 3600, {}});
}

std::vector<std::string> UserSeeder::users(std::size_t n, const std::string& prefix) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(user(prefix + std::to_string(i) + "@example.com"));
    return out;
}

domain::UserId UserSeeder::id_of(const std::string& token) {
    util::JwtCodec jwt(kTestJwtSecret, "formlympics");
    return std::stoll(jwt.verify(token, util::SystemClock().now_seconds()).claims->sub);
}

std::string form_body(const std::vector<TestProduct>& products, const std::string& opens_at,
                      const std::string& closes_at, int deposit_hours) {
    json::array ps;
    for (const auto& p : products) {
        json::object o{{"name", p.name}, {"price", p.price}, {"stock", p.stock}};
        if (p.per_buyer_limit > 0) o["per_buyer_limit"] = p.per_buyer_limit;
        if (!p.group.empty()) {
            o["group"] = p.group;
            o["option"] = p.option;
        }
        if (p.group_limit > 0) o["group_limit"] = p.group_limit;
        ps.push_back(std::move(o));
    }
    return json::serialize(json::object{
        {"title", "Hand-made keyrings"},
        {"description", "A limited run"},
        {"opens_at", opens_at},
        {"closes_at", closes_at},
        {"deposit_deadline_hours", deposit_hours},
        {"bank_account",
         {{"bank", "SHINHAN"}, {"account_number", "110-123-456789"}, {"holder_name", "Seller"}}},
        {"products", std::move(ps)}});
}

std::string order_body(const std::vector<std::pair<std::int64_t, std::int64_t>>& items,
                       const std::string& depositor) {
    json::array is;
    for (const auto& [product, quantity] : items) {
        is.push_back(json::object{{"product_id", product}, {"quantity", quantity}});
    }
    return json::serialize(json::object{{"items", std::move(is)}, {"depositor_name", depositor}});
}

HttpResponse call(HttpClient& client, const std::string& token, const std::string& method,
                  const std::string& target, const std::string& body,
                  std::vector<std::pair<std::string, std::string>> headers) {
    headers.emplace_back("Authorization", "Bearer " + token);
    return client.request(method, target, body, headers);
}

}  // namespace formlympics::test
