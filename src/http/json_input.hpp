#pragma once

#include <boost/json/object.hpp>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "http/message.hpp"

namespace formlympics::http {

// The body as a JSON object: unsupported_media_type (415) unless Content-Type is
// application/json, malformed_json (400) for unparseable text, validation_failed (422) for a
// value that is not an object.
domain::Result<boost::json::object> parse_json_object(const Request& request);

// Reads the fields of a JSON object by type, collecting every problem (unknown fields, missing
// required fields, wrong types) so the client learns all of them in one answer.
class ObjectReader {
  public:
    ObjectReader(const boost::json::object& object, std::initializer_list<std::string_view> known,
                 std::string prefix = "");

    // A required string; "" and an error recorded when absent or not a string.
    std::string string(std::string_view name);
    // An optional string: nullopt when absent or null; an error recorded for another type.
    std::optional<std::string> optional_string(std::string_view name);

    // validation_failed naming every field at fault, or nullopt when all were well.
    std::optional<domain::Error> error() const;

  private:
    const boost::json::object& object_;
    std::string prefix_;
    std::vector<domain::FieldError> errors_;
};

}  // namespace formlympics::http
