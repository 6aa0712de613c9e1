#include "store/form_rows.hpp"

#include <algorithm>
#include <map>

namespace formlympics::store {
namespace {

const std::string kFormSelect =
    "SELECT f.id, f.seller_id, u.name, f.title, f.description, f.opens_at, f.closes_at, "
    "f.deposit_deadline_hours, f.bank, f.account_number, f.holder_name, f.closed_at, f.likes, "
    "f.created_at, f.free_shipping_over, f.visibility FROM forms f JOIN users u ON u.id = "
    "f.seller_id WHERE ";

const std::string kOrderSelect =
    "SELECT o.id, o.form_id, o.buyer_id, f.seller_id, f.title, ub.name, us.name, o.status, "
    "o.total, o.depositor_name, "
    "o.deposit_deadline, o.tracking_number, o.courier, o.created_at, o.updated_at, f.bank, "
    "f.account_number, f.holder_name, o.discount, o.user_coupon_id, o.shipping_fee, "
    "o.delivery_option_id, o.delivery_kind, o.delivery_label, o.delivery_fee, o.pickup_note, "
    "o.recipient_name, "
    "o.recipient_phone, o.address1, o.address2, o.zipcode, o.paid_at, o.refunded_at, "
    // The refund account: the buyer's now while the refund is owed, the one it went to after.
    "CASE WHEN o.refunded_at IS NULL THEN ub.refund_bank ELSE o.refunded_bank END, "
    "CASE WHEN o.refunded_at IS NULL THEN ub.refund_account_number "
    "ELSE o.refunded_account_number END, "
    "CASE WHEN o.refunded_at IS NULL THEN ub.refund_holder_name ELSE o.refunded_holder_name END "
    "FROM orders o "
    "JOIN forms f ON f.id = o.form_id JOIN users ub ON ub.id = o.buyer_id "
    "JOIN users us ON us.id = f.seller_id WHERE ";

// Three columns: bank, account number, holder name.
domain::BankAccount bank_account(RowReader& r) {
    domain::BankAccount a;
    a.bank = domain::stored_bank(r.str());
    a.account_number = r.str();
    a.holder_name = r.str();
    return a;
}

// A row of kFormSelect.
domain::Form form_row(RowReader r) {
    domain::Form f;
    f.id = r.int64();
    f.seller_id = r.int64();
    f.seller_name = r.str();
    f.title = r.str();
    f.description = r.str();
    f.opens_at = r.int64();
    f.closes_at = r.int64();
    f.deposit_deadline_hours = static_cast<int>(r.int64());
    f.bank_account = bank_account(r);
    f.closed_at = r.opt_int64();
    f.likes = r.int64();
    f.created_at = r.int64();
    f.free_shipping_over = r.opt_int64();
    f.visibility = domain::kVisibilities.stored(r.str());
    return f;
}

// A row of kOrderSelect, without its items.
domain::Order order_row(RowReader r) {
    domain::Order o;
    o.id = r.int64();
    o.form_id = r.int64();
    o.buyer_id = r.int64();
    o.seller_id = r.int64();
    o.form_title = r.str();
    o.buyer_name = r.str();
    o.seller_name = r.str();
    o.status = domain::kOrderStatuses.stored(r.str());
    o.total = r.int64();
    o.depositor_name = r.str();
    o.deposit_deadline = r.int64();
    const auto tracking = r.text();
    const auto courier = r.text();
    if (tracking) {
        o.shipment = domain::Shipment{*tracking, std::nullopt};
        if (courier) o.shipment->courier = domain::kCouriers.stored(*courier);
    }
    o.created_at = r.int64();
    o.updated_at = r.int64();
    o.deposit_account = bank_account(r);
    o.discount = r.int64();
    o.user_coupon_id = r.opt_int64();
    o.shipping_fee = r.int64();
    const auto option_id = r.opt_int64();
    const auto kind = r.text();
    domain::Delivery d;
    d.option.label = r.str();
    d.option.fee = r.opt_int64().value_or(0);
    d.option.pickup_note = r.str();
    d.recipient = {r.str(), r.str(), r.str(), r.str(), r.str()};
    if (option_id && kind) {
        d.option.id = *option_id;
        d.option.kind = domain::kDeliveryKinds.stored(*kind);
        o.delivery = std::move(d);
    }
    o.paid_at = r.opt_int64();
    o.refunded_at = r.opt_int64();
    if (auto bank = r.text()) {
        o.refund_account = domain::BankAccount{domain::stored_bank(*bank), r.str(), r.str()};
    }
    return o;
}

// The forms by id, for rows that name their form.
std::map<domain::FormId, domain::Form*> by_id(std::vector<domain::Form>& forms) {
    std::map<domain::FormId, domain::Form*> out;
    for (auto& f : forms) out[f.id] = &f;
    return out;
}

std::string ids_of(const std::vector<domain::Form>& forms) {
    std::vector<std::int64_t> ids;
    ids.reserve(forms.size());
    for (const auto& f : forms) ids.push_back(f.id);
    return id_list(ids);
}

void attach_products(SqlSession& s, std::vector<domain::Form>& forms, bool lock) {
    const auto rows = s.query(
        "SELECT id, form_id, name, price, stock_total, stock_remaining, per_buyer_limit, "
        "group_name, option_name, group_limit FROM products WHERE form_id IN " +
        ids_of(forms) + " ORDER BY form_id, position" + (lock ? s.for_update() : ""));
    auto form = by_id(forms);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        RowReader c(rows, i);
        domain::Product p;
        p.id = c.int64();
        p.form_id = c.int64();
        p.name = c.str();
        p.price = c.int64();
        p.stock_total = c.int64();
        p.stock_remaining = c.int64();
        p.per_buyer_limit = c.opt_int64();
        p.group = c.str();
        p.option = c.str();
        p.group_limit = c.opt_int64();
        form[p.form_id]->products.push_back(std::move(p));
    }
}

void attach_questions(SqlSession& s, std::vector<domain::Form>& forms) {
    const auto rows =
        s.query("SELECT id, form_id, label, kind, required FROM form_questions WHERE form_id IN " +
                ids_of(forms) + " ORDER BY form_id, position");
    if (rows.empty()) return;
    auto form = by_id(forms);
    std::map<std::int64_t, domain::Question*> question;
    std::vector<std::int64_t> ids;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        RowReader c(rows, i);
        domain::Question q;
        q.id = c.int64();
        const auto form_id = c.int64();
        q.label = c.str();
        q.kind = domain::kQuestionKinds.stored(c.str());
        q.required = c.int64() != 0;
        form[form_id]->questions.push_back(std::move(q));
        ids.push_back(rows.int64(i, 0));
    }
    for (auto& f : forms) {
        for (auto& q : f.questions) question[q.id] = &q;
    }
    const auto choices = s.query(
        "SELECT question_id, label FROM question_choices WHERE "
        "question_id IN " +
        id_list(ids) + " ORDER BY question_id, position");
    for (std::size_t i = 0; i < choices.size(); ++i) {
        question[choices.int64(i, 0)]->choices.push_back(choices.str(i, 1));
    }
}

