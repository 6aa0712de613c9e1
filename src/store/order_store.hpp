#pragma once

#include "store/order_repository.hpp"
#include "store/sql.hpp"

namespace formlympics::store {

// OrderRepository over either SQL database.
class OrderStore final : public OrderRepository {
  public:
    explicit OrderStore(SqlDatabase& db) : db_(db) {}

    std::vector<PlaceOutcome> place_batch(domain::FormId form,
                                          const std::vector<PlaceRequest>& requests,
                                          domain::Millis now) override;
    std::set<std::pair<domain::UserId, std::string>> keys_on_record(
        const std::vector<std::pair<domain::UserId, std::string>>& keys) override;
    std::optional<domain::Order> find(domain::OrderId id) override;
    OrderPage list_for_buyer(domain::UserId buyer, std::optional<domain::FormId> form,
                             std::size_t limit, std::optional<domain::OrderId> before) override;
    OrderPage list_for_form(domain::FormId form, const OrderFilter& filter, std::size_t limit,
                            std::optional<domain::OrderId> before) override;
    domain::Result<domain::Order> change_status(domain::OrderId id, domain::OrderStatus from,
                                                domain::OrderStatus to, domain::Millis now,
                                                const std::optional<domain::Shipment>& shipment,
                                                const std::vector<NewEvent>& events) override;
    domain::Result<domain::Order> mark_refunded(domain::OrderId id, domain::Millis now,
                                                const std::vector<NewEvent>& events) override;
    std::vector<domain::OrderId> unpaid_past_deadline(domain::Millis now,
                                                      std::size_t limit) override;
    void record_failures(const std::vector<OrderFailure>& failures) override;
    std::vector<std::pair<std::string, std::int64_t>> failure_summary(domain::FormId form) override;

  private:
    SqlDatabase& db_;
};

}  // namespace formlympics::store
