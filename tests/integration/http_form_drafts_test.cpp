// A seller's forms before and beyond publishing, on SQLite and on PostgreSQL: drafts seen by
// their seller alone, unlisted forms reachable by their link only, publishing, copying,
// deleting, search in Korean and English, and lists that refuse a parameter they do not know.
#include "integration/sale_fixture.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

class FormDraftsTest : public SaleTest {
  protected:
    // A form open from an hour ago, of the given visibility and title; its JSON.
    json::object make(const std::string& visibility, const std::string& title = "Keyrings",
                      const std::string& description = "A limited run") {
        auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
        body.as_object()["visibility"] = visibility;
        body.as_object()["title"] = title;
        body.as_object()["description"] = description;
        auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.json().as_object();
    }
    // The ids a public list answers for that query.
    std::vector<std::int64_t> listed(const std::string& query = "") {
        auto r = client_.request("GET", "/api/v1/forms" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::int64_t> out;
        const auto body = r.json();
        for (const auto& f : body.at("items").as_array()) out.push_back(id(f));
        return out;
    }
    std::vector<std::int64_t> mine(const std::string& query = "") {
        auto r = call(client_, seller_, "GET", "/api/v1/me/forms" + query);
        EXPECT_EQ(r.status, 200) << r.body;
        std::vector<std::int64_t> out;
        const auto body = r.json();
        for (const auto& f : body.at("items").as_array()) out.push_back(id(f));
        return out;
    }
    static bool has(const std::vector<std::int64_t>& ids, const json::object& form) {
        return std::find(ids.begin(), ids.end(), id(form)) != ids.end();
    }
    HttpResponse publish_as(const std::string& token, const json::object& form,
                            const std::string& visibility) {
        return call(client_, token, "POST", form_path(form) + "/publish",
                    R"({"visibility":")" + visibility + "\"}");
    }
};

TEST_P(FormDraftsTest, ADraftIsItsSellersAloneEverywhere) {
    const auto draft = make("DRAFT", "Secret keyrings");
    EXPECT_EQ(draft.at("visibility").as_string(), "DRAFT");
    const auto path = form_path(draft);
    EXPECT_EQ(client_.request("GET", path).status, 404);
    EXPECT_EQ(call(client_, buyer_, "GET", path).status, 404);
    EXPECT_EQ(client_.request("GET", "/forms/" + std::to_string(id(draft))).status, 404)
        << "its page";
    EXPECT_FALSE(has(listed(), draft));
    EXPECT_FALSE(has(listed("?q=Secret"), draft));
    EXPECT_FALSE(has(listed("?seller_id=" + std::to_string(UserSeeder::id_of(seller_))), draft));
    EXPECT_EQ(client_.request("GET", path + "/stream").status, 404);
    EXPECT_EQ(client_.request("GET", path + "/coupons").status, 404);
    EXPECT_EQ(call(client_, buyer_, "PUT", path + "/like").status, 404);
    EXPECT_EQ(call(client_, buyer_, "DELETE", path + "/like").status, 404);
    EXPECT_EQ(call(client_, buyer_, "GET", path + "/orders").status, 404);
    EXPECT_EQ(call(client_, buyer_, "PUT", path + "/images/order", R"({"ids":[]})").status, 404);
    auto ordered = order(buyer_, draft, {{product(draft, 0), 1}});
    EXPECT_EQ(ordered.status, 404) << "not orderable, though its window is open";
    EXPECT_EQ(call(client_, seller_, "POST", path + "/coupons",
                   R"({"name":"Early","discount":100,"quantity":10})")
                  .status,
              409)
        << "coupons wait for publishing";
    EXPECT_EQ(call(client_, buyer_, "PATCH", path, R"({"title":"Mine now"})").status, 404)
        << "another user learns nothing of it";
    EXPECT_EQ(publish_as(buyer_, draft, "PUBLIC").status, 404);

    // Its seller sees and edits it freely, though its window is open.
    EXPECT_TRUE(has(mine(), draft));
    EXPECT_TRUE(has(mine("?status=draft"), draft));
    EXPECT_FALSE(has(mine("?status=open"), draft));
    EXPECT_EQ(call(client_, seller_, "GET", "/api/v1/me/forms/" + std::to_string(id(draft))).status,
              200);
    auto edited = call(client_, seller_, "PATCH", path, R"({"title":"Open keyrings"})");
    ASSERT_EQ(edited.status, 200) << edited.body;

    // Published, it is everyone's, and the opening rules apply from then.
    EXPECT_EQ(publish_as(seller_, draft, "DRAFT").status, 422) << "no way back to a draft";
    auto published = publish_as(seller_, draft, "PUBLIC");
    ASSERT_EQ(published.status, 200) << published.body;
    EXPECT_EQ(published.json().at("visibility").as_string(), "PUBLIC");
    EXPECT_EQ(client_.request("GET", path).status, 200);
    EXPECT_TRUE(has(listed(), draft));
    EXPECT_TRUE(has(listed("?q=Open"), draft));
    EXPECT_FALSE(has(mine("?status=draft"), draft));
    EXPECT_TRUE(has(mine("?status=open"), draft));
    EXPECT_EQ(order(buyer_, draft, {{product(draft, 0), 1}}).status, 201);
    EXPECT_EQ(call(client_, seller_, "PATCH", path, R"({"title":"Renamed"})").status, 422)
        << "an open form keeps its title";
}

