#include "support/test_images.hpp"

#include <vips/vips.h>

#include <cstdint>
#include <stdexcept>

namespace formlympics::test {
namespace {

void start_vips() {
    static const bool started = [] {
        if (VIPS_INIT("formlympics-tests") != 0) throw std::runtime_error("libvips did not start");
        return true;
    }();
    (void)started;
}

void check(int rc, const char* what) {
    if (rc != 0) throw std::runtime_error(std::string(what) + ": " + vips_error_buffer());
}

std::string be32(std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24U), static_cast<char>(v >> 16U),
                       static_cast<char>(v >> 8U), static_cast<char>(v)};
}

// A PNG's chunk: length, type, data, CRC (computed here, so the file is well formed).
std::string png_chunk(const std::string& type, const std::string& data) {
    std::uint32_t crc = 0xffffffffU;
    for (unsigned char c : type + data) {
        crc ^= c;
        for (int k = 0; k < 8; ++k) crc = (crc >> 1U) ^ (0xedb88320U & (0U - (crc & 1U)));
    }
    crc ^= 0xffffffffU;
    return be32(static_cast<std::uint32_t>(data.size())) + type + data + be32(crc);
}

}  // namespace

std::string make_image(int width, int height, const std::string& format, bool with_metadata) {
    start_vips();
    VipsImage* xy = nullptr;
    check(vips_xyz(&xy, width, height, nullptr), "xyz");
    VipsImage* band = nullptr;
    check(vips_extract_band(xy, &band, 0, nullptr), "extract_band");
    VipsImage* pixels = nullptr;
    check(vips_cast(band, &pixels, VIPS_FORMAT_UCHAR, nullptr), "cast");
    if (with_metadata) {
        vips_image_set_string(pixels, "exif-ifd0-ImageDescription", "secret place");
        vips_image_set_string(pixels, "exif-ifd3-GPSLatitudeRef", "N");
        vips_image_set_string(pixels, "exif-ifd3-GPSLatitude", "37/1 33/1 59/1");
        vips_image_set_string(pixels, "exif-ifd3-GPSLongitudeRef", "E");
        vips_image_set_string(pixels, "exif-ifd3-GPSLongitude", "126/1 58/1 41/1");
        vips_image_set_int(pixels, "orientation", 6);
    }
    void* out = nullptr;
    std::size_t length = 0;
    int rc = -1;
    if (format == "jpeg") rc = vips_jpegsave_buffer(pixels, &out, &length, nullptr);
    if (format == "png") rc = vips_pngsave_buffer(pixels, &out, &length, nullptr);
    if (format == "webp") rc = vips_webpsave_buffer(pixels, &out, &length, nullptr);
    g_object_unref(pixels);
    g_object_unref(band);
    g_object_unref(xy);
    check(rc, "save");
    std::string bytes(static_cast<const char*>(out), length);
    g_free(out);
    return bytes;
}

std::string make_noise_png(int width, int height) {
    start_vips();
    VipsImage* noise = nullptr;
    check(vips_gaussnoise(&noise, width, height, "sigma", 60.0, nullptr), "gaussnoise");
    VipsImage* pixels = nullptr;
    check(vips_cast(noise, &pixels, VIPS_FORMAT_UCHAR, nullptr), "cast");
    void* out = nullptr;
    std::size_t length = 0;
    const int rc = vips_pngsave_buffer(pixels, &out, &length, nullptr);
    g_object_unref(pixels);
    g_object_unref(noise);
    check(rc, "save");
    std::string bytes(static_cast<const char*>(out), length);
    g_free(out);
    return bytes;
}

std::string make_profiled_jpeg(int width, int height, const char* profile) {
    start_vips();
    VipsImage* black = nullptr;
    check(vips_black(&black, width, height, "bands", 3, nullptr), "black");
    double scale[3] = {1, 1, 1};
    double red[3] = {200, 30, 30};
    VipsImage* flat = nullptr;
    check(vips_linear(black, &flat, scale, red, 3, nullptr), "linear");
    VipsImage* pixels = nullptr;
    check(vips_cast(flat, &pixels, VIPS_FORMAT_UCHAR, nullptr), "cast");
    VipsImage* srgb = nullptr;
    check(vips_copy(pixels, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, nullptr), "copy");
    VipsImage* other = nullptr;
    check(vips_icc_transform(srgb, &other, profile, "input_profile", "srgb", nullptr),
          "icc_transform");
    void* out = nullptr;
    std::size_t length = 0;
    const int rc = vips_jpegsave_buffer(other, &out, &length, nullptr);
    for (auto* image : {other, srgb, pixels, flat, black}) g_object_unref(image);
    check(rc, "save");
    std::string bytes(static_cast<const char*>(out), length);
    g_free(out);
    return bytes;
}

ImageFacts read_image(const std::string& bytes) {
    start_vips();
    ImageFacts r;
    VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
    if (image == nullptr) return r;
    r.decoded = true;
    r.width = vips_image_get_width(image);
    r.height = vips_image_get_height(image);
    r.bands = vips_image_get_bands(image);
    r.has_exif = vips_image_get_typeof(image, "exif-data") != 0;
    gchar** names = vips_image_get_fields(image);
    for (gchar** n = names; *n != nullptr; ++n) {
        const std::string name(*n);
        r.fields += name + " ";
        if (name.starts_with("exif-ifd3-GPS")) r.has_gps = true;
    }
    g_strfreev(names);
    const char* loader = nullptr;
    if (vips_image_get_string(image, "vips-loader", &loader) == 0) r.loader = loader;
    for (int b = 0; b < r.bands; ++b) {
        VipsImage* band = nullptr;
        double mean = 0;
        if (vips_extract_band(image, &band, b, nullptr) == 0 &&
            vips_avg(band, &mean, nullptr) == 0) {
            r.means.push_back(mean);
        }
        if (band != nullptr) g_object_unref(band);
    }
    g_object_unref(image);
    return r;
}

std::string decompression_bomb() {
    const std::string ihdr = be32(100000) + be32(100000) + std::string{8, 0, 0, 0, 0};
    return std::string("\x89PNG\r\n\x1a\n", 8) + png_chunk("IHDR", ihdr) +
           png_chunk("IDAT", std::string("\x78\x9c\x03\x00\x00\x00\x00\x01", 8)) +
           png_chunk("IEND", "");
}

}  // namespace formlympics::test
