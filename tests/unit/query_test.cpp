#include "http/query.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace formlympics::http {
namespace {

TEST(QueryTest, DecodesPercentEscapesAndPlusInOrder) {
    auto q = Query::parse("name=%ED%95%9C+%EA%B8%80&limit=5&limit=6&flag");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->get("name"), "한 글");
    EXPECT_EQ(q->get("limit"), "5");  // the first of two
    EXPECT_EQ(q->get("flag"), "");
    EXPECT_EQ(q->get("missing"), std::nullopt);
}

// A query is a view into the request's buffer, with no NUL after it. Under AddressSanitizer this
// fails if the parser reads past the view's end.
TEST(QueryTest, ReadsNothingPastTheViewsEnd) {
    for (std::string_view text : {"+", "a=1", ""}) {
        auto exact = std::make_unique<char[]>(text.size());
        std::copy(text.begin(), text.end(), exact.get());
        auto q = Query::parse(std::string_view(exact.get(), text.size()));
        ASSERT_TRUE(q) << text;
    }
    EXPECT_EQ(Query::parse("a=1")->get("a"), "1");
}

TEST(QueryTest, SkipsEmptyParts) {
    auto q = Query::parse("&&a=1&&");
    ASSERT_TRUE(q);
    EXPECT_EQ(q->get("a"), "1");
    EXPECT_EQ(q->get(""), std::nullopt);
    EXPECT_TRUE(Query::parse(""));
}

TEST(QueryTest, RefusesWhatIsNotAQueryString) {
    for (const char* bad :
         {"limit=%", "limit=%2", "limit=%zz", "a=b c", "a=<b>", "a=b#c", "a=\"b\""}) {
        auto q = Query::parse(bad);
        ASSERT_FALSE(q) << bad;
        EXPECT_EQ(q.error().code, domain::Errc::bad_request) << bad;
    }
}

// An unknown parameter is named in the error, but a long name only in part: at most 100 bytes,
// cut where a character starts.
TEST(QueryTest, AnUnknownParametersLongNameIsNamedInPart) {
    auto q =
        Query::parse("a=1&" + std::string(99, 'x') + "%ED%95%9C" + std::string(5000, 'y') + "=2");
    ASSERT_TRUE(q);
    auto e = unknown_parameters(q.value(), {"a"});
    ASSERT_TRUE(e);
    ASSERT_EQ(e->fields.size(), 1u);
    EXPECT_EQ(e->fields[0].field, std::string(99, 'x') + "...");
    auto short_one = unknown_parameters(Query::parse("b=1").value(), {"a"});
    ASSERT_TRUE(short_one);
    EXPECT_EQ(short_one->fields[0].field, "b");
}

}  // namespace
}  // namespace formlympics::http
