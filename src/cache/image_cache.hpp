#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace formlympics::cache {

// The hot images of an instance: encoded bytes by key, least recently used dropped first once
// their total passes the budget. Images never change, so an entry never goes stale; a removed
// image is dropped so it is not served again.
class ImageCache {
  public:
    explicit ImageCache(std::size_t budget_bytes) : budget_(budget_bytes) {}

    // The bytes under `key`, or null.
    std::shared_ptr<const std::string> get(const std::string& key);
    // Keeps the bytes (an entry larger than the whole budget is not kept).
    void put(const std::string& key, std::shared_ptr<const std::string> bytes);
    void erase(const std::string& key);

    std::size_t bytes() const;

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const std::string> bytes;
    };
    using List = std::list<Entry>;
    void drop(List::iterator it);

    std::size_t budget_;
    std::size_t used_ = 0;
    mutable std::mutex mutex_;
    List order_;  // most recently used first
    std::unordered_map<std::string, List::iterator> index_;
};

}  // namespace formlympics::cache
