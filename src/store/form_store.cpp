#include "store/form_store.hpp"

#include "store/form_rows.hpp"
#include "store/liker_events.hpp"
#include "store/sql_builder.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

// Carries an expected failure out of a transaction, rolling it back.
struct Abort {
    domain::Error error;
};

void add_status_condition(SqlBuilder& w, domain::FormStatus status, domain::Millis now) {
    using S = domain::FormStatus;
    const std::string any_left =
        "EXISTS (SELECT 1 FROM products p WHERE p.form_id = f.id AND p.stock_remaining > 0)";
    switch (status) {
        case S::upcoming:
            w.sql("f.closed_at IS NULL AND f.opens_at > ").param(now);
            break;
        case S::closed:
            w.sql("(f.closed_at IS NOT NULL OR f.closes_at <= ").param(now).sql(")");
            break;
        case S::open:
        case S::sold_out:
            w.sql("f.closed_at IS NULL AND f.opens_at <= ").param(now);
            w.sql(" AND f.closes_at > ").param(now);
            w.sql(status == S::open ? " AND " + any_left : " AND NOT " + any_left);
            break;
    }
}

void apply_product_change(SqlSession& s, domain::FormId form, const ProductChange& c,
                          domain::Millis now) {
    const auto owner = s.query(
        "SELECT stock_total - stock_remaining, stock_remaining FROM products WHERE id = $1 "
        "AND form_id = $2",
        SqlParams().add(c.id).add(form));
    if (owner.empty()) {
        throw Abort{domain::invalid_fields(
            {{"products", "product " + std::to_string(c.id) + " is not on this form"}})};
    }
    SqlBuilder u("UPDATE products SET name = COALESCE(");
    u.param(c.name).sql(", name), price = COALESCE(").param(c.price).sql(", price)");
    if (c.per_buyer_limit) u.sql(", per_buyer_limit = ").param(*c.per_buyer_limit);
    u.sql(" WHERE id = ").param(c.id);
    s.execute(u.text(), u.params());
    if (!c.stock_total) return;
    // Conditional: the new total must cover what is already sold, whatever sold meanwhile.
    SqlBuilder st("UPDATE products SET stock_remaining = stock_remaining + (");
    st.param(*c.stock_total).sql(" - stock_total), stock_total = ").param(*c.stock_total);
    st.sql(" WHERE id = ").param(c.id).sql(" AND stock_total - stock_remaining <= ");
    st.param(*c.stock_total);
    if (s.execute(st.text(), st.params()) != 1) {
        throw Abort{domain::invalid_fields(
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
            throw Abort{domain::invalid_fields(
                {{"delivery_options", "option " + std::to_string(o.id) + " is not on this form"}})};
        }
    }
}

// A page of the forms `where` selects, newest first: up to `limit` with ids below `before`,
// and the cursor of the next page when there is one.
FormPage page_of(SqlSession& s, SqlBuilder where, std::size_t limit,
                 std::optional<domain::FormId> before) {
    if (before) where.sql(" AND f.id < ").param(*before);
    FormPage page;
    page.items = load_forms(s, std::move(where), limit + 1);
    if (page.items.size() > limit) {
        page.items.pop_back();
        page.next_cursor = page.items.back().id;
    }
    return page;
}

}  // namespace

domain::Form FormStore::create(const NewForm& f) {
    return db_.write_result([&](SqlSession& s) {
        SqlParams p;
        p.add(f.seller_id).add(f.title).add(f.description).add(f.opens_at).add(f.closes_at);
        p.add(static_cast<std::int64_t>(f.deposit_deadline_hours));
        p.add(std::string(domain::bank_code(f.bank_account.bank)));
        p.add(f.bank_account.account_number).add(f.bank_account.holder_name).add(f.created_at);
        p.add(f.free_shipping_over);
        const auto id = s.query(
                             "INSERT INTO forms (seller_id, title, description, opens_at, "
                             "closes_at, deposit_deadline_hours, bank, account_number, "
                             "holder_name, created_at, free_shipping_over) VALUES " +
                                 values_list(1, 11) + " RETURNING id",
                             p)
                            .int64(0, 0);
        std::int64_t option_position = 0;
        for (const auto& o : f.delivery_options) {
            insert_delivery_option(s, id, option_position++, o);
        }
        std::int64_t position = 0;
        for (const auto& prod : f.products) {
            SqlParams pp;
            pp.add(id).add(position++).add(prod.name).add(prod.price).add(prod.stock);
            pp.add(prod.stock).add(prod.per_buyer_limit);
            s.execute(
                "INSERT INTO products (form_id, position, name, price, stock_total, "
                "stock_remaining, per_buyer_limit) VALUES " +
                    values_list(1, 7),
                pp);
        }
        return *load_form(s, id, false);
    });
}

std::optional<domain::Form> FormStore::find(domain::FormId id) {
    return db_.read_result([&](SqlSession& s) { return load_form(s, id, false); });
}

