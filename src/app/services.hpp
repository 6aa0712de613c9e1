#pragma once

#include <optional>

#include "app/backends.hpp"
#include "app/config.hpp"
#include "http/sse_frames.hpp"
#include "service/account_service.hpp"
#include "service/bearer_tokens.hpp"
#include "service/checkout.hpp"
#include "service/coupon_service.hpp"
#include "service/form_service.hpp"
#include "service/form_watch.hpp"
#include "service/image_service.hpp"
#include "service/like_service.hpp"
#include "service/notification_service.hpp"
#include "service/notification_streams.hpp"
#include "service/order_failure_log.hpp"
#include "service/order_service.hpp"
#include "service/outbox_relay.hpp"
#include "service/sale_engine.hpp"
#include "service/sign_in_limits.hpp"
#include "service/token_revocations.hpp"
#include "service/web_sessions.hpp"
#include "util/jwt.hpp"
#include "util/password_hasher.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::app {

// The use cases, built over the backends in the order they depend on each other (and destroyed
// in reverse).
struct Services {
    // `media` runs image work (decoding, encoding), apart from the request workers.
    Services(const Config& config, const util::Clock& clock, Backends& backends,
             util::WorkerPool& workers, util::WorkerPool& media);

    util::PasswordHasher hasher;
    util::JwtCodec jwt;
    service::TokenLifetimes token_lifetimes;
    service::SignInLimits sign_in_limits;
    service::TokenRevocations revocations;
    service::AccountService accounts;
    service::BearerTokens tokens;
    service::WebSessions web_sessions;
    service::OrderFailureLog failure_log;
    service::SaleEngine engine;
    service::Checkout checkout;
    service::FormService forms;
    service::ImageService images;
    service::OrderService orders;
    service::CouponService coupons;
    service::LikeService likes;
    service::NotificationService notifications;
    http::SseFrames frames;
    service::NotificationStreams streams;
    service::FormWatch form_watch;
    service::OutboxRelay relay;
};

}  // namespace formlympics::app
