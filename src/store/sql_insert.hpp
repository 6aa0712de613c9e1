#pragma once

#include <string>
#include <variant>
#include <vector>

#include "store/sql.hpp"

namespace formlympics::store {

// A PostgreSQL array literal of one column's values: {1,NULL,"text \"quoted\""}.
inline std::string array_literal(const std::vector<SqlParams::Value>& values) {
    std::string out = "{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0) out += ',';
        const auto& v = values[i];
        if (const auto* n = std::get_if<std::int64_t>(&v)) {
            out += std::to_string(*n);
        } else if (const auto* t = std::get_if<std::string>(&v)) {
            out += '"';
            for (char c : *t) {
                if (c == '"' || c == '\\') out += '\\';
                out += c;
            }
            out += '"';
        } else {
            out += "NULL";
        }
    }
    return out + "}";
}

// Inserts rows [0, n) with `insert` ("INSERT INTO t (a, b)") and the columns' SQL types;
// `add_row` appends one row's parameters; `suffix` follows (ON CONFLICT, RETURNING). Returns
// what RETURNING returned. PostgreSQL gets one statement with an array per column (a fixed text,
// whatever the batch size, so nothing large is parsed); SQLite, in-process, one cached
// single-row statement per row.
template <class AddRow>
SqlRows insert_rows(SqlSession& s, const std::string& insert, const std::vector<std::string>& types,
                    std::size_t n, AddRow&& add_row, const std::string& suffix = "") {
    if (n == 0) return {};
    const bool returning = suffix.find("RETURNING") != std::string::npos;
    auto run = [&](const std::string& sql, const SqlParams& p) -> SqlRows {
        if (returning) return s.query(sql, p);
        s.execute(sql, p);
        return {};
    };
    if (s.dialect() == SqlSession::Dialect::postgres) {
        std::vector<std::vector<SqlParams::Value>> columns(types.size());
        for (std::size_t i = 0; i < n; ++i) {
            SqlParams row;
            add_row(row, i);
            for (std::size_t c = 0; c < types.size(); ++c) columns[c].push_back(row.values()[c]);
        }
        std::string sql = insert + " SELECT * FROM unnest(";
        SqlParams p;
        for (std::size_t c = 0; c < types.size(); ++c) {
            p.add(array_literal(columns[c]));
            sql += (c ? ", $" : "$") + std::to_string(c + 1) + "::" + types[c] + "[]";
        }
        return run(sql + ")" + suffix, p);
    }
    const auto sql = insert + " VALUES " + values_list(1, types.size()) + suffix;
    SqlRows returned;
    for (std::size_t i = 0; i < n; ++i) {
        SqlParams p;
        add_row(p, i);
        for (auto& row : run(sql, p).rows) returned.rows.push_back(std::move(row));
    }
    return returned;
}

}  // namespace formlympics::store
