// Banks: the list a client shows in its pickers, and the names answers carry beside a code.
#include "http/handlers/banks.hpp"

#include <boost/json.hpp>

#include "http/problem.hpp"
#include "http/query.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

json::object bank_name_json(domain::Bank bank) {
    const auto& row = domain::bank_row(bank);
    return {{"ko", row.ko}, {"en", row.en}};
}

Response list_banks(const RequestContext& ctx) {
    if (auto e = unknown_parameters(ctx.query)) return problem_response(*e);
    json::array items;
    for (const auto& row : domain::kBankRows) {
        items.push_back(json::object{{"code", row.code}, {"name", bank_name_json(row.bank)}});
    }
    auto r = json_response(200, json::object{{"items", std::move(items)}});
    // The list changes only with a release; a day's staleness costs a new bank's absence.
    r.headers.emplace_back("Cache-Control", "public, max-age=86400");
    return r;
}

}  // namespace formlympics::http::handlers
