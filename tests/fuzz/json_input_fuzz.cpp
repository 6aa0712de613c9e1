// A request body through parse_json_object and every kind of ObjectReader field, nested as a
// form is: what a handler reads before any rule of the domain applies.
#include <cstdint>
#include <string>

#include "http/json_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace formlympics;
    http::Request request;
    request.headers.emplace_back("content-type", "application/json");
    request.body.assign(reinterpret_cast<const char*>(data), size);
    auto body = http::parse_json_object(request);
    if (!body) return 0;
    http::ObjectReader in(body.value(), {"title", "description", "opens_at", "closes_at", "hours",
                                         "account", "products", "limit"});
    (void)in.string("title");
    (void)in.optional_string("description", domain::TextKind::multiline);
    (void)in.time("opens_at");
    (void)in.optional_time("closes_at");
    (void)in.integer("hours");
    (void)in.nullable_integer("limit");
    if (const auto* account = in.object("account", true)) {
        http::ObjectReader a(*account, {"bank", "number"}, "account.");
        (void)a.string("bank");
        (void)a.optional_integer("number");
        in.absorb(a);
    }
    in.each_object("products", {"name", "price", "stock"}, false, [](http::ObjectReader& p) {
        (void)p.string("name");
        (void)p.integer("price");
        (void)p.optional_integer("stock");
    });
    if (auto e = in.error()) {
        for (const auto& f : e->fields) (void)f.field.size();
    }
    return 0;
}
