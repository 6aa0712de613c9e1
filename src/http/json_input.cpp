#include "http/json_input.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/duplicate_keys.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::http {
namespace json = boost::json;
using domain::Errc;

namespace {

// Times a sale may name: 2000-01-01T00:00:00Z up to 2100-01-01T00:00:00Z.
// Deeper JSON than any request of this API is refused before it costs stack or memory.
constexpr int kMaxJsonDepth = 32;
constexpr std::int64_t kEarliestTime = 946'684'800'000;
constexpr std::int64_t kLatestTime = 4'102'444'800'000;

bool is_json_media_type(std::string_view ct) {
    const auto semi = ct.find(';');
    auto type = ct.substr(0, semi);
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    if (type.size() != 16) return false;
    for (std::size_t i = 0; i < type.size(); ++i) {
        const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(type[i])));
        if (c != "application/json"[i]) return false;
    }
    return true;
}

}  // namespace

domain::Result<json::object> parse_json_object(const Request& request) {
    // No body at all is a missing body, whatever the label: naming it helps more than a 415.
    if (request.body.empty()) {
        return domain::invalid_fields(
            {{"body", "is required: send a JSON object with Content-Type: application/json"}});
    }
    auto ct = request.header("content-type");
    if (!ct || !is_json_media_type(*ct)) {
        return domain::fail(Errc::unsupported_media_type,
                            "send the body as JSON with Content-Type: application/json");
    }
    json::error_code ec;
    json::parse_options opts;
    opts.max_depth = kMaxJsonDepth;
    auto value = json::parse(request.body, ec, {}, opts);
    if (ec)
        return domain::fail(Errc::malformed_json, "the body is not valid JSON: " + ec.message());
    if (!value.is_object()) {
        return domain::invalid_fields({{"body", "must be a JSON object"}});
    }
    if (auto twice = duplicate_key(request.body, kMaxJsonDepth)) {
        return domain::invalid_fields({{*twice, "appears twice in one object; send it once"}});
    }
    return std::move(value.as_object());
}

ObjectReader::ObjectReader(const json::object& object,
                           std::initializer_list<std::string_view> known, std::string prefix)
    : object_(object), prefix_(std::move(prefix)) {
    for (const auto& kv : object_) {
        bool listed = false;
        for (auto k : known) listed = listed || kv.key() == k;
        if (!listed) errors_.push_back({prefix_ + std::string(kv.key()), "is not a known field"});
    }
}

std::string ObjectReader::string(std::string_view name, domain::TextKind kind) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) {
        errors_.push_back({prefix_ + std::string(name), "is required"});
        return {};
    }
    return optional_string(name, kind).value_or("");
}

std::optional<std::string> ObjectReader::optional_string(std::string_view name,
                                                         domain::TextKind kind) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
        errors_.push_back({prefix_ + std::string(name), "must be a string"});
        return std::nullopt;
    }
    if (domain::has_control(v->as_string(), kind)) {
        errors_.push_back(domain::control_characters_error(prefix_ + std::string(name), kind));
        return std::nullopt;
    }
    return std::string(v->as_string());
}

std::vector<std::string> ObjectReader::strings(std::string_view name) {
    std::vector<std::string> out;
    const auto* items = array(name, true);
    if (items == nullptr) return out;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto at = std::string(name) + "[" + std::to_string(i) + "]";
        const auto& v = (*items)[i];
        if (!v.is_string()) {
            fail(at, "must be a string");
        } else if (domain::has_control(v.as_string(), domain::TextKind::line)) {
            errors_.push_back(
                domain::control_characters_error(prefix_ + at, domain::TextKind::line));
        } else {
            out.emplace_back(v.as_string());
        }
    }
    return out;
}

std::optional<bool> ObjectReader::optional_boolean(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_bool()) {
        errors_.push_back({prefix_ + std::string(name), "must be true or false"});
        return std::nullopt;
    }
    return v->as_bool();
}

