#include "http/response_cache.hpp"

#include <mutex>

#include "http/framing.hpp"
#include "util/sha256.hpp"

namespace formlympics::http {
namespace {

std::string_view etag_of(const Response& r) {
    for (const auto& [name, value] : r.headers) {
        if (name == "ETag") return value;
    }
    return {};
}

Response not_modified_from(const Response& full) {
    Response r;
    r.status = 304;
    for (const auto& h : full.headers) {
        if (h.first != "Content-Encoding") r.headers.push_back(h);
    }
    return r;
}

}  // namespace

bool if_none_match(const Request& request, std::string_view etag) {
    const auto header = request.header("if-none-match");
    if (!header) return false;
    std::string_view list = *header;
    while (!list.empty()) {
        const auto comma = list.find(',');
        auto tag = trim(list.substr(0, comma));
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == "*" || tag == etag) return true;
        if (comma == list.npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

std::optional<Response> ResponseCache::answer(std::string_view key, const Request& request,
                                              std::int64_t server_ms, Clock::time_point now) const {
    std::shared_lock lock(mutex_);
    const auto it = entries_.find(key);
    if (it == entries_.end() || it->second.deadline.until <= now ||
        it->second.deadline.server_ms <= server_ms) {
        return std::nullopt;
    }
    const Response& kept = it->second.response;
    if (if_none_match(request, etag_of(kept))) return not_modified_from(kept);
    return kept;
}

Response ResponseCache::keep(std::string key, Response rendered, const Request& request,
                             Deadline deadline) {
    if (rendered.status != 200 || rendered.stream) return rendered;
    std::string etag(etag_of(rendered));
    if (etag.empty()) {
        etag = "\"" + util::sha256_hex(rendered.body).substr(0, 32) + "\"";
        rendered.headers.emplace_back("ETag", etag);
        // Revalidated every time: the next answer may differ, and a 304 costs a few bytes.
        rendered.headers.emplace_back("Cache-Control", "no-cache");
    }
    {
        std::lock_guard lock(mutex_);
        if (entries_.size() >= max_entries_) {
            // Most of a full cache is past its deadline within a second: start again.
            entries_.clear();
        }
        entries_.insert_or_assign(std::move(key), Entry{rendered, deadline});
    }
    if (if_none_match(request, etag)) return not_modified_from(rendered);
    return rendered;
}

void ResponseCache::forget(std::string_view prefix) {
    std::lock_guard lock(mutex_);
    std::erase_if(entries_, [&](const auto& e) { return e.first.starts_with(prefix); });
}

}  // namespace formlympics::http
