#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/text.hpp"
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

    // Every string read here is checked for control characters (NUL included), so no handler
    // can let one through: an error is recorded naming the field. Only multiline text may hold
    // tabs and line breaks.

    // A required string; "" and an error recorded when absent, null or not a string.
    std::string string(std::string_view name, domain::TextKind kind = domain::TextKind::line);
    // An optional string: nullopt when absent or null; an error recorded for another type.
    std::optional<std::string> optional_string(std::string_view name,
                                               domain::TextKind kind = domain::TextKind::line);

    // Each string of an array of single-line strings (empty when absent or null); an error
    // recorded for another type or an element that is not a string.
    std::vector<std::string> strings(std::string_view name);
    // An optional boolean: nullopt when absent or null; an error recorded for another type.
    std::optional<bool> optional_boolean(std::string_view name);

    // A required integer; 0 and an error recorded when absent, null or not an integer.
    std::int64_t integer(std::string_view name);
    // An optional integer: nullopt when absent or null.
    std::optional<std::int64_t> optional_integer(std::string_view name);
    // Absent: nullopt; null: an empty optional inside; a number: that number.
    std::optional<std::optional<std::int64_t>> nullable_integer(std::string_view name);
    // A required RFC 3339 time, as milliseconds since the epoch, from 2000 until 2100.
    std::int64_t time(std::string_view name);
    // An optional RFC 3339 time.
    std::optional<std::int64_t> optional_time(std::string_view name);
    // A nested object (nullptr, and an error unless optional, when absent or of another type).
    const boost::json::object* object(std::string_view name, bool optional = false);
    // A nested array (nullptr, and an error unless optional, when absent or of another type).
    const boost::json::array* array(std::string_view name, bool optional = false);
    // Calls fn with a reader for each element of the array `name` (prefixed "name[i].", limited
    // to `known`), recording elements that are not objects and every reader's problems.
    void each_object(std::string_view name, std::initializer_list<std::string_view> known,
                     bool optional, const std::function<void(ObjectReader&)>& fn);
    // Records a problem found by the caller.
    void fail(const std::string& field, std::string message);
    // Records the problems of a nested reader under this one.
    void absorb(const ObjectReader& nested);
    const std::string& prefix() const { return prefix_; }

    // validation_failed naming every field at fault, or nullopt when all were well.
    std::optional<domain::Error> error() const;
    // The same, with the rules broken by the fields that did read (`broken`, from the domain's
    // checks) beside the fields that did not, each field named once: the client fixes every
    // fault in one go, not one per answer. Nullopt when the reading went well: the rules are
    // then the service's to apply.
    std::optional<domain::Error> error(std::vector<domain::FieldError> broken) const;

  private:
    const boost::json::object& object_;
    std::string prefix_;
    std::vector<domain::FieldError> errors_;
};

}  // namespace formlympics::http
