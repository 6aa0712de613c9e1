#include "app/config.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>
#include <charconv>

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

// Applies one setting by its flag name; a message when the value is wrong.
std::optional<std::string> apply(Config& c, std::string_view name, const std::string& value) {
    if (name == "listen") {
        const auto colon = value.rfind(':');
        if (colon == std::string::npos) return "--listen wants HOST:PORT, got '" + value + "'";
        std::string host = value.substr(0, colon);
        if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
            host = host.substr(1, host.size() - 2);
        }
        if (host == "localhost") host = "127.0.0.1";
        const auto port = to_number(std::string_view(value).substr(colon + 1));
        if (!is_ip_address(host)) return "--listen wants an IP address, got '" + host + "'";
        if (!port || *port < 0 || *port > 65535)
            return "--listen has an invalid port in '" + value + "'";
        c.host = host;
        c.port = static_cast<std::uint16_t>(*port);
    } else if (name == "database-url") {
        const bool sqlite = value.starts_with("sqlite:") && value.size() > 7;
        const bool pg = value.starts_with("postgresql://") || value.starts_with("postgres://");
        if (!sqlite && !pg) {
            return "--database-url wants sqlite:PATH or postgresql://..., got '" + value + "'";
        }
        c.database_url = value;
    } else if (name == "redis-url") {
        if (!value.empty() && !redis::parse_redis_url(value)) {
            return "--redis-url wants redis://[:password@]host[:port][/db], got '" + value + "'";
        }
        c.redis_url = value.empty() ? std::nullopt : std::optional(value);
    } else if (name == "redis-prefix") {
        if (!is_name(value, "-_:"))
            return "--redis-prefix wants 1-64 letters, digits, '-', '_' or ':', got '" + value +
                   "'";
        c.redis_prefix = value;
    } else if (name == "kafka-brokers") {
        if (!value.empty() && !is_broker_list(value)) {
            return "--kafka-brokers wants host:port[,host:port...], got '" + value + "'";
        }
        c.kafka_brokers = value.empty() ? std::nullopt : std::optional(value);
    } else if (name == "kafka-prefix") {
        if (!is_name(value, "-_.")) {
            return "--kafka-prefix wants 1-64 letters, digits, '-', '_' or '.', got '" + value +
                   "'";
        }
        c.kafka_prefix = value;
    } else if (name == "opening-soon-minutes") {
        const auto n = to_number(value);
        if (!n || *n < 1 || *n > 7 * 24 * 60)
            return "--opening-soon-minutes wants 1 to 10080, got '" + value + "'";
        c.opening_soon_lead = std::chrono::minutes(*n);
    } else if (name == "trusted-proxies") {
        if (!http::TrustedProxies::parse(value)) {
            return "--trusted-proxies wants IP addresses or networks such as 10.0.0.0/8, "
                   "separated by commas, got '" +
                   value + "'";
        }
        c.trusted_proxies = value;
    } else if (name == "log-level") {
        auto level = util::parse_log_level(value);
        if (!level)
            return "--log-level wants trace, debug, info, warn, error or off, got '" + value + "'";
        c.log_level = *level;
    } else if (name == "workers" || name == "io-threads") {
        const auto n = to_number(value);
        if (!n || *n < 1 || *n > 1024)
            return "--" + std::string(name) + " wants 1 to 1024, got '" + value + "'";
        (name == "workers" ? c.workers : c.io_threads) = static_cast<std::size_t>(*n);
    } else if (name == "jwt-secret") {
        if (value.size() < 32) {
            return "FORMLYMPICS_JWT_SECRET must be at least 32 bytes (it has " +
                   std::to_string(value.size()) + ")";
        }
        c.jwt_secret = value;
    } else {
        return "unknown option --" + std::string(name) + " (see --help)";
    }
    return std::nullopt;
}

