#include "http/duplicate_keys.hpp"

#include <gtest/gtest.h>

#include <string>

namespace formlympics::http {
namespace {

TEST(DuplicateKeysTest, FindsAKeyRepeatedInOneObjectAtAnyDepthByItsPath) {
    EXPECT_EQ(duplicate_key(R"({"name":"a","name":"b"})", 32), "name");
    EXPECT_EQ(duplicate_key(R"({"items":[{"id":1},{"id":2,"quantity":1,"id":3}]})", 32),
              "items[1].id");
    EXPECT_EQ(duplicate_key(R"({"delivery":{"phone":"1","phone":"1"}})", 32), "delivery.phone");
    EXPECT_EQ(duplicate_key(
                  R"({"a":[1,"x",null,true,2.5,[3],{"b":1}],"c":{"d":[[],{"e":1,"e":2}]}})", 32),
              "c.d[1].e")
        << "every kind of value moves an array on by one";
    EXPECT_EQ(duplicate_key(R"([{"a":1},{"a":1,"a":2}])", 32), "[1].a");
    // The same key escaped one way and written plainly the other is the same key.
    EXPECT_EQ(duplicate_key(R"({"name":1,"na\u006de":2})", 32), "name");
    // A long key arrives in parts; it is compared whole.
    const std::string key(5000, 'k');
    EXPECT_EQ(duplicate_key("{\"" + key + "\":1,\"" + key + "\":2}", 32), key);
}

TEST(DuplicateKeysTest, KeysRepeatedInDifferentObjectsAreNoDuplicate) {
    EXPECT_EQ(duplicate_key(R"({"id":1,"items":[{"id":1},{"id":2}],"delivery":{"id":3}})", 32),
              std::nullopt);
    EXPECT_EQ(duplicate_key(R"({"name":"a","Name":"b"})", 32), std::nullopt) << "case counts";
    EXPECT_EQ(duplicate_key(R"(["a","a"])", 32), std::nullopt);
    EXPECT_EQ(duplicate_key(R"({"a":"b","b":"a"})", 32), std::nullopt) << "values are not keys";
}

TEST(DuplicateKeysTest, TextThatIsNotJsonOrTooDeepHasNone) {
    EXPECT_EQ(duplicate_key(R"({"a":1,"a")", 32), "a") << "found before the text breaks";
    EXPECT_EQ(duplicate_key(R"({"a":1,)", 32), std::nullopt);
    EXPECT_EQ(duplicate_key(std::string(100, '[') + R"({"a":1,"a":2})", 32), std::nullopt);
}

}  // namespace
}  // namespace formlympics::http
