#include "service/checkout.hpp"

#include <memory>

#include "util/logging.hpp"
#include "util/unavailable.hpp"

namespace formlympics::service {

Checkout::Checkout(SaleEngine& engine, AccountService& accounts, util::WorkerPool& workers)
    : engine_(engine), accounts_(accounts), workers_(workers) {}

void Checkout::place(domain::FormId form, domain::OrderRequest order,
                     std::optional<std::string> idempotency_key, SaleEngine::Callback done) {
    if (!order.delivery || !order.delivery->needs_profile()) {
        return engine_.place(form, std::move(order), std::move(idempotency_key), std::move(done));
    }
    // Shared, so that a refused submit still holds the callback to answer with.
    auto job = std::make_shared<
        std::tuple<domain::OrderRequest, std::optional<std::string>, SaleEngine::Callback>>(
        std::move(order), std::move(idempotency_key), std::move(done));
    const bool queued = workers_.try_submit([this, form, job] {
        auto& [request, key, callback] = *job;
        std::optional<domain::Result<domain::User>> profile;
        // The task must answer whatever happens: a request is never left without a response.
        try {
            profile.emplace(accounts_.profile(request.buyer_id));
        } catch (const util::Unavailable& e) {
            logging::warn("checkout: the buyer's profile is out of reach: {}", e.what());
            return callback(domain::PlaceOutcome{domain::unavailable(), false});
        } catch (const std::exception& e) {
            logging::error("checkout: reading the buyer's profile failed: {}", e.what());
            return callback(std::nullopt);
        }
        if (!*profile) return callback(domain::PlaceOutcome{profile->error(), false});
        domain::fill_from_profile(*request.delivery, profile->value());
        engine_.place(form, std::move(request), std::move(key), std::move(callback));
    });
    if (!queued) {
        std::get<2> (*job)(domain::PlaceOutcome{
            domain::fail(domain::Errc::overloaded, "the server is overloaded; retry"), false});
    }
}

}  // namespace formlympics::service