TEST_P(FormDraftsTest, AnUnlistedFormIsReachableByItsLinkOnly) {
    const auto unlisted = make("UNLISTED", "Fan club keyrings");
    const auto path = form_path(unlisted);
    EXPECT_EQ(client_.request("GET", path).status, 200);
    EXPECT_EQ(client_.request("GET", "/forms/" + std::to_string(id(unlisted))).status, 200);
    EXPECT_FALSE(has(listed(), unlisted));
    EXPECT_FALSE(has(listed("?status=open"), unlisted));
    EXPECT_FALSE(has(listed("?q=Fan"), unlisted));
    EXPECT_FALSE(has(listed("?seller_id=" + std::to_string(UserSeeder::id_of(seller_))), unlisted));
    EXPECT_EQ(order(buyer_, unlisted, {{product(unlisted, 0), 1}}).status, 201);
    EXPECT_EQ(call(client_, buyer_, "PUT", path + "/like").status, 200);
    EXPECT_TRUE(has(mine(), unlisted));

    ASSERT_EQ(publish_as(seller_, unlisted, "PUBLIC").status, 200);
    EXPECT_TRUE(has(listed("?q=Fan"), unlisted)) << "listed once made public";
    ASSERT_EQ(publish_as(seller_, unlisted, "UNLISTED").status, 200);
    EXPECT_FALSE(has(listed(), unlisted)) << "and unlisted again";

    ASSERT_EQ(call(client_, seller_, "POST", path + "/close").status, 200);
    EXPECT_EQ(publish_as(seller_, unlisted, "PUBLIC").status, 409) << "a closed form stays put";
    EXPECT_EQ(call(client_, seller_, "PATCH", path, R"({"description":"Later"})").status, 409)
        << "a closed form cannot be edited";
}

