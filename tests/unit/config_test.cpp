#include "app/config.hpp"

#include <gtest/gtest.h>

#include <map>

namespace formlympics::app {
namespace {

std::variant<Config, std::string> parse(std::vector<std::string> args,
                                        std::map<std::string, std::string> env = {}) {
    return parse_config(args, [&](const std::string& name) -> std::optional<std::string> {
        auto it = env.find(name);
        if (it == env.end()) return std::nullopt;
        return it->second;
    });
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
    EXPECT_EQ(c.log_level, spdlog::level::debug);
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
    EXPECT_EQ(ok({"--help"}).command, Config::Command::help);
    EXPECT_EQ(ok({"--version"}).command, Config::Command::version);
}

TEST(ConfigTest, RefusesUnknownFlagsAndArguments) {
    EXPECT_NE(error({"--frobnicate"}).find("unknown option --frobnicate"), std::string::npos);
    EXPECT_NE(error({"--frobnicate", "1"}).find("unknown option"), std::string::npos);
    EXPECT_NE(error({"launch"}).find("unexpected argument 'launch'"), std::string::npos);
    EXPECT_NE(error({"--listen"}).find("needs a value"), std::string::npos);
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
    EXPECT_NE(error({}, {{"FORMLYMPICS_LISTEN", "x"}}).find("FORMLYMPICS_LISTEN"),
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

}  // namespace
}  // namespace formlympics::app
