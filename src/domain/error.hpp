#pragma once

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
};

// The stable wire name of a code, e.g. "email_taken".
std::string_view code_name(Errc code);

// One invalid input field, reported back to the client.
struct FieldError {
    std::string field;
    std::string message;
};

// An expected failure: a code, a human-readable detail and, for validation, the fields at fault.
struct Error {
    Errc code;
    std::string detail;
    std::vector<FieldError> fields;
};

}  // namespace formlympics::domain
