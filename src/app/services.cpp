#include "app/services.hpp"

#include <algorithm>

#include "app/secret.hpp"

namespace formlympics::app {
namespace {

constexpr std::chrono::milliseconds kFailureFlush{1000};

}  // namespace

Services::Services(const Config& c, const util::Clock& clock, Backends& b,
                   util::WorkerPool& workers, util::WorkerPool& media)
    : jwt(resolve_jwt_secret(c), "formlympics"),
      sign_in_limits(b.attempts(), clock, c.sign_in_rules),
      // Revocations must outlive every credential they refuse: bearer tokens and session cookies.
      revocations(b.store->users(), b.store->tokens(), *b.revocations, clock,
                  std::max(token_lifetimes.access, c.session_policy.cookie_ttl)),
      accounts(b.store->users(), *b.user_cache, revocations, hasher, jwt, clock, &sign_in_limits),
      tokens(accounts, b.store->tokens(), revocations, jwt, clock, token_lifetimes),
      web_sessions(b.store->sessions(), accounts, revocations, *b.revocations, jwt, clock,
                   c.session_policy),
      failure_log(b.store->orders(), kFailureFlush),
      engine(b.store->orders(), workers, clock, failure_log, service::SaleEngine::Options{}),
      checkout(engine, accounts, workers),
      forms(b.store->forms(), engine, clock),
      images(b.store->images(), b.store->image_bytes(), b.store->forms(), media, clock,
             service::ImageService::Options{}),
      orders(b.store->orders(), b.store->forms(), engine, clock),
      coupons(b.store->coupons(), b.store->forms(), clock, workers, b.coupon_gate.get()),
      likes(b.store->likes(), b.store->forms(), clock),
      notifications(b.store->events(), *b.bus, *b.fanout, clock),
      streams(b.store->events(), workers, *b.fanout, frames,
              service::NotificationStreams::Options{}),
      form_watch(b.store->forms(), clock, frames, service::FormWatch::Options{}),
      relay(b.store->events(), *b.bus, clock) {
    coupons.rebuild_gate();
    forms.on_images_dropped([this](const auto& ids) { images.forget(ids); });
    revocations.on_revoked([this](domain::UserId user) { streams.end_streams_of(user); });
    // A stream a signed-out browser opened ends; the user's other browsers reconnect at once.
    web_sessions.on_ended([this](domain::UserId user) { streams.end_streams_of(user); });
}

}  // namespace formlympics::app
