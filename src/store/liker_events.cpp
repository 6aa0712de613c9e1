#include "store/liker_events.hpp"

#include "domain/event_kind.hpp"
#include "store/event_payloads.hpp"

namespace formlympics::store {

namespace {

// The same event to every liker of a form.
void tell_likers(SqlSession& s, domain::FormId form, domain::EventKind kind,
                 const std::string& payload, domain::Millis now) {
    s.execute(
        "INSERT INTO outbox (kind, receiver_id, payload, created_at) SELECT $2, user_id, $3, $4 "
        "FROM likes WHERE form_id = $1",
        SqlParams().add(form).add(std::string(domain::event_name(kind))).add(payload).add(now));
}

}  // namespace

void queue_restocked(SqlSession& s, domain::ProductId product, domain::Millis now) {
    const auto p = s.query(
        "SELECT p.form_id, p.stock_remaining, p.name, f.title, f.seller_id, u.name FROM products p "
        "JOIN forms f ON f.id = p.form_id JOIN users u ON u.id = f.seller_id WHERE p.id = $1",
        SqlParams().add(product));
    if (p.empty()) return;
    const FormNotice form{p.int64(0, 0), p.str(0, 3), p.int64(0, 4), p.str(0, 5)};
    tell_likers(s, form.id, domain::EventKind::restocked,
                restocked_payload(form, product, p.str(0, 2), p.int64(0, 1)), now);
}

bool queue_opening_soon(SqlSession& s, domain::FormId form, const std::string& payload,
                        domain::Millis now) {
    // Conditional: of two racing sweeps (or instances), one tells the likers.
    if (s.execute("UPDATE forms SET opening_soon_sent = 1 WHERE id = $1 AND opening_soon_sent = 0",
                  SqlParams().add(form)) != 1) {
        return false;
    }
    tell_likers(s, form, domain::EventKind::opening_soon, payload, now);
    return true;
}

}  // namespace formlympics::store
