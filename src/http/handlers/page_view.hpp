#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http/problem.hpp"

namespace formlympics::http::handlers {

// A keyset page: {items: [render(item)...], next_cursor} with the cursor as an opaque string.
template <class T, class Render>
Response page_response(const std::vector<T>& items, std::optional<std::int64_t> next_cursor,
                       Render&& render) {
    boost::json::array out;
    for (const auto& item : items) out.push_back(render(item));
    boost::json::object page{{"items", std::move(out)}};
    page["next_cursor"] = next_cursor ? boost::json::value(std::to_string(*next_cursor))
                                      : boost::json::value(nullptr);
    return json_response(200, page);
}

}  // namespace formlympics::http::handlers
