#include "domain/account_rules.hpp"

#include <gtest/gtest.h>

namespace formlympics::domain {
namespace {

SignUp good() { return SignUp{"김민지", "minji@example.com", "s3cret-pass", "010-1234-5678"}; }

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
    std::vector<std::string> out;
    for (const auto& e : errors) out.push_back(e.field);
    return out;
}

TEST(AccountRulesTest, AcceptsAGoodSignUp) { EXPECT_TRUE(check_sign_up(good()).empty()); }

TEST(AccountRulesTest, PasswordNeedsEightCharacters) {
    auto s = good();
    s.password = "1234567";
    EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"password"});
    s.password = "12345678";
    EXPECT_TRUE(check_sign_up(s).empty());
}

TEST(AccountRulesTest, RefusesBadEmails) {
    for (const char* e : {"", "no-at", "@x.com", "a@", "a@b", "a@@b.com", "a b@c.com", "a@.com"}) {
        auto s = good();
        s.email = e;
        EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"email"}) << e;
    }
}

TEST(AccountRulesTest, BoundsNameLengthInCharactersNotBytes) {
    auto s = good();
    s.name = std::string(50 * 3 / 3, 'a');
    EXPECT_TRUE(check_sign_up(s).empty());
    s.name = "";
    for (int i = 0; i < 50; ++i) s.name += "가";  // 3 bytes each, 50 characters
    EXPECT_TRUE(check_sign_up(s).empty());
    s.name += "가";
    EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"name"});
    s.name = "   ";
    EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"name"});
    s.name = "a\nb";
    EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"name"});
}

TEST(AccountRulesTest, ChecksPhones) {
    auto s = good();
    for (const char* p : {"010-1234-5678", "01012345678", "02-123-4567"}) {
        s.phone = p;
        EXPECT_TRUE(check_sign_up(s).empty()) << p;
    }
    // The rule of an order's recipient too, so a profile's phone can always be shipped to.
    for (const char* p : {"", "12345", "010-abcd-5678", "1+2345678901", "010--1234-5678",
                          "0101234567890", "-010-1234-5678", "+82 10 1234 5678", "010 1234 5678"}) {
        s.phone = p;
        EXPECT_EQ(fields(check_sign_up(s)), std::vector<std::string>{"phone"}) << p;
    }
}

TEST(AccountRulesTest, ChecksAddressesAndRefundAccounts) {
    EXPECT_TRUE(check_address({"Seoul", "", "04524"}).empty());
    EXPECT_EQ(fields(check_address({"", "", "04524"})), std::vector<std::string>{"address1"});
    EXPECT_EQ(fields(check_address({"Seoul", "", "!"})), std::vector<std::string>{"zipcode"});
    // The same rule as an order's address, so a saved address can always be shipped to.
    EXPECT_EQ(fields(check_address({"Seoul", "", "1234"})), std::vector<std::string>{"zipcode"});
    EXPECT_TRUE(check_refund_account({Bank::KAKAO, "3333-01-1234567", "Kim"}).empty());
    EXPECT_EQ(fields(check_refund_account({Bank::KAKAO, "12", "Kim"})),
              std::vector<std::string>{"account_number"});
}

TEST(AccountRulesTest, EmailKeyIgnoresAsciiCase) {
    EXPECT_EQ(email_key("Kim@Example.COM"), "kim@example.com");
}

TEST(BankTest, ParsesEveryBankAndNothingElse) {
    for (const char* b :
         {"KEB_HANA", "SHINHAN", "KAKAO", "WOORI", "KB_KOOKMIN", "NH_NONGHYUP", "IBK", "K_BANK"}) {
        auto bank = parse_bank(b);
        ASSERT_TRUE(bank) << b;
        EXPECT_EQ(bank_name(*bank), b);
    }
    EXPECT_FALSE(parse_bank("kakao"));
    EXPECT_FALSE(parse_bank("CITI"));
}

}  // namespace
}  // namespace formlympics::domain
