#include "store/liker_events.hpp"

namespace formlympics::store {

void queue_restocked(SqlSession& s, domain::ProductId product, domain::Millis now) {
    s.execute(
        "INSERT INTO outbox (kind, receiver_id, payload, created_at) SELECT 'restocked', "
        "l.user_id, '{\"form_id\":' || p.form_id || ',\"product_id\":' || p.id || "
        "',\"remaining\":' || p.stock_remaining || '}', $2 FROM products p JOIN likes l ON "
        "l.form_id = p.form_id WHERE p.id = $1",
        SqlParams().add(product).add(now));
}

bool queue_opening_soon(SqlSession& s, domain::FormId form, const std::string& payload,
                        domain::Millis now) {
    // Conditional: of two racing sweeps (or instances), one tells the likers.
    if (s.execute("UPDATE forms SET opening_soon_sent = 1 WHERE id = $1 AND opening_soon_sent = 0",
                  SqlParams().add(form)) != 1) {
        return false;
    }
    s.execute(
        "INSERT INTO outbox (kind, receiver_id, payload, created_at) SELECT 'opening_soon', "
        "user_id, $2, $3 FROM likes WHERE form_id = $1",
        SqlParams().add(form).add(payload).add(now));
    return true;
}

}  // namespace formlympics::store
