#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/result.hpp"

namespace formlympics::http {

// The parameters of a query string ("a=1&b=x%20y"), percent-decoded, in order.
class Query {
  public:
    Query() = default;

    // The parameters of a query string, or bad_request when it is not one (RFC 3986: a '%'
    // not followed by two hex digits, or a character a URL cannot hold unescaped).
    static domain::Result<Query> parse(std::string_view query);

    // The first value of the parameter, or nullopt when it is absent.
    std::optional<std::string> get(std::string_view name) const;
    // How many times the parameter is given.
    std::size_t count(std::string_view name) const;
    // The names given that are not among `known`, each once, in order.
    std::vector<std::string> unknown(std::initializer_list<std::string_view> known) const;

  private:
    std::vector<std::pair<std::string, std::string>> params_;
};

// validation_failed naming each parameter of the query that is not among `known` (a typo must
// not pass for "no filter"), or nullopt.
std::optional<domain::Error> unknown_parameters(const Query& query,
                                                std::initializer_list<std::string_view> known = {});

// Keyset page parameters: `limit` (1 to 100, default 20) and an opaque numeric `cursor`.
struct PageParams {
    std::size_t limit = 20;
    std::optional<std::int64_t> cursor;
};

// The page parameters of a list's query; validation_failed for a bad limit or cursor, and for a
// parameter that is neither one of them nor among the list's `others` (a typo must not pass for
// "no filter").
domain::Result<PageParams> page_params(const Query& query,
                                       std::initializer_list<std::string_view> others = {});

}  // namespace formlympics::http
