#pragma once

#include <chrono>
#include <string>
#include <type_traits>

#include "store/postgres/pg_connection.hpp"
#include "util/pool.hpp"

namespace formlympics::store {

// A bounded pool of PostgreSQL connections, opened on demand; a connection the server closed
// while it sat idle (a restart, a terminated backend) is replaced rather than handed out.
class PgPool {
  public:
    PgPool(std::string url, std::size_t size, std::chrono::milliseconds acquire_timeout)
        : pool_(
              size, [url = std::move(url)] { return std::make_unique<PgConnection>(url); },
              acquire_timeout, [](PgConnection& c) { return c.still_open(); }) {}

    // Runs fn(conn) on a pooled connection. Throws util::Unavailable when none frees up in time
    // or the server cannot be reached.
    template <class Fn>
    auto with(Fn&& fn) {
        auto lease = pool_.take();
        return fn(*lease);
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
    util::Pool<PgConnection> pool_;
};

}  // namespace formlympics::store
