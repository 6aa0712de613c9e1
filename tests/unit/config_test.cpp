#include "app/config.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

extern char** environ;

namespace formlympics::app {
namespace {

// Exactly the given FORMLYMPICS_* variables, for one parse; the others are put back after.
class ScopedEnvironment {
  public:
    explicit ScopedEnvironment(const std::map<std::string, std::string>& set) {
        for (char** e = environ; *e != nullptr; ++e) {
            const std::string entry = *e;
            if (!entry.starts_with("FORMLYMPICS_")) continue;
            const auto eq = entry.find('=');
            saved_[entry.substr(0, eq)] = entry.substr(eq + 1);
        }
        for (const auto& [name, value] : saved_) unsetenv(name.c_str());
        for (const auto& [name, value] : set) setenv(name.c_str(), value.c_str(), 1);
        set_ = set;
    }
    ~ScopedEnvironment() {
        for (const auto& [name, value] : set_) unsetenv(name.c_str());
        for (const auto& [name, value] : saved_) setenv(name.c_str(), value.c_str(), 1);
    }

  private:
    std::map<std::string, std::string> saved_;
    std::map<std::string, std::string> set_;
};

std::variant<Config, std::string> parse(std::vector<std::string> args,
                                        std::map<std::string, std::string> env = {}) {
    ScopedEnvironment scope(env);
    return parse_config(args);
}

Config ok(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    auto r = parse(std::move(args), std::move(env));
    if (auto* e = std::get_if<std::string>(&r)) ADD_FAILURE() << *e;
    return std::get<Config>(r);
}

std::string error(std::vector<std::string> args, std::map<std::string, std::string> env = {}) {
    auto r = parse(std::move(args), std::move(env));
    if (std::holds_alternative<Config>(r)) {
        ADD_FAILURE() << "accepted";
        return "";
    }
    return std::get<std::string>(r);
}

TEST(ConfigTest, DefaultsToServingTheEmbeddedStoreOnLocalhost8080) {
    const auto c = ok({});
    EXPECT_EQ(c.command, Config::Command::serve);
    EXPECT_EQ(c.host, "127.0.0.1");
    EXPECT_EQ(c.port, 8080);
    EXPECT_TRUE(c.uses_sqlite());
    EXPECT_EQ(c.sqlite_path(), "var/formlympics.db");
    EXPECT_FALSE(c.redis_url);
    EXPECT_FALSE(c.kafka_brokers);
    EXPECT_FALSE(c.jwt_secret);
}

TEST(ConfigTest, ReadsTheEnvironment) {
    const auto c = ok({}, {{"FORMLYMPICS_LISTEN", "0.0.0.0:9000"},
                           {"FORMLYMPICS_DATABASE_URL", "postgresql://u@h:5/db"},
                           {"FORMLYMPICS_REDIS_URL", "redis://127.0.0.1:6380"},
                           {"FORMLYMPICS_JWT_SECRET", std::string(40, 'x')},
                           {"FORMLYMPICS_LOG_LEVEL", "debug"}});
    EXPECT_EQ(c.host, "0.0.0.0");
    EXPECT_EQ(c.port, 9000);
    EXPECT_FALSE(c.uses_sqlite());
    EXPECT_EQ(c.redis_url, "redis://127.0.0.1:6380");
    EXPECT_EQ(c.jwt_secret, std::string(40, 'x'));
    EXPECT_EQ(c.log_level, logging::Level::debug);
}

TEST(ConfigTest, ReadsKafkaBrokersAndPrefix) {
    const auto c = ok({"--kafka-prefix", "shop.eu"},
                      {{"FORMLYMPICS_KAFKA_BROKERS", "k1.internal:9092,10.0.0.2:9093"}});
    EXPECT_EQ(c.kafka_brokers, "k1.internal:9092,10.0.0.2:9093");
    EXPECT_EQ(c.kafka_prefix, "shop.eu");
    EXPECT_FALSE(ok({"--kafka-brokers", ""}).kafka_brokers);  // empty: the in-process bus
    for (const auto* bad : {"k1", "k1:", "k1:0", "k1:9092,", ":9092", "k 1:9092", "k1:99999"}) {
        EXPECT_NE(error({"--kafka-brokers", bad}).find("host:port"), std::string::npos) << bad;
    }
    EXPECT_NE(error({"--kafka-prefix", "a/b"}).find("kafka-prefix"), std::string::npos);
}

TEST(ConfigTest, FlagsOverrideTheEnvironment) {
    const auto c = ok({"serve", "--listen", "127.0.0.1:7000", "--database-url=sqlite:/tmp/x.db"},
                      {{"FORMLYMPICS_LISTEN", "127.0.0.1:9000"}});
    EXPECT_EQ(c.port, 7000);
    EXPECT_EQ(c.sqlite_path(), "/tmp/x.db");
}

TEST(ConfigTest, KnowsItsCommands) {
    EXPECT_EQ(ok({"migrate"}).command, Config::Command::migrate);
    EXPECT_EQ(ok({"serve"}).command, Config::Command::serve);
    EXPECT_EQ(ok({"migrate", "--workers", "3"}).workers, 3u);  // options after the command
    EXPECT_EQ(ok({"--workers", "3", "migrate"}).command, Config::Command::migrate);
    EXPECT_EQ(ok({"--help"}).command, Config::Command::help);
    EXPECT_EQ(ok({"--version"}).command, Config::Command::version);
}

TEST(ConfigTest, RefusesUnknownFlagsAndArguments) {
    EXPECT_NE(error({"--frobnicate"}).find("unknown option --frobnicate"), std::string::npos);
    EXPECT_NE(error({"--frobnicate", "1"}).find("unknown option"), std::string::npos);
    EXPECT_NE(error({"launch"}).find("unexpected argument 'launch'"), std::string::npos);
    EXPECT_NE(error({"--listen"}).find("--listen: 1 required HOST:PORT missing"),
              std::string::npos);
    EXPECT_NE(error({"serve", "migrate"}).find("migrate"), std::string::npos);
}

TEST(ConfigTest, RefusesInvalidValuesNamingThem) {
    EXPECT_NE(error({"--listen", "127.0.0.1:99999"}).find("invalid port"), std::string::npos);
    EXPECT_NE(error({"--listen", "nohost"}).find("HOST:PORT"), std::string::npos);
    EXPECT_NE(error({"--listen", "example.com:80"}).find("IP address"), std::string::npos);
    EXPECT_NE(error({"--database-url", "mysql://x"}).find("sqlite:PATH"), std::string::npos);
    EXPECT_NE(error({"--redis-url", "http://x"}).find("redis://"), std::string::npos);
    EXPECT_NE(error({"--log-level", "loud"}).find("log-level"), std::string::npos);
    EXPECT_NE(error({"--redis-prefix", "a b"}).find("redis-prefix"), std::string::npos);
    EXPECT_NE(error({"--workers", "0"}).find("workers"), std::string::npos);
    // A wrong value names where it came from: the variable, or the flag that overrode it.
    EXPECT_NE(error({}, {{"FORMLYMPICS_LISTEN", "x"}}).find("FORMLYMPICS_LISTEN: wants HOST:PORT"),
              std::string::npos);
    EXPECT_NE(error({"--listen", "x"}, {{"FORMLYMPICS_LISTEN", "127.0.0.1:1"}}).find("--listen: "),
              std::string::npos);
}

TEST(ConfigTest, RefusesAJwtSecretUnder32Bytes) {
    const auto e = error({}, {{"FORMLYMPICS_JWT_SECRET", std::string(31, 's')}});
    EXPECT_NE(e.find("at least 32 bytes"), std::string::npos) << e;
    ok({}, {{"FORMLYMPICS_JWT_SECRET", std::string(32, 's')}});
}

TEST(ConfigTest, RefusesTheSecretOnTheCommandLine) {
    EXPECT_NE(error({"--jwt-secret", std::string(40, 's')}).find("FORMLYMPICS_JWT_SECRET"),
              std::string::npos);
}

TEST(ConfigTest, HelpListsEverySettingWithItsVariable) {
    const auto help = usage();
    for (const auto& s : setting_docs()) {
        if (!s.flag.empty())
            EXPECT_NE(help.find(s.flag + " " + s.value_name), std::string::npos) << s.flag;
        if (!s.variable.empty()) EXPECT_NE(help.find(s.variable), std::string::npos) << s.variable;
        EXPECT_NE(help.find(s.help), std::string::npos) << s.help;
    }
    EXPECT_NE(help.find("migrate"), std::string::npos);
}

// The README's configuration table rows: `| `--flag VALUE` | `VARIABLE` | what it does |`.
std::vector<std::pair<std::string, std::string>> readme_settings() {
    std::ifstream in(FORMLYMPICS_SOURCE_DIR "/README.md");
    std::stringstream text;
    text << in.rdbuf();
    const auto readme = text.str();
    const auto start = readme.find("## Configuration");
    const auto end = readme.find("\n## ", start + 1);
    const auto section = readme.substr(start, end - start);
    const std::regex row(R"(\n\| (?:`(--[a-z-]+ [A-Z:]+)`)? *\| (?:`(FORMLYMPICS_[A-Z_]+)`)? *\|)");
    std::vector<std::pair<std::string, std::string>> out;
    for (std::sregex_iterator it(section.begin(), section.end(), row), last; it != last; ++it) {
        out.emplace_back((*it)[1], (*it)[2]);
    }
    return out;
}

TEST(ConfigTest, TheReadmeTableListsTheSameSettings) {
    const auto rows = readme_settings();
    std::vector<std::pair<std::string, std::string>> expected;
    for (const auto& s : setting_docs()) {
        expected.emplace_back(s.flag.empty() ? "" : s.flag + " " + s.value_name, s.variable);
    }
    EXPECT_EQ(rows, expected);
}

}  // namespace
}  // namespace formlympics::app
