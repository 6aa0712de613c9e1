#include "http/problem.hpp"

#include <boost/json.hpp>

namespace formlympics::http {
namespace json = boost::json;
using domain::Errc;

namespace {

Response problem(int status, std::string_view code, std::string_view title, std::string_view detail,
                 const std::vector<domain::FieldError>& fields,
                 const std::vector<domain::StockLeft>& stock_left = {}) {
    json::object body{{"type", std::string("urn:formlympics:problem:") + std::string(code)},
                      {"title", title},
                      {"status", status},
                      {"detail", detail},
                      {"code", code}};
    if (!fields.empty()) {
        json::array errors;
        for (const auto& f : fields) {
            json::object e{{"field", f.field}, {"message", f.message}};
            if (!f.rule.empty()) e["rule"] = f.rule;
            errors.push_back(std::move(e));
        }
        body["errors"] = std::move(errors);
    }
    if (!stock_left.empty()) {
        json::array left;
        for (const auto& s : stock_left) {
            left.push_back(json::object{{"product_id", s.product_id}, {"remaining", s.remaining}});
        }
        body["remaining"] = std::move(left);
    }
    return Response{status, "application/problem+json", json::serialize(body), {}, false, nullptr};
}

}  // namespace

Response problem_response(const domain::Error& e) {
    const auto& kind = domain::error_kind(e.code);
    auto r = problem(kind.status, kind.code, kind.title, e.detail, e.fields, e.stock_left);
    if (e.code == Errc::unauthorized || e.code == Errc::invalid_credentials) {
        r.headers.emplace_back("WWW-Authenticate", "Bearer");
    }
    // Every "try again later" says when: 503 and 429 always carry Retry-After.
    auto retry_after = e.retry_after;
    if (retry_after <= 0 && (r.status == 503 || r.status == 429)) retry_after = 1;
    if (retry_after > 0) r.headers.emplace_back("Retry-After", std::to_string(retry_after));
    return r;
}

Response internal_error_response() {
    return problem(
        500, "internal_error", "Internal server error",
        "the server failed to handle the request; quote the request id when reporting it", {});
}

Response json_response(int status, const json::value& body) {
    return Response{status, "application/json", json::serialize(body), {}, false, nullptr};
}

}  // namespace formlympics::http