std::int64_t ObjectReader::integer(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) {
        errors_.push_back({prefix_ + std::string(name), "is required"});
        return 0;
    }
    return optional_integer(name).value_or(0);
}

std::optional<std::int64_t> ObjectReader::optional_integer(std::string_view name) {
    auto v = nullable_integer(name);
    if (!v) return std::nullopt;
    return *v;
}

std::optional<std::optional<std::int64_t>> ObjectReader::nullable_integer(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr) return std::nullopt;
    if (v->is_null()) return std::optional<std::int64_t>{};
    if (v->is_int64()) return std::optional<std::int64_t>{v->as_int64()};
    if (v->is_uint64() && v->as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) {
        return std::optional<std::int64_t>{static_cast<std::int64_t>(v->as_uint64())};
    }
    errors_.push_back({prefix_ + std::string(name), "must be an integer"});
    return std::optional<std::int64_t>{};
}

std::int64_t ObjectReader::time(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) {
        errors_.push_back({prefix_ + std::string(name), "is required"});
        return 0;
    }
    return optional_time(name).value_or(0);
}

std::optional<std::int64_t> ObjectReader::optional_time(std::string_view name) {
    auto text = optional_string(name);
    if (!text) return std::nullopt;
    auto ms = util::parse_rfc3339(*text);
    if (!ms) {
        errors_.push_back({prefix_ + std::string(name),
                           "must be an RFC 3339 time such as 2026-12-01T20:00:00+09:00"});
    } else if (*ms < kEarliestTime || *ms >= kLatestTime) {
        errors_.push_back({prefix_ + std::string(name), "must be in the years 2000 to 2099"});
        return std::nullopt;
    }
    return ms;
}

const json::object* ObjectReader::object(std::string_view name, bool optional) {
    const auto* v = object_.if_contains(name);
    if ((v == nullptr || v->is_null()) && optional) return nullptr;
    if (v == nullptr || !v->is_object()) {
        errors_.push_back(
            {prefix_ + std::string(name), v == nullptr ? "is required" : "must be an object"});
        return nullptr;
    }
    return &v->as_object();
}

const json::array* ObjectReader::array(std::string_view name, bool optional) {
    const auto* v = object_.if_contains(name);
    if ((v == nullptr || v->is_null()) && optional) return nullptr;
    if (v == nullptr || !v->is_array()) {
        errors_.push_back(
            {prefix_ + std::string(name), v == nullptr ? "is required" : "must be an array"});
        return nullptr;
    }
    return &v->as_array();
}

void ObjectReader::each_object(std::string_view name, std::initializer_list<std::string_view> known,
                               bool optional, const std::function<void(ObjectReader&)>& fn) {
    const auto* items = array(name, optional);
    if (items == nullptr) return;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const auto at = std::string(name) + "[" + std::to_string(i) + "]";
        if (!(*items)[i].is_object()) {
            fail(at, "must be an object");
            continue;
        }
        ObjectReader element((*items)[i].as_object(), known, prefix_ + at + ".");
        fn(element);
        absorb(element);
    }
}

void ObjectReader::fail(const std::string& field, std::string message) {
    errors_.push_back({prefix_ + field, std::move(message)});
}

void ObjectReader::absorb(const ObjectReader& nested) {
    errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end());
}

std::optional<domain::Error> ObjectReader::error() const {
    if (errors_.empty()) return std::nullopt;
    return domain::invalid_fields(errors_);
}

std::optional<domain::Error> ObjectReader::error(std::vector<domain::FieldError> broken) const {
    if (errors_.empty()) return std::nullopt;
    auto out = errors_;
    for (auto& b : broken) {
        const bool named =
            std::any_of(out.begin(), out.end(), [&](const auto& x) { return x.field == b.field; });
        if (!named) out.push_back(std::move(b));
    }
    return domain::invalid_fields(std::move(out));
}

}  // namespace formlympics::http