void attach_delivery_options(SqlSession& s, std::vector<domain::Form>& forms) {
    const auto rows = s.query(
        "SELECT id, form_id, kind, label, fee, pickup_note FROM delivery_options WHERE form_id "
        "IN " +
        ids_of(forms) + " ORDER BY form_id, position");
    auto form = by_id(forms);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        RowReader c(rows, i);
        domain::DeliveryOption o;
        o.id = c.int64();
        const auto form_id = c.int64();
        o.kind = domain::kDeliveryKinds.stored(c.str());
        o.label = c.str();
        o.fee = c.int64();
        o.pickup_note = c.str();
        form[form_id]->delivery_options.push_back(std::move(o));
    }
}

void attach_images(SqlSession& s, std::vector<domain::Form>& forms) {
    const auto rows =
        s.query(std::string("SELECT ") + kImageColumns + " FROM images WHERE form_id IN " +
                ids_of(forms) + " ORDER BY form_id, product_id, position");
    auto form = by_id(forms);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto image = image_row(RowReader(rows, i));
        auto& f = *form[image.form_id];
        if (!image.product_id) {
            f.images.push_back(std::move(image));
            continue;
        }
        const auto owner = std::find_if(f.products.begin(), f.products.end(),
                                        [&](const auto& p) { return p.id == *image.product_id; });
        if (owner != f.products.end()) owner->images.push_back(std::move(image));
    }
}

}  // namespace

domain::Image image_row(RowReader r) {
    domain::Image image;
    image.id = r.str();
    image.form_id = r.int64();
    image.product_id = r.opt_int64();
    image.position = static_cast<int>(r.int64());
    image.width = static_cast<int>(r.int64());
    image.height = static_cast<int>(r.int64());
    return image;
}

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
                                       bool lock, FormParts parts = FormParts::whole) {
    where.sql(" ORDER BY f.id DESC LIMIT ").param(static_cast<std::int64_t>(limit));
    const auto rows = s.query(kFormSelect + where.text(), where.params());
    std::vector<domain::Form> forms;
    for (std::size_t i = 0; i < rows.size(); ++i) forms.push_back(form_row(RowReader(rows, i)));
    if (forms.empty()) return forms;
    attach_products(s, forms, lock);
    attach_delivery_options(s, forms);
    attach_questions(s, forms);
    if (parts == FormParts::whole) attach_images(s, forms);
    return forms;
}

}  // namespace

std::optional<domain::Form> load_form(SqlSession& s, domain::FormId id, bool lock,
                                      FormParts parts) {
    SqlBuilder where;
    where.sql("f.id = ").param(id);
    auto forms = select_forms(s, std::move(where), 1, lock, parts);
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
        auto o = order_row(RowReader(rows, i));
        index[o.id] = orders.size();
        ids.push_back(o.id);
        orders.push_back(std::move(o));
    }
    if (orders.empty()) return orders;
    const auto items = s.query(
        "SELECT i.order_id, i.product_id, p.name, i.quantity, i.unit_price, p.group_name, "
        "p.option_name FROM order_items i "
        "JOIN products p ON p.id = i.product_id WHERE i.order_id IN " +
        id_list(ids) + " ORDER BY i.order_id, p.position");
    for (std::size_t i = 0; i < items.size(); ++i) {
        orders[index[items.int64(i, 0)]].items.push_back({items.int64(i, 1), items.str(i, 2),
                                                          items.int64(i, 3), items.int64(i, 4),
                                                          items.str(i, 5), items.str(i, 6)});
    }
    const auto answers =
        s.query("SELECT order_id, question_id, label, value FROM order_answers WHERE order_id IN " +
                id_list(ids) + " ORDER BY order_id, position");
    for (std::size_t i = 0; i < answers.size(); ++i) {
        orders[index[answers.int64(i, 0)]].answers.push_back(
            {answers.int64(i, 1), answers.str(i, 2), answers.str(i, 3)});
    }
    return orders;
}

}  // namespace formlympics::store
