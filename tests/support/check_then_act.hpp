#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "domain/form.hpp"
#include "domain/order.hpp"

namespace formlympics::test {

// The seed's way to take an order, kept only as a negative control: read the stock, wait a
// moment, write back what was read minus the quantity and insert the order. No lock and no
// condition, so concurrent buyers overwrite each other's decrements and the stock oversells.
class CheckThenActOrders {
  public:
    CheckThenActOrders(const std::string& database_url, std::chrono::milliseconds delay);
    ~CheckThenActOrders();

    // The new order's id, or nullopt when the stock it read was too low.
    std::optional<domain::OrderId> place(domain::FormId form, domain::ProductId product,
                                         domain::UserId buyer, std::int64_t quantity);

  private:
    struct Db;
    std::unique_ptr<Db> db_;
    std::chrono::milliseconds delay_;
};

}  // namespace formlympics::test
