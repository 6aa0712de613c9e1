#pragma once

#include <atomic>
#include <cstddef>

namespace formlympics::http {

// One of the server's few slots for a request with a large body (an upload), held while the
// request is read, handled and answered, so that uploads cannot take all memory at once.
class UploadSlot {
  public:
    explicit UploadSlot(std::atomic<std::size_t>& in_use) : in_use_(in_use) {}
    ~UploadSlot() {
        if (held_) --in_use_;
    }
    UploadSlot(const UploadSlot&) = delete;
    UploadSlot& operator=(const UploadSlot&) = delete;

    // Takes a slot unless `max` are in use; false then.
    bool take(std::size_t max) {
        auto n = in_use_.load();
        do {
            if (n >= max) return false;
        } while (!in_use_.compare_exchange_weak(n, n + 1));
        held_ = true;
        return true;
    }

  private:
    std::atomic<std::size_t>& in_use_;
    bool held_ = false;
};

}  // namespace formlympics::http
