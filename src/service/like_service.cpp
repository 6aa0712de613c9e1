#include "service/like_service.hpp"

namespace formlympics::service {
namespace {

domain::Result<store::LikeState> or_not_found(std::optional<store::LikeState> state) {
    if (!state) return domain::fail(domain::Errc::not_found, "no such form");
    return *state;
}

}  // namespace

LikeService::LikeService(store::LikeRepository& likes, store::FormRepository& forms,
                         const util::Clock& clock)
    : likes_(likes), forms_(forms), clock_(clock) {}

domain::Result<store::LikeState> LikeService::like(domain::UserId caller, domain::FormId form) {
    return likes_.like(form, caller, clock_.now_millis());
}

domain::Result<store::LikeState> LikeService::unlike(domain::UserId caller, domain::FormId form) {
    return or_not_found(likes_.unlike(form, caller));
}

domain::Result<store::LikeState> LikeService::state(domain::UserId caller, domain::FormId form) {
    return or_not_found(likes_.state(form, caller));
}

std::vector<domain::Form> LikeService::wishlist(domain::UserId caller) {
    std::vector<domain::Form> out;
    for (auto id : likes_.liked_by(caller)) {
        if (auto form = forms_.find(id)) out.push_back(std::move(*form));
    }
    return out;
}

}  // namespace formlympics::service
