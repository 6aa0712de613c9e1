#include "app/config.hpp"

#include <arpa/inet.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#include "http/client_address.hpp"
#include "redis/redis_client.hpp"
#include "util/jwt.hpp"
#include "util/logging.hpp"

namespace formlympics::app {
namespace {

std::optional<long> to_number(std::string_view s) {
    long v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

bool is_ip_address(const std::string& host) {
    unsigned char buf[16];
    return inet_pton(AF_INET, host.c_str(), buf) == 1 ||
           inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

// 1 to 64 letters, digits and the given punctuation.
bool is_name(std::string_view value, std::string_view punctuation) {
    return !value.empty() && value.size() <= 64 &&
           std::all_of(value.begin(), value.end(), [&](char ch) {
               return std::isalnum(static_cast<unsigned char>(ch)) ||
                      punctuation.find(ch) != std::string_view::npos;
           });
}

// host:port[,host:port...], as Kafka's bootstrap.servers.
bool is_broker_list(std::string_view value) {
    if (value.empty()) return false;
    while (true) {
        const auto comma = value.find(',');
        const auto broker = value.substr(0, comma);
        const auto colon = broker.rfind(':');
        if (colon == std::string_view::npos || colon == 0 ||
            !is_name(broker.substr(0, colon), ".-[]:")) {
            return false;
        }
        const auto port = to_number(broker.substr(colon + 1));
        if (!port || *port < 1 || *port > 65535) return false;
        if (comma == std::string_view::npos) return true;
        value.remove_prefix(comma + 1);
    }
}

using Apply = std::function<std::optional<std::string>(Config&, const std::string&)>;

std::optional<std::string> apply_listen(Config& c, const std::string& value) {
    const auto colon = value.rfind(':');
    if (colon == std::string::npos) return "wants HOST:PORT, got '" + value + "'";
    std::string host = value.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    }
    if (host == "localhost") host = "127.0.0.1";
    const auto port = to_number(std::string_view(value).substr(colon + 1));
    if (!is_ip_address(host)) return "wants an IP address, got '" + host + "'";
    if (!port || *port < 0 || *port > 65535) return "has an invalid port in '" + value + "'";
    c.host = host;
    c.port = static_cast<std::uint16_t>(*port);
    return std::nullopt;
}

std::optional<std::string> apply_database_url(Config& c, const std::string& value) {
    const bool sqlite = value.starts_with("sqlite:") && value.size() > 7;
    const bool pg = value.starts_with("postgresql://") || value.starts_with("postgres://");
    if (!sqlite && !pg) return "wants sqlite:PATH or postgresql://..., got '" + value + "'";
    c.database_url = value;
    return std::nullopt;
}

std::optional<std::string> apply_redis_url(Config& c, const std::string& value) {
    if (!value.empty() && !redis::parse_redis_url(value)) {
        return "wants redis://[:password@]host[:port][/db], got '" + value + "'";
    }
    c.redis_url = value.empty() ? std::nullopt : std::optional(value);
    return std::nullopt;
}

// A name of 1 to 64 letters, digits and `punctuation`, stored in `field`.
Apply name_setting(std::string Config::*field, std::string_view punctuation,
                   const std::string& described) {
    return [=](Config& c, const std::string& value) -> std::optional<std::string> {
        if (!is_name(value, punctuation)) {
            return "wants 1-64 letters, digits, " + described + ", got '" + value + "'";
        }
        c.*field = value;
        return std::nullopt;
    };
}

std::optional<std::string> apply_kafka_brokers(Config& c, const std::string& value) {
    if (!value.empty() && !is_broker_list(value)) {
        return "wants host:port[,host:port...], got '" + value + "'";
    }
    c.kafka_brokers = value.empty() ? std::nullopt : std::optional(value);
    return std::nullopt;
}

constexpr long kMinutesInAWeek = 7L * 24 * 60;

std::optional<std::string> apply_opening_soon(Config& c, const std::string& value) {
    const auto n = to_number(value);
    if (!n || *n < 1 || *n > kMinutesInAWeek) {
        return "wants 1 to " + std::to_string(kMinutesInAWeek) + ", got '" + value + "'";
    }
    c.opening_soon_lead = std::chrono::minutes(*n);
    return std::nullopt;
}

std::optional<std::string> apply_trusted_proxies(Config& c, const std::string& value) {
    if (!http::TrustedProxies::parse(value)) {
        return "wants IP addresses or networks such as 10.0.0.0/8, separated by commas, got '" +
               value + "'";
    }
    c.trusted_proxies = value;
    return std::nullopt;
}

std::optional<std::string> apply_public_url(Config& c, const std::string& value) {
    std::string_view rest = value;
    for (std::string_view scheme : {"https://", "http://"}) {
        if (rest.starts_with(scheme)) rest.remove_prefix(scheme.size());
    }
    const bool host_only = rest.size() != value.size() && !rest.empty() && rest.size() <= 253 &&
                           std::all_of(rest.begin(), rest.end(), [](char ch) {
                               return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' ||
                                      ch == '-' || ch == ':';
                           });
    if (!host_only) return "wants http(s)://host[:port] and nothing after it, got '" + value + "'";
    c.public_url = value;
    return std::nullopt;
}

std::optional<std::string> apply_secure_cookies(Config& c, const std::string& value) {
    if (value != "yes" && value != "no") return "wants yes or no, got '" + value + "'";
    c.secure_cookies = value == "yes";
    return std::nullopt;
}

std::optional<std::string> apply_log_level(Config& c, const std::string& value) {
    auto level = logging::parse_level(value);
    if (!level) return "wants trace, debug, info, warn, error or off, got '" + value + "'";
    c.log_level = *level;
    return std::nullopt;
}

constexpr long kMaxThreads = 1024;

// A thread count from 1 to kMaxThreads, stored in `field`.
Apply thread_setting(std::size_t Config::*field) {
    return [=](Config& c, const std::string& value) -> std::optional<std::string> {
        const auto n = to_number(value);
        if (!n || *n < 1 || *n > kMaxThreads) {
            return "wants 1 to " + std::to_string(kMaxThreads) + ", got '" + value + "'";
        }
        c.*field = static_cast<std::size_t>(*n);
        return std::nullopt;
    };
}

std::optional<std::string> apply_jwt_secret(Config& c, const std::string& value) {
    if (value.size() < util::kMinSecretBytes) {
        return "must be at least " + std::to_string(util::kMinSecretBytes) + " bytes (it has " +
               std::to_string(value.size()) + ")";
    }
    c.jwt_secret = value;
    return std::nullopt;
}

struct Setting {
    SettingDoc doc;
    Apply apply;
};

// Every setting, in the order --help lists them. The README's configuration table lists the
// same flags and variables (a unit test holds them together).
const std::vector<Setting>& settings() {
    static const std::vector<Setting> all = {
        {{"--listen", "FORMLYMPICS_LISTEN", "HOST:PORT", "address to serve on (127.0.0.1:8080)"},
         apply_listen},
        {{"--database-url", "FORMLYMPICS_DATABASE_URL", "URL",
          "sqlite:PATH or postgresql://... (sqlite:var/formlympics.db)"},
         apply_database_url},
        {{"--redis-url", "FORMLYMPICS_REDIS_URL", "URL",
          "redis://[:password@]host[:port][/db]; unset: the in-process cache"},
         apply_redis_url},
        {{"--redis-prefix", "FORMLYMPICS_REDIS_PREFIX", "NAME",
          "namespace of every Redis key (formlympics)"},
         name_setting(&Config::redis_prefix, "-_:", "'-', '_' or ':'")},
        {{"--kafka-brokers", "FORMLYMPICS_KAFKA_BROKERS", "LIST",
          "host:port[,host:port...]; unset: the in-process event bus"},
         apply_kafka_brokers},
        {{"--kafka-prefix", "FORMLYMPICS_KAFKA_PREFIX", "NAME",
          "topics NAME.likes|orders|forms and consumer group NAME.notifications (formlympics)"},
         name_setting(&Config::kafka_prefix, "-_.", "'-', '_' or '.'")},
        {{"--opening-soon-minutes", "FORMLYMPICS_OPENING_SOON_MINUTES", "N",
          "likers hear opening_soon N minutes before a form opens (10)"},
         apply_opening_soon},
        {{"--trusted-proxies", "FORMLYMPICS_TRUSTED_PROXIES", "LIST",
          "proxies (addresses or networks) whose X-Forwarded-For names the client; unset: the "
          "client is the peer"},
         apply_trusted_proxies},
        {{"--public-url", "FORMLYMPICS_PUBLIC_URL", "URL",
          "where visitors see the site (https://shop.example), for the absolute links of link "
          "previews; unset: the Host of each request"},
         apply_public_url},
        {{"--secure-cookies", "FORMLYMPICS_SECURE_COOKIES", "BOOL",
          "mark the session cookie Secure (HTTPS only): yes when served over TLS, say behind "
          "nginx (no)"},
         apply_secure_cookies},
        {{"--log-level", "FORMLYMPICS_LOG_LEVEL", "LEVEL",
          "trace|debug|info|warn|error|off (info)"},
         apply_log_level},
        {{"--workers", "FORMLYMPICS_WORKERS", "N", "threads for blocking work (16)"},
         thread_setting(&Config::workers)},
        {{"--io-threads", "", "N", "network threads (one per core)"},
         thread_setting(&Config::io_threads)},
        // Read from the environment only: other users can read a process's arguments.
        {{"", "FORMLYMPICS_JWT_SECRET", "SECRET",
          "token signing secret, at least 32 bytes; with SQLite and none set, one is generated "
          "and kept beside the database"},
         apply_jwt_secret},
    };
    return all;
}

// Whether `flag` is given among `args`, as `--flag VALUE` or `--flag=VALUE`.
bool given(const std::vector<std::string>& args, const std::string& flag) {
    return std::any_of(args.begin(), args.end(), [&](const std::string& a) {
        return a == flag || a.starts_with(flag + "=");
    });
}

// The flag a variable would have (FORMLYMPICS_JWT_SECRET: --jwt-secret).
std::string flag_for(std::string_view variable) {
    std::string out = "--";
    for (char ch : variable.substr(std::string_view("FORMLYMPICS_").size())) {
        out += ch == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    }
    return out;
}

// The command line and the environment, described to CLI11 from settings(): parsing applies
// each value to `config`, and the help is written from the same descriptions.
class Parser {
  public:
    Parser(Config& config, const std::vector<std::string>& args) {
        // Options given before or after the command are the same options.
        cli_.fallthrough();
        cli_.allow_extras();
        cli_.set_version_flag("--version", std::string("formlympics ") + FORMLYMPICS_VERSION);
        std::string environment_only;
        for (const auto& s : settings()) {
            const auto flag = s.doc.flag.empty() ? flag_for(s.doc.variable) : s.doc.flag;
            // Named after where the value came from, so the message points at what to fix.
            const auto source = s.doc.variable.empty() || given(args, flag) ? flag : s.doc.variable;
            auto* option = cli_.add_option_function<std::string>(
                flag,
                [&config, &s, source](const std::string& value) {
                    if (auto err = s.apply(config, value)) throw CLI::ValidationError(source, *err);
                },
                s.doc.help);
            option->type_name(s.doc.value_name);
            if (!s.doc.variable.empty()) option->envname(s.doc.variable);
            if (s.doc.flag.empty()) {
                option->group("");  // not offered as a flag; parse() refuses it there
                environment_only +=
                    "\n  " + s.doc.variable + " " + s.doc.value_name + "\n      " + s.doc.help;
            }
        }
        cli_.add_subcommand("serve", "apply pending migrations and serve HTTP (the default)");
        migrate_ = cli_.add_subcommand("migrate", "apply pending migrations and exit");
        cli_.require_subcommand(0, 1);
        cli_.footer(
            "Each option is also read from the environment variable shown.\n"
            "Read from the environment only:" +
            environment_only);
    }

    std::string help() const { return cli_.help(); }

    // Parses `args` into the config; a one-line message when something is wrong.
    std::optional<std::string> parse(const std::vector<std::string>& args, Config& config) {
        for (const auto& s : settings()) {
            if (!s.doc.flag.empty()) continue;
            const auto flag = flag_for(s.doc.variable);
            if (given(args, flag)) {
                return flag +
                       " is not accepted on the command line (other users can read it); set " +
                       s.doc.variable;
            }
        }
        // CLI11 takes the arguments last first.
        std::vector<std::string> reversed(args.rbegin(), args.rend());
        try {
            cli_.parse(reversed);
        } catch (const CLI::CallForHelp&) {
            config.command = Config::Command::help;
            return std::nullopt;
        } catch (const CLI::CallForVersion&) {
            config.command = Config::Command::version;
            return std::nullopt;
        } catch (const CLI::ParseError& e) {
            return std::string(e.what());
        }
        for (const auto& extra : cli_.remaining()) {
            if (extra.starts_with("-")) return "unknown option " + extra + " (see --help)";
            return "unexpected argument '" + extra + "' (see --help)";
        }
        if (migrate_->parsed()) config.command = Config::Command::migrate;
        return std::nullopt;
    }

  private:
    CLI::App cli_{"Formlympics: first-come-first-served sale forms.", "formlympics"};
    CLI::App* migrate_ = nullptr;
};

}  // namespace

const std::vector<SettingDoc>& setting_docs() {
    static const std::vector<SettingDoc> docs = [] {
        std::vector<SettingDoc> out;
        for (const auto& s : settings()) out.push_back(s.doc);
        return out;
    }();
    return docs;
}

std::variant<Config, std::string> parse_config(const std::vector<std::string>& args) {
    Config config;
    Parser parser(config, args);
    if (auto err = parser.parse(args, config)) return *err;
    return config;
}

std::string usage() {
    Config config;
    return Parser(config, {}).help();
}

}  // namespace formlympics::app
