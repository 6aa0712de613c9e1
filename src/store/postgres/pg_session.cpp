#include "store/postgres/pg_session.hpp"

namespace formlympics::store {
namespace {

PgParams to_pg(const SqlParams& params) {
    PgParams out;
    for (const auto& v : params.values()) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            out.add(*n);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            out.add(std::string_view(*s));
        } else {
            out.add(std::optional<std::string>{});
        }
    }
    return out;
}

}  // namespace

SqlRows PgSession::query(const std::string& sql, const SqlParams& params) {
    const auto r = conn_.exec(sql, to_pg(params));
    SqlRows out;
    out.rows.resize(static_cast<std::size_t>(r.rows()));
    for (int i = 0; i < r.rows(); ++i) {
        auto& row = out.rows[static_cast<std::size_t>(i)];
        for (int c = 0; c < r.columns(); ++c) row.push_back(r.text(i, c));
    }
    return out;
}

std::int64_t PgSession::execute(const std::string& sql, const SqlParams& params) {
    return conn_.exec(sql, to_pg(params)).affected();
}

void PgSqlDatabase::write(const std::function<void(SqlSession&)>& fn) {
    pool_.transaction([&](PgConnection& c) {
        PgSession s(c);
        fn(s);
    });
}

void PgSqlDatabase::read(const std::function<void(SqlSession&)>& fn) {
    pool_.with([&](PgConnection& c) {
        PgSession s(c);
        fn(s);
    });
}

}  // namespace formlympics::store
