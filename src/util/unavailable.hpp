#pragma once

#include <stdexcept>

namespace formlympics::util {

// A service the server depends on (the database, say) cannot be reached or is refusing work
// right now. Not the request's fault, and not a bug: the answer is 503 with Retry-After, and a
// batch that meets it fails at once instead of being tried again piece by piece.
class Unavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace formlympics::util
