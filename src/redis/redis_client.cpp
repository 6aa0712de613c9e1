#include "redis/redis_client.hpp"

#include <hiredis/hiredis.h>

#include <boost/url/parse.hpp>
#include <charconv>

#include "util/logging.hpp"

namespace formlympics::redis {
namespace {

constexpr std::chrono::milliseconds kBackoff{500};
constexpr std::chrono::milliseconds kMaxBackoff{2000};

std::int64_t steady_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

timeval to_timeval(std::chrono::milliseconds ms) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
    return tv;
}

std::optional<int> to_int(std::string_view s) {
    int v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

RedisReply convert(const redisReply* r) {
    RedisReply out;
    switch (r->type) {
        case REDIS_REPLY_STRING:
            out.kind = RedisReply::Kind::string;
            out.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_STATUS:
            out.kind = RedisReply::Kind::status;
            out.str.assign(r->str, r->len);
            break;
        case REDIS_REPLY_INTEGER:
            out.kind = RedisReply::Kind::integer;
            out.integer = r->integer;
            break;
        case REDIS_REPLY_ARRAY:
            out.kind = RedisReply::Kind::array;
            for (std::size_t i = 0; i < r->elements; ++i) {
                out.elements.push_back(convert(r->element[i]));
            }
            break;
        default:
            out.kind = RedisReply::Kind::nil;
    }
    return out;
}

redisReply* run_argv(redisContext* c, const std::vector<std::string>& args) {
    std::vector<const char*> argv;
    std::vector<std::size_t> lens;
    for (const auto& a : args) {
        argv.push_back(a.data());
        lens.push_back(a.size());
    }
    return static_cast<redisReply*>(
        redisCommandArgv(c, static_cast<int>(argv.size()), argv.data(), lens.data()));
}

}  // namespace

std::optional<RedisUrl> parse_redis_url(std::string_view text) {
    const auto url = boost::urls::parse_absolute_uri(text);
    if (!url || url->scheme() != "redis" || url->has_query() || url->has_fragment()) {
        return std::nullopt;
    }
    RedisUrl out;
    switch (url->host_type()) {
        case boost::urls::host_type::name:
        case boost::urls::host_type::ipv4:
            out.host = url->host();
            break;
        case boost::urls::host_type::ipv6:
            out.host = url->host_ipv6_address().to_string();
            break;
        default:
            return std::nullopt;
    }
    if (out.host.empty()) return std::nullopt;
    if (url->has_port()) {
        const auto port = to_int(url->port());
        if (!port || *port <= 0 || *port > 65535) return std::nullopt;
        out.port = *port;
    }
    // redis://:password@host; a lone user part (redis://password@host) is taken as the password.
    if (url->has_password()) {
        out.password = url->password();
    } else if (url->has_userinfo()) {
        out.password = url->user();
    }
    const std::string_view path = url->encoded_path();
    if (path.size() > 1) {
        const auto db = to_int(path.substr(1));
        if (!db || *db < 0) return std::nullopt;
        out.db = *db;
    }
    return out;
}

RedisClient::RedisClient(RedisUrl url, std::chrono::milliseconds timeout, std::size_t pool_size)
    : url_(std::move(url)),
      timeout_(timeout),
      // A command that finds no place within the timeout is a miss; a connection that failed
      // (flagged in command) is dropped when it comes back.
      pool_(
          pool_size,
          [this] {
              auto* c = connect();
              if (c == nullptr) throw util::Unavailable("Redis unreachable");
              return std::unique_ptr<redisContext, Free>(c);
          },
          timeout, [](redisContext& c) { return c.err == 0; }) {}

RedisClient::~RedisClient() = default;

void RedisClient::Free::operator()(redisContext* c) const { redisFree(c); }

bool RedisClient::probably_up() const { return steady_ms() >= down_until_ms_.load(); }

void RedisClient::mark_down(std::string_view why) {
    // The pause doubles with each failure in a row, up to kMaxBackoff.
    const auto failures = std::min(++failures_, 3);
    const auto pause = std::min(kMaxBackoff.count(), kBackoff.count() << (failures - 1));
    down_until_ms_.store(steady_ms() + pause);
    if (reachable_.exchange(false)) {
        logging::warn("redis: {}:{} unreachable ({}); carrying on without it and trying again",
                      url_.host, url_.port, why);
    }
}

void RedisClient::mark_up() {
    failures_ = 0;
    if (!reachable_.exchange(true)) {
        logging::info("redis: {}:{} reachable again", url_.host, url_.port);
    }
}

redisContext* RedisClient::connect() {
    const auto tv = to_timeval(timeout_);
    redisContext* c = redisConnectWithTimeout(url_.host.c_str(), url_.port, tv);
    if (c == nullptr || c->err != 0) {
        mark_down(c != nullptr ? c->errstr : "out of memory");
        if (c != nullptr) redisFree(c);
        return nullptr;
    }
    redisSetTimeout(c, tv);
    auto setup = [&](const std::vector<std::string>& args) {
        auto* r = run_argv(c, args);
        const bool ok = r != nullptr && r->type != REDIS_REPLY_ERROR;
        if (r != nullptr) freeReplyObject(r);
        return ok;
    };
    if ((!url_.password.empty() && !setup({"AUTH", url_.password})) ||
        (url_.db != 0 && !setup({"SELECT", std::to_string(url_.db)}))) {
        mark_down("AUTH or SELECT refused");
        redisFree(c);
        return nullptr;
    }
    mark_up();
    return c;
}

std::optional<RedisReply> RedisClient::command(std::initializer_list<std::string_view> args) {
    return command(std::vector<std::string>(args.begin(), args.end()));
}

std::optional<RedisReply> RedisClient::command(const std::vector<std::string>& args,
                                               bool even_if_paused) {
    if (!even_if_paused && !probably_up()) return std::nullopt;
    try {
        auto lease = pool_.take();
        auto& c = *lease;
        auto* r = run_argv(&c, args);
        if (r == nullptr) {
            mark_down(c.errstr);
            c.err = c.err != 0 ? c.err : REDIS_ERR_IO;  // broken: the pool drops it
            return std::nullopt;
        }
        std::optional<RedisReply> out;
        if (r->type == REDIS_REPLY_ERROR) {
            logging::warn("redis: {} answered {}", args.empty() ? "" : args[0],
                          std::string(r->str, r->len));
        } else {
            out = convert(r);
        }
        freeReplyObject(r);
        return out;
    } catch (const util::Unavailable&) {
        return std::nullopt;  // unreachable (connect said so) or every connection busy
    }
}

}  // namespace formlympics::redis
