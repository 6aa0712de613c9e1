#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace formlympics::util {

// One Server-Sent Events message: `id:` (when non-zero), `event:` and a one-line `data:`
// (JSON never holds a raw newline).
inline std::string sse_event(std::int64_t id, std::string_view event, std::string_view data) {
    std::string out;
    out.reserve(data.size() + event.size() + 40);
    if (id != 0) out.append("id: ").append(std::to_string(id)).append("\n");
    out.append("event: ").append(event).append("\ndata: ").append(data).append("\n\n");
    return out;
}

}  // namespace formlympics::util
