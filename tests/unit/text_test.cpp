// The rules every text field follows.
#include "domain/text.hpp"

#include <gtest/gtest.h>

namespace formlympics::domain {
namespace {

TEST(TextTest, ControlCharactersAreRefusedLineBreaksOnlyInMultilineText) {
    for (const std::string bad :
         {std::string("a\0b", 3),
          std::string("a\x1b"
                      "b"),
          std::string("\x7f"), std::string("\xc2\x85"), std::string("\xc2\x9f"),
          std::string("a\xe2\x80\xae"
                      "b"),  // right-to-left override
          std::string("\xe2\x81\xa6"
                      "x"),  // left-to-right isolate
          // Invisible marks that pass for nothing: right-to-left mark, left-to-right mark,
          // Arabic letter mark, zero-width space, byte order mark, soft hyphen, word joiner,
          // Mongolian vowel separator, interlinear annotation anchor, language tag.
          std::string("a\xe2\x80\x8f"), std::string("a\xe2\x80\x8e"), std::string("a\xd8\x9c"),
          std::string("12\xe2\x80\x8b"
                      "34"),
          std::string("\xef\xbb\xbf"
                      "a"),
          std::string("a\xc2\xad"), std::string("a\xe2\x81\xa0"), std::string("a\xe1\xa0\x8e"),
          std::string("a\xef\xbf\xb9"), std::string("a\xf3\xa0\x80\x81")}) {
        EXPECT_TRUE(has_control(bad, TextKind::line)) << bad;
        EXPECT_TRUE(has_control(bad, TextKind::multiline)) << bad;
    }
    for (const std::string breaks : {"a\nb", "a\r\nb", "a\tb",
                                     "a\xe2\x80\xa8"
                                     "b"}) {
        EXPECT_TRUE(has_control(breaks, TextKind::line)) << breaks;
        EXPECT_FALSE(has_control(breaks, TextKind::multiline)) << breaks;
    }
    // Emoji sequences keep their joiners, variation selectors and tag letters (the flag of
    // Scotland); Persian keeps its zero-width non-joiner.
    for (const std::string fine :
         {"Kim Minji", "김민지", "🎁 é \"{a,b}\" \\ NULL", "👨\xe2\x80\x8d👩\xe2\x80\x8d👧",
          "\xc2\xa0no-break", "\xe2\x9d\xa4\xef\xb8\x8f",
          "🏴\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xb3\xf3\xa0\x81\xa3\xf3\xa0\x81\xb4\xf3"
          "\xa0\x81\xbf",
          "\xd9\x85\xdb\x8c\xe2\x80\x8c\xd8\xae\xd9\x88\xd8\xa7\xd9\x87\xd9\x85"}) {
        EXPECT_FALSE(has_control(fine, TextKind::line)) << fine;
    }
}

TEST(TextTest, BlankIsWhatShowsNothing) {
    for (const std::string blank :
         {"", "   ", "\xe3\x80\x80", "\xe2\x80\x8b", "\xe3\x85\xa4", "\xc2\xa0\t\xef\xbb\xbf",
          // combining grapheme joiner, Mongolian vowel separator, left-to-right and right-to-left
          // marks, Arabic letter mark, soft hyphen, function application, Khmer inherent vowel,
          // variation selector 16, tag space, Braille blank
          "\xcd\x8f", "\xe1\xa0\x8e", "\xe2\x80\x8e\xe2\x80\x8f", "\xd8\x9c", "\xc2\xad",
          "\xe2\x81\xa1", "\xe1\x9e\xb4", "\xef\xb8\x8f", "\xf3\xa0\x80\xa0", "\xe2\xa0\x80"}) {
        EXPECT_TRUE(is_blank(blank)) << blank;
    }
    for (const std::string shown : {"a", " . ", "김", "\xe3\x85\xa4김"}) {
        EXPECT_FALSE(is_blank(shown)) << shown;
    }
}

TEST(TextTest, CheckTextNamesOneProblemPerField) {
    std::vector<FieldError> out;
    check_text(out, "name", "   ", 1, 10);
    check_text(out, "note", "", 0, 10);
    check_text(out, "title", "abcdef", 1, 5);
    check_text(out, "code", "a\nb", 1, 5);
    check_text(out, "body", "a\nb", 1, 5, TextKind::multiline);
    check_text(out, "short", "김민지", 3, 3);
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0].field, "name");
    EXPECT_EQ(out[0].message, "must not be blank");
    EXPECT_EQ(out[1].field, "title");
    EXPECT_EQ(out[1].message, "must be 1 to 5 characters");
    EXPECT_EQ(out[2].field, "code");
}

}  // namespace
}  // namespace formlympics::domain
