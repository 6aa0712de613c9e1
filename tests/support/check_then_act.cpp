#include "support/check_then_act.hpp"

#include <thread>

#include "store/postgres/pg_session.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite/sqlite_session.hpp"

namespace formlympics::test {

struct CheckThenActOrders::Db {
    std::unique_ptr<store::SqliteDatabase> sqlite;
    std::unique_ptr<store::PgPool> pg;
    std::unique_ptr<store::SqlDatabase> sql;
};

CheckThenActOrders::CheckThenActOrders(const std::string& url, std::chrono::milliseconds delay)
    : db_(std::make_unique<Db>()), delay_(delay) {
    if (url.starts_with("sqlite:")) {
        db_->sqlite = std::make_unique<store::SqliteDatabase>(url.substr(7), 8);
        db_->sql = std::make_unique<store::SqliteSqlDatabase>(*db_->sqlite);
    } else {
        db_->pg = std::make_unique<store::PgPool>(url, 32, std::chrono::seconds(10));
        db_->sql = std::make_unique<store::PgSqlDatabase>(*db_->pg);
    }
}

CheckThenActOrders::~CheckThenActOrders() = default;

std::optional<domain::OrderId> CheckThenActOrders::place(domain::FormId form,
                                                         domain::ProductId product,
                                                         domain::UserId buyer,
                                                         std::int64_t quantity) {
    // Check...
    const auto seen = db_->sql->read_result([&](store::SqlSession& s) {
        return s.query("SELECT stock_remaining, price FROM products WHERE id = $1",
                       store::SqlParams().add(product));
    });
    const auto stock = seen.int64(0, 0);
    if (stock < quantity) return std::nullopt;
    std::this_thread::sleep_for(delay_);
    // ...then act on what was seen.
    return db_->sql->write_result([&](store::SqlSession& s) {
        s.execute("UPDATE products SET stock_remaining = $1 WHERE id = $2",
                  store::SqlParams().add(stock - quantity).add(product));
        const auto id =
            s.query(
                 "INSERT INTO orders (form_id, buyer_id, status, total, depositor_name, "
                 "deposit_deadline, created_at, updated_at) VALUES ($1, $2, 'CREATED', $3, "
                 "'Naive', 0, 0, 0) RETURNING id",
                 store::SqlParams().add(form).add(buyer).add(seen.int64(0, 1) * quantity))
                .int64(0, 0);
        s.execute(
            "INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES "
            "($1, $2, $3, $4)",
            store::SqlParams().add(id).add(product).add(quantity).add(seen.int64(0, 1)));
        return id;
    });
}

}  // namespace formlympics::test
