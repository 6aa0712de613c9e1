// While the database is unreachable the server answers 503 service_unavailable with
// Retry-After (not 500, which means a bug), changes nothing, and serves again once it is back.
#include <thread>

#include "integration/sale_fixture.hpp"
#include "support/pg_database.hpp"
#include "support/sql_probe.hpp"

namespace formlympics::test {
namespace {

class PostgresOutageTest : public SaleTest {};
class SqliteOutageTest : public SaleTest {};

void expect_unavailable(const HttpResponse& r) {
    EXPECT_EQ(r.status, 503) << r.body;
    EXPECT_EQ(r.header("retry-after"), "2");
    EXPECT_EQ(r.json().at("code").as_string(), "service_unavailable");
}

TEST_P(PostgresOutageTest, TheDatabaseDownAnswers503AndTheServerRecovers) {
    auto form = open_form({{"Red", 5000, 5}});
    const auto red = product(form, 0);
    ASSERT_EQ(order(buyer_, form, {{red, 1}}).status, 201);
    auto delivering = boost::json::parse(form_body({{"Blue", 5000, 5}}, at(-kHour), at(kHour)));
    delivering.as_object()["delivery_options"] = {
        {{"kind", "PICKUP"}, {"label", "Hand-over"}, {"fee", 0}, {"pickup_note", "Gate 3"}}};
    const auto posted =
        call(client_, seller_, "POST", "/api/v1/forms", boost::json::serialize(delivering));
    ASSERT_EQ(posted.status, 201) << posted.body;
    const auto pickup = posted.json().as_object();
    const auto pickup_order = boost::json::serialize(boost::json::object{
        {"items", {{{"product_id", product(pickup, 0)}, {"quantity", 1}}}},
        {"depositor_name", "Kim"},
        // The recipient's name and phone left out: they come from the profile, read on a worker.
        {"delivery", {{"option_id", pickup.at("delivery_options").at(0).at("id")}}}});

    // The outage: no new connections to the server's database, and its open ones cut.
    const auto& url = server_.database_url();
    const auto name = url.substr(url.rfind('/') + 1);
    SqlProbe admin(test_pg_admin_url());
    auto admin_sql = [&](const std::string& sql) {
        admin.db().write([&](store::SqlSession& s) { s.query(sql); });
    };
    admin_sql("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS false");
    admin_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name +
              "'");

    expect_unavailable(order(buyer_, form, {{red, 1}}));
    // An answer, not silence, for the order that needed the profile and the upload that needed
    // the form.
    expect_unavailable(call(client_, buyer_, "POST", form_path(pickup) + "/orders", pickup_order));
    expect_unavailable(call(client_, seller_, "POST", form_path(form) + "/images", "\x89PNG",
                            {{"Content-Type", "image/png"}}));
    expect_unavailable(client_.request("GET", form_path(form)));
    expect_unavailable(call(client_, seller_, "GET", form_path(form) + "/orders"));

    admin_sql("ALTER DATABASE \"" + name + "\" ALLOW_CONNECTIONS true");
    // Back: the first requests find fresh connections, not the dead ones.
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(client_.request("GET", form_path(form)).status, 200);
    }
    EXPECT_EQ(order(buyer_, form, {{red, 1}}).status, 201);
    EXPECT_EQ(remaining(form, 0), 3);
    EXPECT_EQ(call(client_, buyer_, "POST", form_path(pickup) + "/orders", pickup_order).status,
              201);
}

TEST_P(SqliteOutageTest, TheFileLockedPastTheBusyTimeoutAnswers503) {
    auto form = open_form({{"Red", 5000, 5}});
    const auto red = product(form, 0);
    // Another process (a backup, a careless sqlite3 shell) holds the write lock.
    SqlProbe other(server_.database_url());
    std::thread holder([&] {
        other.db().write([&](store::SqlSession& s) {
            s.execute("UPDATE forms SET likes = likes WHERE id = 1");
            std::this_thread::sleep_for(std::chrono::seconds(7));
        });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    expect_unavailable(order(buyer_, form, {{red, 1}}));
    holder.join();
    EXPECT_EQ(order(buyer_, form, {{red, 1}}).status, 201);
    EXPECT_EQ(remaining(form, 0), 4);
}

// Each outage is the one its store can have.
INSTANTIATE_TEST_SUITE_P(Stores, PostgresOutageTest, ::testing::Values(Backend::postgres),
                         sale_param_name);
INSTANTIATE_TEST_SUITE_P(Stores, SqliteOutageTest, ::testing::Values(Backend::sqlite),
                         sale_param_name);

}  // namespace
}  // namespace formlympics::test
