#include "app/routes.hpp"

#include <functional>
#include <tuple>

#include "http/handlers/banks.hpp"
#include "http/handlers/coupons.hpp"
#include "http/handlers/forms.hpp"
#include "http/handlers/images.hpp"
#include "http/handlers/likes.hpp"
#include "http/handlers/me.hpp"
#include "http/handlers/notifications.hpp"
#include "http/handlers/orders.hpp"
#include "http/handlers/sessions.hpp"
#include "http/handlers/streams.hpp"
#include "http/handlers/users.hpp"

namespace formlympics::app {
namespace h = http::handlers;
constexpr auto kJson = http::Body::json;

void add_routes(http::Router& router, Services& s, const util::Clock& clock,
                const WebRouting& web) {
    add_web_routes(router, s, clock, web);
    auto& accounts = s.accounts;
    router.add_public("POST", "/api/v1/users", kJson,
                      [&accounts](const auto& ctx) { return h::create_user(accounts, ctx); });
    auto& tokens = s.tokens;
    router.add_public("POST", "/api/v1/sessions", kJson,
                      [&tokens](const auto& ctx) { return h::create_session(tokens, ctx); });
    router.add_public("POST", "/api/v1/sessions/refresh", kJson,
                      [&tokens](const auto& ctx) { return h::refresh_session(tokens, ctx); });
    router.add_signed_in("DELETE", "/api/v1/sessions",
                         [&accounts, &web](const auto& ctx, const auto& caller) {
                             return h::delete_sessions(accounts, web.cookies, ctx, caller);
                         });
    router.add_signed_in(
        "DELETE", "/api/v1/sessions/current", [&s, &web](const auto& ctx, const auto& caller) {
            return h::delete_current_session(s.tokens, s.web_sessions, web.cookies, ctx, caller);
        });
    router.add_signed_in("GET", "/api/v1/me", [&accounts](const auto& ctx, const auto& caller) {
        return h::get_me(accounts, ctx, caller);
    });
    // A seller's name shows on their forms, and deleting the account closes them: the forms'
    // kept answers go (rare enough to drop them all rather than look the seller's up).
    const auto forgetting_forms = [&web](http::SignedInHandler handler) {
        return [&web, handler = std::move(handler)](const auto& ctx, const auto& caller) {
            auto r = handler(ctx, caller);
            if (r.status < 300) web.form_cache.forget(h::kFormCachePrefix);
            return r;
        };
    };
    router.add_signed_in("PUT", "/api/v1/me", kJson,
                         forgetting_forms([&accounts](const auto& ctx, const auto& caller) {
                             return h::put_me(accounts, ctx, caller);
                         }));
    const h::AccountCredentials credentials{accounts, tokens, s.web_sessions, web.cookies};
    router.add_signed_in("PUT", "/api/v1/me/password", kJson,
                         [credentials](const auto& ctx, const auto& caller) {
                             return h::put_password(credentials, ctx, caller);
                         });
    router.add_signed_in("DELETE", "/api/v1/me", kJson,
                         forgetting_forms([credentials](const auto& ctx, const auto& caller) {
                             return h::delete_me(credentials, ctx, caller);
                         }));
    router.add_signed_in("PUT", "/api/v1/me/address", kJson,
                         [&accounts](const auto& ctx, const auto& caller) {
                             return h::put_address(accounts, ctx, caller);
                         });
    router.add_signed_in("PUT", "/api/v1/me/refund-account", kJson,
                         [&accounts](const auto& ctx, const auto& caller) {
                             return h::put_refund_account(accounts, ctx, caller);
                         });
    router.add_public("GET", "/api/v1/banks", [](const auto& ctx) { return h::list_banks(ctx); });

    auto& forms = s.forms;
    router.add_signed_in("POST", "/api/v1/forms", kJson, [&](const auto& ctx, const auto& caller) {
        return h::create_form(forms, clock, ctx, caller);
    });
    router.add_public("GET", "/api/v1/forms",
                      [&](const auto& ctx) { return h::list_forms(forms, clock, ctx); });
    auto& cache = web.form_cache;
    router.add_public_cached(
        "GET", "/api/v1/forms/{id}",
        [&](const auto& ctx) { return h::get_form(forms, clock, cache, ctx); },
        [&](const auto& ctx) { return h::get_form_from_memory(cache, clock, ctx); });
    // A change to a form made here is seen here at once: its kept answers go.
    const auto forgetting = [&cache](http::SignedInHandler handler) {
        return [&cache, handler = std::move(handler)](const auto& ctx, const auto& caller) {
            auto r = handler(ctx, caller);
            if (auto id = ctx.id_param("id"); id && r.status < 300) {
                cache.forget(h::form_cache_prefix(*id));
            }
            return r;
        };
    };
    router.add_signed_in("GET", "/api/v1/me/forms", [&](const auto& ctx, const auto& caller) {
        return h::my_forms(forms, clock, ctx, caller);
    });
    router.add_signed_in("GET", "/api/v1/me/forms/{id}", [&](const auto& ctx, const auto& caller) {
        return h::my_form(forms, clock, ctx, caller);
    });
    router.add_signed_in("PATCH", "/api/v1/forms/{id}", kJson,
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::patch_form(forms, clock, ctx, caller);
                         }));
    router.add_signed_in("POST", "/api/v1/forms/{id}/close",
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::close_form(forms, clock, ctx, caller);
                         }));
    router.add_signed_in("POST", "/api/v1/forms/{id}/publish", kJson,
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::publish_form(forms, clock, ctx, caller);
                         }));
    router.add_signed_in("POST", "/api/v1/forms/{id}/copy",
                         [&](const auto& ctx, const auto& caller) {
                             return h::copy_form(forms, clock, ctx, caller);
                         });
    router.add_signed_in("DELETE", "/api/v1/forms/{id}",
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::delete_form(forms, ctx, caller);
                         }));

    auto& images = s.images;
    for (const char* gallery :
         {"/api/v1/forms/{id}/images", "/api/v1/forms/{id}/products/{pid}/images"}) {
        router.add_upload(
            "POST", gallery,
            [&images, &cache](const auto& ctx, const auto& caller, http::Done done) {
                h::upload_image(
                    images, ctx, caller,
                    [&cache, id = ctx.id_param("id"), done = std::move(done)](http::Response r) {
                        if (id && r.status < 300) {
                            cache.forget(h::form_cache_prefix(*id));
                        }
                        done(std::move(r));
                    });
            },
            h::kMaxImageBytes);
        router.add_signed_in("PUT", std::string(gallery) + "/order", kJson,
                             forgetting([&images](const auto& ctx, const auto& caller) {
                                 return h::reorder_images(images, ctx, caller);
                             }));
    }
    router.add_signed_in("DELETE", "/api/v1/forms/{id}/images/{image_id}",
                         forgetting([&images](const auto& ctx, const auto& caller) {
                             return h::delete_image(images, ctx, caller);
                         }));
    router.add_public("GET", "/images/{file}",
                      [&images](const auto& ctx) { return h::get_image(images, ctx); });

    auto& orders = s.orders;
    auto& checkout = s.checkout;
    router.add_signed_in_async("POST", "/api/v1/forms/{id}/orders", kJson,
                               std::bind_front(&h::place_order, std::ref(checkout)),
                               /*non_blocking=*/true);
    router.add_signed_in(
        "GET", "/api/v1/forms/{id}/orders",
        [&](const auto& ctx, const auto& caller) { return h::form_orders(orders, ctx, caller); });
    router.add_signed_in("GET", "/api/v1/me/orders", [&](const auto& ctx, const auto& caller) {
        return h::my_orders(orders, ctx, caller);
    });
    router.add_signed_in("GET", "/api/v1/orders/{id}", [&](const auto& ctx, const auto& caller) {
        return h::get_order(orders, ctx, caller);
    });
    // Only a shipment carries a body: its tracking number.
    const std::tuple<const char*, domain::OrderAction, http::Body> steps[] = {
        {"/api/v1/orders/{id}/deposit-confirmation", domain::OrderAction::confirm_deposit,
         http::Body::none},
        {"/api/v1/orders/{id}/shipment", domain::OrderAction::ship, kJson},
        {"/api/v1/orders/{id}/delivery", domain::OrderAction::deliver, http::Body::none},
        {"/api/v1/orders/{id}/cancellation", domain::OrderAction::cancel_by_buyer,
         http::Body::none},
    };
    auto& coupons = s.coupons;
    router.add_signed_in("POST", "/api/v1/forms/{id}/coupons", kJson,
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::create_coupon(coupons, ctx, caller);
                         }));
    router.add_public_cached(
        "GET", "/api/v1/forms/{id}/coupons",
        [&](const auto& ctx) { return h::list_coupons(coupons, cache, ctx); },
        [&](const auto& ctx) { return h::list_coupons_from_memory(cache, ctx); });
    router.add_signed_in_async(
        "POST", "/api/v1/coupons/{id}/claims", http::Body::none,
        std::bind_front(&h::claim_coupon, std::ref(coupons), std::ref(cache)),
        /*non_blocking=*/true);
    router.add_signed_in("GET", "/api/v1/me/coupons", [&](const auto& ctx, const auto& caller) {
        return h::my_coupons(coupons, ctx, caller);
    });

    auto& likes = s.likes;
    // The form's answer shows its count of likes.
    router.add_signed_in("PUT", "/api/v1/forms/{id}/like",
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::set_like(likes, true, ctx, caller);
                         }));
    router.add_signed_in("DELETE", "/api/v1/forms/{id}/like",
                         forgetting([&](const auto& ctx, const auto& caller) {
                             return h::set_like(likes, false, ctx, caller);
                         }));
    router.add_signed_in(
        "GET", "/api/v1/forms/{id}/like",
        [&](const auto& ctx, const auto& caller) { return h::get_like(likes, ctx, caller); });
    router.add_signed_in("GET", "/api/v1/me/likes", [&](const auto& ctx, const auto& caller) {
        return h::my_likes(likes, clock, ctx, caller);
    });

    auto& notifications = s.notifications;
    router.add_signed_in("GET", "/api/v1/me/notifications",
                         [&](const auto& ctx, const auto& caller) {
                             return h::my_notifications(notifications, ctx, caller);
                         });
    router.add_signed_in("POST", "/api/v1/me/notifications/read", kJson,
                         [&](const auto& ctx, const auto& caller) {
                             return h::read_notifications(notifications, ctx, caller);
                         });
    router.add_public("GET", "/api/v1/me/notifications/stream",
                      [&notifications, &s, &web](const auto& ctx) {
                          return h::notification_stream(s.streams, notifications, s.accounts,
                                                        s.form_watch, web.cookies, ctx);
                      });
    router.add_signed_in("POST", "/api/v1/me/notifications/stream-tickets",
                         [&](const auto& ctx, const auto& caller) {
                             return h::issue_stream_ticket(notifications, ctx, caller);
                         });
    router.add_public("GET", "/api/v1/forms/{id}/stream", [&watch = s.form_watch](const auto& ctx) {
        return h::form_stream(watch, ctx);
    });

    for (const auto& [path, action, body] : steps) {
        router.add_signed_in("POST", path, body,
                             [&orders, a = action](const auto& ctx, const auto& caller) {
                                 return h::order_transition(orders, a, ctx, caller);
                             });
    }
    router.add_signed_in("POST", "/api/v1/orders/{id}/refund", http::Body::none,
                         [&orders](const auto& ctx, const auto& caller) {
                             return h::order_refunded(orders, ctx, caller);
                         });
}

}  // namespace formlympics::app