struct EnvSetting {
    const char* variable;
    const char* flag;
};
constexpr EnvSetting kEnvironment[] = {
    {"FORMLYMPICS_LISTEN", "listen"},
    {"FORMLYMPICS_DATABASE_URL", "database-url"},
    {"FORMLYMPICS_REDIS_URL", "redis-url"},
    {"FORMLYMPICS_REDIS_PREFIX", "redis-prefix"},
    {"FORMLYMPICS_KAFKA_BROKERS", "kafka-brokers"},
    {"FORMLYMPICS_KAFKA_PREFIX", "kafka-prefix"},
    {"FORMLYMPICS_LOG_LEVEL", "log-level"},
    {"FORMLYMPICS_WORKERS", "workers"},
    {"FORMLYMPICS_JWT_SECRET", "jwt-secret"},
    {"FORMLYMPICS_OPENING_SOON_MINUTES", "opening-soon-minutes"},
    {"FORMLYMPICS_TRUSTED_PROXIES", "trusted-proxies"},
};

bool is_known_flag(std::string_view name) {
    if (name == "io-threads") return true;
    for (const auto& e : kEnvironment) {
        if (name == e.flag) return true;
    }
    return false;
}

}  // namespace

std::variant<Config, std::string> parse_config(const std::vector<std::string>& args,
                                               const Getenv& getenv) {
    Config c;
    for (const auto& e : kEnvironment) {
        if (auto v = getenv(e.variable)) {
            if (auto err = apply(c, e.flag, *v)) return std::string(e.variable) + ": " + *err;
        }
    }
    bool command_seen = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--help" || a == "-h") {
            c.command = Config::Command::help;
            return c;
        }
        if (a == "--version") {
            c.command = Config::Command::version;
            return c;
        }
        if (a.starts_with("--")) {
            std::string name = a.substr(2);
            std::string value;
            const auto eq = name.find('=');
            if (eq != std::string::npos) {
                value = name.substr(eq + 1);
                name = name.substr(0, eq);
            }
            if (name == "jwt-secret") {
                return std::string(
                    "--jwt-secret is not accepted on the command line (other users "
                    "can read it); set FORMLYMPICS_JWT_SECRET");
            }
            if (!is_known_flag(name)) return "unknown option --" + name + " (see --help)";
            if (eq == std::string::npos) {
                if (i + 1 >= args.size()) return "option --" + name + " needs a value";
                value = args[++i];
            }
            if (auto err = apply(c, name, value)) return *err;
        } else if (!command_seen && (a == "serve" || a == "migrate")) {
            c.command = a == "serve" ? Config::Command::serve : Config::Command::migrate;
            command_seen = true;
        } else {
            return "unexpected argument '" + a + "' (see --help)";
        }
    }
    return c;
}

std::string usage() {
    return R"(Usage: formlympics [serve|migrate] [options]

Commands:
  serve      apply pending migrations and serve HTTP (the default)
  migrate    apply pending migrations and exit

Options (each also read from the environment variable shown):
  --listen HOST:PORT       FORMLYMPICS_LISTEN        default 127.0.0.1:8080
  --database-url URL       FORMLYMPICS_DATABASE_URL  sqlite:PATH or postgresql://...
                                                     default sqlite:var/formlympics.db
  --redis-url URL          FORMLYMPICS_REDIS_URL     redis://host:port; unset: in-process cache
  --redis-prefix NAME      FORMLYMPICS_REDIS_PREFIX  namespace of Redis keys (formlympics)
  --kafka-brokers LIST     FORMLYMPICS_KAFKA_BROKERS host:port[,...]; unset: in-process bus
  --kafka-prefix NAME      FORMLYMPICS_KAFKA_PREFIX  topics NAME.likes|orders|forms and consumer
                                                     group NAME.notifications (formlympics)
  --opening-soon-minutes N FORMLYMPICS_OPENING_SOON_MINUTES
                                                     likers hear opening_soon N minutes
                                                     before a form opens (10)
  --trusted-proxies LIST   FORMLYMPICS_TRUSTED_PROXIES
                                                     proxies (addresses or networks) whose
                                                     X-Forwarded-For names the client; unset:
                                                     the client is the peer
  --log-level LEVEL        FORMLYMPICS_LOG_LEVEL     trace|debug|info|warn|error|off (info)
  --workers N              FORMLYMPICS_WORKERS       threads for blocking work (16)
  --io-threads N                                     network threads (one per core)
                           FORMLYMPICS_JWT_SECRET    token signing secret, at least 32 bytes;
                                                     with SQLite and none set, one is generated
                                                     and kept in the data directory
  --help, --version
)";
}

}  // namespace formlympics::app
