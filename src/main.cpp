#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "app/app.hpp"
#include "app/config.hpp"
#include "util/logging.hpp"

namespace {

std::optional<std::string> read_env(const std::string& name) {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr) return std::nullopt;
    return std::string(v);
}

}  // namespace

int main(int argc, char** argv) {
    using formlympics::app::Config;
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = formlympics::app::parse_config(args, read_env);
    if (auto* message = std::get_if<std::string>(&parsed)) {
        std::cerr << "formlympics: " << *message << "\n";
        return 2;
    }
    const auto& config = std::get<Config>(parsed);
    if (config.command == Config::Command::help) {
        std::cout << formlympics::app::usage();
        return 0;
    }
    if (config.command == Config::Command::version) {
        std::cout << "formlympics " << FORMLYMPICS_VERSION << "\n";
        return 0;
    }
    formlympics::util::init_logging(config.log_level);
    try {
        if (config.command == Config::Command::migrate) {
            const auto applied = formlympics::app::migrate_only(config);
            std::cout << "applied " << applied.size() << " migration(s)";
            for (const auto& m : applied) std::cout << " " << m;
            std::cout << "\n";
            return 0;
        }
        formlympics::app::App app(config);
        const auto port = app.listen(true);
        std::cout << "Formlympics listening on http://" << config.host << ":" << port << "/"
                  << std::endl;
        app.run();
        spdlog::info("stopped");
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "formlympics: " << e.what() << "\n";
        return 1;
    }
}
