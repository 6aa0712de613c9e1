#pragma once

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace formlympics::test {

// The value of a FORMLYMPICS_TEST_* variable that scripts/test sets for a service it started.
// Throws when it is unset, so a test that needs the service fails rather than silently skips.
inline std::string required_test_env(const std::string& name, const std::string& service) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(name +
                                 " is not set: run the suite through ./scripts/test, which "
                                 "starts a throwaway " +
                                 service);
    }
    return value;
}

}  // namespace formlympics::test
