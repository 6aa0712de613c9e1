// A new form's refusal names every field at fault in one answer, those that could not be read
// and those that broke a rule, so a seller fixes an empty form in one round.
#include <algorithm>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

using FormValidationTest = SaleTest;

std::vector<std::string> fields_of(const HttpResponse& r) {
    std::vector<std::string> out;
    const auto body = r.json();
    for (const auto& e : body.at("errors").as_array()) {
        out.emplace_back(e.at("field").as_string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

TEST_P(FormValidationTest, AnEmptyFormIsRefusedNamingEveryFieldAtOnce) {
    auto r = call(client_, seller_, "POST", "/api/v1/forms",
                  R"({"title":"","description":"","opens_at":null,"closes_at":null,)"
                  R"("bank_account":{"bank":null,"account_number":"","holder_name":""},)"
                  R"("products":[{"name":"","price":null,"stock":null}]})");
    ASSERT_EQ(r.status, 422) << r.body;
    const auto fields = fields_of(r);
    for (const char* f : {"title", "opens_at", "closes_at", "bank_account.bank",
                          "bank_account.account_number", "bank_account.holder_name",
                          "products[0].name", "products[0].price", "products[0].stock"}) {
        EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f << ": " << r.body;
    }
    EXPECT_EQ(std::adjacent_find(fields.begin(), fields.end()), fields.end())
        << "each field once: " << r.body;
    EXPECT_EQ(
        call(client_, seller_, "GET", "/api/v1/me/forms").json().at("items").as_array().size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Stores, FormValidationTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
