#include "domain/account_rules.hpp"

#include <gtest/gtest.h>

#include <map>

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

TEST(BankTest, ListsEveryBankByItsStandardCode) {
    // 금융결제원 표준 은행코드, as published.
    const std::map<std::string_view, std::string_view> expected{
        {"002", "KDB산업은행"},      {"003", "IBK기업은행"}, {"004", "KB국민은행"},
        {"007", "수협은행"},         {"011", "NH농협은행"},  {"012", "지역 농·축협"},
        {"020", "우리은행"},         {"023", "SC제일은행"},  {"027", "한국씨티은행"},
        {"031", "iM뱅크(대구은행)"}, {"032", "부산은행"},    {"034", "광주은행"},
        {"035", "제주은행"},         {"037", "전북은행"},    {"039", "경남은행"},
        {"045", "새마을금고"},       {"048", "신협"},        {"050", "저축은행"},
        {"064", "산림조합"},         {"071", "우체국"},      {"081", "하나은행"},
        {"088", "신한은행"},         {"089", "케이뱅크"},    {"090", "카카오뱅크"},
        {"092", "토스뱅크"}};
    std::map<std::string_view, std::string_view> listed;
    for (const auto& row : kBankRows) {
        listed[row.code] = row.ko;
        EXPECT_FALSE(row.en.empty()) << row.code;
        EXPECT_EQ(parse_bank(row.code), row.bank) << row.code;
        EXPECT_EQ(stored_bank(row.code), row.bank) << row.code;
        EXPECT_EQ(bank_code(row.bank), row.code);
    }
    EXPECT_EQ(listed, expected);
    EXPECT_EQ(listed.size(), kBankRows.size());  // no code twice
}

TEST(BankTest, TakesTheOldNamesAsTheirBanksAndNothingElse) {
    const std::map<std::string_view, std::string_view> old_names{
        {"KEB_HANA", "081"},   {"SHINHAN", "088"},     {"KAKAO", "090"}, {"WOORI", "020"},
        {"KB_KOOKMIN", "004"}, {"NH_NONGHYUP", "011"}, {"IBK", "003"},   {"K_BANK", "089"}};
    for (const auto& [name, code] : old_names) {
        const auto bank = parse_bank(name);
        ASSERT_TRUE(bank) << name;
        EXPECT_EQ(bank_code(*bank), code);
    }
    for (const char* other : {"kakao", "CITI", "TOSS", "92", "0920", "", "999"}) {
        EXPECT_FALSE(parse_bank(other)) << other;
    }
    // Stored values are codes: an old name there means the migration did not run.
    EXPECT_THROW(stored_bank("KAKAO"), std::runtime_error);
}

}  // namespace
}  // namespace formlympics::domain
