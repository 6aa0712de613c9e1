#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_connection.hpp"
#include "util/pool.hpp"

namespace formlympics::store {

// A SQLite file in WAL mode: one writer connection (SQLite allows one writer at a time, so
// writers queue here rather than spin on SQLITE_BUSY) and a pool of reader connections.
class SqliteDatabase {
  public:
    SqliteDatabase(std::string path, std::size_t readers);

    // Runs fn(conn) in an IMMEDIATE transaction on the writer; commits when fn returns,
    // rolls back when it throws.
    template <class Fn>
    auto write(Fn&& fn) {
        std::lock_guard lock(writer_mutex_);
        writer_->exec("BEGIN IMMEDIATE");
        try {
            if constexpr (std::is_void_v<decltype(fn(*writer_))>) {
                fn(*writer_);
                writer_->exec("COMMIT");
            } else {
                auto result = fn(*writer_);
                writer_->exec("COMMIT");
                return result;
            }
        } catch (...) {
            writer_->exec("ROLLBACK");
            throw;
        }
    }

    // Runs fn(conn) on a reader connection (autocommit).
    template <class Fn>
    auto read(Fn&& fn) {
        auto lease = readers_.take();
        return fn(*lease);
    }

    const std::string& path() const { return path_; }

  private:
    std::string path_;
    std::mutex writer_mutex_;
    std::unique_ptr<SqliteConnection> writer_;
    util::Pool<SqliteConnection> readers_;
};

}  // namespace formlympics::store
