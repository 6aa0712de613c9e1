// Delivery through HTTP on both stores: a form's delivery options and free-shipping threshold,
// the recipient frozen on each order (filled from the profile where left out), the money broken
// down, and the recipient shown to the buyer and the form's seller only.
#include <boost/json.hpp>

#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

const json::array kOptions = {
    {{"kind", "COURIER"}, {"label", "CJ 택배"}, {"fee", 3000}},
    {{"kind", "CONVENIENCE_STORE"}, {"label", "GS25 반값택배"}, {"fee", 1800}},
    {{"kind", "PICKUP"},
     {"label", "현장 수령"},
     {"fee", 0},
     {"pickup_note", "토요일 2시, 홍대입구역"}},
};

const json::object kRecipient = {{"recipient_name", "김민지"},
                                 {"phone", "010-9876-5432"},
                                 {"address1", "서울특별시 마포구 양화로 45"},
                                 {"address2", "3층 301호"},
                                 {"zipcode", "04036"}};

class DeliveryTest : public SaleTest {
  protected:
    // A form open now with two products (10,000 and 25,000 won) and the three options above.
    json::object delivering_form(std::optional<std::int64_t> free_over = 50000) {
        auto body = json::parse(form_body({{"Stand", 10000, 10}, {"Zine", 25000, 10}}, at(-kHour),
                                          at(24 * kHour)))
                        .as_object();
        body["delivery_options"] = kOptions;
        if (free_over) body["free_shipping_over"] = *free_over;
        auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    static std::int64_t option(const json::object& form, std::size_t i) {
        return form.at("delivery_options").at(i).at("id").as_int64();
    }
    HttpResponse order_with(const std::string& token, const json::object& form,
                            const std::vector<std::pair<std::int64_t, std::int64_t>>& items,
                            const json::value& delivery,
                            std::vector<std::pair<std::string, std::string>> headers = {}) {
        auto body = json::parse(order_body(items)).as_object();
        body["delivery"] = delivery;
        return call(client_, token, "POST", form_path(form) + "/orders", json::serialize(body),
                    std::move(headers));
    }
    static json::object delivery(std::int64_t option_id, json::object fields = kRecipient) {
        fields["option_id"] = option_id;
        return fields;
    }
    static std::vector<std::string> fields_at_fault(const HttpResponse& r) {
        std::vector<std::string> out;
        const auto problem = r.json();
        for (const auto& e : problem.at("errors").as_array()) {
            out.emplace_back(e.at("field").as_string());
        }
        return out;
    }
};

TEST_P(DeliveryTest, AnOrderFreezesItsOptionRecipientAndFee) {
    auto form = delivering_form();
    const auto& options = form.at("delivery_options").as_array();
    ASSERT_EQ(options.size(), 3u);
    EXPECT_EQ(options.at(1).at("kind").as_string(), "CONVENIENCE_STORE");
    EXPECT_EQ(options.at(2).at("pickup_note").as_string(), "토요일 2시, 홍대입구역");
    // Every option has the same fields: one that is no pick-up says it has no note.
    EXPECT_TRUE(options.at(1).at("pickup_note").is_null());
    EXPECT_EQ(form.at("free_shipping_over").as_int64(), 50000);
    // The public view lists the options too.
    auto shown = client_.request("GET", form_path(form)).json();
    EXPECT_EQ(shown.at("delivery_options").as_array().size(), 3u);

    auto r = order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 1)));
    ASSERT_EQ(r.status, 201) << r.body;
    auto o = r.json();
    EXPECT_EQ(o.at("items_total").as_int64(), 10000);
    EXPECT_EQ(o.at("shipping_fee").as_int64(), 1800);
    EXPECT_EQ(o.at("discount").as_int64(), 0);
    EXPECT_EQ(o.at("amount").as_int64(), 11800);
    EXPECT_EQ(o.at("deposit").at("amount").as_int64(), 11800);
    const auto& d = o.at("delivery");
    EXPECT_EQ(d.at("option").at("kind").as_string(), "CONVENIENCE_STORE");
    EXPECT_EQ(d.at("option").at("label").as_string(), "GS25 반값택배");
    EXPECT_EQ(d.at("option").at("fee").as_int64(), 1800);
    EXPECT_EQ(d.at("recipient_name").as_string(), "김민지");
    EXPECT_EQ(d.at("phone").as_string(), "010-9876-5432");
    EXPECT_EQ(d.at("address1").as_string(), "서울특별시 마포구 양화로 45");
    EXPECT_EQ(d.at("address2").as_string(), "3층 301호");
    EXPECT_EQ(d.at("zipcode").as_string(), "04036");
    const auto order_path = "/api/v1/orders/" + std::to_string(o.at("id").as_int64());
    EXPECT_EQ(call(client_, buyer_, "GET", order_path).json().at("delivery"), d);

    // Reaching the threshold ships free; a pickup carries no address.
    r = order_with(buyer_, form, {{product(form, 1), 2}}, delivery(option(form, 0)));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("items_total").as_int64(), 50000);
    EXPECT_EQ(r.json().at("shipping_fee").as_int64(), 0);
    EXPECT_EQ(r.json().at("delivery").at("option").at("fee").as_int64(), 3000);
    EXPECT_EQ(r.json().at("amount").as_int64(), 50000);
    // A pickup has no address: one sent with it is refused, not dropped.
    r = order_with(buyer_, form, {{product(form, 0), 1}},
                   delivery(option(form, 2), {{"recipient_name", "김민지"},
                                              {"phone", "01098765432"},
                                              {"address1", "unused"},
                                              {"zipcode", "04036"}}));
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_at_fault(r),
              (std::vector<std::string>{"delivery.address1", "delivery.zipcode"}));
    r = order_with(
        buyer_, form, {{product(form, 0), 1}},
        delivery(option(form, 2), {{"recipient_name", "김민지"}, {"phone", "01098765432"}}));
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("shipping_fee").as_int64(), 0);
    EXPECT_FALSE(r.json().at("delivery").as_object().contains("address1"));
    EXPECT_EQ(r.json().at("delivery").at("option").at("pickup_note").as_string(),
              "토요일 2시, 홍대입구역");

    // A form without options needs no delivery, as before.
    auto plain = open_form({{"Ticket", 5000, 5}});
    r = order(buyer_, plain, {{product(plain, 0), 1}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_FALSE(r.json().as_object().contains("delivery"));
    EXPECT_EQ(r.json().at("amount").as_int64(), 5000);
}

TEST_P(DeliveryTest, FieldsLeftOutComeFromTheProfileAndTheSnapshotStaysPut) {
    auto form = delivering_form();
    const auto stand = product(form, 0);
    // The profile has a name and phone but no address yet: each missing field is named.
    auto r = order_with(buyer_, form, {{stand, 1}}, json::object{{"option_id", option(form, 0)}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_at_fault(r),
              (std::vector<std::string>{"delivery.address1", "delivery.zipcode"}));
    EXPECT_EQ(remaining(form, 0), 10);

    ASSERT_EQ(
        call(client_, buyer_, "PUT", "/api/v1/me/address",
             R"({"address1":"부산광역시 해운대구 우동 1","address2":"101동","zipcode":"48060"})")
            .status,
        200);
    r = order_with(buyer_, form, {{stand, 1}},
                   json::object{{"option_id", option(form, 0)}, {"recipient_name", "  박서준 "}});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto d = r.json().at("delivery");
    EXPECT_EQ(d.at("recipient_name").as_string(), "박서준");  // given, trimmed
    EXPECT_EQ(d.at("phone").as_string(), "01012345678");      // from the profile
    EXPECT_EQ(d.at("address1").as_string(), "부산광역시 해운대구 우동 1");
    EXPECT_EQ(d.at("zipcode").as_string(), "48060");

    // Later profile changes leave the order as it was.
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/address",
                   R"({"address1":"대구광역시 중구 1","address2":"","zipcode":"41911"})")
                  .status,
              200);
    const auto path = "/api/v1/orders/" + std::to_string(r.json().at("id").as_int64());
    EXPECT_EQ(call(client_, buyer_, "GET", path).json().at("delivery"), d);
}

