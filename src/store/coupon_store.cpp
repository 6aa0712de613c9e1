#include "store/coupon_store.hpp"

#include <map>
#include <set>
#include <stdexcept>

#include "store/form_rows.hpp"
#include "store/sql_insert.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

const std::string kCouponSelect =
    "SELECT id, form_id, name, discount, quantity, issued, claim_opens_at, claim_closes_at, "
    "created_at FROM coupons WHERE ";

std::vector<domain::Coupon> coupons(const SqlRows& r) {
    std::vector<domain::Coupon> out;
    for (std::size_t i = 0; i < r.size(); ++i) {
        // Braced initialisation reads the columns left to right.
        RowReader c(r, i);
        out.push_back({c.int64(), c.int64(), c.str(), c.int64(), c.int64(), c.int64(), c.int64(),
                       c.int64(), c.int64()});
    }
    return out;
}

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

std::vector<domain::Result<domain::UserCoupon>> CouponStore::claim_batch(
    domain::CouponId id, const std::vector<domain::UserId>& users, domain::Millis now) {
    using Out = std::vector<domain::Result<domain::UserCoupon>>;
    return db_.write_result([&](SqlSession& s) -> Out {
        auto all = [&](const domain::Error& e) { return Out(users.size(), e); };
        auto found =
            coupons(s.query(kCouponSelect + "id = $1" + s.for_update(), SqlParams().add(id)));
        if (found.empty()) return all(domain::fail(Errc::not_found, "no such coupon"));
        const auto& c = found[0];
        if (now < c.claim_opens_at)
            return all(domain::fail(Errc::not_open, "claims have not opened yet"));
        if (now >= c.claim_closes_at) return all(domain::fail(Errc::closed, "claims have closed"));
        // A sale that is over (its seller ended it early) takes no more claims: no order could
        // use them. Nor does its seller, who cannot order from it.
        const auto form = s.query(
            "SELECT seller_id, CASE WHEN closed_at IS NOT NULL OR closes_at <= $2 THEN 1 ELSE 0 "
            "END FROM forms WHERE id = $1",
            SqlParams().add(c.form_id).add(now));
        if (form.empty()) return all(domain::fail(Errc::not_found, "no such coupon"));
        if (form.int64(0, 1) == 1) return all(domain::fail(Errc::closed, "the sale is over"));
        const domain::UserId seller = form.int64(0, 0);
        std::set<domain::UserId> holders;
        for (std::size_t start = 0; start < users.size(); start += 500) {
            std::vector<std::int64_t> chunk(
                users.begin() + static_cast<std::ptrdiff_t>(start),
                users.begin() + static_cast<std::ptrdiff_t>(std::min(users.size(), start + 500)));
            const auto r =
                s.query("SELECT user_id FROM user_coupons WHERE coupon_id = $1 AND user_id IN " +
                            id_list(chunk),
                        SqlParams().add(id));
            for (std::size_t i = 0; i < r.size(); ++i) holders.insert(r.int64(i, 0));
        }
        // Arrival order decides: each new user takes the next coupon while any remain.
        Out out(users.size(), domain::fail(Errc::exhausted, "no coupons are left"));
        std::vector<std::size_t> winners;
        for (std::size_t i = 0; i < users.size(); ++i) {
            if (users[i] == seller) {
                out[i] =
                    domain::fail(Errc::forbidden, "sellers cannot claim their own form's coupons");
            } else if (!holders.insert(users[i]).second) {
                out[i] = domain::fail(Errc::already_claimed, "you already hold this coupon");
            } else if (c.issued + static_cast<std::int64_t>(winners.size()) < c.quantity) {
                winners.push_back(i);
            } else {
                holders.erase(users[i]);
            }
        }
        const auto rows = insert_rows(
            s, "INSERT INTO user_coupons (coupon_id, user_id, status, claimed_at)",
            {"bigint", "bigint", "text", "bigint"}, winners.size(),
            [&](SqlParams& p, std::size_t k) {
                p.add(id).add(users[winners[k]]).add("AVAILABLE").add(now);
            },
            " RETURNING id, user_id");
        std::map<domain::UserId, std::int64_t> claim_ids;
        for (std::size_t r = 0; r < rows.size(); ++r)
            claim_ids[rows.int64(r, 1)] = rows.int64(r, 0);
        for (auto i : winners) {
            out[i] = domain::UserCoupon{claim_ids.at(users[i]),
                                        id,
                                        c.form_id,
                                        users[i],
                                        c.name,
                                        c.discount,
                                        domain::UserCouponStatus::AVAILABLE,
                                        std::nullopt,
                                        now};
        }
        const auto granted = static_cast<std::int64_t>(winners.size());
        // The guard: never past the quantity, whatever was read.
        if (granted > 0 &&
            s.execute(
                "UPDATE coupons SET issued = issued + $1 WHERE id = $2 AND issued + $1 <= quantity",
                SqlParams().add(granted).add(id)) != 1) {
            throw std::runtime_error("coupon counter changed under the batch's lock");
        }
        return out;
    });
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
            RowReader c(r, i);
            domain::UserCoupon u{c.int64(),
                                 c.int64(),
                                 c.int64(),
                                 c.int64(),
                                 c.str(),
                                 c.int64(),
                                 domain::kUserCouponStatuses.stored(c.str()),
                                 c.opt_int64(),
                                 c.int64()};
            const auto form_closed_at = c.opt_int64();
            const auto form_closes_at = c.int64();
            const bool form_over = form_closed_at || now >= form_closes_at;
            if (u.status == domain::UserCouponStatus::AVAILABLE && form_over) {
                u.status = domain::UserCouponStatus::EXPIRED;
            }
            out.push_back(std::move(u));
        }
        return out;
    });
}

}  // namespace formlympics::store
