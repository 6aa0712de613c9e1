#pragma once

#include <functional>
#include <string>

#include "store/sql.hpp"

namespace formlympics::test {

// What a guard test takes away from the store so that only the guard it tests is left: the
// store's own code runs over a database whose sessions rewrite statements (dropping a
// condition), doctor what queries return (a stale read) or ignore CHECK constraints.
struct Tampering {
    // The statement as it will run, from the statement the store wrote.
    std::function<std::string(const std::string& sql)> statement = {};
    // Alters the rows a query returned, given the statement that returned them.
    std::function<void(const std::string& sql, store::SqlRows& rows)> rows = {};
    // CHECK constraints do not apply (SQLite: PRAGMA ignore_check_constraints; on PostgreSQL the
    // test drops them, see drop_checks).
    bool ignore_checks = false;
};

// A SqlDatabase over `real` whose sessions are tampered with.
class TamperedDatabase final : public store::SqlDatabase {
  public:
    TamperedDatabase(store::SqlDatabase& real, Tampering tampering)
        : real_(real), tampering_(std::move(tampering)) {}

    store::SqlSession::Dialect dialect() const override { return real_.dialect(); }
    void write(const std::function<void(store::SqlSession&)>& fn) override;
    void read(const std::function<void(store::SqlSession&)>& fn) override;

  private:
    store::SqlDatabase& real_;
    Tampering tampering_;
};

// Drops the table's CHECK constraints (PostgreSQL; SQLite ignores them per connection instead).
void drop_checks(store::SqlDatabase& db, const std::string& table);

}  // namespace formlympics::test
