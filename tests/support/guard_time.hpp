#pragma once

#include <chrono>

namespace formlympics::test {

// How long a test waits for what should happen at once: only a failing test waits this long.
inline constexpr std::chrono::seconds kGuard{10};

}  // namespace formlympics::test
