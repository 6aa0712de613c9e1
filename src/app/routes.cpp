#include "app/routes.hpp"

#include "http/handlers/me.hpp"
#include "http/handlers/sessions.hpp"
#include "http/handlers/users.hpp"

namespace formlympics::app {
namespace h = http::handlers;

void add_routes(http::Router& router, Services s) {
    auto& accounts = s.accounts;
    router.add_public("POST", "/api/v1/users",
                      [&accounts](const auto& ctx) { return h::create_user(accounts, ctx); });
    router.add_public("POST", "/api/v1/sessions",
                      [&accounts](const auto& ctx) { return h::create_session(accounts, ctx); });
    router.add_signed_in("GET", "/api/v1/me", [&accounts](const auto& ctx, const auto& caller) {
        return h::get_me(accounts, ctx, caller);
    });
    router.add_signed_in("PUT", "/api/v1/me/address",
                         [&accounts](const auto& ctx, const auto& caller) {
                             return h::put_address(accounts, ctx, caller);
                         });
    router.add_signed_in("PUT", "/api/v1/me/refund-account",
                         [&accounts](const auto& ctx, const auto& caller) {
                             return h::put_refund_account(accounts, ctx, caller);
                         });
}

}  // namespace formlympics::app
