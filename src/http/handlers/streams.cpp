// Server-Sent Events: the caller's notifications and a form's live stock.
#include "http/handlers/streams.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "http/credentials.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"
#include "util/decimal.hpp"
#include "util/rfc3339.hpp"

namespace formlympics::http::handlers {
namespace {

using domain::Errc;

Response event_stream(std::shared_ptr<util::StreamQueue> queue) {
    Response r;
    r.content_type = "text/event-stream";
    r.headers = {{"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}};
    r.stream = std::move(queue);
    return r;
}

// The caller of a stream request: by ticket, else by bearer token, else by session cookie.
domain::Result<domain::Caller> stream_caller(service::NotificationService& notifications,
                                             service::AccountService& accounts,
                                             const SessionAuthenticator& cookies,
                                             const RequestContext& ctx, std::string& set_cookie) {
    const Request& request = ctx.request;
    if (auto ticket = ctx.query.get("ticket")) {
        // One credential, named once: two could name two callers, and which one wins would
        // depend on who reads the request.
        auto cookie = session_cookie(request);
        if (ctx.query.count("ticket") > 1 || request.header("authorization") || !cookie ||
            cookie.value()) {
            return domain::fail(Errc::bad_request,
                                "send one credential: a single ?ticket=, an Authorization header "
                                "or the session cookie, not two");
        }
        return notifications.redeem_stream_ticket(*ticket);
    }
    // A browser's EventSource sends the session cookie, and resends it (with Last-Event-ID) on
    // every reconnect: no ticket to spend.
    return caller_of(
        request, [&accounts](std::string_view token) { return accounts.authenticate(token); },
        cookies, /*may_block=*/true, set_cookie);
}

// The forms of ?forms=1,2,3 (at most kMaxWatchedForms distinct ids); empty without it.
constexpr std::size_t kMaxWatchedForms = 10;

domain::Result<std::vector<domain::FormId>> watched_forms(const Query& query) {
    std::vector<domain::FormId> out;
    const auto list = query.get("forms");
    if (!list || list->empty()) return out;
    auto refuse = [] {
        return domain::invalid_fields(
            {{"forms", "must be up to " + std::to_string(kMaxWatchedForms) +
                           " form ids separated by commas"}});
    };
    if (query.count("forms") > 1) return refuse();
    std::string_view rest = *list;
    while (true) {
        const auto comma = rest.find(',');
        const auto id = util::parse_decimal(rest.substr(0, comma));
        if (!id || *id <= 0) return refuse();
        if (std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
        if (out.size() > kMaxWatchedForms) return refuse();
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
    }
    return out;
}

}  // namespace

Response notification_stream(service::NotificationStreams& streams,
                             service::NotificationService& notifications,
                             service::AccountService& accounts, service::FormWatch& watch,
                             const SessionAuthenticator& cookies, const RequestContext& ctx) {
    std::string set_cookie;
    const auto refused = [&set_cookie](const domain::Error& e) {
        auto r = problem_response(e);
        if (!set_cookie.empty()) r.headers.emplace_back("Set-Cookie", set_cookie);
        return r;
    };
    // Who asks is known before what they ask is judged, except for a ticket: a ticket is spent
    // when redeemed, so a request with a bad query must not spend it.
    std::optional<domain::Caller> known;
    if (!ctx.query.get("ticket")) {
        auto caller = stream_caller(notifications, accounts, cookies, ctx, set_cookie);
        if (!caller) return refused(caller.error());
        known = caller.value();
    }
    // A new EventSource cannot send Last-Event-ID, so a page taking over a stream another tab
    // held says where it stopped in the query instead.
    std::optional<std::string> given;
    const char* given_as = "Last-Event-ID";
    if (auto h = ctx.request.header("last-event-id"); h && !h->empty()) {
        given = std::string(*h);
    } else if (auto q = ctx.query.get("last_event_id"); q && !q->empty()) {
        given = *q;
        given_as = "last_event_id";
    }
    std::optional<std::int64_t> last_event_id;
    if (given) {
        last_event_id = util::parse_decimal(*given);
        if (!last_event_id || ctx.query.count("last_event_id") > 1) {
            return refused(domain::invalid_fields(
                {{given_as, "must be the id of an event this stream sent"}}));
        }
    }
    const auto forms = watched_forms(ctx.query);
    if (!forms) return refused(forms.error());
    if (ctx.request.method == "HEAD" && ctx.query.get("ticket")) {
        // A ticket is single-use: a HEAD (a link checker, a prefetch) would spend it for nothing.
        auto r = problem_response(
            domain::fail(Errc::method_not_allowed, "a stream ticket opens a stream with GET only"));
        r.headers.emplace_back("Allow", "GET");
        return r;
    }
    auto caller = known ? domain::Result<domain::Caller>(*known)
                        : stream_caller(notifications, accounts, cookies, ctx, set_cookie);
    if (!caller) return refused(caller.error());
    auto queue = streams.open(caller->id, last_event_id);
    // The forms' stock and status ride on the same connection, without ids of their own, so
    // the browser's Last-Event-ID stays the last notification's.
    for (const auto form : forms.value()) {
        if (auto error = watch.join(form, queue)) {
            queue->close();
            return problem_response(*error);
        }
    }
    // A revocation that landed between the check and the opening ended the user's streams
    // before this one was among them: look again now that it is.
    if (!accounts.still_valid(caller.value())) {
        queue->close();
        return problem_response(
            domain::fail(Errc::unauthorized, "the access token was revoked; sign in again"));
    }
    auto r = event_stream(std::move(queue));
    if (!set_cookie.empty()) r.headers.emplace_back("Set-Cookie", set_cookie);
    return r;
}

Response issue_stream_ticket(service::NotificationService& notifications, const RequestContext& ctx,
                             const domain::Caller& caller) {
    // A ticket outlives nothing it was issued under but the token's generation: one issued to a
    // browser session would survive that session's sign-out. A browser needs none anyway.
    if (!ctx.request.header("authorization")) {
        return problem_response(domain::fail(
            Errc::forbidden,
            "stream tickets are for bearer-token clients; a browser's EventSource sends the "
            "session cookie"));
    }
    const auto t = notifications.issue_stream_ticket(caller);
    return json_response(201,
                         boost::json::object{{"ticket", t.ticket},
                                             {"expires_at", util::format_rfc3339(t.expires_at)}});
}

Response form_stream(service::FormWatch& watch, const RequestContext& ctx) {
    const auto id = ctx.id_param("id");
    if (!id) return problem_response(domain::fail(Errc::not_found, "no such form"));
    auto queue = watch.open(*id);
    if (!queue) return problem_response(queue.error());
    return event_stream(std::move(queue.value()));
}

}  // namespace formlympics::http::handlers
