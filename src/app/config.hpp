#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "service/session_policy.hpp"
#include "service/sign_in_limits.hpp"
#include "util/logging.hpp"

namespace formlympics::app {

// Everything the server is told at start, from flags and FORMLYMPICS_* environment variables.
struct Config {
    enum class Command { serve, migrate, help, version };
    Command command = Command::serve;
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;
    std::string database_url = "sqlite:var/formlympics.db";
    std::optional<std::string> redis_url;
    std::string redis_prefix = "formlympics";  // namespace of every Redis key
    // Kafka bootstrap servers; unset: the in-process event bus.
    std::optional<std::string> kafka_brokers;
    std::string kafka_prefix = "formlympics";  // topics and consumer group are named after it
    std::optional<std::string> jwt_secret;
    // Proxies whose X-Forwarded-For names the client (a list for http::TrustedProxies::parse).
    std::string trusted_proxies;
    // Limits on failed sign-ins and on sign-ups; not flags, but tests tighten or loosen them.
    service::SignInRules sign_in_rules;
    // Session cookies carry Secure (sent over HTTPS only): set when served over TLS, say behind
    // nginx terminating it.
    bool secure_cookies = false;
    // Where the site is seen (https://shop.example), for link previews' absolute links; empty:
    // the Host each request names.
    std::string public_url;
    // How long browser sessions live; not flags, but tests shorten them.
    service::SessionPolicy session_policy;
    logging::Level log_level = logging::Level::info;
    std::size_t workers = 16;
    std::size_t io_threads = 0;  // 0: one per core
    // Connection timeouts; not flags, but tests shorten them.
    std::chrono::milliseconds idle_timeout{30000};
    std::chrono::milliseconds read_timeout{10000};
    std::chrono::milliseconds heartbeat_interval{15000};  // on an idle event stream
    // A client that reads nothing of a response (or stream) for this long is cut off.
    std::chrono::milliseconds write_timeout{10000};
    // How often the outbox relay looks for waiting events. Writes on this instance wake it at
    // once; the poll catches what other instances wrote and what a failed publish left.
    std::chrono::milliseconds relay_interval{50};
    // How often unpaid orders past their deadline are looked for.
    std::chrono::milliseconds expiry_interval{30000};
    // How long before a form opens its likers hear `opening_soon`.
    std::chrono::milliseconds opening_soon_lead{std::chrono::minutes(10)};

    bool uses_sqlite() const { return database_url.starts_with("sqlite:"); }
    // The SQLite file path (after "sqlite:"); empty for PostgreSQL.
    std::string sqlite_path() const { return uses_sqlite() ? database_url.substr(7) : ""; }
};

// The configuration from the command line and FORMLYMPICS_* environment variables (a flag wins
// over its variable), or a one-line message naming the flag or variable that is wrong.
std::variant<Config, std::string> parse_config(const std::vector<std::string>& args);

// The text --help prints, written from the same descriptions the parsing uses.
std::string usage();

// How one setting is given: its flag (empty: environment only), its environment variable
// (empty: flag only), the placeholder for its value and what it does.
struct SettingDoc {
    std::string flag;
    std::string variable;
    std::string value_name;
    std::string help;
};

// Every setting, in the order --help lists them.
const std::vector<SettingDoc>& setting_docs();

}  // namespace formlympics::app
