#include "store/sql.hpp"

#include <stdexcept>

namespace formlympics::store {

std::int64_t SqlRows::int64(std::size_t r, std::size_t c) const {
    const auto& v = rows[r][c];
    if (!v) throw std::runtime_error("unexpected NULL in an integer column");
    return std::stoll(*v);
}

std::optional<std::int64_t> SqlRows::opt_int64(std::size_t r, std::size_t c) const {
    const auto& v = rows[r][c];
    if (!v) return std::nullopt;
    return std::stoll(*v);
}

std::string values_list(std::size_t rows, std::size_t columns, std::size_t first) {
    std::string out;
    std::size_t n = first;
    for (std::size_t r = 0; r < rows; ++r) {
        out += r == 0 ? "(" : ", (";
        for (std::size_t c = 0; c < columns; ++c) {
            if (c > 0) out += ", ";
            out += '$';
            out += std::to_string(n++);
        }
        out += ")";
    }
    return out;
}

}  // namespace formlympics::store
