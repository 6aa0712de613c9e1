#include <cstdlib>
#include <iostream>
#include <optional>

#include "app/app.hpp"
#include "app/config.hpp"
#include "util/logging.hpp"

namespace {

// A message as one line: libpq, say, explains over several.
std::string one_line(std::string_view text) {
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\r' || c == '\t' || c == ' ';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

int run(const std::vector<std::string>& args) {
    using formlympics::app::Config;
    auto parsed = formlympics::app::parse_config(args);
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
    formlympics::logging::init(config.log_level);
    // Anything that stops the start (an address in use, a database out of reach, a bad
    // secret) is one line and exit status 2, like a bad flag; a failure while serving is 1.
    std::optional<formlympics::app::App> app;
    std::uint16_t port = 0;
    try {
        if (config.command == Config::Command::migrate) {
            const auto applied = formlympics::app::migrate_only(config);
            std::cout << "applied " << applied.size() << " migration(s)";
            for (const auto& m : applied) std::cout << " " << m;
            std::cout << "\n";
            return 0;
        }
        app.emplace(config);
        port = app->listen(true);
    } catch (const std::exception& e) {
        std::cerr << "formlympics: " << one_line(e.what()) << "\n";
        return 2;
    }
    std::cout << "Formlympics listening on http://" << config.host << ":" << port << "/"
              << std::endl;
    try {
        app->run();
    } catch (const std::exception& e) {
        std::cerr << "formlympics: " << e.what() << "\n";
        return 1;
    }
    formlympics::logging::info("stopped");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        return run(std::vector<std::string>(argv + 1, argv + argc));
    } catch (const std::exception& e) {
        std::cerr << "formlympics: " << e.what() << "\n";
        return 1;
    }
}
