#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace formlympics::domain {

// One page of a keyset-paginated list, newest first: the cursor for the next page is the id the
// next page starts below, nullopt on the last page.
template <class T>
struct Page {
    std::vector<T> items;
    std::optional<std::int64_t> next_cursor;
};

}  // namespace formlympics::domain
