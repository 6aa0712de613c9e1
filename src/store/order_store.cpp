#include "store/order_store.hpp"

#include <map>
#include <tuple>

#include "store/event_payloads.hpp"
#include "store/form_rows.hpp"
#include "store/liker_events.hpp"
#include "store/order_batch.hpp"
#include "store/sql_batch_steps.hpp"
#include "store/sql_builder.hpp"
#include "store/sql_insert.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

// `text` as a LIKE pattern matching itself literally (with ESCAPE '\\').
std::string like_literal(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

// Orders whose recipient or depositor name holds `q`, or, when `q` is digits (and dashes),
// whose phone ends with them.
void add_search(SqlBuilder& w, std::string_view q) {
    const auto contains = "%" + like_literal(q) + "%";
    w.sql(" AND (o.recipient_name LIKE ").param(contains).sql(" ESCAPE '\\'");
    w.sql(" OR o.depositor_name LIKE ").param(contains).sql(" ESCAPE '\\'");
    std::string digits;
    bool phone_like = true;
    for (char c : q) {
        if (c >= '0' && c <= '9') {
            digits += c;
        } else if (c != '-') {
            phone_like = false;
        }
    }
    if (phone_like && !digits.empty()) {
        w.sql(" OR REPLACE(o.recipient_phone, '-', '') LIKE ").param("%" + digits);
    }
    w.sql(")");
}

OrderPage page_of(std::vector<domain::Order> orders, std::size_t limit) {
    OrderPage page;
    page.items = std::move(orders);
    if (page.items.size() > limit) {
        page.items.pop_back();
        page.next_cursor = page.items.back().id;
    }
    return page;
}

// Writes the events to the outbox, in the caller's transaction.
void add_events(SqlSession& s, const std::vector<NewEvent>& events, domain::Millis now) {
    for (const auto& e : events) {
        s.execute(
            "INSERT INTO outbox (kind, receiver_id, payload, created_at) VALUES ($1, $2, $3, $4)",
            SqlParams()
                .add(std::string(domain::event_name(e.kind)))
                .add(e.receiver_id)
                .add(e.payload)
                .add(now));
    }
}

}  // namespace

std::vector<PlaceOutcome> OrderStore::place_batch(domain::FormId form,
                                                  const std::vector<PlaceRequest>& requests,
                                                  domain::Millis now) {
    auto outcomes = db_.write_result(
        [&](SqlSession& s) { return run_batch(*sql_batch_steps(s), form, requests, now); });
    for (auto& o : outcomes) {
        if (!o.replayed) continue;
        auto order = find(o.order->id);
        if (order) {
            o.order = std::move(*order);
        } else {
            o.order = domain::fail(Errc::not_found, "the order of this key no longer exists");
        }
    }
    return outcomes;
}

std::set<UserKey> OrderStore::keys_on_record(const std::vector<UserKey>& keys) {
    return db_.read_result([&](SqlSession& s) {
        std::set<UserKey> out;
        for (const auto& [key, record] : sql_batch_steps(s)->find_keys(keys)) out.insert(key);
        return out;
    });
}

std::optional<domain::Order> OrderStore::find(domain::OrderId id) {
    return db_.read_result([&](SqlSession& s) -> std::optional<domain::Order> {
        SqlBuilder w("o.id = ");
        w.param(id);
        auto orders = load_orders(s, std::move(w), 1);
        if (orders.empty()) return std::nullopt;
        return std::move(orders[0]);
    });
}

OrderPage OrderStore::list_for_buyer(domain::UserId buyer, std::optional<domain::FormId> form,
                                     std::size_t limit, std::optional<domain::OrderId> before) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder w("o.buyer_id = ");
        w.param(buyer);
        if (form) w.sql(" AND o.form_id = ").param(*form);
        if (before) w.sql(" AND o.id < ").param(*before);
        return page_of(load_orders(s, std::move(w), limit + 1), limit);
    });
}

OrderPage OrderStore::list_for_form(domain::FormId form, const OrderFilter& filter,
                                    std::size_t limit, std::optional<domain::OrderId> before) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder w("o.form_id = ");
        w.param(form);
        if (filter.status) {
            w.sql(" AND o.status = ").param(std::string(domain::status_name(*filter.status)));
        }
        if (filter.search) add_search(w, *filter.search);
        if (before) w.sql(" AND o.id < ").param(*before);
        return page_of(load_orders(s, std::move(w), limit + 1), limit);
    });
}

