#include "app/app.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "app/backends.hpp"
#include "app/background_tasks.hpp"
#include "app/routes.hpp"
#include "app/services.hpp"
#include "http/handlers/forms.hpp"
#include "http/listener.hpp"
#include "http/pipeline.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "util/clock.hpp"
#include "util/logging.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::app {
namespace {

constexpr std::size_t kMaxQueuedRequests = 100000;
// Uploads waiting for an image worker; more are refused (503). Each holds its body (up to
// 10 MiB), so the queue stays short.
constexpr std::size_t kMaxQueuedImages = 8;

// Image work gets half the cores (one of two), at a lower priority: a burst of uploads yields
// the CPU to the sale's network threads and workers.
std::size_t image_threads() { return std::max(1u, std::thread::hardware_concurrency() / 2); }
constexpr int kImageNice = 10;

void lower_priority() {
    // On Linux a thread has a nice value of its own, set through its thread id.
    if (::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kImageNice) != 0) {
        logging::warn("image worker keeps its priority: {}", std::strerror(errno));
    }
}

std::size_t io_threads(const Config& c) {
    if (c.io_threads > 0) return c.io_threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

// The whole server, built in declaration order and taken down in reverse: the background tasks
// stop before the services they call, the services go before the backends they run on.
struct App::Parts {
    Parts(const Config& c, const util::Clock& clk)
        : config(c),
          clock(clk),
          listener(c.host, c.port),
          backends(c, clk),
          workers(c.workers, kMaxQueuedRequests),
          media(image_threads(), kMaxQueuedImages, lower_priority),
          services(c, clk, backends, workers, media),
          tasks(c, backends, services, workers),
          pipeline(
              router,
              [this](std::string_view token) { return services.accounts.authenticate(token); },
              *http::TrustedProxies::parse(c.trusted_proxies), session_authenticator()) {
        // Stock sold or returned here shows in the form's next answer.
        services.engine.on_stock_changed(
            [this](domain::FormId form) { http::handlers::forget_stock_views(form_cache, form); });
        add_routes(router, services, clock, web_routing);
    }

    http::SessionAuthenticator session_authenticator() {
        http::SessionAuthenticator a;
        a.check = [this](std::string_view cookie) -> domain::Result<http::SessionCheck> {
            auto c = services.web_sessions.check(cookie);
            if (!c) return c.error();
            return http::SessionCheck{c->caller, c->renew, c->expired};
        };
        a.renew = [this](std::string_view cookie) -> domain::Result<http::RenewedSession> {
            auto r = services.web_sessions.renew(cookie);
            if (!r) return r.error();
            return http::RenewedSession{r->caller, std::move(r->cookie)};
        };
        a.max_age = config.session_policy.idle;
        a.secure = config.secure_cookies;
        a.proxies = *http::TrustedProxies::parse(config.trusted_proxies);
        return a;
    }

    Config config;
    const util::Clock& clock;
    // Bound first: an address in use stops the start before the store is touched.
    http::ListeningSocket listener;
    Backends backends;
    util::WorkerPool workers;
    util::WorkerPool media;
    Services services;
    BackgroundTasks tasks;
    http::Router router;
    http::Pipeline pipeline;
    http::WebApp web;
    http::ResponseCache form_cache;
    app::WebRouting web_routing{
        pipeline.sessions(), web, form_cache, {config.public_url, config.secure_cookies}};
    std::unique_ptr<http::Server> server;
};

const util::Clock& system_clock() {
    static const util::SystemClock clock;
    return clock;
}

App::App(const Config& config) : App(config, system_clock()) {}

App::App(const Config& config, const util::Clock& clock)
    : parts_(std::make_unique<Parts>(config, clock)) {}

App::~App() = default;

std::uint16_t App::listen(bool handle_signals) {
    auto& p = *parts_;
    http::ServerOptions o;
    o.io_threads = io_threads(p.config);
    o.handle_signals = handle_signals;
    o.idle_timeout = p.config.idle_timeout;
    o.read_timeout = p.config.read_timeout;
    o.heartbeat_interval = p.config.heartbeat_interval;
    o.write_timeout = p.config.write_timeout;
    p.server = std::make_unique<http::Server>(o, p.pipeline, p.workers);
    return p.server->listen(p.listener);
}

void App::run() {
    auto& p = *parts_;
    if (!p.server) listen(false);
    p.server->run();
    p.media.stop();
    p.workers.stop();
}

void App::stop() {
    if (parts_->server) parts_->server->stop();
}

std::uint64_t App::handled_without_blocking() const {
    return parts_->pipeline.handled_without_blocking();
}

std::size_t App::requests_in_flight() const {
    return parts_->server ? parts_->server->requests_in_flight() : 0;
}

std::vector<std::pair<std::string, std::string>> App::routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : parts_->router.routes()) out.emplace_back(r.method, r.pattern);
    return out;
}

std::vector<std::string> migrate_only(const Config& config) {
    return open_store(config)->migrate();
}

}  // namespace formlympics::app
