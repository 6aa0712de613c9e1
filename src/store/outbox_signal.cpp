#include "store/outbox_signal.hpp"

namespace formlympics::store {
namespace {

// Passes statements through, noting any that inserts into the outbox.
class WatchedSession final : public SqlSession {
  public:
    explicit WatchedSession(SqlSession& inner) : inner_(inner) {}
    Dialect dialect() const override { return inner_.dialect(); }
    SqlRows query(const std::string& sql, const SqlParams& params) override {
        note(sql);
        return inner_.query(sql, params);
    }
    std::int64_t execute(const std::string& sql, const SqlParams& params) override {
        note(sql);
        return inner_.execute(sql, params);
    }
    bool wrote_events() const { return wrote_events_; }

  private:
    void note(const std::string& sql) {
        if (sql.starts_with("INSERT INTO outbox")) wrote_events_ = true;
    }

    SqlSession& inner_;
    bool wrote_events_ = false;
};

}  // namespace

void OutboxSignallingDatabase::write(const std::function<void(SqlSession&)>& fn) {
    bool wrote_events = false;
    inner_.write([&](SqlSession& s) {
        WatchedSession watched(s);
        fn(watched);
        wrote_events = watched.wrote_events();
    });
    // Only now is the transaction committed; an INSERT ... SELECT that found no likers still
    // counts, and costs the relay one empty look.
    if (wrote_events && listener_) listener_();
}

}  // namespace formlympics::store
