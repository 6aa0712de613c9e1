#pragma once

#include <string>
#include <vector>

namespace formlympics::test {

// Images made with libvips, for the tests of uploads.

// A width x height grey gradient encoded as "jpeg", "png" or "webp". `with_metadata` adds what a
// phone camera writes: a description, a GPS position and an orientation (6: stored turned, shown
// upright by turning it 90 degrees).
std::string make_image(int width, int height, const std::string& format,
                       bool with_metadata = false);
// A width x height grey noise PNG: it hardly compresses, so it is large for its size.
std::string make_noise_png(int width, int height);
// A flat red picture (sRGB 200, 30, 30) stored in another colour space with its profile
// embedded: "p3" (Display P3, as phones shoot) or "cmyk" (as a print designer exports).
std::string make_profiled_jpeg(int width, int height, const char* profile);

// What libvips reads back of an encoded image.
struct ImageFacts {
    bool decoded = false;
    int width = 0;
    int height = 0;
    int bands = 0;
    bool has_exif = false;      // an EXIF block of any kind
    bool has_gps = false;       // a GPS position among the EXIF fields
    std::string loader;         // e.g. "webpload_buffer"
    std::vector<double> means;  // each band's mean value
    std::string fields;         // every field it carries, for failure messages
};

ImageFacts read_image(const std::string& bytes);

// A PNG of a few hundred bytes whose header claims 100,000 x 100,000 pixels.
std::string decompression_bomb();

}  // namespace formlympics::test
