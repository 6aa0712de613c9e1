#include "domain/error.hpp"

#include <array>

namespace formlympics::domain {
namespace {

constexpr std::array kKinds = {
#define FORMLYMPICS_ERROR_ROW(name, title, status) ErrorKind{#name, title, status},
    FORMLYMPICS_ERRORS(FORMLYMPICS_ERROR_ROW)
#undef FORMLYMPICS_ERROR_ROW
};

}  // namespace

const ErrorKind& error_kind(Errc code) { return kKinds.at(static_cast<std::size_t>(code)); }

}  // namespace formlympics::domain
