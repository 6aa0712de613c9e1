#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "domain/form.hpp"
#include "domain/order.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {

// The seed's way to take an order or a coupon, kept only as a negative control: read the
// counter, wait a moment, write back what was read and insert the row. No lock and no
// condition, so concurrent callers overwrite each other's updates and the stock oversells.
class CheckThenAct {
  public:
    CheckThenAct(const std::string& database_url, std::chrono::milliseconds delay);
    ~CheckThenAct();

    // The new order's id, or nullopt when the stock it read was too low.
    std::optional<domain::OrderId> place(domain::FormId form, domain::ProductId product,
                                         domain::UserId buyer, std::int64_t quantity);
    // The same for a coupon: read `issued`, wait, write back what was read plus one and insert
    // the claim. True when it "granted".
    bool claim(std::int64_t coupon, domain::UserId user);
    // The same for a like: insert the row, read the form's count, wait, write back read + 1.
    void like(domain::FormId form, domain::UserId user);

  private:
    SqlProbe probe_;
    std::chrono::milliseconds delay_;
};

}  // namespace formlympics::test
