#include "store/form_parts.hpp"

#include "store/form_rows.hpp"
#include "store/liker_events.hpp"
#include "store/sql_builder.hpp"
#include "store/sql_insert.hpp"

namespace formlympics::store {

void insert_product(SqlSession& s, domain::FormId form, std::int64_t position,
                    const domain::NewProduct& p) {
    SqlParams pp;
    pp.add(form).add(position).add(p.name).add(p.price).add(p.stock).add(p.stock);
    pp.add(p.per_buyer_limit).add(p.group).add(p.option).add(p.group_limit);
    s.execute(
        "INSERT INTO products (form_id, position, name, price, stock_total, stock_remaining, "
        "per_buyer_limit, group_name, option_name, group_limit) VALUES " +
            values_list(1, 10),
        pp);
}

void apply_product_change(SqlSession& s, domain::FormId form, const domain::ProductChange& c,
                          domain::Millis now) {
    const auto owner = s.query(
        "SELECT stock_total - stock_remaining, stock_remaining FROM products WHERE id = $1 "
        "AND form_id = $2",
        SqlParams().add(c.id).add(form));
    if (owner.empty()) {
        throw FormAbort{domain::invalid_fields(
            {{"products", "product " + std::to_string(c.id) + " is not on this form"}})};
    }
    SqlBuilder u("UPDATE products SET name = COALESCE(");
    u.param(c.name).sql(", name), price = COALESCE(").param(c.price).sql(", price)");
    if (c.per_buyer_limit) u.sql(", per_buyer_limit = ").param(*c.per_buyer_limit);
    if (c.group) u.sql(", group_name = ").param(*c.group);
    if (c.option) u.sql(", option_name = ").param(*c.option);
    if (c.group_limit) u.sql(", group_limit = ").param(*c.group_limit);
    u.sql(" WHERE id = ").param(c.id);
    s.execute(u.text(), u.params());
    if (!c.stock_total) return;
    // Conditional: the new total must cover what is already sold, whatever sold meanwhile.
    SqlBuilder st("UPDATE products SET stock_remaining = stock_remaining + (");
    st.param(*c.stock_total).sql(" - stock_total), stock_total = ").param(*c.stock_total);
    st.sql(" WHERE id = ").param(c.id).sql(" AND stock_total - stock_remaining <= ");
    st.param(*c.stock_total);
    if (s.execute(st.text(), st.params()) != 1) {
        throw FormAbort{domain::invalid_fields(
            {{"products", "stock of product " + std::to_string(c.id) +
                              " cannot drop below the units already sold"}})};
    }
    if (owner.int64(0, 1) == 0 && *c.stock_total > owner.int64(0, 0)) {
        queue_restocked(s, c.id, now);
    }
}

void insert_delivery_option(SqlSession& s, domain::FormId form, std::int64_t position,
                            const domain::DeliveryOption& o) {
    SqlParams p;
    p.add(form).add(position).add(std::string(domain::kDeliveryKinds.name(o.kind)));
    p.add(o.label).add(o.fee).add(o.pickup_note);
    s.execute(
        "INSERT INTO delivery_options (form_id, position, kind, label, fee, pickup_note) VALUES " +
            values_list(1, 6),
        p);
}

// Makes the form's options the given list: listed ids are kept (and changed), the others
// removed, options without an id added.
void replace_delivery_options(SqlSession& s, domain::FormId form,
                              const std::vector<domain::DeliveryOption>& options) {
    SqlBuilder gone("DELETE FROM delivery_options WHERE form_id = ");
    gone.param(form);
    for (const auto& o : options) {
        if (o.id != 0) gone.sql(" AND id <> ").param(o.id);
    }
    s.execute(gone.text(), gone.params());
    std::int64_t position = 0;
    for (const auto& o : options) {
        if (o.id == 0) {
            insert_delivery_option(s, form, position++, o);
            continue;
        }
        SqlParams p;
        p.add(position++).add(std::string(domain::kDeliveryKinds.name(o.kind))).add(o.label);
        p.add(o.fee).add(o.pickup_note).add(o.id).add(form);
        if (s.execute("UPDATE delivery_options SET position = $1, kind = $2, label = $3, fee = $4, "
                      "pickup_note = $5 WHERE id = $6 AND form_id = $7",
                      p) != 1) {
            throw FormAbort{domain::invalid_fields(
                {{"delivery_options", "option " + std::to_string(o.id) + " is not on this form"}})};
        }
    }
}

void remove_products(SqlSession& s, domain::FormId form,
                     const std::vector<domain::ProductId>& ids) {
    for (const auto id : ids) {
        const auto held = s.query(
            "SELECT (SELECT COUNT(*) FROM order_items WHERE product_id = $1), (SELECT COUNT(*) "
            "FROM products WHERE id = $1 AND form_id = $2)",
            SqlParams().add(id).add(form));
        if (held.int64(0, 1) == 0) {
            throw FormAbort{domain::invalid_fields(
                {{"remove_products", "product " + std::to_string(id) + " is not on this form"}})};
        }
        if (held.int64(0, 0) > 0) {
            throw FormAbort{domain::invalid_fields(
                {{"remove_products",
                  "product " + std::to_string(id) + " has orders and cannot be removed"}})};
        }
        s.execute("DELETE FROM images WHERE product_id = $1", SqlParams().add(id));
        s.execute("DELETE FROM buyer_product_totals WHERE product_id = $1", SqlParams().add(id));
        s.execute("DELETE FROM products WHERE id = $1", SqlParams().add(id));
    }
}

void replace_questions(SqlSession& s, domain::FormId form,
                       const std::vector<domain::Question>& questions) {
    s.execute(
        "DELETE FROM question_choices WHERE question_id IN (SELECT id FROM form_questions WHERE "
        "form_id = $1)",
        SqlParams().add(form));
    s.execute("DELETE FROM form_questions WHERE form_id = $1", SqlParams().add(form));
    std::int64_t position = 0;
    for (const auto& q : questions) {
        SqlParams p;
        p.add(form).add(position++).add(q.label);
        p.add(std::string(domain::kQuestionKinds.name(q.kind)));
        p.add(static_cast<std::int64_t>(q.required ? 1 : 0));
        const auto id = s.query(
                             "INSERT INTO form_questions (form_id, position, label, kind, "
                             "required) VALUES " +
                                 values_list(1, 5) + " RETURNING id",
                             p)
                            .int64(0, 0);
        insert_rows(s, "INSERT INTO question_choices (question_id, position, label)",
                    {"bigint", "bigint", "text"}, q.choices.size(),
                    [&](SqlParams& c, std::size_t i) {
                        c.add(id).add(static_cast<std::int64_t>(i)).add(q.choices[i]);
                    });
    }
}

}  // namespace formlympics::store
