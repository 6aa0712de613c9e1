#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "bus/fanout.hpp"
#include "domain/result.hpp"
#include "domain/user.hpp"
#include "service/account_service.hpp"
#include "service/session_policy.hpp"
#include "service/token_revocations.hpp"
#include "store/session_repository.hpp"
#include "util/clock.hpp"
#include "util/jwt.hpp"

namespace formlympics::service {

// The caller a session cookie names.
struct SessionCaller {
    domain::Caller caller;
    std::string session_id;
    // The cookie is due for renewal: renew it when the request may block.
    bool renew = false;
    // The cookie is past its lifetime: only renewing it (which reads the store) vouches for it.
    bool expired = false;
};

// A session begun or renewed: the caller and the cookie value that now stands for it.
struct SessionCookie {
    domain::Caller caller;
    std::string cookie;
};

// Browser sessions behind an HttpOnly cookie. The cookie holds a short-lived signed token naming
// the session, so a request (an order at the opening second included) is authenticated from the
// cookie alone plus sessions revoked in memory; the store is read only to begin a session, to
// renew a cookie every few minutes and to end one. Revocations reach every instance through the
// `hints` channel and a periodic refresh, as token revocations do.
class WebSessions {
  public:
    WebSessions(store::SessionRepository& sessions, AccountService& accounts,
                TokenRevocations& revocations, bus::Fanout& hints, const util::JwtCodec& jwt,
                const util::Clock& clock, SessionPolicy policy = {});

    // Signs in with email and password and begins a session; the refusals of
    // AccountService::check_password.
    domain::Result<SessionCookie> begin(std::string_view email, std::string_view password,
                                        std::string_view address = {});
    // Begins a session for a caller already vouched for (a password just changed), of the
    // caller's generation.
    SessionCookie begin_for(const domain::Caller& caller);
    // The caller a cookie names, from the cookie alone: never blocks. unauthorized for a bad
    // signature, a session revoked (alone or by signing out everywhere), or a cookie so old that
    // renewing it could not succeed.
    domain::Result<SessionCaller> check(std::string_view cookie) const;
    // A fresh cookie for the session, read from the store: unauthorized when the session was
    // revoked, went unused past the idle limit or reached its absolute limit.
    domain::Result<SessionCookie> renew(std::string_view cookie);
    // Ends the session the cookie names (its signature checked, its age not), here and on every
    // instance; ending one already ended changes nothing.
    void end(std::string_view cookie);
    // Called with the user whenever one of their sessions ends here or elsewhere. Set at startup.
    void on_ended(std::function<void(domain::UserId)> listener);
    // Reads the recently revoked sessions again. Run periodically.
    void refresh();

    const SessionPolicy& policy() const { return policy_; }

  private:
    std::string sign(const domain::Caller& caller, const std::string& session_id,
                     std::int64_t now) const;
    void heard(std::optional<domain::UserId> user);
    void remember(domain::UserId user, const std::string& session_id);
    // Revocations older than this can no longer refuse a cookie: every cookie of the session
    // had expired.
    std::int64_t forgotten_before() const;

    store::SessionRepository& sessions_;
    AccountService& accounts_;
    TokenRevocations& revocations_;
    bus::Fanout& hints_;
    const util::JwtCodec& jwt_;
    const util::Clock& clock_;
    SessionPolicy policy_;
    mutable std::shared_mutex mutex_;
    std::unordered_map<std::string, std::int64_t> revoked_;  // session id -> when heard
    std::function<void(domain::UserId)> listener_;
};

}  // namespace formlympics::service
