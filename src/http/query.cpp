#include "http/query.hpp"

#include <algorithm>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

#include "util/decimal.hpp"

namespace formlympics::http {

domain::Result<Query> Query::parse(std::string_view query) {
    if (query.empty()) return Query();
    // Boost.URL 1.81's parse_query runs strlen over the view's data, reading past its end unless
    // a NUL follows; a std::string always ends in one.
    const std::string terminated(query);
    auto encoded = boost::urls::parse_query(terminated);
    if (!encoded) {
        return domain::fail(domain::Errc::bad_request,
                            "malformed query string: escape '%', '#' and characters a URL cannot "
                            "hold as %XX");
    }
    Query out;
    // Well formed, as parse_query said, so this does not throw. As in HTML forms, "+" is a space.
    const boost::urls::params_view params(terminated, boost::urls::encoding_opts(true));
    for (const auto& p : params) {
        if (p.key.empty() && !p.has_value) continue;  // "a=1&&b=2", or an empty query
        out.params_.emplace_back(p.key, p.value);
    }
    return out;
}

std::optional<std::string> Query::get(std::string_view name) const {
    for (const auto& [k, v] : params_) {
        if (k == name) return v;
    }
    return std::nullopt;
}

std::size_t Query::count(std::string_view name) const {
    return static_cast<std::size_t>(std::count_if(params_.begin(), params_.end(),
                                                  [&](const auto& p) { return p.first == name; }));
}

std::vector<std::string> Query::unknown(std::initializer_list<std::string_view> known) const {
    std::vector<std::string> out;
    for (const auto& [name, value] : params_) {
        const bool listed = std::find(known.begin(), known.end(), name) != known.end();
        if (!listed && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
}

namespace {

// A parameter's name as an error names it: at most 100 bytes, cut at a character's start, so a
// long one is not sent back whole.
std::string shortened(const std::string& name) {
    constexpr std::size_t kMaxNameBytes = 100;
    if (name.size() <= kMaxNameBytes) return name;
    auto end = kMaxNameBytes;
    while (end > 0 && (static_cast<unsigned char>(name[end]) & 0xC0) == 0x80) --end;
    return name.substr(0, end) + "...";
}

// Names each parameter that is not among `known` (nor `limit` and `cursor` on a list), and
// each known one given twice: which of two values counts is not for a typo to decide.
void name_unknown(std::vector<domain::FieldError>& errors, const Query& query,
                  std::initializer_list<std::string_view> known, bool paged) {
    for (const auto& name : query.unknown(known)) {
        if (!paged || (name != "limit" && name != "cursor")) {
            errors.push_back({shortened(name), "is not a parameter of this request"});
        }
    }
    const auto once = [&](std::string_view name) {
        if (query.count(name) > 1) errors.push_back({std::string(name), "is given more than once"});
    };
    for (auto name : known) once(name);
    if (paged) {
        once("limit");
        once("cursor");
    }
}

}  // namespace

std::optional<domain::Error> unknown_parameters(const Query& query,
                                                std::initializer_list<std::string_view> known) {
    std::vector<domain::FieldError> errors;
    name_unknown(errors, query, known, false);
    if (errors.empty()) return std::nullopt;
    return domain::invalid_fields(std::move(errors));
}

domain::Result<PageParams> page_params(const Query& query,
                                       std::initializer_list<std::string_view> others) {
    PageParams out;
    std::vector<domain::FieldError> errors;
    name_unknown(errors, query, others, true);
    if (auto limit = query.get("limit")) {
        auto n = util::parse_decimal(*limit);
        if (!n || *n < 1 || *n > 100) {
            errors.push_back({"limit", "must be 1 to 100"});
        } else {
            out.limit = static_cast<std::size_t>(*n);
        }
    }
    if (auto cursor = query.get("cursor"); cursor && !cursor->empty()) {
        auto n = util::parse_decimal(*cursor);
        if (!n || *n < 1) {
            errors.push_back({"cursor", "is not a cursor this API gave out"});
        } else {
            out.cursor = *n;
        }
    }
    if (!errors.empty()) return domain::invalid_fields(std::move(errors));
    return out;
}

}  // namespace formlympics::http
