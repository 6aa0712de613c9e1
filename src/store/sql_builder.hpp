#pragma once

#include <string>

#include "store/sql.hpp"

namespace formlympics::store {

// Builds SQL text and its parameters together, numbering placeholders in order of appearance
// (SQLite numbers $N parameters by first appearance, so the two must agree).
class SqlBuilder {
  public:
    explicit SqlBuilder(std::string sql = "") : sql_(std::move(sql)) {}

    SqlBuilder& sql(const std::string& text) {
        sql_ += text;
        return *this;
    }
    // Appends a placeholder for the value.
    template <class T>
    SqlBuilder& param(T&& value) {
        params_.add(std::forward<T>(value));
        sql_ += '$';
        sql_ += std::to_string(params_.size());
        return *this;
    }

    const std::string& text() const { return sql_; }
    const SqlParams& params() const { return params_; }

  private:
    std::string sql_;
    SqlParams params_;
};

}  // namespace formlympics::store
