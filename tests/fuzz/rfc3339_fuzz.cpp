// RFC 3339 times: whatever parses formats back to text that parses to the same instant.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "util/rfc3339.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace formlympics::util;
    const auto ms = parse_rfc3339(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!ms) return 0;
    const auto again = parse_rfc3339(format_rfc3339(*ms));
    if (!again || *again != *ms) std::abort();
    return 0;
}
