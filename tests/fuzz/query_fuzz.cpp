// Query strings and the numbers in them: page parameters, and canonical decimals that must
// print back as the text they came from.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/query.hpp"
#include "util/decimal.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace formlympics;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = http::Query::parse(text);
    const auto query = parsed ? parsed.value() : http::Query();
    (void)http::page_params(query);
    for (const char* name : {"limit", "cursor", "status", "q"}) {
        if (auto v = query.get(name)) {
            if (auto n = util::parse_decimal(*v); n && std::to_string(*n) != *v) std::abort();
        }
    }
    if (auto n = util::parse_decimal(text); n && std::to_string(*n) != text) std::abort();
    return 0;
}
