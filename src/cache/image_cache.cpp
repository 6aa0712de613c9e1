#include "cache/image_cache.hpp"

namespace formlympics::cache {

std::shared_ptr<const std::string> ImageCache::get(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->bytes;
}

void ImageCache::put(const std::string& key, std::shared_ptr<const std::string> bytes) {
    if (!bytes || bytes->size() > budget_) return;
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) drop(it->second);
    used_ += bytes->size();
    order_.push_front(Entry{key, std::move(bytes)});
    index_[key] = order_.begin();
    while (used_ > budget_) drop(std::prev(order_.end()));
}

void ImageCache::erase(const std::string& key) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) drop(it->second);
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
