#include "media/image_processor.hpp"

#include <vips/vips.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "util/logging.hpp"

namespace formlympics::media {
namespace {

using domain::Errc;

constexpr int kLargeEdge = 1600;
constexpr int kThumbEdge = 400;
constexpr int kQuality = 82;

// libvips's warnings (a broken upload's "not enough data") go to the log as debug lines: the
// refusal already says what was wrong, and stderr gets no unstructured lines.
void log_vips(const gchar* domain, GLogLevelFlags, const gchar* message, gpointer) {
    logging::debug("{}: {}", domain != nullptr ? domain : "vips", message);
}

void start_vips() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (VIPS_INIT("formlympics") != 0) throw std::runtime_error("libvips failed to start");
        // Only the loaders libvips trusts with hostile input; the others (say, ImageMagick's)
        // cannot be reached by an upload.
        vips_block_untrusted_set(TRUE);
        // Each image is one worker's task: libvips adds no threads of its own.
        vips_concurrency_set(1);
        g_log_set_handler("VIPS",
                          static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                                                      G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG),
                          log_vips, nullptr);
    });
}

struct Unref {
    void operator()(VipsImage* image) const { g_object_unref(image); }
};
using Image = std::unique_ptr<VipsImage, Unref>;

// The refusal of an upload that does not decode, naming the body. What libvips said goes to the
// debug log, not to the client: its wording is the library's, with line breaks.
domain::Error undecodable(std::string message) {
    logging::debug("image refused ({}): {}", message, vips_error_buffer());
    vips_error_clear();
    return domain::invalid_fields({{"body", std::move(message)}});
}

constexpr const char* kBroken = "does not decode: the file is truncated or damaged";

bool allowed_loader(const char* loader) {
    const std::string_view name = loader == nullptr ? "" : loader;
    for (const auto* ok : {"VipsForeignLoadJpegBuffer", "VipsForeignLoadPngBuffer",
                           "VipsForeignLoadSpngBuffer", "VipsForeignLoadWebpBuffer"}) {
        if (name == ok) return true;
    }
    return false;
}

// The pixels alone, in a new image: EXIF (GPS position, camera, comments), XMP, IPTC and ICC
// profiles stay behind with the old one, so the saver has nothing of them to write.
Image bare(VipsImage* image) {
    std::size_t size = 0;
    void* pixels = vips_image_write_to_memory(image, &size);
    if (pixels == nullptr) return nullptr;
    VipsImage* copy = vips_image_new_from_memory_copy(
        pixels, size, vips_image_get_width(image), vips_image_get_height(image),
        vips_image_get_bands(image), vips_image_get_format(image));
    g_free(pixels);
    if (copy != nullptr) copy->Type = image->Type;
    return Image(copy);
}

std::uint32_t read_le32(std::string_view b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24U;
}

void write_le32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8U * i)) & 0xffU);
}

// The WebP file with only its image chunks. libvips 8.14 writes a small EXIF chunk (orientation,
// resolution) even when told to strip; a file that keeps nothing of the upload has none. An
// image with transparency keeps the extended header that announces its alpha chunk.
std::string webp_without_metadata(std::string_view webp) {
    if (webp.size() < 20 || webp.substr(0, 4) != "RIFF" || webp.substr(8, 4) != "WEBP") {
        throw std::runtime_error("libvips wrote something other than WebP");
    }
    std::string chunks;
    std::string canvas;  // VP8X's 24-bit width and height minus one, when present
    bool alpha = false;
    for (std::size_t at = 12; at + 8 <= webp.size();) {
        const auto fourcc = webp.substr(at, 4);
        const std::size_t size = read_le32(webp, at + 4);
        const std::size_t padded = size + (size & 1U);
        if (at + 8 + size > webp.size()) throw std::runtime_error("libvips wrote a short WebP");
        if (fourcc == "VP8X" && size >= 10) canvas = std::string(webp.substr(at + 12, 6));
        if (fourcc == "ALPH") alpha = true;
        if (fourcc == "VP8 " || fourcc == "VP8L" || fourcc == "ALPH") {
            chunks += webp.substr(at, 8 + std::min(padded, webp.size() - at - 8));
        }
        at += 8 + padded;
    }
    if (alpha) {
        std::string header = "VP8X";
        write_le32(header, 10);
        header += static_cast<char>(0x10);  // the alpha flag, nothing else
        header += std::string(3, '\0');
        header += canvas;
        chunks = header + chunks;
    }
    std::string out = "RIFF";
    write_le32(out, static_cast<std::uint32_t>(4 + chunks.size()));
    out += "WEBP";
    return out + chunks;
}

// One size: decoded whole (a truncated file fails here), turned upright, shrunk, saved bare.
domain::Result<std::string> encode(std::string_view bytes, int edge, int* width, int* height) {
    VipsImage* raw = nullptr;
    if (vips_thumbnail_buffer(const_cast<char*>(bytes.data()), bytes.size(), &raw, edge, "height",
                              edge, "size", VIPS_SIZE_DOWN, "option_string", "fail_on=warning",
                              // Colours as they look: a wide-gamut or CMYK picture is turned
                              // into sRGB, what a browser assumes once the profile is dropped.
                              "export_profile", "srgb", nullptr) != 0) {
        return undecodable(kBroken);
    }
    Image image = bare(Image(raw).get());
    if (!image) return undecodable(kBroken);
    void* out = nullptr;
    std::size_t length = 0;
    if (vips_webpsave_buffer(image.get(), &out, &length, "Q", kQuality, "strip", TRUE, nullptr) !=
        0) {
        return undecodable("cannot be encoded as WebP");
    }
    std::string encoded = webp_without_metadata({static_cast<const char*>(out), length});
    g_free(out);
    if (width != nullptr) *width = vips_image_get_width(image.get());
    if (height != nullptr) *height = vips_image_get_height(image.get());
    return encoded;
}

}  // namespace

domain::Result<ProcessedImage> process_image(std::string_view bytes) {
    start_vips();
    if (bytes.empty())
        return domain::invalid_fields({{"body", "is empty; send the image's bytes"}});
    const char* loader = vips_foreign_find_load_buffer(bytes.data(), bytes.size());
    vips_error_clear();
    if (!allowed_loader(loader)) {
        return domain::fail(Errc::unsupported_media_type,
                            "send a JPEG, PNG or WebP image (judged by its bytes)");
    }
    // The header alone: its size is known before any pixel is decoded.
    VipsImage* raw = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", "access",
                                                VIPS_ACCESS_SEQUENTIAL, nullptr);
    if (raw == nullptr) {
        return undecodable("has a header that does not read: the file is damaged");
    }
    Image header(raw);
    const auto pixels = static_cast<long long>(vips_image_get_width(header.get())) *
                        vips_image_get_height(header.get());
    if (pixels > kMaxImagePixels) {
        return domain::invalid_fields({{"body", "has more than 40 megapixels"}});
    }
    ProcessedImage out;
    auto large = encode(bytes, kLargeEdge, &out.width, &out.height);
    if (!large) return large.error();
    auto thumb = encode(bytes, kThumbEdge, nullptr, nullptr);
    if (!thumb) return thumb.error();
    out.large = std::move(large.value());
    out.thumb = std::move(thumb.value());
    return out;
}

}  // namespace formlympics::media
