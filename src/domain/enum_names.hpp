#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace formlympics::domain {

// The wire names of an enum's values in one table, read both ways: adding a value is adding its
// row. Names are as clients and the database see them.
template <class E, std::size_t N>
class EnumNames {
  public:
    constexpr explicit EnumNames(std::array<std::pair<E, std::string_view>, N> rows)
        : rows_(rows) {}

    // The value's name; "" for a value missing from the table.
    constexpr std::string_view name(E value) const {
        for (const auto& [e, n] : rows_) {
            if (e == value) return n;
        }
        return {};
    }
    // The value of that name, or nullopt.
    constexpr std::optional<E> parse(std::string_view name) const {
        for (const auto& [e, n] : rows_) {
            if (n == name) return e;
        }
        return std::nullopt;
    }
    // The value of a name read back from storage, where an unknown one means the data is
    // corrupt: an infrastructure failure (thrown), never a value made up.
    E stored(std::string_view name) const {
        if (auto e = parse(name)) return *e;
        throw std::runtime_error("unknown value '" + std::string(name) + "' in stored data");
    }
    // "A, B or C", for messages that list what is allowed.
    std::string listed() const {
        std::string out;
        for (std::size_t i = 0; i < N; ++i) {
            if (i > 0) out += i + 1 == N ? " or " : ", ";
            out += rows_[i].second;
        }
        return out;
    }

    // Every value with its name, in declaration order.
    constexpr const std::array<std::pair<E, std::string_view>, N>& rows() const { return rows_; }

  private:
    std::array<std::pair<E, std::string_view>, N> rows_;
};

}  // namespace formlympics::domain
