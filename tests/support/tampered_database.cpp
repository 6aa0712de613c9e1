#include "support/tampered_database.hpp"

namespace formlympics::test {
namespace {

class TamperedSession final : public store::SqlSession {
  public:
    TamperedSession(store::SqlSession& real, const Tampering& t) : real_(real), t_(t) {}

    Dialect dialect() const override { return real_.dialect(); }
    store::SqlRows query(const std::string& sql, const store::SqlParams& params) override {
        auto rows = real_.query(t_.statement ? t_.statement(sql) : sql, params);
        if (t_.rows) t_.rows(sql, rows);
        return rows;
    }
    std::int64_t execute(const std::string& sql, const store::SqlParams& params) override {
        return real_.execute(t_.statement ? t_.statement(sql) : sql, params);
    }

  private:
    store::SqlSession& real_;
    const Tampering& t_;
};

}  // namespace

void TamperedDatabase::write(const std::function<void(store::SqlSession&)>& fn) {
    real_.write([&](store::SqlSession& s) {
        if (dialect() == store::SqlSession::Dialect::sqlite) {
            s.execute(tampering_.ignore_checks ? "PRAGMA ignore_check_constraints = ON"
                                               : "PRAGMA ignore_check_constraints = OFF");
        }
        TamperedSession tampered(s, tampering_);
        fn(tampered);
    });
}

void TamperedDatabase::read(const std::function<void(store::SqlSession&)>& fn) {
    real_.read([&](store::SqlSession& s) {
        TamperedSession tampered(s, tampering_);
        fn(tampered);
    });
}

void drop_checks(store::SqlDatabase& db, const std::string& table) {
    if (db.dialect() != store::SqlSession::Dialect::postgres) return;
    db.write([&](store::SqlSession& s) {
        const auto names = s.query(
            "SELECT conname FROM pg_constraint WHERE contype = 'c' AND conrelid = $1::regclass",
            store::SqlParams().add(table));
        for (std::size_t i = 0; i < names.size(); ++i) {
            s.execute("ALTER TABLE " + table + " DROP CONSTRAINT \"" + names.str(i, 0) + "\"");
        }
    });
}

}  // namespace formlympics::test
