// UserStore::erase: deleting an account, apart from the rest of the user rows' code.
#include "store/user_store.hpp"

namespace formlympics::store {
namespace {

constexpr const char* kOpenStatuses = "('CREATED', 'PAID', 'SHIPPED')";

std::int64_t count(SqlSession& s, const std::string& sql, domain::UserId id) {
    return s.query(sql, SqlParams().add(id)).int64(0, 0);
}

}  // namespace

domain::Result<domain::UserId> UserStore::erase(domain::UserId id, std::int64_t now) {
    return db_.write_result([&](SqlSession& s) -> domain::Result<domain::UserId> {
        // A refusal writes nothing: the transaction commits, but unchanged.
        if (count(s, "SELECT COUNT(*) FROM users WHERE id = $1 AND deleted_at IS NULL", id) == 0) {
            return domain::fail(domain::Errc::not_found, "no such user");
        }
        const auto as_buyer =
            count(s,
                  std::string("SELECT COUNT(*) FROM orders WHERE buyer_id = $1 AND status IN ") +
                      kOpenStatuses,
                  id);
        const auto as_seller = count(s,
                                     std::string("SELECT COUNT(*) FROM orders o JOIN forms f ON "
                                                 "f.id = o.form_id WHERE f.seller_id = $1 AND "
                                                 "o.status IN ") +
                                         kOpenStatuses,
                                     id);
        if (as_buyer + as_seller > 0) {
            return domain::fail(domain::Errc::open_orders,
                                "the account has " + std::to_string(as_buyer) +
                                    " open order(s) as buyer and " + std::to_string(as_seller) +
                                    " as seller; they must be delivered, cancelled or expired "
                                    "first");
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
        // statement shows, tracking); where the parcel went is no longer needed by anyone.
        s.execute(
            "UPDATE orders SET recipient_name = NULL, recipient_phone = NULL, address1 = NULL, "
            "address2 = NULL, zipcode = NULL WHERE buyer_id = $1",
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
        for (const char* sql : {
                 "DELETE FROM likes WHERE user_id = $1",
                 "DELETE FROM notifications WHERE user_id = $1",
                 "DELETE FROM notification_heads WHERE user_id = $1",
                 "DELETE FROM outbox WHERE receiver_id = $1 AND published_at IS NOT NULL",
                 "DELETE FROM stream_tickets WHERE user_id = $1",
             }) {
            s.execute(sql, p);
        }
        return id;
    });
}

}  // namespace formlympics::store
