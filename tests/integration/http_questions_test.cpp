// Questions a seller asks every buyer and option groups, on SQLite and on PostgreSQL: answers
// are validated, frozen on the order and shown to its buyer and seller, and are part of what an
// Idempotency-Key holds; a group's limit counts every option of it.
#include "integration/sale_fixture.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

namespace json = boost::json;

class QuestionsTest : public SaleTest {
  protected:
    json::object make(const std::string& products, const std::string& questions) {
        auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
        body.as_object()["products"] = json::parse(products);
        body.as_object()["questions"] = json::parse(questions);
        auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
        EXPECT_EQ(r.status, 201) << r.body;
        return r.status == 201 ? r.json().as_object() : json::object{};
    }
    json::object with_questions() {
        return make(R"([{"name":"Red","price":1000,"stock":10}])",
                    R"([{"label":"X handle","kind":"TEXT","required":true},
                        {"label":"Fan club","kind":"CHOICE","choices":["Yes","No"]}])");
    }
    static std::int64_t question(const json::object& form, std::size_t i) {
        return form.at("questions").at(i).at("id").as_int64();
    }
    HttpResponse answer(const std::string& token, const json::object& form,
                        const std::string& answers,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
        return call(client_, token, "POST", form_path(form) + "/orders",
                    R"({"items":[{"product_id":)" + std::to_string(product(form, 0)) +
                        R"(,"quantity":1}],"depositor_name":"Kim","answers":)" + answers + "}",
                    std::move(headers));
    }
    static std::vector<std::string> fields(const HttpResponse& r) {
        std::vector<std::string> out;
        const auto body = r.json();
        for (const auto& e : body.at("errors").as_array()) {
            out.emplace_back(e.at("field").as_string());
        }
        return out;
    }
};

TEST_P(QuestionsTest, AFormsQuestionsAreCheckedWhenItIsMade) {
    auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
    body.as_object()["questions"] = json::parse(R"([
        {"label":"","kind":"TEXT"},
        {"label":"Version","kind":"CHOICE","choices":["A"]},
        {"label":"Handle","kind":"TEXT","choices":["x","y"]},
        {"label":"Pick","kind":"CHOICE","choices":["A","A"]},
        {"label":"Other","kind":"ESSAY"},
        {"label":"Flag","kind":"TEXT","required":"yes"}])");
    auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(r.status, 422) << r.body;
    const auto f = fields(r);
    for (const auto* field :
         {"questions[0].label", "questions[1].choices", "questions[2].choices",
          "questions[3].choices[1]", "questions[4].kind", "questions[5].required"}) {
        EXPECT_NE(std::find(f.begin(), f.end(), field), f.end()) << field << " in " << r.body;
    }
    json::array eleven;
    for (int i = 0; i < 11; ++i) eleven.push_back(json::parse(R"({"label":"Q","kind":"TEXT"})"));
    body.as_object()["questions"] = eleven;
    EXPECT_EQ(call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body)).status, 422);
}

TEST_P(QuestionsTest, AnswersAreValidatedAndFrozenOnTheOrder) {
    const auto form = with_questions();
    const auto handle = std::to_string(question(form, 0));
    const auto club = std::to_string(question(form, 1));
    const auto refused = [&](const std::string& answers, const std::string& field) {
        auto r = answer(buyer_, form, answers);
        EXPECT_EQ(r.status, 422) << answers << ": " << r.body;
        if (r.status == 422) {
            const auto f = fields(r);
            EXPECT_NE(std::find(f.begin(), f.end(), field), f.end()) << field << " in " << r.body;
        }
    };
    refused("[]", "answers");
    refused(R"([{"question_id":)" + handle + R"(,"value":"   "}])", "answers[0].value");
    refused(R"([{"question_id":)" + handle + R"(,"value":")" + std::string(201, 'a') + "\"}]",
            "answers[0].value");
    refused(R"([{"question_id":)" + handle + R"(,"value":"@kim"},{"question_id":)" + club +
                R"(,"value":"Maybe"}])",
            "answers[1].value");
    refused(
        R"([{"question_id":)" + handle + R"(,"value":"@kim"},{"question_id":99999,"value":"x"}])",
        "answers[1].question_id");
    refused(R"([{"question_id":)" + handle + R"(,"value":"a\u0000b"}])", "answers[0].value");
    refused(R"([{"question_id":)" + handle + R"(,"value":"@kim"},{"question_id":)" + handle +
                R"(,"value":"@lee"}])",
            "answers[1].question_id");
    EXPECT_EQ(remaining(form, 0), 10) << "refusals take nothing";

    auto placed = answer(buyer_, form,
                         R"([{"question_id":)" + club + R"(,"value":"Yes"},{"question_id":)" +
                             handle + R"(,"value":"  @kim_minji "}])");
    ASSERT_EQ(placed.status, 201) << placed.body;
    const auto expected = json::parse(R"([{"question_id":)" + handle +
                                      R"(,"label":"X handle","value":"@kim_minji"},)"
                                      R"({"question_id":)" +
                                      club + R"(,"label":"Fan club","value":"Yes"}])");
    EXPECT_EQ(placed.json().at("answers"), expected) << "in the form's order, trimmed";
    const auto path = "/api/v1/orders/" + std::to_string(id(placed.json()));
    EXPECT_EQ(call(client_, buyer_, "GET", path).json().at("answers"), expected);
    EXPECT_EQ(call(client_, seller_, "GET", path).json().at("answers"), expected);
    const auto listed = call(client_, seller_, "GET", form_path(form) + "/orders").json();
    EXPECT_EQ(listed.at("items").at(0).at("answers"), expected);
    EXPECT_EQ(call(client_, seeder_.user("stranger@example.com"), "GET", path).status, 404);

    // An optional question left out is no answer; the label as asked is what the order keeps.
    auto second = answer(seeder_.user("lee@example.com"), form,
                         R"([{"question_id":)" + handle + R"(,"value":"@lee"}])");
    ASSERT_EQ(second.status, 201) << second.body;
    EXPECT_EQ(second.json().at("answers").as_array().size(), 1u);
    SqlProbe db(server_.database_url());
    EXPECT_EQ(db.scalar("SELECT COUNT(*) FROM order_answers WHERE label = 'X handle'"), 2);
    EXPECT_EQ(call(client_, seller_, "PATCH", form_path(form), R"({"questions":[]})").status, 422)
        << "questions stay once buyers have answered";
}