FormPage FormStore::list(std::optional<domain::FormStatus> status, std::size_t limit,
                         std::optional<domain::FormId> before, domain::Millis now) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder where;
        if (status) {
            add_status_condition(where, *status, now);
        } else {
            where.sql("1 = 1");
        }
        return page_of(s, std::move(where), limit, before);
    });
}

FormPage FormStore::list_by_seller(domain::UserId seller, std::size_t limit,
                                   std::optional<domain::FormId> before) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder where;
        where.sql("f.seller_id = ").param(seller);
        return page_of(s, std::move(where), limit, before);
    });
}

std::map<domain::FormId, std::map<std::string, std::int64_t>> FormStore::order_counts(
    const std::vector<domain::FormId>& forms) {
    std::map<domain::FormId, std::map<std::string, std::int64_t>> out;
    if (forms.empty()) return out;
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder q("SELECT form_id, status, COUNT(*) FROM orders WHERE form_id IN (");
        for (std::size_t i = 0; i < forms.size(); ++i) {
            if (i > 0) q.sql(", ");
            q.param(forms[i]);
        }
        q.sql(") GROUP BY form_id, status");
        const auto r = s.query(q.text(), q.params());
        for (std::size_t i = 0; i < r.rows.size(); ++i) {
            out[r.int64(i, 0)][r.text(i, 1).value_or("")] = r.int64(i, 2);
        }
        return out;
    });
}

domain::Result<domain::Form> FormStore::update(domain::FormId id, const FormChanges& c,
                                               std::optional<domain::Millis> unopened_at) {
    try {
        return db_.write_result([&](SqlSession& s) -> domain::Result<domain::Form> {
            const auto row =
                s.query(std::string("SELECT opens_at FROM forms WHERE id = $1") + s.for_update(),
                        SqlParams().add(id));
            if (row.empty()) return domain::fail(Errc::not_found, "no such form");
            if (unopened_at && row.int64(0, 0) <= *unopened_at) {
                return domain::fail(Errc::conflict,
                                    "the sale has opened; only the description, closes_at and "
                                    "added stock may change now");
            }
            SqlBuilder u("UPDATE forms SET title = COALESCE(");
            u.param(c.title).sql(", title), description = COALESCE(").param(c.description);
            u.sql(", description), opens_at = COALESCE(").param(c.opens_at);
            u.sql(", opens_at), closes_at = COALESCE(").param(c.closes_at);
            std::optional<std::int64_t> hours;
            if (c.deposit_deadline_hours) hours = *c.deposit_deadline_hours;
            u.sql(", closes_at), deposit_deadline_hours = COALESCE(").param(hours);
            u.sql(", deposit_deadline_hours)");
            if (c.bank_account) {
                u.sql(", bank = ").param(std::string(domain::bank_code(c.bank_account->bank)));
                u.sql(", account_number = ").param(c.bank_account->account_number);
                u.sql(", holder_name = ").param(c.bank_account->holder_name);
            }
            if (c.free_shipping_over) u.sql(", free_shipping_over = ").param(*c.free_shipping_over);
            u.sql(" WHERE id = ").param(id);
            s.execute(u.text(), u.params());
            for (const auto& pc : c.products) apply_product_change(s, id, pc, c.changed_at);
            if (c.delivery_options) replace_delivery_options(s, id, *c.delivery_options);
            auto form = *load_form(s, id, false);
            if (form.opens_at >= form.closes_at) {
                throw Abort{domain::invalid_fields({{"closes_at", "must be after opens_at"}})};
            }
            return form;
        });
    } catch (const Abort& a) {
        return a.error;
    }
}

std::optional<domain::Form> FormStore::close(domain::FormId id, domain::Millis now) {
    return db_.write_result([&](SqlSession& s) {
        s.execute("UPDATE forms SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL",
                  SqlParams().add(now).add(id));
        return load_form(s, id, false);
    });
}

std::vector<OpeningSoon> FormStore::opening_soon(domain::Millis now, domain::Millis lead,
                                                 std::size_t limit) {
    return db_.read_result([&](SqlSession& s) {
        const auto r = s.query(
            "SELECT f.id, f.title, f.opens_at, f.seller_id, u.name FROM forms f JOIN users u ON "
            "u.id = f.seller_id WHERE f.opening_soon_sent = 0 AND f.closed_at IS NULL AND "
            "f.opens_at > $1 AND f.opens_at <= $2 ORDER BY f.opens_at LIMIT $3",
            SqlParams().add(now).add(now + lead).add(static_cast<std::int64_t>(limit)));
        std::vector<OpeningSoon> out;
        for (std::size_t i = 0; i < r.size(); ++i) {
            out.push_back({r.int64(i, 0), r.str(i, 1), r.int64(i, 2), r.int64(i, 3), r.str(i, 4)});
        }
        return out;
    });
}

bool FormStore::announce_opening(domain::FormId id, const std::string& payload,
                                 domain::Millis now) {
    return db_.write_result([&](SqlSession& s) { return queue_opening_soon(s, id, payload, now); });
}

}  // namespace formlympics::store
