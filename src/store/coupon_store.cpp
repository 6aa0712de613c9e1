#include "store/coupon_store.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

const std::string kCouponSelect =
    "SELECT id, form_id, name, discount, quantity, issued, claim_opens_at, claim_closes_at, "
    "created_at FROM coupons WHERE ";

std::vector<domain::Coupon> coupons(const SqlRows& r) {
    std::vector<domain::Coupon> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        out.push_back({r.int64(i, 0), r.int64(i, 1), r.str(i, 2), r.int64(i, 3), r.int64(i, 4),
                       r.int64(i, 5), r.int64(i, 6), r.int64(i, 7), r.int64(i, 8)});
    }
    return out;
}

// Carries the refusal out of the transaction, rolling back the claim row.
struct Refusal {
    domain::Error error;
};

}  // namespace

domain::Coupon CouponStore::create(const NewCoupon& c) {
    return db_.write_result([&](SqlSession& s) {
        SqlParams p;
        p.add(c.form_id).add(c.name).add(c.discount).add(c.quantity).add(c.claim_opens_at);
        p.add(c.claim_closes_at).add(c.created_at);
        const auto id = s.query(
                             "INSERT INTO coupons (form_id, name, discount, quantity, "
                             "claim_opens_at, claim_closes_at, created_at) VALUES " +
                                 values_list(1, 7) + " RETURNING id",
                             p)
                            .int64(0, 0);
        return coupons(s.query(kCouponSelect + "id = $1", SqlParams().add(id))).at(0);
    });
}

std::optional<domain::Coupon> CouponStore::find(domain::CouponId id) {
    auto found = db_.read_result([&](SqlSession& s) {
        return coupons(s.query(kCouponSelect + "id = $1", SqlParams().add(id)));
    });
    if (found.empty()) return std::nullopt;
    return found[0];
}

std::vector<domain::Coupon> CouponStore::list_for_form(domain::FormId form) {
    return db_.read_result([&](SqlSession& s) {
        return coupons(s.query(kCouponSelect + "form_id = $1 ORDER BY id", SqlParams().add(form)));
    });
}

domain::Result<domain::UserCoupon> CouponStore::claim(domain::CouponId id, domain::UserId user,
                                                      domain::Millis now) {
    try {
        return db_.write_result([&](SqlSession& s) -> domain::Result<domain::UserCoupon> {
            auto found = coupons(s.query(kCouponSelect + "id = $1", SqlParams().add(id)));
            if (found.empty()) return domain::fail(Errc::not_found, "no such coupon");
            const auto& c = found[0];
            if (now < c.claim_opens_at)
                return domain::fail(Errc::not_open, "claims have not opened yet");
            if (now >= c.claim_closes_at) return domain::fail(Errc::closed, "claims have closed");
            // One claim per user: the unique (coupon, user) row decides, also between racing
            // requests of the same user.
            const auto row = s.query(
                "INSERT INTO user_coupons (coupon_id, user_id, status, claimed_at) VALUES ($1, $2, "
                "'AVAILABLE', $3) ON CONFLICT (coupon_id, user_id) DO NOTHING RETURNING id",
                SqlParams().add(id).add(user).add(now));
            if (row.empty())
                return domain::fail(Errc::already_claimed, "you already hold this coupon");
            // Exactly `quantity`: the conditional increment is the only way a claim counts.
            if (s.execute(
                    "UPDATE coupons SET issued = issued + 1 WHERE id = $1 AND issued < quantity",
                    SqlParams().add(id)) != 1) {
                throw Refusal{domain::fail(Errc::exhausted, "no coupons are left")};
            }
            return domain::UserCoupon{row.int64(0, 0),
                                      id,
                                      c.form_id,
                                      user,
                                      c.name,
                                      c.discount,
                                      domain::UserCouponStatus::AVAILABLE,
                                      std::nullopt,
                                      now};
        });
    } catch (const Refusal& r) {
        return r.error;
    }
}

std::vector<domain::UserId> CouponStore::claimers(domain::CouponId coupon) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query("SELECT user_id FROM user_coupons WHERE coupon_id = $1",
                               SqlParams().add(coupon));
        std::vector<domain::UserId> out;
        for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.int64(i, 0));
        return out;
    });
}

std::vector<domain::Coupon> CouponStore::claimable(domain::Millis now) {
    return db_.read_result([&](SqlSession& s) {
        return coupons(
            s.query(kCouponSelect + "claim_closes_at > $1 ORDER BY id", SqlParams().add(now)));
    });
}

std::vector<domain::UserCoupon> CouponStore::list_for_user(domain::UserId user,
                                                           domain::Millis now) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT uc.id, uc.coupon_id, c.form_id, uc.user_id, c.name, c.discount, uc.status, "
            "uc.order_id, uc.claimed_at, f.closed_at, f.closes_at FROM user_coupons uc "
            "JOIN coupons c ON c.id = uc.coupon_id JOIN forms f ON f.id = c.form_id "
            "WHERE uc.user_id = $1 ORDER BY uc.id DESC",
            SqlParams().add(user));
        std::vector<domain::UserCoupon> out;
        for (std::size_t i = 0; i < r.size(); ++i) {
            domain::UserCoupon u{r.int64(i, 0),
                                 r.int64(i, 1),
                                 r.int64(i, 2),
                                 r.int64(i, 3),
                                 r.str(i, 4),
                                 r.int64(i, 5),
                                 domain::UserCouponStatus::AVAILABLE,
                                 r.opt_int64(i, 7),
                                 r.int64(i, 8)};
            const bool form_over = r.opt_int64(i, 9) || now >= r.int64(i, 10);
            if (r.str(i, 6) == "USED") {
                u.status = domain::UserCouponStatus::USED;
            } else if (form_over) {
                u.status = domain::UserCouponStatus::EXPIRED;
            }
            out.push_back(std::move(u));
        }
        return out;
    });
}

}  // namespace formlympics::store
