// Stand-ins for the coupon service's collaborators: the database (MemoryCoupons), the seller's
// form (OneForm) and the Redis mirror (MemoryGate), all in memory.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "service/coupon_service.hpp"
#include "util/unavailable.hpp"

namespace formlympics::service::stand_in {

using domain::CouponId;
using domain::Errc;
using domain::UserId;
using Verdict = CouponGate::Verdict;

constexpr domain::FormId kForm = 1;
constexpr UserId kSeller = 100;

// The database's stand-in: grants in arrival order while coupons remain, one per user.
class MemoryCoupons final : public store::CouponRepository {
  public:
    // Runs before each claim transaction, outside the lock: may block or throw.
    std::function<void(const std::vector<UserId>&)> before_claim;
    bool reads_fail = false;  // find and claimers throw Unavailable

    CouponId add(std::int64_t quantity, domain::Millis opens, domain::Millis closes) {
        std::lock_guard lock(mutex_);
        const auto id = static_cast<CouponId>(coupons_.size()) + 1;
        auto& c = coupons_[id];
        c.id = id;
        c.form_id = kForm;
        c.quantity = quantity;
        c.claim_opens_at = opens;
        c.claim_closes_at = closes;
        return id;
    }
    std::vector<std::vector<UserId>> batches() {
        std::lock_guard lock(mutex_);
        return batches_;
    }
    std::int64_t issued(CouponId id) {
        std::lock_guard lock(mutex_);
        return coupons_.at(id).issued;
    }

    domain::Coupon create(const store::NewCoupon& n) override {
        return *find(add(n.quantity, n.claim_opens_at, n.claim_closes_at));
    }
    std::optional<domain::Coupon> find(CouponId id) override {
        std::lock_guard lock(mutex_);
        if (reads_fail) throw util::Unavailable("the database is down");
        auto it = coupons_.find(id);
        if (it == coupons_.end()) return std::nullopt;
        return it->second;
    }
    void remove(CouponId id) {
        std::lock_guard lock(mutex_);
        coupons_.erase(id);
        holders_.erase(id);
    }

    std::vector<domain::Coupon> list_for_form(domain::FormId) override { return {}; }
    std::vector<domain::Result<domain::UserCoupon>> claim_batch(CouponId id,
                                                                const std::vector<UserId>& users,
                                                                domain::Millis now) override {
        if (before_claim) before_claim(users);
        std::lock_guard lock(mutex_);
        batches_.push_back(users);
        using Out = std::vector<domain::Result<domain::UserCoupon>>;
        auto it = coupons_.find(id);
        if (it == coupons_.end()) return Out(users.size(), domain::fail(Errc::not_found, ""));
        auto& c = it->second;
        if (now < c.claim_opens_at) return Out(users.size(), domain::fail(Errc::not_open, ""));
        if (now >= c.claim_closes_at) return Out(users.size(), domain::fail(Errc::closed, ""));
        Out out;
        for (auto user : users) {
            if (holders_[id].count(user) > 0) {
                out.push_back(domain::fail(Errc::already_claimed, ""));
            } else if (c.issued < c.quantity) {
                ++c.issued;
                holders_[id].insert(user);
                out.emplace_back(domain::UserCoupon{});
                out.back()->id = c.issued;
                out.back()->coupon_id = id;
                out.back()->user_id = user;
            } else {
                out.push_back(domain::fail(Errc::exhausted, ""));
            }
        }
        return out;
    }
    std::vector<UserId> claimers(CouponId id) override {
        std::lock_guard lock(mutex_);
        if (reads_fail) throw util::Unavailable("the database is down");
        return {holders_[id].begin(), holders_[id].end()};
    }
    std::vector<domain::Coupon> claimable(domain::Millis now) override {
        std::lock_guard lock(mutex_);
        std::vector<domain::Coupon> out;
        for (const auto& [id, c] : coupons_) {
            if (now < c.claim_closes_at) out.push_back(c);
        }
        return out;
    }
    std::vector<domain::UserCoupon> list_for_user(UserId, domain::Millis) override { return {}; }

  private:
    std::mutex mutex_;
    std::map<CouponId, domain::Coupon> coupons_;
    std::map<CouponId, std::set<UserId>> holders_;
    std::vector<std::vector<UserId>> batches_;
};

// Holds one form of the seller's; nothing else is asked of it.
class OneForm final : public store::FormRepository {
  public:
    domain::Form form;
    OneForm() {
        form.id = kForm;
        form.seller_id = kSeller;
    }
    std::optional<domain::Form> find(domain::FormId id) override {
        if (id != kForm) return std::nullopt;
        return form;
    }
    domain::Form create(const domain::NewForm&) override { unused(); }
    store::FormPage list(const store::FormFilter&, std::size_t, std::optional<domain::FormId>,
                         domain::Millis) override {
        unused();
    }
    domain::Result<domain::Form> update(domain::FormId, const domain::FormChanges&,
                                        std::optional<domain::Millis>) override {
        unused();
    }
    std::optional<domain::Form> close(domain::FormId, domain::Millis) override { unused(); }
    store::FormPage list_by_seller(domain::UserId, const store::SellerFilter&, std::size_t,
                                   std::optional<domain::FormId>, domain::Millis) override {
        unused();
    }
    domain::Result<domain::Form> set_visibility(domain::FormId, domain::Visibility,
                                                domain::Millis) override {
        unused();
    }
    domain::Result<std::vector<std::string>> remove(domain::FormId) override { unused(); }
    std::map<domain::FormId, std::map<std::string, std::int64_t>> order_counts(
        const std::vector<domain::FormId>&) override {
        unused();
    }
    std::vector<store::OpeningSoon> opening_soon(domain::Millis, domain::Millis,
                                                 std::size_t) override {
        unused();
    }
    bool announce_opening(domain::FormId, const std::string&, domain::Millis) override { unused(); }
    [[noreturn]] static void unused() { throw std::logic_error("unused"); }
};

// Redis's stand-in: mirrors what it was told, or gives a fixed verdict when one is set.
class MemoryGate final : public CouponGate {
  public:
    std::mutex mutex;
    std::optional<Verdict> fixed;
    int checks = 0, rebuilds = 0, forgets = 0;
    std::set<UserId> recorded;

    Verdict check(CouponId coupon, UserId user) override {
        std::lock_guard lock(mutex);
        ++checks;
        if (fixed) return *fixed;
        if (quantity_.count(coupon) == 0) return Verdict::unknown;
        if (claimed_[coupon].count(user) > 0) return Verdict::already_claimed;
        if (static_cast<std::int64_t>(claimed_[coupon].size()) >= quantity_[coupon])
            return Verdict::exhausted;
        return Verdict::maybe;
    }
    void record(CouponId coupon, UserId user) override {
        std::lock_guard lock(mutex);
        claimed_[coupon].insert(user);
        recorded.insert(user);
    }
    void rebuild(CouponId coupon, std::int64_t quantity,
                 const std::vector<UserId>& claimers) override {
        std::lock_guard lock(mutex);
        ++rebuilds;
        quantity_[coupon] = quantity;
        claimed_[coupon].insert(claimers.begin(), claimers.end());
    }
    void forget(CouponId coupon) override {
        std::lock_guard lock(mutex);
        ++forgets;
        quantity_.erase(coupon);
        claimed_.erase(coupon);
    }

  private:
    std::map<CouponId, std::int64_t> quantity_;
    std::map<CouponId, std::set<UserId>> claimed_;
};

}  // namespace formlympics::service::stand_in
