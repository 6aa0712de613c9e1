#pragma once

#include <functional>

#include "store/sql.hpp"

namespace formlympics::store {

// A database that tells a listener after each committed transaction that inserted outbox
// events, whichever repository wrote them, so the relay moves them at once instead of at its
// next poll. The poll stays as the safety net (events of other instances, a listener not set).
class OutboxSignallingDatabase final : public SqlDatabase {
  public:
    explicit OutboxSignallingDatabase(SqlDatabase& inner) : inner_(inner) {}

    // Sets the listener; call before any write (it is read without a lock). It runs on the
    // writing thread after the commit, so it must be quick (a nudge).
    void set_listener(std::function<void()> listener) { listener_ = std::move(listener); }

    SqlSession::Dialect dialect() const override { return inner_.dialect(); }
    void write(const std::function<void(SqlSession&)>& fn) override;
    void read(const std::function<void(SqlSession&)>& fn) override { inner_.read(fn); }

  private:
    SqlDatabase& inner_;
    std::function<void()> listener_;
};

}  // namespace formlympics::store
