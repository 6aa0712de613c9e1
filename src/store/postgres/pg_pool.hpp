#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"

namespace formlympics::store {

// A bounded pool of PostgreSQL connections, opened on demand and replaced when broken.
class PgPool {
  public:
    PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout);

    // Runs fn(conn) on a pooled connection. Throws PgError when none frees up in time.
    template <class Fn>
    auto with(Fn&& fn) {
        Lease lease(*this);
        return fn(*lease.conn);
    }

    // Runs fn(conn) inside BEGIN/COMMIT; rolls back when fn throws.
    template <class Fn>
    auto transaction(Fn&& fn) {
        return with([&](PgConnection& c) {
            c.exec("BEGIN");
            try {
                if constexpr (std::is_void_v<decltype(fn(c))>) {
                    fn(c);
                    c.exec("COMMIT");
                } else {
                    auto result = fn(c);
                    c.exec("COMMIT");
                    return result;
                }
            } catch (...) {
                if (c.healthy()) c.exec("ROLLBACK");
                throw;
            }
        });
    }

  private:
    struct Lease {
        explicit Lease(PgPool& pool);
        ~Lease();
        PgPool& pool;
        std::unique_ptr<PgConnection> conn;
    };

    std::string url_;
    std::size_t size_;
    std::chrono::milliseconds acquire_timeout_;
    std::mutex mutex_;
    std::condition_variable freed_;
    std::vector<std::unique_ptr<PgConnection>> idle_;
    std::size_t open_ = 0;
};

}  // namespace formlympics::store
