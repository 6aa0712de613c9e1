#pragma once

#include "store/coupon_store.hpp"
#include "store/event_store.hpp"
#include "store/form_store.hpp"
#include "store/image_store.hpp"
#include "store/like_store.hpp"
#include "store/order_store.hpp"
#include "store/outbox_signal.hpp"
#include "store/session_store.hpp"
#include "store/store.hpp"
#include "store/token_store.hpp"
#include "store/user_store.hpp"

namespace formlympics::store {

// The repositories, written once over the SQL session, behind the outbox signal; SQLite and
// PostgreSQL stores add their database, migrations and where image bytes live.
class SqlStore : public Store {
  public:
    UserRepository& users() override { return users_; }
    FormRepository& forms() override { return forms_; }
    OrderRepository& orders() override { return orders_; }
    CouponRepository& coupons() override { return coupons_; }
    LikeRepository& likes() override { return likes_; }
    EventRepository& events() override { return events_; }
    ImageRepository& images() override { return images_; }
    SessionRepository& sessions() override { return sessions_; }
    TokenRepository& tokens() override { return tokens_; }
    void on_events_written(std::function<void()> listener) override {
        signalled_.set_listener(std::move(listener));
    }

  protected:
    // Keeps only a reference to `db`: a derived store passes its own member, which is built
    // after this base, and nothing here touches it before a repository is called.
    explicit SqlStore(SqlDatabase& db) : signalled_(db) {}

  private:
    OutboxSignallingDatabase signalled_;
    UserStore users_{signalled_};
    FormStore forms_{signalled_};
    OrderStore orders_{signalled_};
    CouponStore coupons_{signalled_};
    LikeStore likes_{signalled_};
    EventStore events_{signalled_};
    ImageStore images_{signalled_};
    SessionStore sessions_{signalled_};
    TokenStore tokens_{signalled_};
};

}  // namespace formlympics::store
