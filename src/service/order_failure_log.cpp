#include "service/order_failure_log.hpp"

#include "util/logging.hpp"

namespace formlympics::service {
namespace {

// Past this many buffered attempts the oldest are dropped rather than grow without bound while
// the database is down.
constexpr std::size_t kMaxBuffered = 1'000'000;

}  // namespace

OrderFailureLog::OrderFailureLog(store::OrderRepository& orders, std::chrono::milliseconds interval)
    : orders_(orders) {
    flusher_.emplace("order failure log flush", interval, [this] { flush(); });
}

OrderFailureLog::~OrderFailureLog() {
    flusher_.reset();
    try {
        flush();
    } catch (const std::exception& e) {
        logging::error("order failure log: final flush failed: {}", e.what());
    }
}

void OrderFailureLog::add(store::OrderFailure failure) {
    std::lock_guard lock(mutex_);
    if (pending_.size() >= kMaxBuffered) return;
    pending_.push_back(std::move(failure));
}

void OrderFailureLog::flush() {
    std::vector<store::OrderFailure> batch;
    {
        std::lock_guard lock(mutex_);
        batch.swap(pending_);
    }
    if (batch.empty()) return;
    try {
        orders_.record_failures(batch);
    } catch (...) {
        std::lock_guard lock(mutex_);
        pending_.insert(pending_.begin(), batch.begin(), batch.end());
        throw;
    }
}

}  // namespace formlympics::service
