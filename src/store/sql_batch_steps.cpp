// The steps of an order batch in SQL, the same on SQLite and PostgreSQL: locking the form,
// the buyers' totals and the coupons, reading keys, taking stock and inserting the orders with
// one multi-row statement per table.
#include "store/sql_batch_steps.hpp"

#include <map>
#include <set>
#include <tuple>

#include "store/form_rows.hpp"
#include "store/liker_events.hpp"
#include "store/sql_builder.hpp"
#include "store/sql_insert.hpp"

namespace formlympics::store {
namespace {

// The delivery snapshot's ten columns, all NULL for an order without delivery.
void add_delivery(SqlParams& p, const std::optional<domain::Delivery>& d) {
    if (!d) {
        for (int i = 0; i < 10; ++i) p.add(std::optional<std::string>());
        return;
    }
    const auto& r = d->recipient;
    p.add(d->option.id).add(std::string(domain::kDeliveryKinds.name(d->option.kind)));
    p.add(d->option.label).add(d->option.fee).add(d->option.pickup_note).add(r.name).add(r.phone);
    p.add(r.address1).add(r.address2).add(r.zipcode);
}

// Rows per multi-row statement: well under both databases' parameter limits.
constexpr std::size_t kChunk = 400;

// A condition matching any of the (a, b) pairs: "((x = $1 AND y = $2) OR ...)".
template <class Pairs>
void pair_condition(SqlBuilder& w, const char* x, const char* y, const Pairs& pairs) {
    w.sql("(");
    bool first = true;
    for (const auto& [a, b] : pairs) {
        w.sql(first ? "(" : " OR (").sql(x).sql(" = ").param(a).sql(" AND ").sql(y).sql(" = ");
        w.param(b).sql(")");
        first = false;
    }
    w.sql(")");
}

class SqlBatchSteps final : public BatchSteps {
  public:
    explicit SqlBatchSteps(SqlSession& s) : s_(s) {}

    std::optional<domain::Form> lock_form(domain::FormId id) override {
        return load_form(s_, id, true, FormParts::without_images);
    }

    domain::BuyerTotals lock_buyer_totals(
        const std::vector<std::pair<domain::UserId, domain::ProductId>>& pairs) override {
        domain::BuyerTotals out;
        for (std::size_t start = 0; start < pairs.size(); start += kChunk) {
            std::vector<std::pair<domain::UserId, domain::ProductId>> chunk(
                pairs.begin() + static_cast<std::ptrdiff_t>(start),
                pairs.begin() +
                    static_cast<std::ptrdiff_t>(std::min(pairs.size(), start + kChunk)));
            SqlBuilder w("SELECT buyer_id, product_id, quantity FROM buyer_product_totals WHERE ");
            pair_condition(w, "buyer_id", "product_id", chunk);
            w.sql(s_.for_update());
            const auto rows = s_.query(w.text(), w.params());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                out[{rows.int64(i, 0), rows.int64(i, 1)}] = rows.int64(i, 2);
            }
        }
        return out;
    }

    domain::HeldCoupons lock_coupons(const std::vector<std::int64_t>& ids) override {
        const auto rows = s_.query(
            "SELECT uc.id, uc.user_id, c.form_id, c.discount, uc.status FROM user_coupons uc "
            "JOIN coupons c ON c.id = uc.coupon_id WHERE uc.id IN " +
            id_list(ids) + s_.for_update_of("uc"));
        domain::HeldCoupons out;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            out[rows.int64(i, 0)] = {rows.int64(i, 1), rows.int64(i, 2), rows.int64(i, 3),
                                     rows.str(i, 4) == "AVAILABLE"};
        }
        return out;
    }

