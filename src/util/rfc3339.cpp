#include "util/rfc3339.hpp"

#include <chrono>
#include <cstdio>

namespace formlympics::util {
namespace {

namespace chrono = std::chrono;
using Instant = chrono::sys_time<chrono::milliseconds>;

// The instants whose UTC year format_rfc3339 writes in four digits.
constexpr Instant kEarliest{chrono::sys_days{chrono::year{0} / 1 / 1}};
constexpr Instant kEnd{chrono::sys_days{chrono::year{10000} / 1 / 1}};

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
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
    const chrono::year_month_day date{chrono::year{y}, chrono::month{static_cast<unsigned>(mo)},
                                      chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    std::size_t pos = 19;
    chrono::milliseconds frac{0};
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        Millis scale = 100;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            frac += chrono::milliseconds{(s[pos] - '0') * scale};
            scale /= 10;
            ++pos;
            ++n;
        }
        if (n == 0) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    chrono::minutes offset{0};
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int oh, om;
        if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
            !digits(s, pos + 4, 2, om) || oh > 23 || om > 59) {
            return std::nullopt;
        }
        offset = (chrono::hours{oh} + chrono::minutes{om}) * (s[pos] == '+' ? 1 : -1);
        pos += 6;
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    const Instant at = chrono::sys_days{date} + chrono::hours{h} + chrono::minutes{mi} +
                       chrono::seconds{sec} + frac - offset;
    if (at < kEarliest || at >= kEnd) return std::nullopt;
    return at.time_since_epoch().count();
}

std::string format_rfc3339(Millis ms) {
    const Instant at{chrono::milliseconds{ms}};
    const auto midnight = chrono::floor<chrono::days>(at);
    const chrono::year_month_day date{midnight};
    const chrono::hh_mm_ss time{at - midnight};
    const auto milli = time.subseconds().count();
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    std::string out = buf;
    if (milli != 0) {
        std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(milli));
        out += buf;
    }
    return out + "Z";
}

}  // namespace formlympics::util
