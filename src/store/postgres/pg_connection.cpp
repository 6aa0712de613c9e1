#include "store/postgres/pg_connection.hpp"

#include <libpq-fe.h>

#include "util/unavailable.hpp"

namespace formlympics::store {
namespace {

// Failures of the server rather than of the statement: the connection is gone, the server is
// shutting down, starting up or out of resources. The request may succeed once it is back.
bool unavailable(PGconn* conn, const std::string& sqlstate) {
    if (PQstatus(conn) != CONNECTION_OK) return true;
    return sqlstate.starts_with("08") || sqlstate.starts_with("53") || sqlstate.starts_with("58") ||
           sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03";
}

PgResult check(PGconn* conn, PGresult* r) {
    const auto status = PQresultStatus(r);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(r);
    std::string sqlstate;
    if (r != nullptr) {
        if (const char* s = PQresultErrorField(r, PG_DIAG_SQLSTATE)) sqlstate = s;
    }
    std::string msg = "postgres: ";
    msg += r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn);
    PQclear(r);
    if (unavailable(conn, sqlstate)) throw util::Unavailable(msg);
    throw PgError(sqlstate, msg);
}

}  // namespace

PgResult::PgResult(pg_result* r) : result_(r, PQclear) {}

int PgResult::rows() const { return PQntuples(result_.get()); }

int PgResult::columns() const { return PQnfields(result_.get()); }

std::int64_t PgResult::affected() const {
    const char* n = PQcmdTuples(result_.get());
    return (n == nullptr || *n == '\0') ? 0 : std::stoll(n);
}

bool PgResult::is_null(int row, int col) const { return PQgetisnull(result_.get(), row, col) != 0; }

std::optional<std::string> PgResult::text(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return std::string(PQgetvalue(result_.get(), row, col),
                       static_cast<std::size_t>(PQgetlength(result_.get(), row, col)));
}

std::int64_t PgResult::int64(int row, int col) const {
    return std::stoll(PQgetvalue(result_.get(), row, col));
}

PgConnection::PgConnection(const std::string& url) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
        std::string msg = std::string("cannot connect to PostgreSQL: ") + PQerrorMessage(conn_);
        PQfinish(conn_);
        conn_ = nullptr;
        throw util::Unavailable(msg);
    }
    exec("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
}

PgConnection::~PgConnection() { PQfinish(conn_); }

PgResult PgConnection::exec(std::string_view sql) {
    return check(conn_, PQexec(conn_, std::string(sql).c_str()));
}

PgResult PgConnection::exec(std::string_view sql, const PgParams& params) {
    std::vector<const char*> values;
    values.reserve(params.values().size());
    for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
    return check(conn_,
                 PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(values.size()),
                              nullptr, values.data(), nullptr, nullptr, 0));
}

bool PgConnection::healthy() const { return PQstatus(conn_) == CONNECTION_OK; }

bool PgConnection::still_open() { return PQconsumeInput(conn_) == 1 && healthy(); }

}  // namespace formlympics::store