TEST_P(DeliveryTest, AnAddressComesWholeFromTheRequestOrWholeFromTheProfile) {
    auto form = delivering_form();
    const auto stand = product(form, 0);
    ASSERT_EQ(
        call(client_, buyer_, "PUT", "/api/v1/me/address",
             R"({"address1":"부산광역시 해운대구 우동 1","address2":"101동","zipcode":"48060"})")
            .status,
        200);
    // A new street alone is not mixed with the saved flat and zipcode: the zipcode is missing.
    auto r = order_with(buyer_, form, {{stand, 1}},
                        json::object{{"option_id", option(form, 0)}, {"address1", "1 New Street"}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(fields_at_fault(r), std::vector<std::string>{"delivery.zipcode"});
    r = order_with(
        buyer_, form, {{stand, 1}},
        json::object{
            {"option_id", option(form, 0)}, {"address1", "1 New Street"}, {"zipcode", "04524"}});
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json().at("delivery").at("address2").as_string(), "");  // not the saved 101동
    EXPECT_EQ(remaining(form, 0), 9);
}

TEST_P(DeliveryTest, ARetryFindsItsOrderAfterTheProfileChanged) {
    auto form = delivering_form();
    ASSERT_EQ(
        call(client_, buyer_, "PUT", "/api/v1/me/address",
             R"({"address1":"부산광역시 해운대구 우동 1","address2":"101동","zipcode":"48060"})")
            .status,
        200);
    const auto request = json::object{{"option_id", option(form, 0)}};
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "retry-1"}};
    auto first = order_with(buyer_, form, {{product(form, 0), 1}}, request, key);
    ASSERT_EQ(first.status, 201) << first.body;
    // The buyer moves before the lost answer is retried: the same request finds the same order,
    // with the address it was placed with.
    ASSERT_EQ(call(client_, buyer_, "PUT", "/api/v1/me/address",
                   R"({"address1":"대구광역시 중구 1","address2":"","zipcode":"41911"})")
                  .status,
              200);
    auto again = order_with(buyer_, form, {{product(form, 0), 1}}, request, key);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    EXPECT_EQ(again.json().at("id"), first.json().at("id"));
    EXPECT_EQ(again.json().at("delivery").at("zipcode").as_string(), "48060");
    EXPECT_EQ(remaining(form, 0), 9);
}

