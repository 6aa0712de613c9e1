#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/http_client.hpp"
#include "support/manual_clock.hpp"
#include "support/sale_client.hpp"
#include "support/test_server.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::test {

// A server on a clock the test moves, a seller and a buyer, on each store.
class SaleTest : public ::testing::TestWithParam<Backend> {
  protected:
    static constexpr std::int64_t kHour = 3600 * 1000;

    explicit SaleTest(const std::function<void(app::Config&)>& adjust = {})
        : server_(
              GetParam(),
              [&adjust](app::Config& c) {
                  c.expiry_interval = std::chrono::milliseconds(50);
                  if (adjust) adjust(c);
              },
              &clock_),
          client_(server_.port()),
          seeder_(server_),
          seller_(seeder_.user("seller@example.com")),
          buyer_(seeder_.user("buyer@example.com")) {}

    std::string at(std::int64_t offset_ms) const {
        return util::format_rfc3339(clock_.now_millis() + offset_ms);
    }

    // Publishes a form open from an hour ago for a day; its JSON.
    boost::json::object open_form(const std::vector<TestProduct>& products) {
        return publish(products, at(-kHour), at(24 * kHour));
    }
    boost::json::object publish(const std::vector<TestProduct>& products, const std::string& opens,
                                const std::string& closes) {
        auto r =
            call(client_, seller_, "POST", "/api/v1/forms", form_body(products, opens, closes));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    static std::int64_t id(const boost::json::value& v) { return v.at("id").as_int64(); }
    static std::int64_t product(const boost::json::object& form, std::size_t i) {
        return form.at("products").at(i).at("id").as_int64();
    }
    std::string form_path(const boost::json::object& form) const {
        return "/api/v1/forms/" + std::to_string(id(form));
    }
    HttpResponse order(const std::string& token, const boost::json::object& form,
                       const std::vector<std::pair<std::int64_t, std::int64_t>>& items,
                       std::vector<std::pair<std::string, std::string>> headers = {}) {
        return call(client_, token, "POST", form_path(form) + "/orders", order_body(items),
                    headers);
    }
    std::int64_t remaining(const boost::json::object& form, std::size_t i) {
        auto r = client_.request("GET", form_path(form));
        return r.json().at("products").at(i).at("stock_remaining").as_int64();
    }
    static std::string code(const HttpResponse& r) {
        return std::string(r.json().at("code").as_string());
    }

    ManualClock clock_{std::chrono::system_clock::now()};
    TestServer server_;
    HttpClient client_;
    UserSeeder seeder_;
    std::string seller_;
    std::string buyer_;
};

inline std::string sale_param_name(const ::testing::TestParamInfo<Backend>& info) {
    return backend_name(info.param);
}

}  // namespace formlympics::test
