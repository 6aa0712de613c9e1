#pragma once

#include <boost/json.hpp>
#include <memory>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

namespace formlympics::test {

// Seeds users straight into the server's database and signs tokens for them with the test
// secret, so tests with many buyers do not spend seconds hashing passwords.
class UserSeeder {
  public:
    explicit UserSeeder(const TestServer& server);
    // The same, on a database by its URL (sqlite:PATH or postgresql://...).
    explicit UserSeeder(const std::string& database_url);
    ~UserSeeder();

    // Creates a user and returns a bearer token for it.
    std::string user(const std::string& email);
    // Creates n users; their bearer tokens.
    std::vector<std::string> users(std::size_t n, const std::string& prefix);
    // The server's database, opened beside it.
    store::Store& store() { return *store_; }
    // The id a token was issued to.
    static domain::UserId id_of(const std::string& token);

  private:
    std::unique_ptr<store::Store> store_;
};

// A product of a test form: {name, price, stock, per_buyer_limit (0: none)}, and its option
// group when it is one (group_limit 0: none).
struct TestProduct {
    std::string name;
    std::int64_t price = 1000;
    std::int64_t stock = 10;
    std::int64_t per_buyer_limit = 0;
    std::string group = {};
    std::string option = {};
    std::int64_t group_limit = 0;
};

// The body of POST /api/v1/forms with a window from opens_at to closes_at (RFC 3339).
std::string form_body(const std::vector<TestProduct>& products, const std::string& opens_at,
                      const std::string& closes_at, int deposit_hours = 24);

// The body of an order: {items: [{product_id, quantity}...], depositor_name}.
std::string order_body(const std::vector<std::pair<std::int64_t, std::int64_t>>& items,
                       const std::string& depositor = "Depositor");

// An HTTP request with a bearer token.
HttpResponse call(HttpClient& client, const std::string& token, const std::string& method,
                  const std::string& target, const std::string& body = "",
                  std::vector<std::pair<std::string, std::string>> headers = {});

}  // namespace formlympics::test