TEST_P(FormDraftsTest, ACopyIsAFreshDraftWithEverythingButOrdersAndPictures) {
    auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
    auto& o = body.as_object();
    o["products"] = json::parse(R"([
        {"name":"Card A","price":3000,"stock":5,"per_buyer_limit":2,"group":"Photo card",
         "option":"Version A","group_limit":3},
        {"name":"Card B","price":3000,"stock":4,"group":"Photo card","option":"Version B"},
        {"name":"Sticker","price":1000,"stock":10}])");
    o["questions"] = json::parse(R"([{"label":"X handle","kind":"TEXT","required":true},
        {"label":"Fan club","kind":"CHOICE","choices":["Yes","No"]}])");
    o["delivery_options"] = json::parse(R"([{"kind":"COURIER","label":"CJ","fee":3500}])");
    auto made = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(made.status, 201) << made.body;
    const auto form = made.json().as_object();
    auto placed = call(client_, buyer_, "POST", form_path(form) + "/orders",
                       R"({"items":[{"product_id":)" + std::to_string(product(form, 0)) +
                           R"(,"quantity":2}],"depositor_name":"Kim","answers":[{"question_id":)" +
                           std::to_string(form.at("questions").at(0).at("id").as_int64()) +
                           R"(,"value":"@kim"}],"delivery":{"option_id":)" +
                           std::to_string(form.at("delivery_options").at(0).at("id").as_int64()) +
                           R"(,"recipient_name":"Kim","phone":"010-1234-5678",)"
                           R"("address1":"Seoul","address2":"","zipcode":"04524"}})");
    ASSERT_EQ(placed.status, 201) << placed.body;

    EXPECT_EQ(call(client_, buyer_, "POST", form_path(form) + "/copy").status, 403);
    auto copied = call(client_, seller_, "POST", form_path(form) + "/copy");
    ASSERT_EQ(copied.status, 201) << copied.body;
    const auto copy = copied.json().as_object();
    EXPECT_NE(id(copy), id(form));
    EXPECT_EQ(copy.at("visibility").as_string(), "DRAFT");
    EXPECT_EQ(copy.at("title"), form.at("title"));
    EXPECT_EQ(copy.at("bank_account"), form.at("bank_account"));
    ASSERT_EQ(copy.at("products").as_array().size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& was = form.at("products").at(i);
        const auto& now = copy.at("products").at(i);
        EXPECT_NE(now.at("id"), was.at("id"));
        for (const auto* field : {"name", "price", "stock_total", "per_buyer_limit", "group",
                                  "option", "group_limit"}) {
            EXPECT_EQ(now.at(field), was.at(field)) << field << " of product " << i;
        }
        EXPECT_EQ(now.at("stock_remaining"), was.at("stock_total")) << "fresh stock";
    }
    EXPECT_EQ(copy.at("groups").at(0).at("limit").as_int64(), 3);
    ASSERT_EQ(copy.at("questions").as_array().size(), 2u);
    EXPECT_EQ(copy.at("questions").at(1).at("choices"), form.at("questions").at(1).at("choices"));
    EXPECT_TRUE(copy.at("questions").at(0).at("required").as_bool());
    ASSERT_EQ(copy.at("delivery_options").as_array().size(), 1u);
    EXPECT_EQ(copy.at("delivery_options").at(0).at("fee").as_int64(), 3500);
    EXPECT_TRUE(copy.at("images").as_array().empty());
    auto counts = call(client_, seller_, "GET", "/api/v1/me/forms/" + std::to_string(id(copy)));
    EXPECT_EQ(counts.json().at("order_counts").at("CREATED").as_int64(), 0) << "no orders";
    EXPECT_EQ(client_.request("GET", form_path(copy)).status, 404) << "a draft";
}

TEST_P(FormDraftsTest, OnlyAFormThatNeverHadAnOrderIsDeleted) {
    const auto sold = make("PUBLIC");
    ASSERT_EQ(order(buyer_, sold, {{product(sold, 0), 1}}).status, 201);
    const auto spare = make("DRAFT");
    ASSERT_EQ(call(client_, buyer_, "PUT", form_path(sold) + "/like").status, 200);

    auto refused = call(client_, seller_, "DELETE", form_path(sold));
    EXPECT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(client_.request("GET", form_path(sold)).status, 200) << "still there";
    EXPECT_EQ(call(client_, buyer_, "DELETE", form_path(spare)).status, 404);

    const auto liked = make("PUBLIC");
    ASSERT_EQ(call(client_, buyer_, "PUT", form_path(liked) + "/like").status, 200);
    ASSERT_EQ(call(client_, seller_, "POST", form_path(liked) + "/coupons",
                   R"({"name":"Early","discount":100,"quantity":10})")
                  .status,
              201);
    EXPECT_EQ(call(client_, buyer_, "DELETE", form_path(liked)).status, 403);
    for (const auto& gone : {spare, liked}) {
        EXPECT_EQ(call(client_, seller_, "DELETE", form_path(gone)).status, 204);
        EXPECT_EQ(
            call(client_, seller_, "GET", "/api/v1/me/forms/" + std::to_string(id(gone))).status,
            404);
        EXPECT_EQ(call(client_, seller_, "DELETE", form_path(gone)).status, 404) << "once";
    }
    EXPECT_FALSE(has(mine(), liked));
    EXPECT_TRUE(has(mine(), sold));
}

