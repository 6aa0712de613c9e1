#include "http/problem.hpp"

#include <boost/json.hpp>

namespace formlympics::http {
namespace json = boost::json;
using domain::Errc;

namespace {

std::string_view title_for(Errc code) {
    switch (code) {
        case Errc::bad_request:
            return "Bad request";
        case Errc::validation_failed:
            return "Validation failed";
        case Errc::malformed_json:
            return "Malformed JSON";
        case Errc::unsupported_media_type:
            return "Unsupported media type";
        case Errc::unauthorized:
            return "Unauthorized";
        case Errc::forbidden:
            return "Forbidden";
        case Errc::not_found:
            return "Not found";
        case Errc::method_not_allowed:
            return "Method not allowed";
        case Errc::email_taken:
            return "Email taken";
        case Errc::invalid_credentials:
            return "Invalid credentials";
        case Errc::payload_too_large:
            return "Payload too large";
        case Errc::headers_too_large:
            return "Request header fields too large";
        case Errc::overloaded:
            return "Service overloaded";
        case Errc::not_open:
            return "Not open";
        case Errc::closed:
            return "Closed";
        case Errc::sold_out:
            return "Sold out";
        case Errc::limit_exceeded:
            return "Limit exceeded";
        case Errc::idempotency_mismatch:
            return "Idempotency key reused";
        case Errc::idempotency_in_flight:
            return "Idempotent request in flight";
        case Errc::invalid_transition:
            return "Invalid transition";
        case Errc::conflict:
            return "Conflict";
        case Errc::already_claimed:
            return "Already claimed";
        case Errc::exhausted:
            return "Exhausted";
        case Errc::service_unavailable:
            return "Service unavailable";
        case Errc::too_many_requests:
            return "Too many requests";
    }
    return "Error";
}

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
        for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
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

int status_for(Errc code) {
    switch (code) {
        case Errc::bad_request:
            return 400;
        case Errc::malformed_json:
            return 400;
        case Errc::validation_failed:
            return 422;
        case Errc::unsupported_media_type:
            return 415;
        case Errc::unauthorized:
            return 401;
        case Errc::invalid_credentials:
            return 401;
        case Errc::forbidden:
            return 403;
        case Errc::not_found:
            return 404;
        case Errc::method_not_allowed:
            return 405;
        case Errc::email_taken:
            return 409;
        case Errc::payload_too_large:
            return 413;
        case Errc::headers_too_large:
            return 431;
        case Errc::overloaded:
            return 503;
        case Errc::not_open:
            return 409;
        case Errc::closed:
            return 409;
        case Errc::sold_out:
            return 409;
        case Errc::limit_exceeded:
            return 422;
        case Errc::idempotency_mismatch:
            return 422;
        case Errc::idempotency_in_flight:
            return 409;
        case Errc::invalid_transition:
            return 409;
        case Errc::conflict:
            return 409;
        case Errc::already_claimed:
            return 409;
        case Errc::exhausted:
            return 409;
        case Errc::service_unavailable:
            return 503;
        case Errc::too_many_requests:
            return 429;
    }
    return 500;
}

Response problem_response(const domain::Error& e) {
    auto r = problem(status_for(e.code), domain::code_name(e.code), title_for(e.code), e.detail,
                     e.fields, e.stock_left);
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
