#include "service/image_service.hpp"

#include <algorithm>
#include <cctype>

#include "media/image_processor.hpp"
#include "util/logging.hpp"
#include "util/random.hpp"
#include "util/unavailable.hpp"

namespace formlympics::service {
namespace {

using domain::Errc;

constexpr std::size_t kImageIdBytes = domain::kImageIdLength / 2;

// True for a label the upload routes take: an image type the server decodes. The bytes decide
// the actual type; the label only has to claim an image.
bool accepted_label(std::string_view content_type) {
    const auto semicolon = content_type.find(';');
    std::string type(content_type.substr(0, semicolon));
    while (!type.empty() && std::isspace(static_cast<unsigned char>(type.back()))) type.pop_back();
    std::transform(type.begin(), type.end(), type.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    return type == "image/jpeg" || type == "image/jpg" || type == "image/png" ||
           type == "image/webp";
}

std::string cache_key(const std::string& id, domain::ImageSize size) {
    return id + "-" + std::string(domain::kImageSizes.name(size));
}

const std::vector<domain::Image>* gallery(const domain::Form& form,
                                          const std::optional<domain::ProductId>& product) {
    if (!product) return &form.images;
    const auto* p = form.product(*product);
    return p ? &p->images : nullptr;
}

}  // namespace

ImageService::ImageService(store::ImageRepository& images, store::ImageBytes& bytes,
                           store::FormRepository& forms, util::WorkerPool& media,
                           const util::Clock& clock, Options options)
    : images_(images),
      bytes_(bytes),
      forms_(forms),
      media_(media),
      clock_(clock),
      cache_(options.cache_bytes, options.cache_max_age) {}

domain::Result<domain::Form> ImageService::owned(domain::UserId caller, domain::FormId id) {
    auto form = forms_.find(id);
    // Someone else's draft is not theirs to learn of: the same answer as no form.
    if (!form || (form->seller_id != caller && !domain::published(*form))) {
        return domain::fail(Errc::not_found, "no such form");
    }
    if (form->seller_id != caller) {
        return domain::fail(Errc::forbidden, "only the form's seller may change its images");
    }
    // Its buyers ordered from it as it was: a closed form keeps its pictures.
    if (domain::form_status(*form, clock_.now_millis()) == domain::FormStatus::closed) {
        return domain::fail(Errc::conflict, "the sale has closed; a closed form cannot be changed");
    }
    return std::move(*form);
}

void ImageService::upload(const ImageUpload& upload, Callback done) {
    if (!accepted_label(upload.content_type)) {
        return done(domain::fail(Errc::unsupported_media_type,
                                 "send the image as the body with Content-Type image/jpeg, "
                                 "image/png or image/webp"));
    }
    // Who may upload, and where, is settled before any pixel is decoded.
    auto form = owned(upload.seller, upload.form);
    if (!form) return done(form.error());
    const auto* present = gallery(form.value(), upload.product);
    if (!present) {
        return done(domain::fail(Errc::not_found,
                                 "the form has no product " + std::to_string(*upload.product)));
    }
    const auto max = domain::max_images(upload.product);
    if (present->size() >= max) {
        return done(domain::fail(Errc::conflict, "this gallery has at most " + std::to_string(max) +
                                                     " images; delete one first"));
    }
    if (upload.bytes.empty()) {
        return done(domain::invalid_fields({{"body", "is empty; send the image's bytes"}}));
    }
    // Shared, so that a refused submit still holds the callback to answer with.
    auto job = std::make_shared<std::pair<ImageUpload, Callback>>(upload, std::move(done));
    const bool queued = media_.try_submit([this, job] {
        auto& [request, callback] = *job;
        // The task must answer whatever happens: a request is never left without a response.
        std::optional<domain::Result<domain::Image>> outcome;
        try {
            outcome.emplace(store(request));
        } catch (const util::Unavailable& e) {
            logging::warn("image upload: storage is out of reach: {}", e.what());
            outcome.emplace(domain::unavailable());
        } catch (const std::exception& e) {
            logging::error("image upload failed: {}", e.what());
            outcome.emplace(domain::fail(Errc::service_unavailable,
                                         "the image could not be stored; retry shortly"));
        }
        callback(std::move(*outcome));
    });
    if (!queued) {
        auto refusal = domain::fail(Errc::overloaded, "too many images are being processed; retry");
        refusal.retry_after = 1;
        job->second(std::move(refusal));
    }
}

domain::Result<domain::Image> ImageService::store(const ImageUpload& upload) {
    auto processed = media::process_image(upload.bytes);
    if (!processed) return processed.error();
    domain::Image image;
    image.id = util::random_hex(kImageIdBytes);
    image.form_id = upload.form;
    image.product_id = upload.product;
    image.width = processed->width;
    image.height = processed->height;
    // The bytes go first, so a row never lacks them; a refusal (or a failure) takes them back.
    std::optional<domain::Result<domain::Image>> added;
    try {
        bytes_.put(image.id, domain::ImageSize::large, processed->large);
        bytes_.put(image.id, domain::ImageSize::thumb, processed->thumb);
        added.emplace(images_.add(image, clock_.now_millis()));
    } catch (...) {
        remove_bytes(image.id);
        throw;
    }
    if (!*added) remove_bytes(image.id);
    return std::move(*added);
}

void ImageService::remove_bytes(const std::string& id) {
    // Bytes without a row are never served (fetch asks for the row), so a failure here leaves
    // only disk or table space behind.
    try {
        bytes_.remove(id);
    } catch (const std::exception& e) {
        logging::warn("image {}: its bytes stay without a row: {}", id, e.what());
    }
}

domain::Result<domain::Image> ImageService::remove(domain::UserId caller, domain::FormId form,
                                                   const std::string& id) {
    if (auto owner = owned(caller, form); !owner) return owner.error();
    auto removed = images_.remove(form, id);
    if (!removed) return domain::fail(Errc::not_found, "the form has no such image");
    forget({id});
    return std::move(*removed);
}

void ImageService::forget(const std::vector<std::string>& ids) {
    for (const auto& id : ids) {
        // The row is gone, so no fetch from now on finds it; the cache forgets it for good.
        for (auto size : {domain::ImageSize::large, domain::ImageSize::thumb}) {
            cache_.erase(cache_key(id, size));
        }
        remove_bytes(id);
    }
}

domain::Result<std::vector<domain::Image>> ImageService::reorder(
    domain::UserId caller, domain::FormId form, std::optional<domain::ProductId> product,
    const std::vector<std::string>& ids) {
    if (auto owner = owned(caller, form); !owner) return owner.error();
    return images_.reorder(form, product, ids);
}

std::shared_ptr<const std::string> ImageService::fetch(const std::string& id,
                                                       domain::ImageSize size) {
    const auto key = cache_key(id, size);
    if (auto hit = cache_.get(key)) return hit;
    if (!images_.exists(id)) return nullptr;
    auto bytes = bytes_.get(id, size);
    if (!bytes) return nullptr;
    auto shared = std::make_shared<const std::string>(std::move(*bytes));
    cache_.put(key, shared);
    return shared;
}

}  // namespace formlympics::service
