#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include "store/order_repository.hpp"
#include "util/periodic.hpp"

namespace formlympics::service {

// Refused order attempts, written apart from the order's own transaction (so they survive its
// rollback) and off the hot path: buffered in memory and flushed in one aggregated write per
// interval by a thread of its own.
class OrderFailureLog {
  public:
    OrderFailureLog(store::OrderRepository& orders, std::chrono::milliseconds interval);
    ~OrderFailureLog();

    // Buffers one refused attempt. Never blocks on the database.
    void add(store::OrderFailure failure);
    // Writes everything buffered so far. Throws when the database fails (the batch is kept).
    void flush();

  private:
    store::OrderRepository& orders_;
    std::mutex mutex_;
    std::vector<store::OrderFailure> pending_;
    std::optional<util::Periodic> flusher_;  // last: stops before the buffer goes
};

}  // namespace formlympics::service
