#include "store/form_store.hpp"

#include "domain/text.hpp"
#include "store/form_parts.hpp"
#include "store/form_rows.hpp"
#include "store/liker_events.hpp"
#include "store/sql_builder.hpp"

namespace formlympics::store {
namespace {

using domain::Errc;

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

// Text found in the title or the description, Korean included. SQLite: the trigram index for
// three characters or more (a trigram needs three), a scan with LIKE below that; PostgreSQL:
// ILIKE, which its trigram indexes serve.
void add_search_condition(SqlBuilder& w, SqlSession::Dialect dialect, const std::string& text) {
    if (dialect == SqlSession::Dialect::sqlite && domain::text_length(text) >= 3) {
        std::string phrase = "\"";
        for (const char c : text) {
            phrase += c;
            if (c == '"') phrase += '"';
        }
        phrase += '"';
        w.sql(" AND f.id IN (SELECT rowid FROM forms_search WHERE forms_search MATCH ");
        w.param(phrase).sql(")");
        return;
    }
    std::string pattern = "%";
    for (const char c : text) {
        if (c == '%' || c == '_' || c == '\\') pattern += '\\';
        pattern += c;
    }
    pattern += '%';
    const std::string like = dialect == SqlSession::Dialect::postgres ? " ILIKE " : " LIKE ";
    w.sql(" AND (f.title" + like).param(pattern).sql(" ESCAPE '\\' OR f.description" + like);
    w.param(pattern).sql(" ESCAPE '\\')");
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
        p.add(f.free_shipping_over).add(std::string(domain::kVisibilities.name(f.visibility)));
        const auto id = s.query(
                             "INSERT INTO forms (seller_id, title, description, opens_at, "
                             "closes_at, deposit_deadline_hours, bank, account_number, "
                             "holder_name, created_at, free_shipping_over, visibility) VALUES " +
                                 values_list(1, 12) + " RETURNING id",
                             p)
                            .int64(0, 0);
        std::int64_t option_position = 0;
        for (const auto& o : f.delivery_options) {
            insert_delivery_option(s, id, option_position++, o);
        }
        std::int64_t position = 0;
        for (const auto& prod : f.products) insert_product(s, id, position++, prod);
        replace_questions(s, id, f.questions);
        return *load_form(s, id, false);
    });
}

std::optional<domain::Form> FormStore::find(domain::FormId id) {
    return db_.read_result([&](SqlSession& s) { return load_form(s, id, false); });
}

FormPage FormStore::list(const FormFilter& filter, std::size_t limit,
                         std::optional<domain::FormId> before, domain::Millis now) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder where("f.visibility = 'PUBLIC'");
        if (filter.status) {
            where.sql(" AND ");
            add_status_condition(where, *filter.status, now);
        }
        if (filter.seller) where.sql(" AND f.seller_id = ").param(*filter.seller);
        if (!filter.text.empty()) add_search_condition(where, s.dialect(), filter.text);
        return page_of(s, std::move(where), limit, before);
    });
}

