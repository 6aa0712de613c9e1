// Uploads are judged by their bytes, bounded before decoding, decoded whole, shrunk and re-encoded
// with nothing of the original file but its pixels.
#include "media/image_processor.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

#include "support/test_images.hpp"

namespace formlympics::media {
namespace {

using test::make_image;
using test::read_image;

TEST(ImageProcessorTest, EachTypeIsReencodedAsWebPInTwoSizesNeverEnlarged) {
    for (const auto* format : {"jpeg", "png", "webp"}) {
        auto out = process_image(make_image(2400, 1200, format));
        ASSERT_TRUE(out) << format << ": " << out.error().detail;
        EXPECT_EQ(out->width, 1600) << format;
        EXPECT_EQ(out->height, 800) << format;
        EXPECT_EQ(read_image(out->large).loader, "webpload_buffer");
        const auto thumb = read_image(out->thumb);
        EXPECT_EQ(thumb.width, 400);
        EXPECT_EQ(thumb.height, 200);
    }
    auto small = process_image(make_image(300, 200, "png"));
    ASSERT_TRUE(small);
    EXPECT_EQ(small->width, 300);  // not enlarged
    EXPECT_EQ(read_image(small->thumb).width, 300);
}

TEST(ImageProcessorTest, MetadataIsDroppedAndTheOrientationApplied) {
    const auto jpeg = make_image(800, 400, "jpeg", /*with_metadata=*/true);
    // The control: the upload carries EXIF with a GPS position.
    ASSERT_TRUE(read_image(jpeg).has_exif);
    ASSERT_TRUE(read_image(jpeg).has_gps) << read_image(jpeg).fields;
    auto out = process_image(jpeg);
    ASSERT_TRUE(out) << out.error().detail;
    EXPECT_FALSE(read_image(out->large).has_exif) << read_image(out->large).fields;
    EXPECT_FALSE(read_image(out->large).has_gps);
    EXPECT_FALSE(read_image(out->thumb).has_exif);
    EXPECT_EQ(out->large.find("secret place"), std::string::npos);
    EXPECT_EQ(out->large.find("EXIF"), std::string::npos) << "an EXIF chunk in the file";
    EXPECT_EQ(out->large.substr(12, 4), "VP8 ") << "a simple lossy WebP: no extended header";
    EXPECT_EQ(out->width, 400);  // turned upright: orientation 6 is a quarter turn
    EXPECT_EQ(out->height, 800);
}

TEST(ImageProcessorTest, WhatIsNotAWholeJpegPngOrWebPIsRefused) {
    EXPECT_EQ(process_image("").error().code, domain::Errc::validation_failed);
    EXPECT_EQ(process_image("hello, this is text").error().code,
              domain::Errc::unsupported_media_type);
    EXPECT_EQ(process_image("<svg xmlns=\"http://www.w3.org/2000/svg\"/>").error().code,
              domain::Errc::unsupported_media_type);
    const auto png = make_image(600, 600, "png");
    const auto truncated = png.substr(0, png.size() / 2);
    auto r = process_image(truncated);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, domain::Errc::validation_failed);
    // The body is named, in the server's words: nothing of the library's message leaks.
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "body");
    EXPECT_EQ(r.error().fields[0].message.find('\n'), std::string::npos);
    EXPECT_EQ(r.error().fields[0].message.find("Vips"), std::string::npos);
}

// A few hundred bytes that claim 100,000 x 100,000 pixels: refused by the header alone, before
// libvips would allocate or decode anything.
TEST(ImageProcessorTest, ADecompressionBombIsRefusedByItsHeader) {
    auto r = process_image(test::decompression_bomb());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, domain::Errc::validation_failed);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "body");
    EXPECT_EQ(r.error().fields[0].message, "has more than 40 megapixels");
}

// The colours a picture shows are kept when its profile is dropped: its pixels are converted to
// sRGB first, what a browser assumes of a picture without one.
TEST(ImageProcessorTest, APictureInAnotherColourSpaceComesOutInSrgb) {
    // CMYK cannot hold this red exactly: its round trip is looser.
    for (const auto& [profile, tolerance] : {std::pair{"p3", 6.0}, std::pair{"cmyk", 20.0}}) {
        const auto upload = test::make_profiled_jpeg(64, 48, profile);
        const auto given = read_image(upload);
        ASSERT_TRUE(given.decoded) << profile;
        if (std::string(profile) == "p3") {
            // The control: stored as is, these numbers would show another red.
            ASSERT_EQ(given.means.size(), 3u);
            EXPECT_LT(given.means[0], 190) << "P3 numbers for sRGB red 200";
        }
        auto out = process_image(upload);
        ASSERT_TRUE(out) << profile << ": " << out.error().detail;
        const auto facts = read_image(out->large);
        ASSERT_EQ(facts.bands, 3) << profile;
        ASSERT_EQ(facts.means.size(), 3u);
        EXPECT_NEAR(facts.means[0], 200, tolerance) << profile;
        EXPECT_NEAR(facts.means[1], 30, tolerance) << profile;
        EXPECT_NEAR(facts.means[2], 30, tolerance) << profile;
        EXPECT_FALSE(facts.has_exif);
    }
}

TEST(ImageProcessorTest, TransparencySurvives) {
    process_image("");  // starts libvips
    VipsImage* rgba = nullptr;
    ASSERT_EQ(vips_black(&rgba, 300, 200, "bands", 4, nullptr), 0);
    void* out = nullptr;
    std::size_t length = 0;
    ASSERT_EQ(vips_pngsave_buffer(rgba, &out, &length, nullptr), 0);
    const std::string png(static_cast<const char*>(out), length);
    g_free(out);
    g_object_unref(rgba);
    auto r = process_image(png);
    ASSERT_TRUE(r) << r.error().detail;
    VipsImage* back = vips_image_new_from_buffer(r->large.data(), r->large.size(), "", nullptr);
    ASSERT_NE(back, nullptr) << vips_error_buffer();
    EXPECT_EQ(vips_image_get_bands(back), 4);
    EXPECT_FALSE(vips_image_get_typeof(back, "exif-data") != 0);
    g_object_unref(back);
}

}  // namespace
}  // namespace formlympics::media
