#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace formlympics::domain {

// Every expected outcome that is not a success, in one table: its code (also its stable wire
// name), the title of its problem document and the HTTP status it is answered with. Adding an
// outcome is adding its row here.
#define FORMLYMPICS_ERRORS(X)                                     \
    X(bad_request, "Bad request", 400)                            \
    X(validation_failed, "Validation failed", 422)                \
    X(malformed_json, "Malformed JSON", 400)                      \
    X(unsupported_media_type, "Unsupported media type", 415)      \
    X(unauthorized, "Unauthorized", 401)                          \
    X(forbidden, "Forbidden", 403)                                \
    X(not_found, "Not found", 404)                                \
    X(method_not_allowed, "Method not allowed", 405)              \
    X(email_taken, "Email taken", 409)                            \
    X(invalid_credentials, "Invalid credentials", 401)            \
    X(wrong_password, "Wrong password", 403)                      \
    X(refresh_token_reused, "Refresh token reused", 401)          \
    X(open_orders, "Open orders", 409)                            \
    X(payload_too_large, "Payload too large", 413)                \
    X(headers_too_large, "Request header fields too large", 431)  \
    X(overloaded, "Service overloaded", 503)                      \
    X(not_open, "Not open", 409)                                  \
    X(closed, "Closed", 409)                                      \
    X(sold_out, "Sold out", 409)                                  \
    X(limit_exceeded, "Limit exceeded", 422)                      \
    X(idempotency_mismatch, "Idempotency key reused", 422)        \
    X(idempotency_in_flight, "Idempotent request in flight", 409) \
    X(invalid_transition, "Invalid transition", 409)              \
    X(conflict, "Conflict", 409)                                  \
    X(already_claimed, "Already claimed", 409)                    \
    X(exhausted, "Exhausted", 409)                                \
    X(service_unavailable, "Service unavailable", 503)            \
    X(too_many_requests, "Too many requests", 429)

enum class Errc {
#define FORMLYMPICS_ERROR_ENUM(name, title, status) name,
    FORMLYMPICS_ERRORS(FORMLYMPICS_ERROR_ENUM)
#undef FORMLYMPICS_ERROR_ENUM
};

// What the table says of one code.
struct ErrorKind {
    std::string_view code;   // the stable wire name, e.g. "email_taken"
    std::string_view title;  // the problem document's title
    int status;              // the HTTP status it is answered with
};

// The table's row for a code.
const ErrorKind& error_kind(Errc code);

// The stable wire name of a code, e.g. "email_taken".
inline std::string_view code_name(Errc code) { return error_kind(code).code; }

// One invalid input field, reported back to the client.
struct FieldError {
    std::string field;
    std::string message;
    // Which of the text rules it broke, for clients that say it in their own words:
    // "control_characters", "blank" or "length"; empty for a field's own rules.
    std::string rule = {};
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
