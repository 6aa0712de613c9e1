#include "util/rfc3339.hpp"

#include <gtest/gtest.h>

namespace formlympics::util {
namespace {

TEST(Rfc3339Test, ParsesZonesAndFractions) {
    EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
    EXPECT_EQ(parse_rfc3339("2026-12-01T20:00:00+09:00"), parse_rfc3339("2026-12-01T11:00:00Z"));
    EXPECT_EQ(parse_rfc3339("2026-12-01T11:00:00.25Z").value() -
                  parse_rfc3339("2026-12-01T11:00:00Z").value(),
              250);
    EXPECT_EQ(parse_rfc3339("2024-02-29T00:00:00Z").value(), 1709164800000);
}

TEST(Rfc3339Test, RefusesWhatIsNotATime) {
    for (const char* bad :
         {"", "2026-12-01", "2026-12-01 11:00:00Z", "2026-13-01T00:00:00Z", "2025-02-29T00:00:00Z",
          "2026-12-01T24:00:00Z", "2026-12-01T11:00:00", "2026-12-01T11:00:00+9",
          "2026-12-01T11:00:00.Z", "2026-12-01T11:00:00Zx",
          // Found by the fuzzer: offsets carrying the instant outside 0000-9999 UTC, which
          // format_rfc3339 cannot write back.
          "0000-01-01T02:08:00+09:00", "9999-12-31T23:00:00-01:00"}) {
        EXPECT_FALSE(parse_rfc3339(bad)) << bad;
    }
}

TEST(Rfc3339Test, FormatsUtcAndRoundTrips) {
    EXPECT_EQ(format_rfc3339(0), "1970-01-01T00:00:00Z");
    EXPECT_EQ(format_rfc3339(1709164800123), "2024-02-29T00:00:00.123Z");
    for (Millis ms : {0LL, 1LL, 86399999LL, 1800000000000LL, -1LL}) {
        EXPECT_EQ(parse_rfc3339(format_rfc3339(ms)), ms) << ms;
    }
}

}  // namespace
}  // namespace formlympics::util
