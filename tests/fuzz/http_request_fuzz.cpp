// The HTTP request path up to a handler: the head as received (framing_defect), Beast's
// parser over the same bytes, then routing and the query string of what it parsed.
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <string_view>

#include "http/framing.hpp"
#include "http/query.hpp"
#include "http/router.hpp"

namespace {

using namespace formlympics::http;

const Router& router() {
    static const Router r = [] {
        Router out;
        auto ok = [](const RequestContext& ctx) {
            (void)ctx.id_param("id");
            return Response{};
        };
        for (const char* pattern :
             {"/api/v1/users", "/api/v1/forms", "/api/v1/forms/{id}", "/api/v1/forms/{id}/orders",
              "/api/v1/orders/{id}/shipment", "/api/v1/coupons/{id}/claims", "/api/v1/me/orders"}) {
            out.add_public("GET", pattern, ok);
            out.add_public("POST", pattern, ok);
        }
        return out;
    }();
    return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace bhttp = boost::beast::http;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto n = head_length(bytes);
    if (n == 0 || framing_defect(bytes.substr(0, n))) return 0;

    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code ec;
    parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    if (ec || !parser.is_header_done()) return 0;
    const auto& req = parser.get();
    const std::string target(req.target());
    const auto q = target.find('?');
    auto match = router().match(req.method_string(), target.substr(0, q));
    if (match.kind == RouteMatch::Kind::found) {
        Request request;
        RequestContext ctx{request, std::move(match.params), "", ""};
        (void)ctx.id_param("id");
    }
    if (q != std::string::npos) {
        if (auto query = Query::parse(target.substr(q + 1))) {
            (void)page_params(query.value());
            (void)query->get("status");
        }
    }
    return 0;
}
