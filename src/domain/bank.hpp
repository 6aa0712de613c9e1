#pragma once

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace formlympics::domain {

// The banks Korean buyers transfer from and sellers are paid into.
enum class Bank {
    KB_KOOKMIN,
    SHINHAN,
    KAKAO,
    TOSS,
    WOORI,
    KEB_HANA,
    NH_NONGHYUP,
    IBK,
    K_BANK,
    POST_OFFICE,
    SAEMAEUL,
    NH_LOCAL,
    SC_FIRST,
    CITI,
    BUSAN,
    IM_DAEGU,
    KYONGNAM,
    KWANGJU,
    JEONBUK,
    JEJU,
    SHINHYUP,
    SUHYUP,
    KDB,
    SANLIM,
    SAVINGS,
};

// One bank: its standard code (금융결제원 표준 은행코드, what the API and the database carry),
// its names, and the name the API used for it before codes (accepted on input), if any.
struct BankRow {
    Bank bank;
    std::string_view code;
    std::string_view ko;
    std::string_view en;
    std::string_view legacy_name;
};

// Every bank, the ones most buyers hold first (the order of GET /api/v1/banks and the pickers).
inline constexpr std::array<BankRow, 25> kBankRows{{
    {Bank::KB_KOOKMIN, "004", "KB국민은행", "KB Kookmin Bank", "KB_KOOKMIN"},
    {Bank::SHINHAN, "088", "신한은행", "Shinhan Bank", "SHINHAN"},
    {Bank::KAKAO, "090", "카카오뱅크", "KakaoBank", "KAKAO"},
    {Bank::TOSS, "092", "토스뱅크", "Toss Bank", ""},
    {Bank::WOORI, "020", "우리은행", "Woori Bank", "WOORI"},
    {Bank::KEB_HANA, "081", "하나은행", "Hana Bank", "KEB_HANA"},
    {Bank::NH_NONGHYUP, "011", "NH농협은행", "NH NongHyup Bank", "NH_NONGHYUP"},
    {Bank::IBK, "003", "IBK기업은행", "IBK Industrial Bank", "IBK"},
    {Bank::K_BANK, "089", "케이뱅크", "K Bank", "K_BANK"},
    {Bank::POST_OFFICE, "071", "우체국", "Korea Post", ""},
    {Bank::SAEMAEUL, "045", "새마을금고", "MG Saemaeul Geumgo", ""},
    {Bank::NH_LOCAL, "012", "지역 농·축협", "Local Nonghyup (NH)", ""},
    {Bank::SC_FIRST, "023", "SC제일은행", "SC First Bank", ""},
    {Bank::CITI, "027", "한국씨티은행", "Citibank Korea", ""},
    {Bank::BUSAN, "032", "부산은행", "Busan Bank", ""},
    {Bank::IM_DAEGU, "031", "iM뱅크(대구은행)", "iM Bank (Daegu Bank)", ""},
    {Bank::KYONGNAM, "039", "경남은행", "Kyongnam Bank", ""},
    {Bank::KWANGJU, "034", "광주은행", "Kwangju Bank", ""},
    {Bank::JEONBUK, "037", "전북은행", "Jeonbuk Bank", ""},
    {Bank::JEJU, "035", "제주은행", "Jeju Bank", ""},
    {Bank::SHINHYUP, "048", "신협", "Shinhyup (Credit Union)", ""},
    {Bank::SUHYUP, "007", "수협은행", "Suhyup Bank", ""},
    {Bank::KDB, "002", "KDB산업은행", "KDB Korea Development Bank", ""},
    {Bank::SANLIM, "064", "산림조합", "Sanlim (Forestry Cooperative)", ""},
    {Bank::SAVINGS, "050", "저축은행", "Savings Bank", ""},
}};

// The bank's row.
constexpr const BankRow& bank_row(Bank bank) {
    for (const auto& row : kBankRows) {
        if (row.bank == bank) return row;
    }
    throw std::logic_error("a bank without a row");
}
// The bank's standard code, e.g. "092".
constexpr std::string_view bank_code(Bank bank) { return bank_row(bank).code; }
// The bank a client names: its code, or the name the API used before codes ("KAKAO");
// nullopt for anything else.
constexpr std::optional<Bank> parse_bank(std::string_view code_or_name) {
    for (const auto& row : kBankRows) {
        if (row.code == code_or_name ||
            (!row.legacy_name.empty() && row.legacy_name == code_or_name))
            return row.bank;
    }
    return std::nullopt;
}
// The bank of a code read back from storage, where anything else means corrupt data (thrown).
inline Bank stored_bank(std::string_view code) {
    for (const auto& row : kBankRows) {
        if (row.code == code) return row.bank;
    }
    throw std::runtime_error("unknown bank code '" + std::string(code) + "' in stored data");
}
// What a refusal says a bank must be.
inline constexpr std::string_view kBankRule =
    "must be a bank code listed by GET /api/v1/banks, such as \"004\"";

}  // namespace formlympics::domain