domain::Result<domain::Order> OrderStore::change_status(
    domain::OrderId id, domain::OrderStatus from, domain::OrderStatus to, domain::Millis now,
    const std::optional<domain::Shipment>& shipment, const std::vector<NewEvent>& events) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::Order> {
        SqlBuilder w("o.id = ");
        w.param(id);
        auto orders = load_orders(s, std::move(w), 1);
        if (orders.empty()) return domain::fail(Errc::not_found, "no such order");
        SqlBuilder u("UPDATE orders SET status = ");
        u.param(std::string(domain::status_name(to))).sql(", updated_at = ").param(now);
        if (to == domain::OrderStatus::PAID) u.sql(", paid_at = ").param(now);
        if (shipment) {
            std::optional<std::string> courier;
            if (shipment->courier)
                courier = std::string(domain::kCouriers.name(*shipment->courier));
            u.sql(", tracking_number = ").param(shipment->tracking_number);
            u.sql(", courier = ").param(courier);
        }
        u.sql(" WHERE id = ").param(id).sql(" AND status = ");
        u.param(std::string(domain::status_name(from)));
        // Conditional on the old status: of two racing sweeps or cancellations, one wins.
        if (s.execute(u.text(), u.params()) != 1) {
            return domain::fail(Errc::invalid_transition, "the order's status changed meanwhile");
        }
        auto& order = orders[0];
        add_events(s, events, now);
        if (!domain::is_active(to)) {
            // The coupon goes back to its buyer, not to the pool.
            s.execute(
                "UPDATE user_coupons SET status = 'AVAILABLE', order_id = NULL WHERE "
                "order_id = $1",
                SqlParams().add(id));
            for (const auto& item : order.items) {
                const auto left = s.query(
                    "UPDATE products SET stock_remaining = stock_remaining + $1 WHERE id = $2 "
                    "RETURNING stock_remaining",
                    SqlParams().add(item.quantity).add(item.product_id));
                // All that is left came back now: the product had sold out.
                if (!left.empty() && left.int64(0, 0) == item.quantity) {
                    queue_restocked(s, item.product_id, now);
                }
                s.execute(
                    "UPDATE buyer_product_totals SET quantity = quantity - $1 WHERE "
                    "buyer_id = $2 AND product_id = $3",
                    SqlParams().add(item.quantity).add(order.buyer_id).add(item.product_id));
            }
        }
        order.status = to;
        order.updated_at = now;
        if (to == domain::OrderStatus::PAID) order.paid_at = now;
        if (shipment) order.shipment = shipment;
        return std::move(order);
    });
}

domain::Result<domain::Order> OrderStore::mark_refunded(domain::OrderId id, domain::Millis now,
                                                        const std::vector<NewEvent>& events) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::Order> {
        SqlBuilder w("o.id = ");
        w.param(id);
        auto orders = load_orders(s, std::move(w), 1);
        if (orders.empty()) return domain::fail(Errc::not_found, "no such order");
        // Conditional, so of two taps (or two sellers' tabs) one marks it and one event is sent.
        // The account it went to is kept: the buyer may change theirs afterwards.
        if (s.execute("UPDATE orders SET refunded_at = $1, updated_at = $1, refunded_bank = "
                      "u.refund_bank, refunded_account_number = u.refund_account_number, "
                      "refunded_holder_name = u.refund_holder_name FROM users u WHERE u.id = "
                      "orders.buyer_id AND orders.id = $2 AND orders.status = 'CANCELLED' AND "
                      "orders.paid_at IS NOT NULL AND orders.refunded_at IS NULL AND "
                      "orders.total + orders.shipping_fee - orders.discount > 0",
                      SqlParams().add(now).add(id)) != 1) {
            return domain::fail(Errc::invalid_transition,
                                "no refund is owed on this order: it was not paid and then "
                                "cancelled, or its refund is marked sent already");
        }
        add_events(s, events, now);
        auto& order = orders[0];
        order.refunded_at = now;
        order.updated_at = now;
        return std::move(order);  // its refund account, read before, is the one kept
    });
}

std::vector<domain::OrderId> OrderStore::unpaid_past_deadline(domain::Millis now,
                                                              std::size_t limit) {
    return db_.read_result([&](SqlSession& s) {
        const auto rows = s.query(
            "SELECT id FROM orders WHERE status = 'CREATED' AND deposit_deadline < $1 "
            "ORDER BY deposit_deadline LIMIT $2",
            SqlParams().add(now).add(static_cast<std::int64_t>(limit)));
        std::vector<domain::OrderId> ids;
        for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.int64(i, 0));
        return ids;
    });
}

void OrderStore::record_failures(const std::vector<OrderFailure>& failures) {
    using Key =
        std::tuple<domain::UserId, domain::FormId, domain::ProductId, std::string, domain::Millis>;
    std::map<Key, std::int64_t> counts;
    for (const auto& f : failures) {
        ++counts[Key{f.user_id, f.form_id, f.product_id, f.reason, f.at / 60000 * 60000}];
    }
    std::vector<std::pair<Key, std::int64_t>> rows(counts.begin(), counts.end());
    db_.write([&](SqlSession& s) {
        insert_rows(
            s,
            "INSERT INTO order_failures (user_id, form_id, product_id, reason, minute, "
            "attempts)",
            {"bigint", "bigint", "bigint", "text", "bigint", "bigint"}, rows.size(),
            [&](SqlParams& p, std::size_t i) {
                const auto& [k, n] = rows[i];
                p.add(std::get<0>(k)).add(std::get<1>(k)).add(std::get<2>(k));
                p.add(std::get<3>(k)).add(std::get<4>(k)).add(n);
            },
            " ON CONFLICT (form_id, product_id, reason, minute, user_id) DO UPDATE SET "
            "attempts = order_failures.attempts + excluded.attempts");
    });
}

std::vector<std::pair<std::string, std::int64_t>> OrderStore::failure_summary(domain::FormId form) {
    return db_.read_result([&](SqlSession& s) {
        const auto rows = s.query(
            "SELECT reason, SUM(attempts) FROM order_failures WHERE form_id = $1 GROUP BY reason "
            "ORDER BY reason",
            SqlParams().add(form));
        std::vector<std::pair<std::string, std::int64_t>> out;
        for (std::size_t i = 0; i < rows.size(); ++i)
            out.emplace_back(rows.str(i, 0), rows.int64(i, 1));
        return out;
    });
}

}  // namespace formlympics::store
