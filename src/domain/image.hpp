#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/enum_names.hpp"

namespace formlympics::domain {

// A picture of a form (its cover gallery) or of one of its products, stored re-encoded in two
// sizes. Images never change: a new picture is a new image with a new id, so its address can be
// cached for good.
struct Image {
    std::string id;  // 32 lower-case hex digits, random: the address does not reveal a count
    std::int64_t form_id = 0;
    std::optional<std::int64_t> product_id;  // nullopt: one of the form's cover images
    int position = 0;                        // 0 first, in the seller's order
    int width = 0;                           // of the large size
    int height = 0;
};

inline constexpr std::size_t kMaxImagesPerProduct = 5;
inline constexpr std::size_t kMaxCoverImages = 10;
inline constexpr std::size_t kImageIdLength = 32;

// The sizes each image is stored in: large at most 1600 px on the long edge, thumb 400 px.
enum class ImageSize { large, thumb };

inline constexpr EnumNames kImageSizes{std::array<std::pair<ImageSize, std::string_view>, 2>{{
    {ImageSize::large, "large"},
    {ImageSize::thumb, "thumb"},
}}};

// Where an image of that id is served in that size.
inline std::string image_path(std::string_view id, ImageSize size) {
    return "/images/" + std::string(id) + "-" + std::string(kImageSizes.name(size)) + ".webp";
}

// How many images a gallery holds at most: a product's, or the form's cover (no product).
inline std::size_t max_images(const std::optional<std::int64_t>& product_id) {
    return product_id ? kMaxImagesPerProduct : kMaxCoverImages;
}

// True for a well-formed image id (it says nothing of whether the image exists).
inline bool is_image_id(std::string_view id) {
    if (id.size() != kImageIdLength) return false;
    for (char c : id) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}

}  // namespace formlympics::domain
