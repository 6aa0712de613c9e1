#include "domain/error.hpp"

namespace formlympics::domain {

std::string_view code_name(Errc code) {
    switch (code) {
        case Errc::bad_request:
            return "bad_request";
        case Errc::validation_failed:
            return "validation_failed";
        case Errc::malformed_json:
            return "malformed_json";
        case Errc::unsupported_media_type:
            return "unsupported_media_type";
        case Errc::unauthorized:
            return "unauthorized";
        case Errc::forbidden:
            return "forbidden";
        case Errc::not_found:
            return "not_found";
        case Errc::method_not_allowed:
            return "method_not_allowed";
        case Errc::email_taken:
            return "email_taken";
        case Errc::invalid_credentials:
            return "invalid_credentials";
        case Errc::payload_too_large:
            return "payload_too_large";
        case Errc::headers_too_large:
            return "headers_too_large";
        case Errc::overloaded:
            return "overloaded";
        case Errc::not_open:
            return "not_open";
        case Errc::closed:
            return "closed";
        case Errc::sold_out:
            return "sold_out";
        case Errc::limit_exceeded:
            return "limit_exceeded";
        case Errc::idempotency_mismatch:
            return "idempotency_mismatch";
        case Errc::idempotency_in_flight:
            return "idempotency_in_flight";
        case Errc::invalid_transition:
            return "invalid_transition";
        case Errc::conflict:
            return "conflict";
        case Errc::already_claimed:
            return "already_claimed";
        case Errc::exhausted:
            return "exhausted";
        case Errc::service_unavailable:
            return "service_unavailable";
        case Errc::too_many_requests:
            return "too_many_requests";
    }
    return "internal_error";
}

}  // namespace formlympics::domain
