#pragma once

// Log lines, formatted by fmt and written by spdlog to stderr.
// The templates here only format, with fmt's compiled formatter; spdlog's own templates are used
// in logging.cpp alone. Each file calling them compiled spdlog's whole formatting machinery
// again: about 3 s a file, 9 s under the sanitizers.

#include <fmt/core.h>

#include <optional>
#include <string_view>
#include <utility>

namespace formlympics::logging {

enum class Level { trace, debug, info, warn, error, off };

// The level named by one of trace, debug, info, warn, error, off; nullopt otherwise.
std::optional<Level> parse_level(std::string_view name);
// Sends log lines to stderr with UTC timestamps, from the given level up.
void init(Level level);
void set_level(Level level);
bool enabled(Level level);
// Writes one line as it is.
void write(Level level, std::string_view line);

template <typename... Args>
void log(Level level, fmt::format_string<Args...> format, Args&&... args) {
    if (enabled(level)) write(level, fmt::vformat(format, fmt::make_format_args(args...)));
}
template <typename... Args>
void debug(fmt::format_string<Args...> format, Args&&... args) {
    log(Level::debug, format, std::forward<Args>(args)...);
}
template <typename... Args>
void info(fmt::format_string<Args...> format, Args&&... args) {
    log(Level::info, format, std::forward<Args>(args)...);
}
template <typename... Args>
void warn(fmt::format_string<Args...> format, Args&&... args) {
    log(Level::warn, format, std::forward<Args>(args)...);
}
template <typename... Args>
void error(fmt::format_string<Args...> format, Args&&... args) {
    log(Level::error, format, std::forward<Args>(args)...);
}

}  // namespace formlympics::logging
