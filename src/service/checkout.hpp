#pragma once

#include <optional>
#include <string>

#include "domain/allocation.hpp"
#include "service/account_service.hpp"
#include "service/sale_engine.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::service {

// Takes an order request from its route to the sale engine, completing the delivery from the
// buyer's profile where the request left fields out. A request that names every field goes
// straight to the engine and may be placed from a network thread; one that needs the profile is
// handed to a worker, which reads it (the user cache, then the store) first. The web app sends
// every field, so the opening second never waits for a profile.
class Checkout {
  public:
    Checkout(SaleEngine& engine, AccountService& accounts, util::WorkerPool& workers);

    // As SaleEngine::place; overloaded when the profile is needed and the workers are full.
    void place(domain::FormId form, domain::OrderRequest order,
               std::optional<std::string> idempotency_key, SaleEngine::Callback done);

  private:
    SaleEngine& engine_;
    AccountService& accounts_;
    util::WorkerPool& workers_;
};

}  // namespace formlympics::service