TEST_P(QuestionsTest, AnswersArePartOfWhatAnIdempotencyKeyHolds) {
    const auto form = with_questions();
    const auto handle = std::to_string(question(form, 0));
    const std::vector<std::pair<std::string, std::string>> key = {{"Idempotency-Key", "tap-1"}};
    const auto kim = R"([{"question_id":)" + handle + R"(,"value":"@kim"}])";
    auto first = answer(buyer_, form, kim, key);
    ASSERT_EQ(first.status, 201) << first.body;
    auto again = answer(buyer_, form, kim, key);
    EXPECT_EQ(again.status, 201);
    EXPECT_EQ(id(again.json()), id(first.json()));
    EXPECT_EQ(again.header("idempotent-replayed"), "true");
    auto other = answer(buyer_, form, R"([{"question_id":)" + handle + R"(,"value":"@lee"}])", key);
    EXPECT_EQ(other.status, 422) << other.body;
    EXPECT_EQ(code(other), "idempotency_mismatch");
    EXPECT_EQ(remaining(form, 0), 9);
}

TEST_P(QuestionsTest, AGroupsLimitCountsEveryOptionOfIt) {
    const auto form = make(
        R"([{"name":"Card A","price":3000,"stock":10,"group":"Photo card","option":"Version A",
             "group_limit":3},
            {"name":"Card B","price":3000,"stock":10,"group":"Photo card","option":"Version B"},
            {"name":"Sticker","price":1000,"stock":10,"per_buyer_limit":1}])",
        "[]");
    const auto& groups = form.at("groups").as_array();
    ASSERT_EQ(groups.size(), 1u);
    EXPECT_EQ(groups[0].at("name").as_string(), "Photo card");
    EXPECT_EQ(groups[0].at("limit").as_int64(), 3);
    EXPECT_EQ(groups[0].at("product_ids").as_array().size(), 2u);
    EXPECT_EQ(form.at("products").at(1).at("group_limit").as_int64(), 3) << "stated once";
    const auto a = product(form, 0), b = product(form, 1), sticker = product(form, 2);

    auto two = order(buyer_, form, {{a, 2}, {sticker, 1}});
    ASSERT_EQ(two.status, 201) << two.body;
    EXPECT_EQ(two.json().at("items").at(0).at("option").as_string(), "Version A");
    auto over = order(buyer_, form, {{b, 2}});
    EXPECT_EQ(over.status, 422) << over.body;
    EXPECT_EQ(code(over), "limit_exceeded");
    EXPECT_EQ(order(buyer_, form, {{b, 1}}).status, 201) << "up to the limit, any option";
    EXPECT_EQ(order(buyer_, form, {{a, 1}}).status, 422);
    EXPECT_EQ(order(seeder_.user("lee@example.com"), form, {{a, 2}, {b, 2}}).status, 422)
        << "one order across options";
    EXPECT_EQ(remaining(form, 0), 8);
    EXPECT_EQ(remaining(form, 1), 9);

    // Cancelling gives the allowance back.
    const auto cancel = "/api/v1/orders/" + std::to_string(id(two.json())) + "/cancellation";
    ASSERT_EQ(call(client_, buyer_, "POST", cancel).status, 200);
    EXPECT_EQ(order(buyer_, form, {{b, 2}}).status, 201);

    auto body = json::parse(form_body({{"Red", 1000, 10}}, at(-kHour), at(24 * kHour)));
    body.as_object()["products"] = json::parse(
        R"([{"name":"A","price":1,"stock":1,"group":"G","option":"A","group_limit":2},
            {"name":"B","price":1,"stock":1,"group":"G","option":"B","group_limit":3},
            {"name":"C","price":1,"stock":1,"group":"G","option":"A"},
            {"name":"D","price":1,"stock":1,"option":"Loose"}])");
    auto r = call(client_, seller_, "POST", "/api/v1/forms", json::serialize(body));
    ASSERT_EQ(r.status, 422) << r.body;
    const auto f = fields(r);
    for (const auto* field :
         {"products[1].group_limit", "products[2].option", "products[3].option"}) {
        EXPECT_NE(std::find(f.begin(), f.end(), field), f.end()) << field << " in " << r.body;
    }
}

INSTANTIATE_TEST_SUITE_P(Stores, QuestionsTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