TEST_P(DeliveryTest, BadDeliveryIsRefusedNamingTheFieldAndChangesNothing) {
    auto form = delivering_form();
    const auto stand = product(form, 0);
    auto with = [&](json::object fields) {
        return order_with(buyer_, form, {{stand, 1}}, delivery(option(form, 0), std::move(fields)));
    };
    auto changed = [&](const std::string& field, const std::string& value) {
        auto f = kRecipient;
        f[field] = value;
        return f;
    };
    const std::pair<std::string, std::string> wrong[] = {
        {"zipcode", "1234"},
        {"zipcode", "123456"},
        {"zipcode", "04O36"},
        {"phone", "010-12"},
        {"phone", "010-1234-567890"},
        {"phone", "+82-10-1234-5678"},
        {"phone", "010--1234-5678"},
        {"recipient_name", "   "},
        {"recipient_name", std::string("김\0민지", 10)},
        {"address1", "서울\n마포구"},
        {"address1", ""},
    };
    for (const auto& [field, value] : wrong) {
        auto r = with(changed(field, value));
        EXPECT_EQ(r.status, 422) << field << "=" << value << ": " << r.body;
        if (r.status == 422) {
            EXPECT_EQ(fields_at_fault(r), std::vector<std::string>{"delivery." + field}) << r.body;
        }
    }
    auto r = order_with(buyer_, form, {{stand, 1}}, delivery(987654));
    EXPECT_EQ(fields_at_fault(r), std::vector<std::string>{"delivery.option_id"});
    r = order(buyer_, form, {{stand, 1}});
    EXPECT_EQ(fields_at_fault(r), std::vector<std::string>{"delivery"});
    r = order_with(buyer_, form, {{stand, 1}}, delivery(option(form, 0), {{"colour", "red"}}));
    EXPECT_EQ(r.status, 422);
    r = order_with(buyer_, form, {{stand, 1}}, json::string("courier"));
    EXPECT_EQ(r.status, 422);
    auto plain = open_form({{"Ticket", 5000, 5}});
    r = order_with(buyer_, plain, {{product(plain, 0), 1}}, delivery(option(form, 0)));
    EXPECT_EQ(fields_at_fault(r), std::vector<std::string>{"delivery"});
    EXPECT_EQ(remaining(form, 0), 10);
    EXPECT_EQ(remaining(plain, 0), 5);
    EXPECT_TRUE(
        call(client_, buyer_, "GET", "/api/v1/me/orders").json().at("items").as_array().empty());
}

