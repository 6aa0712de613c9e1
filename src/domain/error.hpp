#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace formlympics::domain {

// Stable error codes of expected outcomes; each maps to one HTTP status in http/problem.cpp.
enum class Errc {
    bad_request,
    validation_failed,
    malformed_json,
    unsupported_media_type,
    unauthorized,
    forbidden,
    not_found,
    method_not_allowed,
    email_taken,
    invalid_credentials,
    payload_too_large,
    headers_too_large,
    overloaded,
    not_open,
    closed,
    sold_out,
    limit_exceeded,
    idempotency_mismatch,
    idempotency_in_flight,
    invalid_transition,
    conflict,
    already_claimed,
    exhausted,
    service_unavailable,
    too_many_requests,
};

// The stable wire name of a code, e.g. "email_taken".
std::string_view code_name(Errc code);

// One invalid input field, reported back to the client.
struct FieldError {
    std::string field;
    std::string message;
};

// Units left of a product, reported with sold_out.
struct StockLeft {
    std::int64_t product_id;
    std::int64_t remaining;
};

// An expected failure: a code, a human-readable detail and, for validation, the fields at fault.
struct Error {
    Errc code;
    std::string detail;
    std::vector<FieldError> fields;
    std::vector<StockLeft> stock_left;  // with sold_out: what remains of the requested products
    int retry_after = 0;  // seconds the client should wait before trying again; 0: no advice
};

}  // namespace formlympics::domain