FormPage FormStore::list_by_seller(domain::UserId seller, const SellerFilter& filter,
                                   std::size_t limit, std::optional<domain::FormId> before,
                                   domain::Millis now) {
    return db_.read_result([&](SqlSession& s) {
        SqlBuilder where;
        where.sql("f.seller_id = ").param(seller);
        if (filter.drafts) where.sql(" AND f.visibility = 'DRAFT'");
        if (filter.status) {
            where.sql(" AND f.visibility <> 'DRAFT' AND ");
            add_status_condition(where, *filter.status, now);
        }
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
                s.query(std::string("SELECT opens_at, visibility FROM forms WHERE id = $1") +
                            s.for_update(),
                        SqlParams().add(id));
            if (row.empty()) return domain::fail(Errc::not_found, "no such form");
            const bool draft =
                row.str(0, 1) == domain::kVisibilities.name(domain::Visibility::DRAFT);
            if (unopened_at && !draft && row.int64(0, 0) <= *unopened_at) {
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
            if (!c.removed_products.empty()) remove_products(s, id, c.removed_products);
            if (!c.added_products.empty()) {
                auto position = s.query(
                                     "SELECT COALESCE(MAX(position), -1) + 1 FROM products "
                                     "WHERE form_id = $1",
                                     SqlParams().add(id))
                                    .int64(0, 0);
                for (const auto& np : c.added_products) insert_product(s, id, position++, np);
            }
            if (c.delivery_options) replace_delivery_options(s, id, *c.delivery_options);
            if (c.questions) replace_questions(s, id, *c.questions);
            auto form = *load_form(s, id, false);
            if (form.opens_at >= form.closes_at) {
                throw FormAbort{domain::invalid_fields({{"closes_at", "must be after opens_at"}})};
            }
            if (form.products.empty()) {
                throw FormAbort{
                    domain::invalid_fields({{"products", "must hold 1 to 50 products"}})};
            }
            return form;
        });
    } catch (const FormAbort& a) {
        return a.error;
    }
}

domain::Result<domain::Form> FormStore::set_visibility(domain::FormId id,
                                                       domain::Visibility visibility,
                                                       domain::Millis now) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::Form> {
        // Closed forms stay as they are: the check and the change are one statement.
        SqlBuilder u("UPDATE forms SET visibility = ");
        u.param(std::string(domain::kVisibilities.name(visibility)));
        u.sql(" WHERE id = ").param(id).sql(" AND closed_at IS NULL AND closes_at > ").param(now);
        if (s.execute(u.text(), u.params()) != 1) {
            if (!load_form(s, id, false, FormParts::without_images)) {
                return domain::fail(Errc::not_found, "no such form");
            }
            return domain::fail(Errc::conflict, "the sale has closed");
        }
        return *load_form(s, id, false);
    });
}

domain::Result<std::vector<std::string>> FormStore::remove(domain::FormId id) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<std::vector<std::string>> {
        const auto row = s.query(
            std::string("SELECT (SELECT COUNT(*) FROM orders WHERE form_id = $1) FROM forms WHERE "
                        "id = $1") +
                s.for_update(),
            SqlParams().add(id));
        if (row.empty()) return domain::fail(Errc::not_found, "no such form");
        if (row.int64(0, 0) > 0) {
            return domain::fail(Errc::conflict,
                                "the form has orders; close it instead of deleting it");
        }
        const auto images =
            s.query("SELECT id FROM images WHERE form_id = $1", SqlParams().add(id));
        std::vector<std::string> image_ids;
        for (std::size_t i = 0; i < images.size(); ++i) image_ids.push_back(images.str(i, 0));
        // Children first: the foreign keys hold on both databases.
        for (const char* sql :
             {"DELETE FROM user_coupons WHERE coupon_id IN (SELECT id FROM coupons WHERE form_id "
              "= $1)",
              "DELETE FROM coupons WHERE form_id = $1", "DELETE FROM likes WHERE form_id = $1",
              "DELETE FROM images WHERE form_id = $1",
              "DELETE FROM buyer_product_totals WHERE product_id IN (SELECT id FROM products "
              "WHERE form_id = $1)",
              "DELETE FROM products WHERE form_id = $1",
              "DELETE FROM delivery_options WHERE form_id = $1",
              "DELETE FROM question_choices WHERE question_id IN (SELECT id FROM form_questions "
              "WHERE form_id = $1)",
              "DELETE FROM form_questions WHERE form_id = $1", "DELETE FROM forms WHERE id = $1"}) {
            s.execute(sql, SqlParams().add(id));
        }
        return image_ids;
    });
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
            "u.id = f.seller_id WHERE f.opening_soon_sent = 0 AND f.visibility <> 'DRAFT' AND "
            "f.closed_at IS NULL AND f.opens_at > $1 AND f.opens_at <= $2 ORDER BY f.opens_at "
            "LIMIT $3",
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