TEST_P(FormDraftsTest, SearchFindsPartsOfTitlesAndDescriptionsInKoreanAndEnglish) {
    const auto summer = make("PUBLIC", "여름 포토카드 굿즈", "Summer photo cards, 한정 수량");
    const auto winter = make("PUBLIC", "Winter keyrings", "겨울 키링 100% 수제");
    const auto other_seller = seeder_.user("other@example.com");
    auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
    body.as_object()["title"] = "포토카드 바인더";
    auto theirs = call(client_, other_seller, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(theirs.status, 201);
    const auto binder = theirs.json().as_object();
    const auto search = [&](const std::string& q) {
        return listed("?q=" + q);  // the caller percent-encodes
    };
    using Ids = std::vector<std::int64_t>;
    EXPECT_EQ(search("%ED%8F%AC%ED%86%A0%EC%B9%B4%EB%93%9C"), (Ids{id(binder), id(summer)}))
        << "포토카드, in two titles";
    EXPECT_EQ(search("%ED%8F%AC%ED%86%A0"), (Ids{id(binder), id(summer)})) << "포토: two letters";
    EXPECT_EQ(search("%ED%82%A4%EB%A7%81"), (Ids{id(winter)})) << "키링, in a description";
    EXPECT_EQ(search("summer"), (Ids{id(summer)})) << "any case";
    EXPECT_EQ(search("KEYRING"), (Ids{id(winter)}));
    EXPECT_EQ(search("100%25"), (Ids{id(winter)})) << "a % is a character, not a wildcard";
    EXPECT_EQ(search("1_0"), (Ids{})) << "and so is _";
    EXPECT_EQ(search("%20%20winter%20"), (Ids{id(winter)})) << "trimmed";
    EXPECT_EQ(search("nothing-like-this"), (Ids{}));
    EXPECT_EQ(
        search("%ED%8F%AC%ED%86%A0&seller_id=" + std::to_string(UserSeeder::id_of(other_seller))),
        (Ids{id(binder)}));
    EXPECT_EQ(search("summer&status=closed"), (Ids{}));
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?q=" + std::string(101, 'a')).status, 422);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?q=a%00b").status, 422);
    EXPECT_EQ(client_.request("GET", "/api/v1/forms?seller_id=x").status, 422);
}

TEST_P(FormDraftsTest, ListsRefuseAParameterTheyDoNotKnow) {
    for (const auto* target :
         {"/api/v1/forms?stauts=open", "/api/v1/forms?query=x", "/api/v1/me/forms?state=draft",
          "/api/v1/me/orders?status=PAID", "/api/v1/me/notifications?since=1",
          "/api/v1/me/likes?sort=new", "/api/v1/me/coupons?status=USED", "/api/v1/banks?lang=ko"}) {
        auto r = call(client_, seller_, "GET", target);
        EXPECT_EQ(r.status, 422) << target;
        EXPECT_NE(r.body.find("is not a parameter of this request"), std::string::npos) << r.body;
    }
    EXPECT_EQ(call(client_, seller_, "GET", "/api/v1/me/forms?status=sold_out&limit=5").status,
              200);
    EXPECT_EQ(call(client_, seller_, "GET", "/api/v1/me/forms?status=drafts").status, 422);
}

TEST_P(FormDraftsTest, ProductsAreAddedAndRemovedBeforeTheOpening) {
    auto r = call(client_, seller_, "POST", "/api/v1/forms",
                  form_body({{"Red", 1000, 10}, {"Blue", 1000, 10}}, at(kHour), at(2 * kHour)));
    ASSERT_EQ(r.status, 201);
    const auto form = r.json().as_object();
    const auto blue = product(form, 1);
    auto changed =
        call(client_, seller_, "PATCH", form_path(form),
             R"({"add_products":[{"name":"Green","price":1500,"stock":3}],"remove_products":[)" +
                 std::to_string(blue) + "]}");
    ASSERT_EQ(changed.status, 200) << changed.body;
    const auto changed_form = changed.json();
    const auto& products = changed_form.at("products").as_array();
    ASSERT_EQ(products.size(), 2u);
    EXPECT_EQ(products[0].at("name").as_string(), "Red");
    EXPECT_EQ(products[1].at("name").as_string(), "Green");
    EXPECT_EQ(products[1].at("stock_remaining").as_int64(), 3);
    EXPECT_EQ(call(client_, seller_, "PATCH", form_path(form),
                   R"({"remove_products":[)" + std::to_string(product(form, 0)) + R"(,)" +
                       std::to_string(products[1].at("id").as_int64()) + "]}")
                  .status,
              422)
        << "a form keeps at least one product";

    const auto open = open_form({{"Red", 1000, 10}, {"Blue", 1000, 10}});
    EXPECT_EQ(call(client_, seller_, "PATCH", form_path(open),
                   R"({"add_products":[{"name":"Green","price":1500,"stock":3}]})")
                  .status,
              422)
        << "after the opening, buyers' choices stay";
    EXPECT_EQ(call(client_, seller_, "PATCH", form_path(open),
                   R"({"remove_products":[)" + std::to_string(product(open, 1)) + "]}")
                  .status,
              422);
    EXPECT_EQ(remaining(open, 1), 10);
}

INSTANTIATE_TEST_SUITE_P(Stores, FormDraftsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
