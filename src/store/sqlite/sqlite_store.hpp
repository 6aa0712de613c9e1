#pragma once

#include <memory>
#include <string>

#include "store/coupon_store.hpp"
#include "store/event_store.hpp"
#include "store/form_store.hpp"
#include "store/like_store.hpp"
#include "store/order_store.hpp"
#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/sqlite_session.hpp"
#include "store/store.hpp"
#include "store/user_store.hpp"

namespace formlympics::store {

// The embedded store: a SQLite file in WAL mode.
class SqliteStore final : public Store {
  public:
    // Opens (creating if needed) the database file; throws SqliteError when it cannot.
    SqliteStore(const std::string& path, std::size_t readers);

    std::vector<std::string> migrate() override;
    UserRepository& users() override { return users_; }
    FormRepository& forms() override { return forms_; }
    OrderRepository& orders() override { return orders_; }
    CouponRepository& coupons() override { return coupons_; }
    LikeRepository& likes() override { return likes_; }
    EventRepository& events() override { return events_; }

  private:
    SqliteDatabase db_;
    SqliteSqlDatabase sql_{db_};
    UserStore users_{sql_};
    FormStore forms_{sql_};
    OrderStore orders_{sql_};
    CouponStore coupons_{sql_};
    LikeStore likes_{sql_};
    EventStore events_{sql_};
};

}  // namespace formlympics::store
