#include "service/web_sessions.hpp"

#include <mutex>
#include <vector>

#include "util/decimal.hpp"
#include "util/logging.hpp"
#include "util/random.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;
using domain::fail;

constexpr std::size_t kSessionIdBytes = 16;

domain::Error session_over() {
    return fail(Errc::unauthorized, "the session has ended; sign in again");
}

}  // namespace

WebSessions::WebSessions(store::SessionRepository& sessions, AccountService& accounts,
                         TokenRevocations& revocations, bus::Fanout& hints,
                         const util::JwtCodec& jwt, const util::Clock& clock, SessionPolicy policy)
    : sessions_(sessions),
      accounts_(accounts),
      revocations_(revocations),
      hints_(hints),
      jwt_(jwt),
      clock_(clock),
      policy_(policy) {
    refresh();
    hints_.subscribe([this](std::optional<domain::UserId> user) { heard(user); });
}

std::string WebSessions::sign(const domain::Caller& caller, const std::string& session_id,
                              std::int64_t now) const {
    util::JwtClaims claims;
    claims.sub = std::to_string(caller.id);
    claims.iss = kTokenIssuer;
    claims.iat = now;
    claims.exp = now + policy_.cookie_ttl.count();
    claims.gen = caller.generation;
    claims.sid = session_id;
    claims.name = caller.name;
    return jwt_.sign(claims);
}

domain::Result<SessionCookie> WebSessions::begin(std::string_view email, std::string_view password,
                                                 std::string_view address) {
    auto caller = accounts_.check_password(email, password, address);
    if (!caller) return caller.error();
    return begin_for(caller.value());
}

SessionCookie WebSessions::begin_for(const domain::Caller& caller) {
    const auto now = clock_.now_seconds();
    store::WebSession session{
        util::random_hex(kSessionIdBytes), caller.id, caller.generation, now, now, std::nullopt};
    sessions_.create(session);
    domain::Caller signed_in{caller.id, caller.generation, 0, session.id, caller.name};
    return SessionCookie{signed_in, sign(signed_in, session.id, now)};
}

domain::Result<SessionCaller> WebSessions::check(std::string_view cookie) const {
    const auto now = clock_.now_seconds();
    // An expired cookie still names its session: the store decides whether it may be renewed.
    const auto verified = jwt_.verify(cookie, now, /*allow_expired=*/true);
    if (!verified.claims || verified.claims->sid.empty()) {
        return fail(Errc::unauthorized, "the session cookie is invalid; sign in again");
    }
    const auto& claims = *verified.claims;
    const auto id = util::parse_decimal(claims.sub);
    if (!id || *id <= 0) return fail(Errc::unauthorized, "the session cookie is invalid");
    // Renewal moves iat, so a cookie unrenewed past the idle limit names an idle session.
    if (now - claims.iat >= policy_.idle.count()) return session_over();
    domain::Caller caller{*id, claims.gen, 0, claims.sid, claims.name};
    if (revocations_.revoked(caller.id, caller.generation)) return session_over();
    {
        std::shared_lock lock(mutex_);
        if (revoked_.contains(claims.sid)) return session_over();
    }
    const bool expired = now - util::kJwtLeewaySeconds >= claims.exp;
    const bool renew = expired || now - claims.iat >= policy_.renew_after.count();
    return SessionCaller{caller, claims.sid, renew, expired};
}

domain::Result<SessionCookie> WebSessions::renew(std::string_view cookie) {
    auto checked = check(cookie);
    if (!checked) return checked.error();
    const auto now = clock_.now_seconds();
    const auto row = sessions_.find(checked->session_id);
    // The generation is read from the store too: memory forgets a revocation once no live
    // cookie can predate it, and this cookie may have expired long ago.
    if (!row || row->user_id != checked->caller.id || row->revoked_at ||
        now - row->created_at >= policy_.absolute.count() ||
        row->generation < revocations_.current_generation(row->user_id) ||
        !sessions_.touch(row->id, now, now - policy_.idle.count())) {
        return session_over();
    }
    // The renewed cookie carries the user's name as it is now.
    auto caller = checked->caller;
    caller.name = row->user_name;
    return SessionCookie{caller, sign(caller, row->id, now)};
}

void WebSessions::end(std::string_view cookie) {
    const auto verified = jwt_.verify(cookie, clock_.now_seconds(), /*allow_expired=*/true);
    if (!verified.claims || verified.claims->sid.empty()) return;
    const auto user = sessions_.revoke(verified.claims->sid, clock_.now_seconds());
    if (!user) return;
    remember(*user, verified.claims->sid);
    hints_.publish(*user);
}

void WebSessions::on_ended(std::function<void(domain::UserId)> listener) {
    std::unique_lock lock(mutex_);
    listener_ = std::move(listener);
}

std::int64_t WebSessions::forgotten_before() const {
    return clock_.now_seconds() - policy_.cookie_ttl.count() - util::kJwtLeewaySeconds;
}

void WebSessions::remember(domain::UserId user, const std::string& session_id) {
    std::function<void(domain::UserId)> listener;
    {
        std::unique_lock lock(mutex_);
        if (!revoked_.try_emplace(session_id, clock_.now_seconds()).second) return;
        listener = listener_;
    }
    if (listener) listener(user);
}

void WebSessions::heard(std::optional<domain::UserId> user) {
    try {
        if (!user) return refresh();
        for (const auto& [u, id] : sessions_.revoked_since(forgotten_before(), user)) {
            remember(u, id);
        }
    } catch (const std::exception& e) {
        // The periodic refresh reads everything again within seconds.
        logging::error("web sessions: reading revocations failed: {}", e.what());
    }
}

void WebSessions::refresh() {
    const auto gone = forgotten_before();
    const auto live = sessions_.revoked_since(gone, std::nullopt);
    {
        std::unique_lock lock(mutex_);
        std::erase_if(revoked_, [&](const auto& entry) { return entry.second <= gone; });
    }
    for (const auto& [user, id] : live) remember(user, id);
}

}  // namespace formlympics::service
