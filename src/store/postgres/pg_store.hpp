#pragma once

#include <string>

#include "store/coupon_store.hpp"
#include "store/event_store.hpp"
#include "store/form_store.hpp"
#include "store/like_store.hpp"
#include "store/order_store.hpp"
#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_session.hpp"
#include "store/store.hpp"
#include "store/user_store.hpp"

namespace formlympics::store {

// The scaled-out store: PostgreSQL through a libpq connection pool.
class PgStore final : public Store {
  public:
    PgStore(const std::string& url, std::size_t pool_size);

    std::vector<std::string> migrate() override;
    UserRepository& users() override { return users_; }
    FormRepository& forms() override { return forms_; }
    OrderRepository& orders() override { return orders_; }
    CouponRepository& coupons() override { return coupons_; }
    LikeRepository& likes() override { return likes_; }
    EventRepository& events() override { return events_; }

  private:
    PgPool pool_;
    PgSqlDatabase sql_{pool_};
    UserStore users_{sql_};
    FormStore forms_{sql_};
    OrderStore orders_{sql_};
    CouponStore coupons_{sql_};
    LikeStore likes_{sql_};
    EventStore events_{sql_};
};

}  // namespace formlympics::store
