#include "service/attempt_limiter.hpp"

#include <algorithm>

namespace formlympics::service {

AttemptState count_attempt(AttemptState s, const AttemptRule& rule, std::int64_t now) {
    const auto window = std::max<std::int64_t>(1, rule.window.count());
    if (s.count == 0 || now < s.window_start) {
        s.count = 0;
        s.window_start = now;
    } else if (const auto passed = (now - s.window_start) / window; passed > 0) {
        s.count = std::max<std::int64_t>(0, s.count - passed * rule.free);
        s.window_start += passed * window;
    }
    ++s.count;
    if (s.count >= rule.free) {
        const auto doublings = std::min<std::int64_t>(s.count - rule.free, 40);
        const auto max_wait = rule.max_wait.count();
        auto wait = rule.first_wait.count();
        for (std::int64_t i = 0; i < doublings && wait < max_wait; ++i) wait *= 2;
        s.wait_until = std::max(s.wait_until, now + std::min(wait, max_wait));
    }
    return s;
}

}  // namespace formlympics::service
