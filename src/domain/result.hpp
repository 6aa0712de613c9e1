#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "domain/error.hpp"

namespace formlympics::domain {

// A value or an expected Error. Infrastructure failures are exceptions, never a Result.
template <class T>
class Result {
  public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() {
        assert(ok());
        return std::get<0>(state_);
    }
    const T& value() const {
        assert(ok());
        return std::get<0>(state_);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(state_);
    }

  private:
    std::variant<T, Error> state_;
};

// Shorthand for building an Error with a detail.
inline Error fail(Errc code, std::string detail) {
    return Error{code, std::move(detail), {}, {}, 0};
}

// The error for work refused because a service the server needs (the database) is down.
inline Error unavailable() {
    return Error{Errc::service_unavailable,
                 "the server cannot reach its database right now; retry shortly",
                 {},
                 {},
                 2};
}

// A validation_failed Error naming the fields at fault.
inline Error invalid_fields(std::vector<FieldError> fields) {
    return Error{
        Errc::validation_failed, "the request has invalid fields", std::move(fields), {}, 0};
}

}  // namespace formlympics::domain
