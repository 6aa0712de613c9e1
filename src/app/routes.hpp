#pragma once

#include "http/router.hpp"
#include "service/account_service.hpp"

namespace formlympics::app {

// The services the route table dispatches to.
struct Services {
    service::AccountService& accounts;
};

// Fills the route table: every endpoint of the API, in one place.
void add_routes(http::Router& router, Services services);

}  // namespace formlympics::app
