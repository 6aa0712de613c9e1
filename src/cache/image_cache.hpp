#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace formlympics::cache {

// The hot images of an instance: encoded bytes by key, least recently used dropped first once
// their total passes the budget. Images never change, but they can be removed: an entry is kept
// for `max_age` at most (how long another instance may serve a picture removed elsewhere), and a
// key erased here is never cached again (a read that raced the removal cannot put it back).
class ImageCache {
  public:
    ImageCache(std::size_t budget_bytes, std::chrono::steady_clock::duration max_age)
        : budget_(budget_bytes), max_age_(max_age) {}

    // The bytes under `key`, or null (also once the entry is older than max_age).
    std::shared_ptr<const std::string> get(const std::string& key);
    // Keeps the bytes, unless the key was erased or the entry is larger than the whole budget.
    void put(const std::string& key, std::shared_ptr<const std::string> bytes);
    // Drops the entry and keeps it out from now on.
    void erase(const std::string& key);

    std::size_t bytes() const;

  private:
    struct Entry {
        std::string key;
        std::shared_ptr<const std::string> bytes;
        std::chrono::steady_clock::time_point stored;
    };
    using List = std::list<Entry>;
    void drop(List::iterator it);

    std::size_t budget_;
    std::chrono::steady_clock::duration max_age_;
    std::size_t used_ = 0;
    mutable std::mutex mutex_;
    List order_;  // most recently used first
    std::unordered_map<std::string, List::iterator> index_;
    // Erased keys, the oldest forgotten past a bound (ids are random and never reused, and a
    // read racing a removal is over long before).
    std::unordered_set<std::string> erased_;
    std::deque<std::string> erased_order_;
};

}  // namespace formlympics::cache
