#pragma once

#include <string>
#include <string_view>

#include "domain/result.hpp"

namespace formlympics::media {

// An upload made safe to serve: re-encoded WebP in two sizes, with nothing of the original file
// but its pixels.
struct ProcessedImage {
    std::string large;  // at most 1600 px on the long edge
    std::string thumb;  // at most 400 px on the long edge
    int width = 0;      // of `large`
    int height = 0;
};

inline constexpr long long kMaxImagePixels = 40'000'000;

// Decodes an upload by its bytes (JPEG, PNG or WebP, whatever the client called it), refusing
// anything else (unsupported_media_type), an image of more than 40 megapixels by its header
// before a pixel is decoded, and a file that does not decode whole (validation_failed). Applies
// the orientation, converts the colours to sRGB with the picture's own profile (a CMYK or
// wide-gamut file), drops all metadata (EXIF, GPS, ICC, comments) and encodes WebP at 1600 and
// 400 px on the long edge, never enlarging. CPU-heavy: run it on a worker, never a network
// thread.
domain::Result<ProcessedImage> process_image(std::string_view bytes);

}  // namespace formlympics::media
