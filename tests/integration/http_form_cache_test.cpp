// A form's JSON and page are answered from memory at the opening second: on the network thread,
// with a strong ETag and 304, forgotten at once when the form or its stock changes here, at its
// next opening or closing, and within a second when another instance changed it.
#include "integration/sale_fixture.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

using namespace std::chrono_literals;
using FormCacheTest = SaleTest;

std::string title_of(const HttpResponse& r) {
    return std::string(r.json().at("title").as_string());
}

TEST_P(FormCacheTest, RepeatedReadsAreAnsweredFromMemoryWithAnETag) {
    const auto form = open_form({{"Red", 1000, 10}});
    auto first = client_.request("GET", form_path(form));
    ASSERT_EQ(first.status, 200);
    const auto etag = first.header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first.header("cache-control"), "no-cache");
    const auto quick = server_.handled_without_blocking();
    for (int i = 0; i < 20; ++i) {
        auto again = client_.request("GET", form_path(form));
        EXPECT_EQ(again.body, first.body);
        EXPECT_EQ(again.header("etag"), etag);
    }
    EXPECT_GE(server_.handled_without_blocking() - quick, 20u) << "no worker, no store";
    auto unchanged = client_.request("GET", form_path(form), "", {{"If-None-Match", etag}});
    EXPECT_EQ(unchanged.status, 304);
    EXPECT_TRUE(unchanged.body.empty());
    // The page (with its link preview) is kept the same way.
    const auto page = "/forms/" + std::to_string(id(form));
    auto html = client_.request("GET", page);
    ASSERT_EQ(html.status, 200);
    EXPECT_EQ(client_.request("GET", page, "", {{"If-None-Match", html.header("etag")}}).status,
              304);
}

// The JSON in the page's data block, as the page's script reads it.
boost::json::value page_data(const HttpResponse& page) {
    const std::string open = "<script type=\"application/json\" id=\"page-data\">";
    const auto from = page.body.find(open);
    if (from == std::string::npos) return nullptr;
    const auto start = from + open.size();
    const auto block = page.body.substr(start, page.body.find("</script>", start) - start);
    EXPECT_EQ(block.find('<'), std::string::npos) << "nothing in the block can end it";
    return boost::json::parse(block);
}

TEST_P(FormCacheTest, ThePageCarriesTheFormAsItsApiAnswersIt) {
    const auto form = open_form({{"Red", 1000, 10}});
    auto patch = call(client_, seller_, "PATCH", form_path(form),
                      R"({"description":"Cute </script><script>alert(1)</script> <!-- keyrings"})");
    ASSERT_EQ(patch.status, 200) << patch.body;
    const auto page = "/forms/" + std::to_string(id(form));
    EXPECT_EQ(page_data(client_.request("GET", page)),
              client_.request("GET", form_path(form)).json());
    ASSERT_EQ(order(buyer_, form, {{product(form, 0), 3}}).status, 201);
    const auto after = page_data(client_.request("GET", page));
    ASSERT_TRUE(after.is_object());
    EXPECT_EQ(after.at("products").at(0).at("stock_remaining").as_int64(), 7)
        << "a committed batch forgets the page too";
    EXPECT_EQ(after.at("description").as_string(),
              "Cute </script><script>alert(1)</script> <!-- keyrings");
    EXPECT_TRUE(page_data(client_.request("GET", "/")).is_null()) << "other pages carry none";
}

TEST_P(FormCacheTest, ASellersNewNameShowsOnTheirFormsAtOnce) {
    const auto form = open_form({{"Red", 1000, 10}});
    const auto page = "/forms/" + std::to_string(id(form));
    const auto seller_name = [&](const boost::json::value& f) {
        return std::string(f.at("seller").at("name").as_string());
    };
    const auto before = seller_name(client_.request("GET", form_path(form)).json());
    ASSERT_EQ(seller_name(page_data(client_.request("GET", page))), before);
    auto renamed = call(client_, seller_, "PUT", "/api/v1/me",
                        R"({"name":"Keyring Studio","phone":"010-1234-5678"})");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(seller_name(client_.request("GET", form_path(form)).json()), "Keyring Studio");
    EXPECT_EQ(seller_name(page_data(client_.request("GET", page))), "Keyring Studio");
}

TEST_P(FormCacheTest, ChangesMadeHereShowAtOnce) {
    const auto form = open_form({{"Red", 1000, 10}});
    ASSERT_EQ(remaining(form, 0), 10);
    ASSERT_EQ(order(buyer_, form, {{product(form, 0), 3}}).status, 201);
    EXPECT_EQ(remaining(form, 0), 7) << "a committed batch forgets the form";
    auto patch = call(client_, seller_, "PATCH", form_path(form), R"({"description":"Restocked"})");
    ASSERT_EQ(patch.status, 200) << patch.body;
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("description").as_string(),
              "Restocked");
    ASSERT_EQ(call(client_, seller_, "POST", form_path(form) + "/close").status, 200);
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("status").as_string(), "closed");
}

TEST_P(FormCacheTest, TheStatusTurnsAtTheOpeningWhateverWasKept) {
    const auto form = publish({{"Red", 1000, 10}}, at(kHour), at(2 * kHour));
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("status").as_string(), "upcoming");
    clock_.advance(std::chrono::hours(1));
    EXPECT_EQ(client_.request("GET", form_path(form)).json().at("status").as_string(), "open");
}

TEST_P(FormCacheTest, AChangeByAnotherInstanceShowsWithinASecond) {
    const auto form = open_form({{"Red", 1000, 10}});
    ASSERT_EQ(title_of(client_.request("GET", form_path(form))), "Hand-made keyrings");
    // Another instance's write: straight to the store, unseen by this one.
    SqlProbe probe(server_.database_url());
    probe.db().write_result([&](store::SqlSession& s) {
        return s.execute("UPDATE forms SET title = 'Renamed' WHERE id = $1",
                         store::SqlParams().add(id(form)));
    });
    EXPECT_EQ(title_of(client_.request("GET", form_path(form))), "Hand-made keyrings")
        << "kept: the read did not reach the store";
    std::this_thread::sleep_for(1100ms);
    EXPECT_EQ(title_of(client_.request("GET", form_path(form))), "Renamed");
}

INSTANTIATE_TEST_SUITE_P(Stores, FormCacheTest,
                         ::testing::Values(Backend::sqlite, Backend::postgres), sale_param_name);

}  // namespace
}  // namespace formlympics::test
