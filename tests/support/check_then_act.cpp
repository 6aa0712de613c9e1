#include "support/check_then_act.hpp"

#include <thread>

namespace formlympics::test {

CheckThenAct::CheckThenAct(const std::string& url, std::chrono::milliseconds delay)
    : probe_(url), delay_(delay) {}

CheckThenAct::~CheckThenAct() = default;

std::optional<domain::OrderId> CheckThenAct::place(domain::FormId form, domain::ProductId product,
                                                   domain::UserId buyer, std::int64_t quantity) {
    // Check...
    const auto seen = probe_.db().read_result([&](store::SqlSession& s) {
        return s.query("SELECT stock_remaining, price FROM products WHERE id = $1",
                       store::SqlParams().add(product));
    });
    const auto stock = seen.int64(0, 0);
    if (stock < quantity) return std::nullopt;
    std::this_thread::sleep_for(delay_);
    // ...then act on what was seen.
    return probe_.db().write_result([&](store::SqlSession& s) {
        s.execute("UPDATE products SET stock_remaining = $1 WHERE id = $2",
                  store::SqlParams().add(stock - quantity).add(product));
        const auto id =
            s.query(
                 "INSERT INTO orders (form_id, buyer_id, status, total, depositor_name, "
                 "deposit_deadline, created_at, updated_at) VALUES ($1, $2, 'CREATED', $3, "
                 "'Naive', 4000000000000, 0, 0) RETURNING id",
                 store::SqlParams().add(form).add(buyer).add(seen.int64(0, 1) * quantity))
                .int64(0, 0);
        s.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES "
            "($1, $2, $3, $4)",
            store::SqlParams().add(id).add(product).add(quantity).add(seen.int64(0, 1)));
        return id;
    });
}

bool CheckThenAct::claim(std::int64_t coupon, domain::UserId user) {
    const auto seen = probe_.db().read_result([&](store::SqlSession& s) {
        return s.query("SELECT issued, quantity FROM coupons WHERE id = $1",
                       store::SqlParams().add(coupon));
    });
    if (seen.int64(0, 0) >= seen.int64(0, 1)) return false;
    std::this_thread::sleep_for(delay_);
    return probe_.db().write_result([&](store::SqlSession& s) {
        const auto inserted = s.query(
            "INSERT INTO user_coupons (coupon_id, user_id, status, claimed_at) VALUES ($1, $2, "
            "'AVAILABLE', 0) ON CONFLICT (coupon_id, user_id) DO NOTHING RETURNING id",
            store::SqlParams().add(coupon).add(user));
        if (inserted.empty()) return false;
        s.execute("UPDATE coupons SET issued = $1 WHERE id = $2",
                  store::SqlParams().add(seen.int64(0, 0) + 1).add(coupon));
        return true;
    });
}

void CheckThenAct::like(domain::FormId form, domain::UserId user) {
    probe_.db().write([&](store::SqlSession& s) {
        s.execute("INSERT INTO likes (form_id, user_id, created_at) VALUES ($1, $2, 0)",
                  store::SqlParams().add(form).add(user));
    });
    const auto seen =
        probe_.scalar("SELECT likes FROM forms WHERE id = $1", store::SqlParams().add(form));
    std::this_thread::sleep_for(delay_);
    probe_.db().write([&](store::SqlSession& s) {
        s.execute("UPDATE forms SET likes = $1 WHERE id = $2",
                  store::SqlParams().add(seen + 1).add(form));
    });
}

}  // namespace formlympics::test
