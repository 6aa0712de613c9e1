// Where a buyer follows a parcel.
#include "domain/courier.hpp"

#include <gtest/gtest.h>

namespace formlympics::domain {
namespace {

constexpr std::string_view kCj = "https://trace.cjlogistics.com/next/tracking.html?wblNo=";
constexpr std::string_view kSearch = "https://search.naver.com/search.naver?query=";

bool searches(const std::string& url) { return url.starts_with(kSearch); }

TEST(CourierTest, AWaybillNumberLinksTheCouriersPageWithItsDigits) {
    EXPECT_EQ(tracking_url(Courier::CJ, "6123-4567-8901"), std::string(kCj) + "612345678901");
    EXPECT_EQ(tracking_url(Courier::CJ, "6123 4567 8901"), std::string(kCj) + "612345678901");
    EXPECT_EQ(tracking_url(Courier::EPOST, "6865012345678"),
              "https://service.epost.go.kr/trace.RetrieveDomRigiTraceList.comm?sid1="
              "6865012345678");
}

TEST(CourierTest, AnythingButAWaybillNumberIsSearchedAsGiven) {
    // Dropping the letters would link another parcel: "<script>1" is not waybill 1.
    for (const char* number :
         {"<script>alert(1)</script>", "EE123456789KR", "12&x=3", "１２３", "택배 123", "---"}) {
        EXPECT_TRUE(searches(tracking_url(Courier::CJ, number))) << number;
    }
    EXPECT_EQ(tracking_url(Courier::GS_POSTBOX, "12&x"),
              std::string(kSearch) + "12%26x%20%EB%B0%B0%EC%86%A1%EC%A1%B0%ED%9A%8C");
    EXPECT_TRUE(searches(tracking_url(std::nullopt, "6123-4567-8901")));
}

}  // namespace
}  // namespace formlympics::domain
