#include "http/query.hpp"

#include "util/decimal.hpp"

namespace formlympics::http {
namespace {

int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

}  // namespace

Query::Query(std::string_view q) {
    while (!q.empty()) {
        const auto amp = q.find('&');
        const auto part = q.substr(0, amp);
        const auto eq = part.find('=');
        if (!part.empty()) {
            params_.emplace_back(decode(part.substr(0, eq)),
                                 eq == part.npos ? "" : decode(part.substr(eq + 1)));
        }
        if (amp == q.npos) break;
        q.remove_prefix(amp + 1);
    }
}

std::optional<std::string> Query::get(std::string_view name) const {
    for (const auto& [k, v] : params_) {
        if (k == name) return v;
    }
    return std::nullopt;
}

domain::Result<PageParams> page_params(const Query& query) {
    PageParams out;
    std::vector<domain::FieldError> errors;
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
