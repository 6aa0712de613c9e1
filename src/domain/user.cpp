#include "domain/user.hpp"

#include <array>
#include <utility>

namespace formlympics::domain {
namespace {

constexpr std::array<std::pair<Bank, std::string_view>, 8> kBanks{{
    {Bank::KEB_HANA, "KEB_HANA"},
    {Bank::SHINHAN, "SHINHAN"},
    {Bank::KAKAO, "KAKAO"},
    {Bank::WOORI, "WOORI"},
    {Bank::KB_KOOKMIN, "KB_KOOKMIN"},
    {Bank::NH_NONGHYUP, "NH_NONGHYUP"},
    {Bank::IBK, "IBK"},
    {Bank::K_BANK, "K_BANK"},
}};

}  // namespace

std::string_view bank_name(Bank bank) {
    for (const auto& [b, name] : kBanks) {
        if (b == bank) return name;
    }
    return "UNKNOWN";
}

std::optional<Bank> parse_bank(std::string_view name) {
    for (const auto& [b, n] : kBanks) {
        if (n == name) return b;
    }
    return std::nullopt;
}

}  // namespace formlympics::domain