TEST_P(DeliveryTest, AnIdempotencyKeyCoversTheDelivery) {
    auto form = delivering_form();
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "d-1"}};
    auto first = order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 0)), key);
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 0)), key);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    auto f = kRecipient;
    f["address2"] = "4층";
    auto other =
        order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 0), f), key);
    EXPECT_EQ(other.status, 422);
    EXPECT_EQ(code(other), "idempotency_mismatch");
    EXPECT_EQ(remaining(form, 0), 9);
}

TEST_P(DeliveryTest, TheRecipientIsShownToTheBuyerAndTheSellerOnly) {
    auto form = delivering_form();
    auto r = order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 0)), {});
    ASSERT_EQ(r.status, 201) << r.body;
    const auto path = "/api/v1/orders/" + std::to_string(r.json().at("id").as_int64());
    const auto other_buyer = seeder_.user("other@example.com");
    const auto other_seller = seeder_.user("seller2@example.com");
    EXPECT_EQ(call(client_, other_buyer, "GET", path).status, 404);
    EXPECT_EQ(call(client_, other_seller, "GET", path).status, 404);
    EXPECT_EQ(client_.request("GET", path).status, 401);
    const auto list = form_path(form) + "/orders";
    EXPECT_EQ(call(client_, other_seller, "GET", list).status, 403);
    EXPECT_EQ(call(client_, other_buyer, "GET", list).status, 403);
    EXPECT_EQ(client_.request("GET", list).status, 401);
    for (const auto& body : {client_.request("GET", form_path(form)).body,
                             client_.request("GET", "/api/v1/forms").body}) {
        EXPECT_EQ(body.find("9876"), std::string::npos);
        EXPECT_EQ(body.find("양화로"), std::string::npos);
    }
    EXPECT_EQ(call(client_, seller_, "GET", path).json().at("delivery").at("phone").as_string(),
              "010-9876-5432");
    auto listed = call(client_, seller_, "GET", list).json().at("items").at(0);
    EXPECT_EQ(listed.at("delivery").at("address1").as_string(), "서울특별시 마포구 양화로 45");
}

