#include "util/rfc3339.hpp"

#include <cstdio>

namespace formlympics::util {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

unsigned days_in_month(int y, int m) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<Millis> parse_rfc3339(std::string_view s) {
    int y, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) ||
        s[7] != '-' || !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't') ||
        !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
        !digits(s, 17, 2, sec)) {
        return std::nullopt;
    }
    if (mo < 1 || mo > 12 || d < 1 || d > static_cast<int>(days_in_month(y, mo)) || h > 23 ||
        mi > 59 || sec > 59) {
        return std::nullopt;
    }
    std::size_t pos = 19;
    Millis frac_ms = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        Millis scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            frac_ms += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
            ++n;
        }
        if (n == 0) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    Millis offset_ms = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset_ms = (oh * 60 + om) * 60000LL * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const auto days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const auto ms = ((days * 24 + h) * 60 + mi) * 60000LL + sec * 1000LL + frac_ms - offset_ms;
    // An offset can carry year 0000 or 9999 past the years format_rfc3339 writes in UTC.
    static const auto earliest = days_from_civil(0, 1, 1) * 86400000LL;
    static const auto latest = days_from_civil(10000, 1, 1) * 86400000LL;
    if (ms < earliest || ms >= latest) return std::nullopt;
    return ms;
}

std::string format_rfc3339(Millis ms) {
    std::int64_t days = ms >= 0 ? ms / 86400000 : (ms - 86399999) / 86400000;
    Millis rem = ms - days * 86400000;
    std::int64_t y;
    unsigned m, d;
    civil_from_days(days, y, m, d);
    const int h = static_cast<int>(rem / 3600000);
    const int mi = static_cast<int>(rem / 60000 % 60);
    const int s = static_cast<int>(rem / 1000 % 60);
    const int milli = static_cast<int>(rem % 1000);
    char buf[40];
    if (milli == 0) {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                      static_cast<long long>(y), m, d, h, mi, s);
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                      static_cast<long long>(y), m, d, h, mi, s, milli);
    }
    return buf;
}

}  // namespace formlympics::util
