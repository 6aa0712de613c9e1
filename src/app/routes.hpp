#pragma once

#include "app/services.hpp"
#include "http/router.hpp"
#include "util/clock.hpp"

namespace formlympics::app {

// Fills the route table: every endpoint of the API, in one place.
void add_routes(http::Router& router, Services& services, const util::Clock& clock);

}  // namespace formlympics::app