    std::map<UserKey, KeyRecord> find_keys(const std::vector<UserKey>& keys) override {
        std::map<UserKey, KeyRecord> out;
        for (std::size_t start = 0; start < keys.size(); start += kChunk) {
            std::vector<UserKey> chunk(
                keys.begin() + static_cast<std::ptrdiff_t>(start),
                keys.begin() + static_cast<std::ptrdiff_t>(std::min(keys.size(), start + kChunk)));
            SqlBuilder w(
                "SELECT user_id, key, request_hash, order_id FROM idempotency_keys WHERE ");
            pair_condition(w, "user_id", "key", chunk);
            const auto rows = s_.query(w.text(), w.params());
            for (std::size_t i = 0; i < rows.size(); ++i) {
                out[{rows.int64(i, 0), rows.str(i, 1)}] =
                    KeyRecord{rows.str(i, 2), rows.int64(i, 3)};
            }
        }
        return out;
    }

    void take_stock(const std::map<domain::ProductId, std::int64_t>& taken) override {
        for (const auto& [product, quantity] : taken) {
            // The conditional write is the guard: it can never take more than remains.
            const auto changed = s_.execute(
                "UPDATE products SET stock_remaining = stock_remaining - $1 WHERE id = $2 AND "
                "stock_remaining >= $1",
                SqlParams().add(quantity).add(product));
            if (changed != 1) throw std::runtime_error("stock changed under the batch's lock");
        }
    }

