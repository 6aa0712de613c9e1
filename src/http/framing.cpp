#include "http/framing.hpp"

#include <algorithm>
#include <vector>

namespace formlympics::http {
namespace {

// RFC 9110 tchar.
bool token_char(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::size_t head_length(std::string_view bytes) {
    for (std::size_t i = bytes.find('\n'); i != std::string_view::npos;
         i = bytes.find('\n', i + 1)) {
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n') return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n') return i + 3;
    }
    return 0;
}

std::optional<std::string> framing_defect(std::string_view head) {
    std::vector<std::string_view> lines;
    for (std::size_t start = 0; start < head.size();) {
        const auto lf = head.find('\n', start);
        if (lf == std::string_view::npos || lf == start || head[lf - 1] != '\r') {
            return "every line must end in CRLF";
        }
        auto line = head.substr(start, lf - 1 - start);
        if (line.find('\r') != std::string_view::npos) return "a bare CR in the head";
        lines.push_back(line);
        start = lf + 1;
    }
    if (lines.size() < 2 || !lines.back().empty()) return "the head must end in an empty line";
    lines.pop_back();

    const auto& request_line = lines.front();
    const bool http11 = request_line.ends_with(" HTTP/1.1");
    if (!http11 && !request_line.ends_with(" HTTP/1.0")) return "only HTTP/1.1 and 1.0 are spoken";

    int hosts = 0, lengths = 0, encodings = 0, authorizations = 0, types = 0, keys = 0, apps = 0;
    std::string_view length, encoding;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const auto line = lines[i];
        if (line.front() == ' ' || line.front() == '\t') return "obs-fold line continuation";
        const auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return "a field line without a name";
        const auto name = line.substr(0, colon);
        if (!std::all_of(name.begin(), name.end(), token_char)) {
            return "a field name that is not a token (whitespace before the colon?)";
        }
        const auto value = trim(line.substr(colon + 1));
        if (std::any_of(value.begin(), value.end(), [](char c) {
                const auto u = static_cast<unsigned char>(c);
                return (u < 0x20 && c != '\t') || u == 0x7f;
            })) {
            return "a control character in a field value";
        }
        if (iequals(name, "host")) {
            ++hosts;
        } else if (iequals(name, "authorization")) {
            ++authorizations;
        } else if (iequals(name, "content-type")) {
            ++types;
        } else if (iequals(name, "idempotency-key")) {
            ++keys;
        } else if (iequals(name, "x-formlympics-web")) {
            ++apps;
        } else if (iequals(name, "content-length")) {
            ++lengths;
            length = value;
        } else if (iequals(name, "transfer-encoding")) {
            ++encodings;
            encoding = value;
        }
    }
    if (hosts > 1 || (http11 && hosts == 0)) return "an HTTP/1.1 request needs exactly one Host";
    // A proxy that reads the last one and this server the first would disagree on the caller.
    if (authorizations > 1) return "more than one Authorization";
    // Likewise on what the body is, which order a retry repeats, and who sent it.
    if (types > 1) return "more than one Content-Type";
    if (keys > 1) return "more than one Idempotency-Key";
    if (apps > 1) return "more than one X-Formlympics-Web";
    if (encodings > 0) {
        if (!http11) return "Transfer-Encoding in an HTTP/1.0 request";
        if (encodings > 1 || !iequals(encoding, "chunked")) {
            return "Transfer-Encoding other than chunked";
        }
        if (lengths > 0) return "both Transfer-Encoding and Content-Length";
    }
    if (lengths > 1) return "more than one Content-Length";
    if (lengths == 1 &&
        (length.empty() || length.size() > 18 ||
         !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))) {
        return "a Content-Length that is not one decimal number";
    }
    return std::nullopt;
}

bool expects_continue(std::string_view head) {
    for (std::size_t start = head.find('\n'); start != std::string_view::npos;) {
        const auto next = head.find('\n', start + 1);
        const auto line = head.substr(
            start + 1, next == std::string_view::npos ? std::string_view::npos : next - start - 1);
        const auto colon = line.find(':');
        if (colon != std::string_view::npos && iequals(line.substr(0, colon), "expect") &&
            iequals(trim(line.substr(colon + 1,
                                     line.size() - colon - 1 - (line.ends_with('\r') ? 1 : 0))),
                    "100-continue")) {
            return true;
        }
        start = next;
    }
    return false;
}

std::string_view origin_form(std::string_view target) {
    for (std::string_view scheme : {"http://", "https://"}) {
        if (target.size() >= scheme.size() && iequals(target.substr(0, scheme.size()), scheme)) {
            const auto path = target.find_first_of("/?", scheme.size());
            return path == std::string_view::npos ? "/" : target.substr(path);
        }
    }
    return target;
}

}  // namespace formlympics::http
