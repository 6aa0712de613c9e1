#include "domain/courier.hpp"

#include <stdexcept>

namespace formlympics::domain {

// The tracking pages as the couriers publish them; each takes the waybill
// number's digits at the end.
const std::array<CourierRow, 7> kCourierRows{{
    {Courier::CJ, "CJ대한통운", "CJ Logistics",
     "https://trace.cjlogistics.com/next/tracking.html?wblNo="},
    {Courier::EPOST, "우체국택배", "Korea Post",
     "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1="},
    {Courier::HANJIN, "한진택배", "Hanjin",
     "https://www.hanjin.com/kor/CMS/DeliveryMgr/WaybillResult.do?mCode=MN038&schLang=KR&"
     "wblnumText2="},
    {Courier::LOTTE, "롯데택배", "Lotte Global Logistics",
     "https://www.lotteglogis.com/home/reservation/tracking/linkView?InvNo="},
    {Courier::LOGEN, "로젠택배", "Logen", "https://www.ilogen.com/web/personal/trace/"},
    {Courier::GS_POSTBOX, "GS Postbox 편의점택배", "GS Postbox (GS25)",
     "https://www.cvsnet.co.kr/invoice/tracking.do?invoice_no="},
    {Courier::CU_POST, "CU 편의점택배", "CU Post",
     "https://www.cupost.co.kr/postbox/delivery/localResult.cupost?invoice_no="},
}};

namespace {

constexpr bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

constexpr std::string_view kSearch = "https://search.naver.com/search.naver?query=";

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string query_encoded(std::string_view text) {
    static constexpr std::string_view kHex = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (is_ascii_digit(c) || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || c == '-' ||
            c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4U];
            out += kHex[u & 0xFU];
        }
    }
    return out;
}

}  // namespace

const CourierRow& courier_row(Courier courier) {
    for (const auto& row : kCourierRows) {
        if (row.courier == courier) return row;
    }
    throw std::logic_error("a courier without a row");
}

std::string tracking_url(std::optional<Courier> courier, std::string_view tracking_number) {
    std::string digits;
    bool waybill = true;  // digits, with spaces or dashes between them
    for (const char c : tracking_number) {
        if (is_ascii_digit(c)) {
            digits += c;
        } else if (c != ' ' && c != '-') {
            waybill = false;
        }
    }
    // Couriers' pages want the bare digits ("123-456" is waybill 123456). Anything else (an
    // international number with letters, a typo) would link another parcel's page if its
    // letters were dropped, so a search for the number as given is the better guess.
    if (courier && waybill && !digits.empty()) {
        return std::string(courier_row(*courier).tracking_prefix) + digits;
    }
    return std::string(kSearch) + query_encoded(std::string(tracking_number) + " 배송조회");
}

}  // namespace formlympics::domain
