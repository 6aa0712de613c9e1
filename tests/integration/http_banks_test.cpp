// Banks by their standard codes: the list, every code accepted with its names, the old names
// still accepted and answered as codes, and anything else refused; on both stores.
#include "domain/bank.hpp"
#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

using BanksTest = SaleTest;

std::string account_body(const std::string& bank) {
    return R"({"bank":")" + bank + R"(","account_number":"110-123-456789","holder_name":"Kim"})";
}

TEST_P(BanksTest, ListsEveryBankWithItsNamesMostUsedFirst) {
    auto r = client_.request("GET", "/api/v1/banks");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("cache-control"), "public, max-age=86400");
    const auto body = r.json();
    const auto& items = body.at("items").as_array();
    ASSERT_EQ(items.size(), domain::kBankRows.size());
    EXPECT_EQ(items.at(0).at("code").as_string(), "004");
    EXPECT_EQ(items.at(0).at("name").at("ko").as_string(), "KB국민은행");
    EXPECT_EQ(items.at(0).at("name").at("en").as_string(), "KB Kookmin Bank");
    bool toss = false;
    for (const auto& b : items) {
        toss = toss || (b.at("code").as_string() == "092" &&
                        b.at("name").at("ko").as_string() == "토스뱅크" &&
                        b.at("name").at("en").as_string() == "Toss Bank");
    }
    EXPECT_TRUE(toss);
}

TEST_P(BanksTest, EveryListedCodeIsAcceptedAndAnsweredWithItsNames) {
    const auto listed = client_.request("GET", "/api/v1/banks").json().at("items").as_array();
    for (const auto& b : listed) {
        const std::string code(b.at("code").as_string());
        auto r = call(client_, buyer_, "PUT", "/api/v1/me/refund-account", account_body(code));
        ASSERT_EQ(r.status, 200) << code << " " << r.body;
        const auto account = r.json().at("refund_account");
        EXPECT_EQ(account.at("bank").as_string(), code);
        EXPECT_EQ(account.at("bank_name"), b.at("name")) << code;
    }
    const auto me = call(client_, buyer_, "GET", "/api/v1/me").json();
    EXPECT_EQ(me.at("refund_account").at("bank"), listed.back().at("code"));
}

TEST_P(BanksTest, OldNamesAreAcceptedAndAnsweredAsCodes) {
    const std::vector<std::pair<std::string, std::string>> old_names{
        {"KEB_HANA", "081"},   {"SHINHAN", "088"},     {"KAKAO", "090"}, {"WOORI", "020"},
        {"KB_KOOKMIN", "004"}, {"NH_NONGHYUP", "011"}, {"IBK", "003"},   {"K_BANK", "089"}};
    for (const auto& [name, code] : old_names) {
        auto r = call(client_, buyer_, "PUT", "/api/v1/me/refund-account", account_body(name));
        ASSERT_EQ(r.status, 200) << name << " " << r.body;
        EXPECT_EQ(r.json().at("refund_account").at("bank").as_string(), code) << name;
    }
    // A form made with an old name (as form_body does) shows its code to its seller and in
    // its orders' deposit instructions.
    auto form = open_form({{"Red", 1000, 5}});
    EXPECT_EQ(form.at("bank_account").at("bank").as_string(), "088");
    EXPECT_EQ(form.at("bank_account").at("bank_name").at("ko").as_string(), "신한은행");
    auto o = order(buyer_, form, {{product(form, 0), 1}});
    ASSERT_EQ(o.status, 201) << o.body;
    EXPECT_EQ(o.json().at("deposit").at("bank").as_string(), "088");
    EXPECT_EQ(o.json().at("deposit").at("bank_name").at("en").as_string(), "Shinhan Bank");
}

TEST_P(BanksTest, AFormPaidIntoTossBankShowsItEverywhere) {
    auto body = json::parse(form_body({{"Red", 1000, 5}}, at(-kHour), at(kHour))).as_object();
    body["bank_account"].as_object()["bank"] = "092";
    auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(r.status, 201) << r.body;
    const auto form = r.json().as_object();
    EXPECT_EQ(form.at("bank_account").at("bank").as_string(), "092");
    EXPECT_EQ(form.at("bank_account").at("bank_name").at("en").as_string(), "Toss Bank");
    auto o = order(buyer_, form, {{product(form, 0), 1}});
    ASSERT_EQ(o.status, 201) << o.body;
    const auto read =
        call(client_, buyer_, "GET", "/api/v1/orders/" + std::to_string(id(o.json())));
    EXPECT_EQ(read.json().at("deposit").at("bank").as_string(), "092");
    EXPECT_EQ(read.json().at("deposit").at("bank_name").at("ko").as_string(), "토스뱅크");
    auto mine = call(client_, seller_, "GET", "/api/v1/me/forms/" + std::to_string(id(form)));
    EXPECT_EQ(mine.json().at("bank_account").at("bank").as_string(), "092");
}

TEST_P(BanksTest, AnUnknownBankIsRefusedAndChangesNothing) {
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/refund-account", account_body("092")).status,
              200);
    for (const char* bank : {"093", "92", "CITI", "toss", "0920", ""}) {
        auto r = call(client_, buyer_, "PUT", "/api/v1/me/refund-account", account_body(bank));
        EXPECT_EQ(r.status, 422) << bank;
        EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "bank") << bank;
    }
    EXPECT_EQ(call(client_, buyer_, "GET", "/api/v1/me")
                  .json()
                  .at("refund_account")
                  .at("bank")
                  .as_string(),
              "092");
    auto body = json::parse(form_body({{"Red", 1000, 5}}, at(-kHour), at(kHour))).as_object();
    body["bank_account"].as_object()["bank"] = "999";
    auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(r.json().at("errors").at(0).at("field").as_string(), "bank_account.bank");
    EXPECT_TRUE(
        call(client_, seller_, "GET", "/api/v1/me/forms").json().at("items").as_array().empty());
}

INSTANTIATE_TEST_SUITE_P(Stores, BanksTest, ::testing::Values(Backend::sqlite, Backend::postgres),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
