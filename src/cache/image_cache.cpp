#include "cache/image_cache.hpp"

namespace formlympics::cache {
namespace {

constexpr std::size_t kErasedKept = 100000;

}  // namespace

std::shared_ptr<const std::string> ImageCache::get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    if (std::chrono::steady_clock::now() - it->second->stored > max_age_) {
        drop(it->second);
        return nullptr;
    }
    order_.splice(order_.begin(), order_, it->second);
    return it->second->bytes;
}

void ImageCache::put(const std::string& key, std::shared_ptr<const std::string> bytes) {
    if (!bytes || bytes->size() > budget_) return;
    std::lock_guard lock(mutex_);
    if (erased_.count(key) > 0) return;
    if (auto it = index_.find(key); it != index_.end()) drop(it->second);
    used_ += bytes->size();
    order_.push_front(Entry{key, std::move(bytes), std::chrono::steady_clock::now()});
    index_[key] = order_.begin();
    while (used_ > budget_) drop(std::prev(order_.end()));
}

void ImageCache::erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) drop(it->second);
    if (erased_.insert(key).second) erased_order_.push_back(key);
    if (erased_order_.size() > kErasedKept) {
        erased_.erase(erased_order_.front());
        erased_order_.pop_front();
    }
}

std::size_t ImageCache::bytes() const {
    std::lock_guard lock(mutex_);
    return used_;
}

void ImageCache::drop(List::iterator it) {
    used_ -= it->bytes->size();
    index_.erase(it->key);
    order_.erase(it);
}

}  // namespace formlympics::cache