    std::vector<domain::OrderId> reserve_order_ids(std::size_t n) override {
        std::vector<domain::OrderId> ids;
        if (s_.dialect() == SqlSession::Dialect::postgres) {
            const auto rows = s_.query(
                "SELECT nextval(pg_get_serial_sequence('orders', 'id')) FROM "
                "generate_series(1, $1)",
                SqlParams().add(static_cast<std::int64_t>(n)));
            for (std::size_t i = 0; i < rows.size(); ++i) ids.push_back(rows.int64(i, 0));
            return ids;
        }
        // SQLite: the writer holds the database, so the next ids are free to take.
        const auto last = s_.query(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'orders'), 0), "
            "COALESCE((SELECT MAX(id) FROM orders), 0))");
        for (std::size_t i = 1; i <= n; ++i)
            ids.push_back(last.int64(0, 0) + static_cast<std::int64_t>(i));
        return ids;
    }

    std::map<domain::UserId, std::string> user_names(
        const std::vector<domain::UserId>& ids) override {
        const std::set<domain::UserId> unique(ids.begin(), ids.end());
        const auto rows =
            s_.query("SELECT id, name FROM users WHERE id IN " +
                     id_list(std::vector<std::int64_t>(unique.begin(), unique.end())));
        std::map<domain::UserId, std::string> out;
        for (std::size_t i = 0; i < rows.size(); ++i) out[rows.int64(i, 0)] = rows.str(i, 1);
        return out;
    }

    void insert_orders(
        domain::FormId form, domain::UserId seller, const std::vector<OrderRow>& rows,
        const std::map<std::pair<domain::UserId, domain::ProductId>, std::int64_t>& buyer_added,
        domain::Millis now, domain::Millis deadline) override {
        insert_rows(
            s_,
            "INSERT INTO orders (id, form_id, buyer_id, status, total, discount, user_coupon_id, "
            "depositor_name, deposit_deadline, created_at, updated_at, shipping_fee, "
            "delivery_option_id, delivery_kind, delivery_label, delivery_fee, pickup_note, "
            "recipient_name, "
            "recipient_phone, address1, address2, zipcode)",
            {"bigint", "bigint", "bigint", "text",   "bigint", "bigint", "bigint", "text",
             "bigint", "bigint", "bigint", "bigint", "bigint", "text",   "text",   "bigint",
             "text",   "text",   "text",   "text",   "text",   "text"},
            rows.size(), [&](SqlParams& p, std::size_t i) {
                const auto& r = rows[i];
                p.add(r.id).add(form).add(r.buyer_id).add("CREATED").add(r.allocated.total);
                p.add(r.allocated.discount).add(r.allocated.user_coupon_id);
                p.add(r.depositor_name).add(deadline).add(now).add(now);
                p.add(r.allocated.shipping_fee);
                add_delivery(p, r.allocated.delivery);
            });
        for (const auto& r : rows) {
            if (!r.allocated.user_coupon_id) continue;
            // The coupon was locked and AVAILABLE when allocated; the condition guards it anyway.
            if (s_.execute("UPDATE user_coupons SET status = 'USED', order_id = $1 WHERE id = $2 "
                           "AND status = 'AVAILABLE'",
                           SqlParams().add(r.id).add(*r.allocated.user_coupon_id)) != 1) {
                throw std::runtime_error("coupon changed under the batch's lock");
            }
        }
        std::vector<std::tuple<domain::OrderId, domain::ProductId, std::int64_t, std::int64_t>>
            items;
        for (const auto& r : rows) {
            for (const auto& it : r.allocated.items) {
                items.emplace_back(r.id, it.product_id, it.quantity, it.unit_price);
            }
        }
        insert_rows(s_, "INSERT INTO order_items (order_id, product_id, quantity, unit_price)",
                    {"bigint", "bigint", "bigint", "bigint"}, items.size(),
                    [&](SqlParams& p, std::size_t i) {
                        const auto& [o, pr, q, u] = items[i];
                        p.add(o).add(pr).add(q).add(u);
                    });
        insert_answers(rows);
        std::vector<std::tuple<domain::UserId, domain::ProductId, std::int64_t>> totals;
        totals.reserve(buyer_added.size());
        for (const auto& [key, q] : buyer_added) totals.emplace_back(key.first, key.second, q);
        insert_rows(
            s_, "INSERT INTO buyer_product_totals (buyer_id, product_id, quantity)",
            {"bigint", "bigint", "bigint"}, totals.size(),
            [&](SqlParams& p, std::size_t i) {
                const auto& [b, pr, q] = totals[i];
                p.add(b).add(pr).add(q);
            },
            " ON CONFLICT (buyer_id, product_id) DO UPDATE SET quantity = "
            "buyer_product_totals.quantity + excluded.quantity");
        std::vector<const OrderRow*> keyed;
        for (const auto& r : rows) {
            if (r.idempotency_key) keyed.push_back(&r);
        }
        const auto inserted = insert_rows(
            s_, "INSERT INTO idempotency_keys (user_id, key, request_hash, order_id, created_at)",
            {"bigint", "text", "text", "bigint", "bigint"}, keyed.size(),
            [&](SqlParams& p, std::size_t i) {
                const auto& r = *keyed[i];
                p.add(r.buyer_id).add(*r.idempotency_key).add(r.request_hash).add(r.id).add(now);
            },
            " ON CONFLICT (user_id, key) DO NOTHING RETURNING user_id");
        if (inserted.size() != keyed.size()) throw RetryBatch();
        insert_rows(s_, "INSERT INTO outbox (kind, receiver_id, payload, created_at)",
                    {"text", "bigint", "text", "bigint"}, rows.size(),
                    [&](SqlParams& p, std::size_t i) {
                        const auto& r = rows[i];
                        p.add(std::string(domain::event_name(domain::EventKind::order_placed)));
                        p.add(seller);
                        p.add(r.notice);
                        p.add(now);
                    });
    }

  private:
    // The orders' answers, frozen with the questions' labels as asked.
    void insert_answers(const std::vector<OrderRow>& rows) {
        std::vector<std::pair<const OrderRow*, std::size_t>> answers;
        for (const auto& r : rows) {
            for (std::size_t k = 0; k < r.allocated.answers.size(); ++k)
                answers.emplace_back(&r, k);
        }
        insert_rows(s_, "INSERT INTO order_answers (order_id, question_id, position, label, value)",
                    {"bigint", "bigint", "bigint", "text", "text"}, answers.size(),
                    [&](SqlParams& p, std::size_t i) {
                        const auto& [row, k] = answers[i];
                        const auto& a = row->allocated.answers[k];
                        p.add(row->id).add(a.question_id).add(static_cast<std::int64_t>(k));
                        p.add(a.label).add(a.value);
                    });
    }

    SqlSession& s_;
};

}  // namespace

std::unique_ptr<BatchSteps> sql_batch_steps(SqlSession& s) {
    return std::make_unique<SqlBatchSteps>(s);
}

}  // namespace formlympics::store
