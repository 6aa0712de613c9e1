// Uploads are judged by their bytes, bounded before decoding, decoded whole, shrunk and re-encoded
// with nothing of the original file but its pixels.
#include "media/image_processor.hpp"

#include <gtest/gtest.h>
#include <vips/vips.h>

#include <string>

namespace formlympics::media {
namespace {

// A width x height image with a gradient, encoded by `save` ("jpegsave_buffer", ...).
std::string make_image(int width, int height, const char* format,
                       const char* exif_comment = nullptr) {
    process_image("");  // starts libvips
    VipsImage* grey = nullptr;
    EXPECT_EQ(vips_xyz(&grey, width, height, nullptr), 0);
    VipsImage* band = nullptr;
    EXPECT_EQ(vips_extract_band(grey, &band, 0, nullptr), 0);
    VipsImage* pixels = nullptr;
    EXPECT_EQ(vips_cast(band, &pixels, VIPS_FORMAT_UCHAR, nullptr), 0);
    if (exif_comment != nullptr) {
        vips_image_set_string(pixels, "exif-ifd0-ImageDescription", exif_comment);
        vips_image_set_int(pixels, "orientation", 6);  // stored rotated: shown turned 90°
    }
    void* out = nullptr;
    std::size_t length = 0;
    const std::string f = format;
    int rc = -1;
    if (f == "jpeg") rc = vips_jpegsave_buffer(pixels, &out, &length, nullptr);
    if (f == "png") rc = vips_pngsave_buffer(pixels, &out, &length, nullptr);
    if (f == "webp") rc = vips_webpsave_buffer(pixels, &out, &length, nullptr);
    EXPECT_EQ(rc, 0) << vips_error_buffer();
    std::string bytes(static_cast<const char*>(out), length);
    g_free(out);
    g_object_unref(pixels);
    g_object_unref(band);
    g_object_unref(grey);
    return bytes;
}

struct Read {
    int width = 0, height = 0;
    bool has_exif = false;
    std::string loader;
    std::string fields;  // every field the file carries, for a failure message
};

Read read_back(const std::string& bytes) {
    Read r;
    VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    EXPECT_NE(image, nullptr);
    if (image == nullptr) return r;
    r.width = vips_image_get_width(image);
    r.height = vips_image_get_height(image);
    r.has_exif = vips_image_get_typeof(image, "exif-data") != 0;
    gchar** names = vips_image_get_fields(image);
    for (gchar** n = names; *n != nullptr; ++n) r.fields += std::string(*n) + " ";
    g_strfreev(names);
    const char* loader = nullptr;
    if (vips_image_get_string(image, "vips-loader", &loader) == 0) r.loader = loader;
    g_object_unref(image);
    return r;
}

TEST(ImageProcessorTest, EachTypeIsReencodedAsWebPInTwoSizesNeverEnlarged) {
    for (const auto* format : {"jpeg", "png", "webp"}) {
        auto out = process_image(make_image(2400, 1200, format));
        ASSERT_TRUE(out) << format << ": " << out.error().detail;
        EXPECT_EQ(out->width, 1600) << format;
        EXPECT_EQ(out->height, 800) << format;
        EXPECT_EQ(read_back(out->large).loader, "webpload_buffer");
        const auto thumb = read_back(out->thumb);
        EXPECT_EQ(thumb.width, 400);
        EXPECT_EQ(thumb.height, 200);
    }
    auto small = process_image(make_image(300, 200, "png"));
    ASSERT_TRUE(small);
    EXPECT_EQ(small->width, 300);  // not enlarged
    EXPECT_EQ(read_back(small->thumb).width, 300);
}

TEST(ImageProcessorTest, MetadataIsDroppedAndTheOrientationApplied) {
    const auto jpeg = make_image(800, 400, "jpeg", "secret place");
    ASSERT_TRUE(read_back(jpeg).has_exif);  // the control: the upload carries EXIF
    auto out = process_image(jpeg);
    ASSERT_TRUE(out) << out.error().detail;
    EXPECT_FALSE(read_back(out->large).has_exif) << read_back(out->large).fields;
    EXPECT_FALSE(read_back(out->thumb).has_exif);
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
}

std::string be32(std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24U), static_cast<char>(v >> 16U),
                       static_cast<char>(v >> 8U), static_cast<char>(v)};
}

// A PNG's chunk: length, type, data, CRC (computed here, so the header is valid).
std::string png_chunk(const std::string& type, const std::string& data) {
    std::uint32_t crc = 0xffffffffU;
    for (unsigned char c : type + data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1U) ^ (0xedb88320U & (0U - (crc & 1U)));
    }
    crc ^= 0xffffffffU;
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc);
}

// A few hundred bytes that claim 100,000 x 100,000 pixels: refused by the header alone, before
// libvips would allocate or decode anything.
TEST(ImageProcessorTest, ADecompressionBombIsRefusedByItsHeader) {
    const std::string ihdr = be32(100000) + be32(100000) + std::string{8, 0, 0, 0, 0};
    const std::string bomb = std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
                             png_chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
                             png_chunk("IEND", "");
    auto r = process_image(bomb);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, domain::Errc::validation_failed);
    EXPECT_NE(r.error().detail.find("40 megapixels"), std::string::npos) << r.error().detail;
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