TEST_P(DeliveryTest, TheSellerSearchesOrdersByNamePhoneSuffixOrDepositor) {
    auto form = delivering_form();
    auto f = kRecipient;
    f["recipient_name"] = "이하늘";
    f["phone"] = "010-5555-0001";
    ASSERT_EQ(
        order_with(buyer_, form, {{product(form, 0), 1}}, delivery(option(form, 0), f)).status,
        201);
    const auto second = seeder_.user("second@example.com");
    ASSERT_EQ(order_with(second, form, {{product(form, 0), 1}}, delivery(option(form, 0))).status,
              201);
    auto found = [&](const std::string& q) {
        std::vector<std::string> names;
        auto r = call(client_, seller_, "GET", form_path(form) + "/orders?q=" + q);
        EXPECT_EQ(r.status, 200) << r.body;
        const auto page = r.json();
        for (const auto& o : page.at("items").as_array()) {
            names.emplace_back(o.at("delivery").at("recipient_name").as_string());
        }
        return names;
    };
    EXPECT_EQ(found("%ED%95%98%EB%8A%98"), std::vector<std::string>{"이하늘"});  // "하늘"
    EXPECT_EQ(found("0001"), std::vector<std::string>{"이하늘"});
    EXPECT_EQ(found("%20%200001%20"), std::vector<std::string>{"이하늘"});  // trimmed
    EXPECT_EQ(found("5432"), std::vector<std::string>{"김민지"});
    EXPECT_EQ(found("Depositor").size(), 2u);
    EXPECT_TRUE(found("%25").empty());  // "%" is a character, not a wildcard
    EXPECT_EQ(call(client_, seller_, "GET", form_path(form) + "/orders?q=%01").status, 422);
    EXPECT_EQ(call(client_, seller_, "GET", form_path(form) + "/orders?status=PAID&q=0001")
                  .json()
                  .at("items")
                  .as_array()
                  .size(),
              0u);
}

