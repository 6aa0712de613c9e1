#include "redis/redis_coupon_gate.hpp"

#include <string>

namespace formlympics::redis {
namespace {

// KEYS[1] quantity, KEYS[2] claimed set; ARGV[1] user.
constexpr const char* kCheck = R"lua(
local quantity = redis.call('GET', KEYS[1])
if not quantity then return 'unknown' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'already_claimed' end
if redis.call('SCARD', KEYS[2]) >= tonumber(quantity) then return 'exhausted' end
return 'maybe'
)lua";

}  // namespace

std::string RedisCouponGate::key(domain::CouponId coupon, const char* what) const {
    return prefix_ + ":coupon:" + std::to_string(coupon) + ":" + what;
}

const char* RedisCouponGate::check_script() { return kCheck; }

service::CouponGate::Verdict RedisCouponGate::check(domain::CouponId coupon, domain::UserId user) {
    auto r = client_.command({"EVAL", kCheck, "2", key(coupon, "quantity"), key(coupon, "claimed"),
                              std::to_string(user)});
    if (!r) return Verdict::unknown;
    if (r->str == "already_claimed") return Verdict::already_claimed;
    if (r->str == "exhausted") return Verdict::exhausted;
    if (r->str == "maybe") return Verdict::maybe;
    return Verdict::unknown;
}

void RedisCouponGate::record(domain::CouponId coupon, domain::UserId user) {
    // Idempotent: a grant recorded twice, or also by a rebuild, counts once.
    client_.command({"SADD", key(coupon, "claimed"), std::to_string(user)});
}

void RedisCouponGate::rebuild(domain::CouponId coupon, std::int64_t quantity,
                              const std::vector<domain::UserId>& claimers) {
    // The set first, the quantity (the "complete" marker) last. Grants recorded meanwhile stay,
    // since SADD only adds.
    constexpr std::size_t kChunk = 1000;
    for (std::size_t start = 0; start < claimers.size(); start += kChunk) {
        std::vector<std::string> args = {"SADD", key(coupon, "claimed")};
        for (std::size_t i = start; i < std::min(claimers.size(), start + kChunk); ++i) {
            args.push_back(std::to_string(claimers[i]));
        }
        if (!client_.command(args)) return;
    }
    client_.command({"SET", key(coupon, "quantity"), std::to_string(quantity)});
}

void RedisCouponGate::forget(domain::CouponId coupon) {
    // The quantity first: without it the mirror is unknown, whatever is left of the set.
    client_.command({"DEL", key(coupon, "quantity")});
    client_.command({"DEL", key(coupon, "claimed")});
}

}  // namespace formlympics::redis
