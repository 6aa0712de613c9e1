#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/form.hpp"
#include "domain/image.hpp"
#include "domain/result.hpp"

namespace formlympics::store {

// The rows of images: which form or product each belongs to, in what order.
class ImageRepository {
  public:
    virtual ~ImageRepository() = default;

    // Records `image` (its id, form, product and size) as the last of its gallery: the form's
    // cover when it has no product, else the product's. not_found for no such form or a product
    // not on it; conflict when the gallery already holds domain::max_images or the sale closed
    // by `now`.
    virtual domain::Result<domain::Image> add(const domain::Image& image, domain::Millis now) = 0;
    // Removes the form's image of that id; the image removed, or nullopt when it has none.
    virtual std::optional<domain::Image> remove(domain::FormId form, const std::string& id) = 0;
    // Whether an image of that id is recorded (its bytes may outlive it after a failure).
    virtual bool exists(const std::string& id) = 0;
    // Puts the gallery in the order of `ids`, which must name each of its images once
    // (validation_failed otherwise); the gallery in its new order. not_found as for add.
    virtual domain::Result<std::vector<domain::Image>> reorder(
        domain::FormId form, std::optional<domain::ProductId> product,
        const std::vector<std::string>& ids) = 0;
};

// The encoded bytes of images, by id and size. Written before an image's row is added and
// removed after it is, so a row always has its bytes; a crash between the two leaves bytes
// without a row, which nothing serves.
class ImageBytes {
  public:
    virtual ~ImageBytes() = default;

    virtual void put(const std::string& id, domain::ImageSize size, const std::string& bytes) = 0;
    // The bytes, or nullopt when there are none of that id and size.
    virtual std::optional<std::string> get(const std::string& id, domain::ImageSize size) = 0;
    // Removes every size of the image; a no-op for an unknown id.
    virtual void remove(const std::string& id) = 0;
};

}  // namespace formlympics::store
