#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"
#include "service/coupon_service.hpp"
#include "service/form_service.hpp"
#include "service/form_watch.hpp"
#include "service/like_service.hpp"
#include "service/notification_service.hpp"
#include "service/notification_streams.hpp"
#include "service/order_service.hpp"
#include "service/sale_engine.hpp"
#include "util/clock.hpp"

namespace formlympics::app {

// The services the route table dispatches to.
struct Services {
    service::AccountService& accounts;
    service::FormService& forms;
    service::OrderService& orders;
    service::SaleEngine& engine;
    service::CouponService& coupons;
    service::LikeService& likes;
    service::NotificationService& notifications;
    service::NotificationStreams& notification_streams;
    service::FormWatch& form_watch;
    const util::Clock& clock;
};

// Fills the route table: every endpoint of the API, in one place.
void add_routes(http::Router& router, Services services);

}  // namespace formlympics::app
