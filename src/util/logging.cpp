#include "util/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace formlympics::logging {

namespace {

spdlog::level::level_enum ours(Level level) {
    switch (level) {
        case Level::trace:
            return spdlog::level::trace;
        case Level::debug:
            return spdlog::level::debug;
        case Level::info:
            return spdlog::level::info;
        case Level::warn:
            return spdlog::level::warn;
        case Level::error:
            return spdlog::level::err;
        case Level::off:
            break;
    }
    return spdlog::level::off;
}

}  // namespace

std::optional<Level> parse_level(std::string_view name) {
    if (name == "trace") return Level::trace;
    if (name == "debug") return Level::debug;
    if (name == "info") return Level::info;
    if (name == "warn") return Level::warn;
    if (name == "error") return Level::error;
    if (name == "off") return Level::off;
    return std::nullopt;
}

void init(Level level) {
    auto logger = spdlog::stderr_logger_mt("formlympics");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    set_level(level);
}

void set_level(Level level) { spdlog::set_level(ours(level)); }

bool enabled(Level level) { return spdlog::should_log(ours(level)); }

void write(Level level, std::string_view line) {
    spdlog::default_logger_raw()->log(ours(level), spdlog::string_view_t(line.data(), line.size()));
}

}  // namespace formlympics::logging
