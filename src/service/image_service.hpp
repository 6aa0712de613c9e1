#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/image_cache.hpp"
#include "domain/form.hpp"
#include "domain/image.hpp"
#include "domain/result.hpp"
#include "store/form_repository.hpp"
#include "store/image_repository.hpp"
#include "util/clock.hpp"
#include "util/worker_pool.hpp"

namespace formlympics::service {

// A picture as the seller sent it, for the form's cover (no product) or a product.
struct ImageUpload {
    domain::UserId seller = 0;
    domain::FormId form = 0;
    std::optional<domain::ProductId> product;
    std::string content_type;  // as sent; the bytes decide the type
    // The request body: it must stay alive until the upload's callback ran.
    std::string_view bytes;
};

// Pictures of forms and products: uploads made safe and stored in two sizes, their order and
// removal by the seller, and the bytes served to everyone through a bounded cache.
class ImageService {
  public:
    struct Options {
        std::size_t cache_bytes = std::size_t{64} << 20;
        // How long an instance may serve a picture from memory after another removed it.
        std::chrono::seconds cache_max_age{60};
    };
    using Callback = std::function<void(domain::Result<domain::Image>)>;

    ImageService(store::ImageRepository& images, store::ImageBytes& bytes,
                 store::FormRepository& forms, util::WorkerPool& media, const util::Clock& clock,
                 Options options);

    // Checks the upload (forbidden for anyone but the seller, not_found, conflict when the gallery
    // is full, unsupported_media_type for a label other than JPEG, PNG or WebP,
    // validation_failed for an empty body), then decodes, re-encodes and stores it on the media
    // pool; `done` gets the image or the refusal (see media::process_image; overloaded when the
    // media queue is full). `done` runs exactly once, on this thread or a media thread.
    void upload(const ImageUpload& upload, Callback done);
    // Each change is the seller's alone (forbidden for anyone else, not_found) and refused on a
    // closed form (conflict).
    // Removes the form's image; the rest of its gallery closes up; forbidden, not_found.
    domain::Result<domain::Image> remove(domain::UserId caller, domain::FormId form,
                                         const std::string& id);
    // Orders a gallery as `ids` lists it; forbidden, not_found, validation_failed.
    domain::Result<std::vector<domain::Image>> reorder(domain::UserId caller, domain::FormId form,
                                                       std::optional<domain::ProductId> product,
                                                       const std::vector<std::string>& ids);
    // Drops the bytes and the cached copies of images whose rows are gone (their product or
    // form was deleted).
    void forget(const std::vector<std::string>& ids);
    // The encoded bytes of one size of an image; null when there is no such image (removed
    // pictures included, whatever bytes a failed removal left).
    std::shared_ptr<const std::string> fetch(const std::string& id, domain::ImageSize size);

  private:
    domain::Result<domain::Image> store(const ImageUpload& upload);
    void remove_bytes(const std::string& id);
    // The form, when the caller may change its pictures.
    domain::Result<domain::Form> owned(domain::UserId caller, domain::FormId form);

    store::ImageRepository& images_;
    store::ImageBytes& bytes_;
    store::FormRepository& forms_;
    util::WorkerPool& media_;
    const util::Clock& clock_;
    cache::ImageCache cache_;
};

}  // namespace formlympics::service
