#include "store/sqlite/sqlite_session.hpp"

namespace formlympics::store {
namespace {

SqliteStatement& bound(SqliteConnection& conn, const std::string& sql, const SqlParams& params) {
    auto& st = conn.cached(sql);
    int i = 1;
    for (const auto& v : params.values()) {
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            st.bind(st.slot(i), *n);
        } else if (const auto* s = std::get_if<std::string>(&v)) {
            st.bind(st.slot(i), std::string_view(*s));
        } else {
            st.bind(st.slot(i), std::optional<std::string>{});
        }
        ++i;
    }
    return st;
}

}  // namespace

SqlRows SqliteSession::query(const std::string& sql, const SqlParams& params) {
    auto& st = bound(conn_, sql, params);
    SqlRows out;
    const int columns = st.columns();
    while (st.step()) {
        SqlRows::Row row;
        row.reserve(static_cast<std::size_t>(columns));
        for (int c = 0; c < columns; ++c) row.push_back(st.text(c));
        out.rows.push_back(std::move(row));
    }
    st.reset();
    return out;
}

std::int64_t SqliteSession::execute(const std::string& sql, const SqlParams& params) {
    auto& st = bound(conn_, sql, params);
    while (st.step()) {
    }
    st.reset();
    return conn_.changes();
}

void SqliteSqlDatabase::write(const std::function<void(SqlSession&)>& fn) {
    db_.write([&](SqliteConnection& c) {
        SqliteSession s(c);
        fn(s);
    });
}

void SqliteSqlDatabase::read(const std::function<void(SqlSession&)>& fn) {
    db_.read([&](SqliteConnection& c) {
        SqliteSession s(c);
        fn(s);
    });
}

}  // namespace formlympics::store
