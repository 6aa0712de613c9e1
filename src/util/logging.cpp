#include "util/logging.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace formlympics::util {

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
    using spdlog::level::level_enum;
    if (name == "trace") return level_enum::trace;
    if (name == "debug") return level_enum::debug;
    if (name == "info") return level_enum::info;
    if (name == "warn") return level_enum::warn;
    if (name == "error") return level_enum::err;
    if (name == "off") return level_enum::off;
    return std::nullopt;
}

void init_logging(spdlog::level::level_enum level) {
    auto logger = spdlog::stderr_logger_mt("formlympics");
    spdlog::set_default_logger(logger);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
    spdlog::set_level(level);
}

}  // namespace formlympics::util
