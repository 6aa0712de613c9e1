#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "util/unavailable.hpp"

namespace formlympics::util {

// A bounded pool of connections of one kind (PostgreSQL, SQLite readers, Redis), opened on
// demand up to `size` and reused. A connection found broken when taken or returned is dropped and
// its place freed for a fresh one. Taking waits for a free place up to `wait`, then throws
// Unavailable (nullopt: waits as long as it takes).
template <class C, class Deleter = std::default_delete<C>>
class Pool {
  public:
    using Handle = std::unique_ptr<C, Deleter>;
    // Opens a connection; throws (say, Unavailable) when it cannot.
    using Open = std::function<Handle()>;
    // Whether a connection can still be used; checked when it is taken and when it comes back.
    using Usable = std::function<bool(C&)>;

    Pool(
        std::size_t size, Open open, std::optional<std::chrono::milliseconds> wait = std::nullopt,
        Usable usable = [](C&) { return true; })
        : size_(size), open_(std::move(open)), wait_(wait), usable_(std::move(usable)) {}

    // A connection held until the lease ends.
    class Lease {
      public:
        Lease(Pool& pool, Handle conn) : pool_(pool), conn_(std::move(conn)) {}
        ~Lease() { pool_.give_back(std::move(conn_)); }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        C& operator*() { return *conn_; }
        C* operator->() { return conn_.get(); }

      private:
        Pool& pool_;
        Handle conn_;
    };

    Lease take() {
        std::unique_lock lock(mutex_);
        const auto ready = [this] { return !idle_.empty() || open_count_ < size_; };
        if (!wait_) {
            freed_.wait(lock, ready);
        } else if (!freed_.wait_for(lock, *wait_, ready)) {
            throw Unavailable("no connection free within " + std::to_string(wait_->count()) +
                              " ms");
        }
        while (!idle_.empty()) {
            auto conn = std::move(idle_.back());
            idle_.pop_back();
            if (usable_(*conn)) return Lease(*this, std::move(conn));
            --open_count_;  // dropped; its place opens a fresh one below
        }
        ++open_count_;  // reserve the place, then connect without holding the lock
        lock.unlock();
        try {
            return Lease(*this, open_());
        } catch (...) {
            lock.lock();
            --open_count_;
            freed_.notify_one();
            throw;
        }
    }

    // Opens connections until `n` are idle (say, at start, to fail early).
    void fill(std::size_t n) {
        std::vector<Handle> opened;
        for (std::size_t i = 0; i < n; ++i) opened.push_back(open_());
        std::lock_guard lock(mutex_);
        for (auto& c : opened) {
            idle_.push_back(std::move(c));
            ++open_count_;
        }
    }

  private:
    void give_back(Handle conn) {
        {
            std::lock_guard lock(mutex_);
            if (conn && usable_(*conn)) {
                idle_.push_back(std::move(conn));
            } else {
                --open_count_;
            }
        }
        freed_.notify_one();
    }

    std::size_t size_;
    Open open_;
    std::optional<std::chrono::milliseconds> wait_;
    Usable usable_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<Handle> idle_;
    std::size_t open_count_ = 0;
};

}  // namespace formlympics::util
