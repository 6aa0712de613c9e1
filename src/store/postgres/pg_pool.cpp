#include "store/postgres/pg_pool.hpp"

#include "util/unavailable.hpp"

namespace formlympics::store {

PgPool::PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout)
    : url_(std::move(url)), size_(size), acquire_timeout_(acquire_timeout) {}

PgPool::Lease::Lease(PgPool& p) : pool(p) {
    std::unique_lock lock(pool.mutex_);
    const bool got = pool.freed_.wait_for(lock, pool.acquire_timeout_, [this] {
        return !pool.idle_.empty() || pool.open_ < pool.size_;
    });
    if (!got) {
        throw util::Unavailable("no PostgreSQL connection free within the acquire timeout");
    }
    while (!pool.idle_.empty()) {
        conn = std::move(pool.idle_.back());
        pool.idle_.pop_back();
        // After a database restart every idle connection is dead: open a fresh one rather than
        // fail a request on each.
        if (conn->still_open()) return;
        conn.reset();
        --pool.open_;
    }
    ++pool.open_;  // reserve the slot, then connect without holding the lock
    lock.unlock();
    try {
        conn = std::make_unique<PgConnection>(pool.url_);
    } catch (...) {
        lock.lock();
        --pool.open_;
        pool.freed_.notify_one();
        throw;
    }
}

PgPool::Lease::~Lease() {
    {
        std::lock_guard lock(pool.mutex_);
        if (conn && conn->healthy()) {
            pool.idle_.push_back(std::move(conn));
        } else {
            --pool.open_;  // a broken connection is dropped; the next lease opens a fresh one
        }
    }
    pool.freed_.notify_one();
}

}  // namespace formlympics::store
