#pragma once

#include "bench/burst.hpp"

namespace formlympics::bench {

// The coupon scenario: `buyers` users claim one coupon of quantity `stock` at its opening
// instant. Reports issued, refused, claims/s and latency, then checks through the API that
// exactly min(quantity, users) were issued. Returns 0 when exact, 1 otherwise.
int run_coupons(const BurstOptions& options);

}  // namespace formlympics::bench
