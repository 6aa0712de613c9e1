// PUT/GET/DELETE /api/v1/forms/{id}/like, GET /api/v1/me/likes: likes and the wishlist.
#include "http/handlers/likes.hpp"

#include <boost/json.hpp>

#include "http/handlers/form_view.hpp"
#include "http/problem.hpp"
#include "http/query.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

namespace {

Response state_response(const domain::Result<store::LikeState>& state) {
    if (!state) return problem_response(state.error());
    return json_response(200, json::object{{"liked", state->liked}, {"likes", state->likes}});
}

}  // namespace

Response set_like(service::LikeService& likes, bool liked, const RequestContext& ctx,
                  const domain::Caller& caller) {
    auto form = ctx.id_param("id");
    if (!form) return no_such_form();
    return state_response(liked ? likes.like(caller.id, *form) : likes.unlike(caller.id, *form));
}

Response get_like(service::LikeService& likes, const RequestContext& ctx,
                  const domain::Caller& caller) {
    auto form = ctx.id_param("id");
    if (!form) return no_such_form();
    if (auto e = unknown_parameters(ctx.query)) return problem_response(*e);
    return state_response(likes.state(caller.id, *form));
}

Response my_likes(service::LikeService& likes, const util::Clock& clock, const RequestContext& ctx,
                  const domain::Caller& caller) {
    if (auto e = unknown_parameters(ctx.query)) return problem_response(*e);
    const auto now = clock.now_millis();
    json::array items;
    for (const auto& f : likes.wishlist(caller.id)) items.push_back(form_json(f, now));
    return json_response(200, json::object{{"items", std::move(items)}});
}

}  // namespace formlympics::http::handlers
