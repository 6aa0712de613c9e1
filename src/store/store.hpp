#pragma once

#include <functional>
#include <string>
#include <vector>

#include "store/coupon_repository.hpp"
#include "store/event_repository.hpp"
#include "store/form_repository.hpp"
#include "store/image_repository.hpp"
#include "store/like_repository.hpp"
#include "store/order_repository.hpp"
#include "store/session_repository.hpp"
#include "store/token_repository.hpp"
#include "store/user_repository.hpp"

namespace formlympics::store {

// One database: its migrations and its repositories.
class Store {
  public:
    virtual ~Store() = default;

    // Applies pending migrations, recording each in schema_migrations; the names it applied.
    // Applying again is a no-op. Safe when several instances start at once.
    virtual std::vector<std::string> migrate() = 0;

    virtual UserRepository& users() = 0;
    virtual FormRepository& forms() = 0;
    virtual OrderRepository& orders() = 0;
    virtual CouponRepository& coupons() = 0;
    virtual LikeRepository& likes() = 0;
    virtual EventRepository& events() = 0;
    virtual ImageRepository& images() = 0;
    virtual SessionRepository& sessions() = 0;
    virtual TokenRepository& tokens() = 0;
    virtual ImageBytes& image_bytes() = 0;
    // Calls `listener` after every committed transaction that wrote outbox events (set it once,
    // before any write).
    virtual void on_events_written(std::function<void()> listener) = 0;
};

}  // namespace formlympics::store