TEST_P(DeliveryTest, OptionsChangeFreelyBeforeOpeningAndKeepTheirTermsAfter) {
    auto body =
        json::parse(form_body({{"Stand", 10000, 10}}, at(kHour), at(24 * kHour))).as_object();
    body["delivery_options"] = kOptions;
    auto created = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(created.status, 201) << created.body;
    auto form = created.json().as_object();
    const auto courier = option(form, 0), store = option(form, 1), pickup = option(form, 2);
    // Before opening: remove one, change a fee, add one.
    json::array before = {
        {{"id", courier}, {"kind", "COURIER"}, {"label", "CJ 택배"}, {"fee", 3500}},
        {{"id", store}, {"kind", "CONVENIENCE_STORE"}, {"label", "GS25"}, {"fee", 1800}},
        {{"kind", "COURIER"}, {"label", "우체국 택배"}, {"fee", 4000}}};
    auto r = call(client_, seller_, "PATCH", form_path(form),
                  json::serialize(json::object{{"delivery_options", before}}));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto changed = r.json();
    const auto& now_options = changed.at("delivery_options").as_array();
    ASSERT_EQ(now_options.size(), 3u);
    EXPECT_EQ(now_options.at(0).at("fee").as_int64(), 3500);
    EXPECT_EQ(now_options.at(2).at("label").as_string(), "우체국 택배");
    const auto post = now_options.at(2).at("id").as_int64();
    EXPECT_NE(post, pickup);

    clock_.advance(std::chrono::hours(2));  // opened
    auto patch = [&](json::object change) {
        return call(client_, seller_, "PATCH", form_path(form), json::serialize(change));
    };
    json::array dropped = {before.at(0), before.at(1)};
    dropped.at(0).as_object()["fee"] = 3500;
    r = patch({{"delivery_options", dropped}});
    EXPECT_EQ(r.status, 422) << r.body;
    json::array kept = {
        before.at(0),
        before.at(1),
        {{"id", post}, {"kind", "COURIER"}, {"label", "우체국 택배"}, {"fee", 4000}}};
    kept.at(0).as_object()["fee"] = 3000;  // back to 3,000 after opening: refused
    r = patch({{"delivery_options", kept}});
    EXPECT_EQ(r.status, 422) << r.body;
    EXPECT_EQ(patch({{"free_shipping_over", 30000}}).status, 422);
    kept.at(0).as_object()["fee"] = 3500;
    kept.at(0).as_object()["label"] = "CJ대한통운";  // a label may change
    kept.push_back(
        json::object{{"kind", "PICKUP"}, {"label", "현장"}, {"fee", 0}, {"pickup_note", "행사장"}});
    r = patch({{"delivery_options", kept}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("delivery_options").at(0).at("label").as_string(), "CJ대한통운");
    EXPECT_EQ(r.json().at("delivery_options").as_array().size(), 4u);
    // Another form's option id is refused.
    auto other = delivering_form();
    json::array foreign = kept;
    foreign.at(0).as_object()["id"] = option(other, 0);
    EXPECT_EQ(patch({{"delivery_options", foreign}}).status, 422);
    // One option listed twice would be read as one, its second words winning: refused, naming
    // the second, and nothing changes.
    const auto now = r.json().at("delivery_options").as_array();
    json::array twice = now;
    twice.at(1).as_object()["id"] = now.at(0).at("id");
    twice.at(1).as_object()["label"] = "두 번째";
    r = patch({{"delivery_options", twice}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("delivery_options[1].id"), std::string::npos) << r.body;
    r = call(client_, seller_, "GET", form_path(form));
    EXPECT_EQ(r.json().at("delivery_options").as_array(), now);
    // Id 0 names no option: it is not taken for a new one.
    json::array zero = now;
    zero.at(3).as_object()["id"] = 0;
    r = patch({{"delivery_options", zero}});
    ASSERT_EQ(r.status, 422) << r.body;
    EXPECT_NE(r.body.find("delivery_options[3].id"), std::string::npos) << r.body;
    // A pick-up's place or time may move after the opening.
    json::array moved = now;
    moved.at(3).as_object()["pickup_note"] = "행사장 B홀";
    r = patch({{"delivery_options", moved}});
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json().at("delivery_options").at(3).at("pickup_note").as_string(), "행사장 B홀");
}

TEST_P(DeliveryTest, BadOptionsAreRefusedAtCreation) {
    auto with = [&](json::array options, std::optional<std::int64_t> free_over = std::nullopt) {
        auto body =
            json::parse(form_body({{"Stand", 10000, 10}}, at(kHour), at(24 * kHour))).as_object();
        body["delivery_options"] = std::move(options);
        if (free_over) body["free_shipping_over"] = *free_over;
        return call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    };
    json::array six;
    for (int i = 0; i < 6; ++i) six.push_back(kOptions.at(0));
    EXPECT_EQ(with(six).status, 422);
    EXPECT_EQ(with({{{"kind", "DRONE"}, {"label", "x"}, {"fee", 0}}}).status, 422);
    EXPECT_EQ(with({{{"kind", "COURIER"}, {"label", "x"}, {"fee", -1}}}).status, 422);
    EXPECT_EQ(with({{{"kind", "COURIER"}, {"label", ""}, {"fee", 0}}}).status, 422);
    EXPECT_EQ(with({{{"kind", "PICKUP"}, {"label", "x"}, {"fee", 0}}}).status, 422);  // no note
    EXPECT_EQ(
        with({{{"kind", "COURIER"}, {"label", "x"}, {"fee", 0}, {"pickup_note", "y"}}}).status,
        422);
    // A blank note on a courier says nothing, as an empty one does.
    auto blank = with({{{"kind", "COURIER"}, {"label", "x"}, {"fee", 0}, {"pickup_note", " \n "}}});
    ASSERT_EQ(blank.status, 201) << blank.body;
    EXPECT_TRUE(blank.json().at("delivery_options").at(0).at("pickup_note").is_null());
    EXPECT_EQ(with({}, 10000).status, 422);  // a threshold without options
    EXPECT_EQ(with(kOptions, -5).status, 422);
    EXPECT_EQ(with({{{"id", 5}, {"kind", "COURIER"}, {"label", "x"}, {"fee", 0}}}).status, 422);
    EXPECT_EQ(with(kOptions, 0).status, 201);
}

INSTANTIATE_TEST_SUITE_P(Stores, DeliveryTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
