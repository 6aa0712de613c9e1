#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace formlympics::test {

// Heads that two HTTP parsers could frame differently (the stuff of request smuggling), as
// {name, header fields} for a request whose body has `body_size` bytes: each field list ends in
// CRLF and stands in for the request's Host and Content-Length.
std::vector<std::pair<std::string, std::string>> framing_attacks(std::size_t body_size);

}  // namespace formlympics::test
