// Reading a sale form's JSON: the body of a new form and of a change to one.
#include "http/handlers/form_input.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "domain/text.hpp"
#include "http/json_input.hpp"
#include "service/form_rules.hpp"

namespace formlympics::http::handlers {
namespace json = boost::json;

namespace {

std::optional<domain::BankAccount> read_bank_account(ObjectReader& in, bool optional) {
    const auto* o = in.object("bank_account", optional);
    if (o == nullptr) return std::nullopt;
    ObjectReader b(*o, {"bank", "account_number", "holder_name"}, "bank_account.");
    const auto bank = b.string("bank");
    domain::BankAccount account{domain::Bank::KAKAO, b.string("account_number"),
                                b.string("holder_name")};
    in.absorb(b);
    auto parsed = domain::parse_bank(bank);
    if (!parsed) {
        // A bank left out or of another type was named by the reader already.
        const auto* given = o->if_contains("bank");
        if (given != nullptr && given->is_string()) {
            in.fail("bank_account.bank", std::string(domain::kBankRule));
        }
        return std::nullopt;
    }
    account.bank = *parsed;
    return account;
}

domain::DeliveryOption read_delivery_option(ObjectReader& d, bool with_id) {
    domain::DeliveryOption o;
    if (with_id) {
        // Left out, an option is new; given, it must name one (0 is no option, not a new one).
        const auto id = d.optional_integer("id");
        if (id && *id <= 0)
            d.fail("id", "is not a delivery option of this form; leave it out for a new one");
        o.id = id.value_or(0);
    }
    const auto kind = d.string("kind");
    o.label = d.string("label");
    o.fee = d.integer("fee");
    o.pickup_note = d.optional_string("pickup_note", domain::TextKind::multiline).value_or("");
    if (auto parsed = domain::kDeliveryKinds.parse(kind)) {
        o.kind = *parsed;
    } else if (!kind.empty()) {
        d.fail("kind", "must be one of " + domain::kDeliveryKinds.listed());
    }
    // A blank note on an option that is no pick-up says nothing, as an empty one does.
    if (o.kind != domain::DeliveryKind::PICKUP && domain::is_blank(o.pickup_note)) {
        o.pickup_note.clear();
    }
    return o;
}

// The delivery options of a form: on creation without ids, on a change with the ids of those kept.
std::vector<domain::DeliveryOption> read_delivery_options(ObjectReader& in, bool with_ids) {
    std::vector<domain::DeliveryOption> out;
    auto one = [&](ObjectReader& d) {
        auto option = read_delivery_option(d, with_ids);
        // Two entries for one option would be read as one, the second's words winning.
        const bool repeated = option.id > 0 && std::any_of(out.begin(), out.end(), [&](auto& o) {
                                  return o.id == option.id;
                              });
        if (repeated) d.fail("id", "names an option listed before it; list each option once");
        out.push_back(std::move(option));
    };
    if (with_ids) {
        in.each_object("delivery_options", {"id", "kind", "label", "fee", "pickup_note"}, true,
                       one);
    } else {
        in.each_object("delivery_options", {"kind", "label", "fee", "pickup_note"}, true, one);
    }
    return out;
}

// A buyer has a day to transfer unless the seller says otherwise, and at most 30 days.
constexpr std::int64_t kDefaultDepositHours = 24;
constexpr std::int64_t kMaxDepositHours = 720;

int hours(ObjectReader& in, std::int64_t value) {
    if (value < 1 || value > kMaxDepositHours) {
        in.fail("deposit_deadline_hours", "must be 1 to " + std::to_string(kMaxDepositHours));
    }
    return static_cast<int>(std::clamp<std::int64_t>(value, 0, kMaxDepositHours));
}

std::optional<std::string> trimmed(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return domain::trimmed(*text);
}

// A product's option group, when it names one: its option is then required.
void read_group(ObjectReader& p, std::string& group, std::string& option,
                std::optional<std::int64_t>& limit) {
    // Trimmed, so " 포토카드" and "포토카드" are one group, as they look.
    group = domain::trimmed(p.optional_string("group").value_or(""));
    option = domain::trimmed(p.optional_string("option").value_or(""));
    limit = p.optional_integer("group_limit");
}

domain::NewProduct read_new_product(ObjectReader& p) {
    domain::NewProduct np;
    np.name = p.string("name");
    np.price = p.integer("price");
    np.stock = p.integer("stock");
    np.per_buyer_limit = p.optional_integer("per_buyer_limit");
    read_group(p, np.group, np.option, np.group_limit);
    return np;
}

// The form's questions, in the seller's order (the whole list, on creation and on a change).
std::optional<std::vector<domain::Question>> read_questions(ObjectReader& in) {
    if (in.array("questions", true) == nullptr) return std::nullopt;
    std::vector<domain::Question> out;
    in.each_object("questions", {"label", "kind", "choices", "required"}, true,
                   [&](ObjectReader& q) {
                       domain::Question x;
                       x.label = domain::trimmed(q.string("label"));
                       const auto kind = q.string("kind");
                       // Answers are trimmed, so choices are too: " a" could never be chosen.
                       for (auto& c : q.strings("choices")) x.choices.push_back(domain::trimmed(c));
                       x.required = q.optional_boolean("required").value_or(false);
                       if (auto parsed = domain::kQuestionKinds.parse(kind)) {
                           x.kind = *parsed;
                       } else if (!kind.empty()) {
                           q.fail("kind", "must be one of " + domain::kQuestionKinds.listed());
                       }
                       out.push_back(std::move(x));
                   });
    return out;
}

domain::Visibility read_visibility(ObjectReader& in, domain::Visibility fallback) {
    const auto given = in.optional_string("visibility");
    if (!given) return fallback;
    if (auto v = domain::kVisibilities.parse(*given)) return *v;
    in.fail("visibility", "must be one of " + domain::kVisibilities.listed());
    return fallback;
}

}  // namespace

domain::Result<domain::NewForm> read_new_form(const json::object& body) {
    ObjectReader in(body, {"title", "description", "opens_at", "closes_at",
                           "deposit_deadline_hours", "bank_account", "products", "delivery_options",
                           "free_shipping_over", "visibility", "questions"});
    domain::NewForm f;
    f.title = in.string("title");
    f.description = in.optional_string("description", domain::TextKind::multiline).value_or("");
    f.opens_at = in.time("opens_at");
    f.closes_at = in.time("closes_at");
    f.deposit_deadline_hours =
        hours(in, in.optional_integer("deposit_deadline_hours").value_or(kDefaultDepositHours));
    if (auto account = read_bank_account(in, false)) f.bank_account = *account;
    in.each_object("products",
                   {"name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"},
                   false, [&](ObjectReader& p) { f.products.push_back(read_new_product(p)); });
    f.delivery_options = read_delivery_options(in, false);
    f.free_shipping_over = in.optional_integer("free_shipping_over");
    f.visibility = read_visibility(in, domain::Visibility::PUBLIC);
    f.questions = read_questions(in).value_or(std::vector<domain::Question>{});
    if (in.error()) {
        // A seller fixes an empty form once, not twice. The rules are judged on a copy: they
        // settle the group limits, which the service judges again when the form is created.
        auto judged = f;
        return *in.error(service::check_new_form(judged));
    }
    return f;
}

domain::Result<domain::FormChanges> read_changes(const json::object& body) {
    ObjectReader in(body, {"title", "description", "opens_at", "closes_at",
                           "deposit_deadline_hours", "bank_account", "products", "delivery_options",
                           "free_shipping_over", "questions", "add_products", "remove_products"});
    domain::FormChanges c;
    c.title = in.optional_string("title");
    c.description = in.optional_string("description", domain::TextKind::multiline);
    c.opens_at = in.optional_time("opens_at");
    c.closes_at = in.optional_time("closes_at");
    if (auto h = in.optional_integer("deposit_deadline_hours"))
        c.deposit_deadline_hours = hours(in, *h);
    c.bank_account = read_bank_account(in, true);
    in.each_object(
        "products",
        {"id", "name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"}, true,
        [&](ObjectReader& p) {
            domain::ProductChange pc{p.integer("id"),
                                     p.optional_string("name"),
                                     p.optional_integer("price"),
                                     p.optional_integer("stock"),
                                     p.nullable_integer("per_buyer_limit"),
                                     trimmed(p.optional_string("group")),
                                     trimmed(p.optional_string("option")),
                                     p.nullable_integer("group_limit")};
            c.products.push_back(std::move(pc));
        });
    in.each_object("add_products",
                   {"name", "price", "stock", "per_buyer_limit", "group", "option", "group_limit"},
                   true, [&](ObjectReader& p) { c.added_products.push_back(read_new_product(p)); });
    if (const auto* removed = in.array("remove_products", true)) {
        for (std::size_t i = 0; i < removed->size(); ++i) {
            const auto& v = (*removed)[i];
            if (v.is_int64() && v.as_int64() > 0) {
                c.removed_products.push_back(v.as_int64());
            } else {
                in.fail("remove_products[" + std::to_string(i) + "]", "must be a product id");
            }
        }
    }
    c.questions = read_questions(in);
    if (in.array("delivery_options", true) != nullptr) {
        c.delivery_options = read_delivery_options(in, true);
    }
    c.free_shipping_over = in.nullable_integer("free_shipping_over");
    if (auto e = in.error()) return *e;
    return c;
}

}  // namespace formlympics::http::handlers
