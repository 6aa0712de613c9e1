#include "http/json_input.hpp"

#include <boost/json.hpp>

namespace formlympics::http {
namespace json = boost::json;
using domain::Errc;

namespace {

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
    auto ct = request.header("content-type");
    if (!ct || !is_json_media_type(*ct)) {
        return domain::fail(Errc::unsupported_media_type,
                            "send the body as JSON with Content-Type: application/json");
    }
    json::error_code ec;
    json::parse_options opts;
    opts.max_depth = 32;
    auto value = json::parse(request.body, ec, {}, opts);
    if (ec)
        return domain::fail(Errc::malformed_json, "the body is not valid JSON: " + ec.message());
    if (!value.is_object()) {
        return domain::fail(Errc::validation_failed, "the body must be a JSON object");
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

std::string ObjectReader::string(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) {
        errors_.push_back({prefix_ + std::string(name), "is required"});
        return {};
    }
    if (!v->is_string()) {
        errors_.push_back({prefix_ + std::string(name), "must be a string"});
        return {};
    }
    return std::string(v->as_string());
}

std::optional<std::string> ObjectReader::optional_string(std::string_view name) {
    const auto* v = object_.if_contains(name);
    if (v == nullptr || v->is_null()) return std::nullopt;
    if (!v->is_string()) {
        errors_.push_back({prefix_ + std::string(name), "must be a string"});
        return std::nullopt;
    }
    return std::string(v->as_string());
}

std::optional<domain::Error> ObjectReader::error() const {
    if (errors_.empty()) return std::nullopt;
    return domain::invalid_fields(errors_);
}

}  // namespace formlympics::http
