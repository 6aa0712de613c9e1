// UserStore::erase: deleting an account, apart from the rest of the user rows' code.
#include <boost/json.hpp>

#include "store/user_store.hpp"

namespace formlympics::store {
namespace {

namespace json = boost::json;

// An order still open: on its way, or paid and cancelled with its refund not yet sent (the
// seller needs the buyer's refund account until then).
constexpr const char* kOpen =
    "(o.status IN ('CREATED', 'PAID', 'SHIPPED') OR (o.status = 'CANCELLED' AND o.paid_at IS NOT "
    "NULL AND o.refunded_at IS NULL AND o.total + o.shipping_fee - o.discount > 0))";

std::int64_t count(SqlSession& s, const std::string& sql, domain::UserId id) {
    return s.query(sql, SqlParams().add(id)).int64(0, 0);
}

// Blanks the name of every {"id": user, "name": ...} in an event's JSON: the person as someone
// else's counterpart (the buyer of a seller's order, a liker). Whether it changed anything.
bool forget_name(json::value& v, domain::UserId user) {
    bool changed = false;
    if (auto* o = v.if_object()) {
        const auto* id = o->if_contains("id");
        if (id != nullptr && id->is_int64() && id->as_int64() == user && o->contains("name")) {
            (*o)["name"] = "";
            changed = true;
        }
        for (auto& kv : *o) changed = forget_name(kv.value(), user) || changed;
    } else if (auto* a = v.if_array()) {
        for (auto& e : *a) changed = forget_name(e, user) || changed;
    }
    return changed;
}

// Other people's notifications and events keep what happened, not who the person was.
void forget_name_in(SqlSession& s, const std::string& table, const std::string& column,
                    domain::UserId user) {
    const auto rows =
        s.query("SELECT id, " + column + " FROM " + table + " WHERE " + column + " LIKE $1",
                SqlParams().add("%\"id\":" + std::to_string(user) + ",\"name\":%"));
    const auto update = "UPDATE " + table + " SET " + column + " = $1 WHERE id = $2";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto v = json::parse(rows.str(i, 1));
        if (!forget_name(v, user)) continue;
        s.execute(update, SqlParams().add(json::serialize(v)).add(rows.int64(i, 0)));
    }
}

}  // namespace

domain::Result<domain::UserId> UserStore::erase(domain::UserId id, std::int64_t now) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::UserId> {
        // A refusal writes nothing: the transaction commits, but unchanged.
        if (count(s, "SELECT COUNT(*) FROM users WHERE id = $1 AND deleted_at IS NULL", id) == 0) {
            return domain::fail(domain::Errc::not_found, "no such user");
        }
        const auto as_buyer = count(
            s, std::string("SELECT COUNT(*) FROM orders o WHERE o.buyer_id = $1 AND ") + kOpen, id);
        const auto as_seller = count(s,
                                     std::string("SELECT COUNT(*) FROM orders o JOIN forms f ON "
                                                 "f.id = o.form_id WHERE f.seller_id = $1 AND ") +
                                         kOpen,
                                     id);
        if (as_buyer + as_seller > 0) {
            return domain::fail(domain::Errc::open_orders,
                                "the account has " + std::to_string(as_buyer) +
                                    " open order(s) as buyer and " + std::to_string(as_seller) +
                                    " as seller; they must be delivered, cancelled or expired "
                                    "first, and a paid order that was cancelled refunded");
        }
        const auto p = SqlParams().add(id);
        // The row stays for the orders and forms that name it; nothing in it names a person,
        // and its email key (with no '@', so never a real address's) frees the email.
        s.execute(
            "UPDATE users SET name = '', email = '', email_key = 'deleted:' || id, phone = '', "
            "password_hash = '', address1 = NULL, address2 = NULL, zipcode = NULL, "
            "refund_bank = NULL, refund_account_number = NULL, refund_holder_name = NULL, "
            "deleted_at = $2 WHERE id = $1",
            SqlParams().add(id).add(now));
        // The seller keeps what its records need (items, amounts, the depositor's name its bank
        // statement shows, tracking); where the parcel went, and the account a refund went to
        // (its own bank statement shows that), are no longer needed by anyone.
        s.execute(
            "UPDATE orders SET recipient_name = NULL, recipient_phone = NULL, address1 = NULL, "
            "address2 = NULL, zipcode = NULL, refunded_bank = NULL, refunded_account_number = "
            "NULL, refunded_holder_name = NULL WHERE buyer_id = $1",
            p);
        // Answers are free text (an X handle, a fan-club number): they go with the person.
        s.execute(
            "DELETE FROM order_answers WHERE order_id IN (SELECT id FROM orders WHERE buyer_id = "
            "$1)",
            p);
        // A seller's pickup note says where they hand things over (often their own address or
        // phone): it goes from their forms and from the orders that copied it.
        s.execute(
            "UPDATE delivery_options SET pickup_note = '' WHERE form_id IN (SELECT id FROM forms "
            "WHERE seller_id = $1)",
            p);
        s.execute(
            "UPDATE orders SET pickup_note = '' WHERE pickup_note IS NOT NULL AND form_id IN "
            "(SELECT id FROM forms WHERE seller_id = $1)",
            p);
        // No one may order from a seller who is gone, nor transfer to their account.
        s.execute(
            "UPDATE forms SET closed_at = CASE WHEN closed_at IS NULL AND closes_at > $2 THEN $2 "
            "ELSE closed_at END, account_number = '', holder_name = '' WHERE seller_id = $1",
            SqlParams().add(id).add(now * 1000));
        s.execute(
            "UPDATE forms SET likes = likes - 1 WHERE id IN (SELECT form_id FROM likes WHERE "
            "user_id = $1)",
            p);
        // The head row first: it waits for a relay storing this user's notifications to commit,
        // so the delete below takes those too, and a later one sees the account erased.
        for (const char* sql : {
                 "DELETE FROM likes WHERE user_id = $1",
                 "DELETE FROM notification_heads WHERE user_id = $1",
                 "DELETE FROM notifications WHERE user_id = $1",
                 "DELETE FROM outbox WHERE receiver_id = $1 AND published_at IS NOT NULL",
                 "DELETE FROM stream_tickets WHERE user_id = $1",
             }) {
            s.execute(sql, p);
        }
        forget_name_in(s, "notifications", "data", id);
        forget_name_in(s, "outbox", "payload", id);
        return id;
    });
}

}  // namespace formlympics::store
