#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "http/message.hpp"

namespace formlympics::http {

// Rendered answers kept in memory for a short while, so the read everyone repeats at the
// opening second (a form's JSON, its page) is answered on the network thread without the store
// or a re-render, with a strong ETag and 304 for a client that has it. An entry lives until its
// deadline (what it shows may change on its own by then: stock sold on another instance, a
// form opening) or until forget() drops it (a change made here).
class ResponseCache {
  public:
    using Clock = std::chrono::steady_clock;

    explicit ResponseCache(std::size_t max_entries = 4096) : max_entries_(max_entries) {}

    // How long an answer may be kept: until `until`, and while the server's clock (which tests
    // move) reads less than `server_ms` (say, the instant a form opens).
    struct Deadline {
        Clock::time_point until;
        std::int64_t server_ms = INT64_MAX;
    };

    // The kept answer for `key` (304 when the request's If-None-Match names it), or nullopt
    // when there is none or it is past its deadline; `server_ms` is the server's clock now.
    std::optional<Response> answer(std::string_view key, const Request& request,
                                   std::int64_t server_ms,
                                   Clock::time_point now = Clock::now()) const;
    // Gives a 200 `rendered` a strong ETag, keeps it for `key` until the deadline and answers
    // the request with it (304 when If-None-Match names it). Anything other than 200 passes
    // through untouched and is not kept.
    Response keep(std::string key, Response rendered, const Request& request, Deadline deadline);
    // Drops every entry whose key starts with `prefix`.
    void forget(std::string_view prefix);

  private:
    struct Entry {
        Response response;
        Deadline deadline;
    };

    struct Hash {
        using is_transparent = void;  // NOLINT(readability-identifier-naming): the standard name
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::size_t max_entries_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, Entry, Hash, std::equal_to<>> entries_;
};

// Whether the request's If-None-Match names the (quoted) `etag`, compared weakly as RFC 9110
// asks for a GET.
bool if_none_match(const Request& request, std::string_view etag);

}  // namespace formlympics::http
