#include "store/form_rows.hpp"

#include <map>

namespace formlympics::store {
namespace {

const std::string kFormSelect =
    "SELECT f.id, f.seller_id, u.name, f.title, f.description, f.opens_at, f.closes_at, "
    "f.deposit_deadline_hours, f.bank, f.account_number, f.holder_name, f.closed_at, f.likes, "
    "f.created_at FROM forms f JOIN users u ON u.id = f.seller_id WHERE ";

const std::string kOrderSelect =
    "SELECT o.id, o.form_id, o.buyer_id, f.seller_id, o.status, o.total, o.depositor_name, "
    "o.deposit_deadline, o.tracking_number, o.created_at, o.updated_at, f.bank, "
    "f.account_number, f.holder_name, o.discount, o.user_coupon_id FROM orders o "
    "JOIN forms f ON f.id = o.form_id WHERE ";

domain::BankAccount bank_account(const SqlRows& r, std::size_t i, std::size_t col) {
    return domain::BankAccount{domain::kBanks.stored(r.str(i, col)), r.str(i, col + 1),
                               r.str(i, col + 2)};
}

domain::Form form_row(const SqlRows& r, std::size_t i) {
    domain::Form f;
    f.id = r.int64(i, 0);
    f.seller_id = r.int64(i, 1);
    f.seller_name = r.str(i, 2);
    f.title = r.str(i, 3);
    f.description = r.str(i, 4);
    f.opens_at = r.int64(i, 5);
    f.closes_at = r.int64(i, 6);
    f.deposit_deadline_hours = static_cast<int>(r.int64(i, 7));
    f.bank_account = bank_account(r, i, 8);
    f.closed_at = r.opt_int64(i, 11);
    f.likes = r.int64(i, 12);
    f.created_at = r.int64(i, 13);
    return f;
}

void attach_products(SqlSession& s, std::vector<domain::Form>& forms, bool lock) {
    if (forms.empty()) return;
    std::vector<std::int64_t> ids;
    std::map<domain::FormId, domain::Form*> by_id;
    for (auto& f : forms) {
        ids.push_back(f.id);
        by_id[f.id] = &f;
    }
    const auto rows = s.query(
        "SELECT id, form_id, name, price, stock_total, stock_remaining, per_buyer_limit "
        "FROM products WHERE form_id IN " +
        id_list(ids) + " ORDER BY form_id, position" + (lock ? s.for_update() : ""));
    for (std::size_t i = 0; i < rows.size(); ++i) {
        domain::Product p{rows.int64(i, 0), rows.int64(i, 1), rows.str(i, 2),      rows.int64(i, 3),
                          rows.int64(i, 4), rows.int64(i, 5), rows.opt_int64(i, 6)};
        by_id[p.form_id]->products.push_back(std::move(p));
    }
}

}  // namespace

std::string id_list(const std::vector<std::int64_t>& ids) {
    std::string out = "(";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) out += ", ";
        out += std::to_string(ids[i]);
    }
    return out + ")";
}

namespace {

// Forms with their products; with `lock`, the product rows are locked for update.
std::vector<domain::Form> select_forms(SqlSession& s, SqlBuilder where, std::size_t limit,
                                       bool lock) {
    where.sql(" ORDER BY f.id DESC LIMIT ").param(static_cast<std::int64_t>(limit));
    const auto rows = s.query(kFormSelect + where.text(), where.params());
    std::vector<domain::Form> forms;
    for (std::size_t i = 0; i < rows.size(); ++i) forms.push_back(form_row(rows, i));
    attach_products(s, forms, lock);
    return forms;
}

}  // namespace

std::optional<domain::Form> load_form(SqlSession& s, domain::FormId id, bool lock) {
    SqlBuilder where;
    where.sql("f.id = ").param(id);
    auto forms = select_forms(s, std::move(where), 1, lock);
    if (forms.empty()) return std::nullopt;
    return std::move(forms[0]);
}

std::vector<domain::Form> load_forms(SqlSession& s, SqlBuilder where, std::size_t limit) {
    return select_forms(s, std::move(where), limit, false);
}

std::vector<domain::Order> load_orders(SqlSession& s, SqlBuilder where, std::size_t limit) {
    where.sql(" ORDER BY o.id DESC LIMIT ").param(static_cast<std::int64_t>(limit));
    const auto rows = s.query(kOrderSelect + where.text(), where.params());
    std::vector<domain::Order> orders;
    std::vector<std::int64_t> ids;
    std::map<domain::OrderId, std::size_t> index;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        domain::Order o;
        o.id = rows.int64(i, 0);
        o.form_id = rows.int64(i, 1);
        o.buyer_id = rows.int64(i, 2);
        o.seller_id = rows.int64(i, 3);
        o.status = domain::kOrderStatuses.stored(rows.str(i, 4));
        o.total = rows.int64(i, 5);
        o.depositor_name = rows.str(i, 6);
        o.deposit_deadline = rows.int64(i, 7);
        o.tracking_number = rows.text(i, 8);
        o.created_at = rows.int64(i, 9);
        o.updated_at = rows.int64(i, 10);
        o.deposit_account = bank_account(rows, i, 11);
        o.discount = rows.int64(i, 14);
        o.user_coupon_id = rows.opt_int64(i, 15);
        index[o.id] = orders.size();
        ids.push_back(o.id);
        orders.push_back(std::move(o));
    }
    if (orders.empty()) return orders;
    const auto items = s.query(
        "SELECT i.order_id, i.product_id, p.name, i.quantity, i.unit_price FROM order_items i "
        "JOIN products p ON p.id = i.product_id WHERE i.order_id IN " +
        id_list(ids) + " ORDER BY i.order_id, p.position");
    for (std::size_t i = 0; i < items.size(); ++i) {
        orders[index[items.int64(i, 0)]].items.push_back(
            {items.int64(i, 1), items.str(i, 2), items.int64(i, 3), items.int64(i, 4)});
    }
    return orders;
}

}  // namespace formlympics::store
