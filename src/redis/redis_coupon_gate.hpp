#pragma once

#include "redis/redis_client.hpp"
#include "service/coupon_gate.hpp"

namespace formlympics::redis {

// The coupon gate in Redis, checked by one atomic Lua script: per coupon a set of users the
// database granted and the quantity (whose presence says the mirror is complete).
class RedisCouponGate final : public service::CouponGate {
  public:
    // Keys are "<prefix>:coupon:<id>:quantity" and "<prefix>:coupon:<id>:claimed".
    RedisCouponGate(RedisClient& client, std::string prefix)
        : client_(client), prefix_(std::move(prefix)) {}

    Verdict check(domain::CouponId coupon, domain::UserId user) override;
    void record(domain::CouponId coupon, domain::UserId user) override;
    void rebuild(domain::CouponId coupon, std::int64_t quantity,
                 const std::vector<domain::UserId>& claimers) override;
    void forget(domain::CouponId coupon) override;

    // The Lua source of the check, for redis-benchmark comparisons.
    static const char* check_script();

  private:
    std::string key(domain::CouponId coupon, const char* what) const;

    RedisClient& client_;
    std::string prefix_;
};

}  // namespace formlympics::redis
