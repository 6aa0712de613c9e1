#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>

namespace formlympics::util {

// The text waiting to be written to one open stream (a Server-Sent Events response): producers
// on any thread append, the connection takes everything queued when woken. Bounded: a client that
// reads too slowly is cut off rather than growing memory (it reconnects and catches up).
class StreamQueue {
  public:
    explicit StreamQueue(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // Appends text; false when the stream is closed, or when the text would pass the bound (the
    // stream then closes).
    bool send(std::string_view text) {
        std::function<void()> wake;
        bool queued = false;
        {
            std::lock_guard lock(mutex_);
            if (closed_) return false;
            if (pending_.size() + text.size() > max_bytes_) {
                closed_ = true;
            } else {
                pending_.append(text);
                queued = true;
            }
            wake = waker_;
        }
        if (wake) wake();
        return queued;
    }

    // Ends the stream; the connection writes what is queued and closes. Idempotent.
    void close() {
        std::function<void()> wake;
        {
            std::lock_guard lock(mutex_);
            if (closed_) return;
            closed_ = true;
            wake = waker_;
        }
        if (wake) wake();
    }

    bool closed() const {
        std::lock_guard lock(mutex_);
        return closed_;
    }
    std::size_t queued_bytes() const {
        std::lock_guard lock(mutex_);
        return pending_.size();
    }
    std::size_t max_bytes() const { return max_bytes_; }

    // For the connection: called (on the producer's thread) after each send and on close.
    void set_waker(std::function<void()> waker) {
        std::lock_guard lock(mutex_);
        waker_ = std::move(waker);
    }
    // For the producer: called (on the connection's thread) each time the connection took
    // what was queued, so a producer holding back for room can go on.
    void set_on_taken(std::function<void()> on_taken) {
        std::lock_guard lock(mutex_);
        on_taken_ = std::move(on_taken);
    }
    // For the connection: everything queued, leaving the queue empty.
    std::string take() {
        std::string out;
        std::function<void()> taken;
        {
            std::lock_guard lock(mutex_);
            out.swap(pending_);
            if (!out.empty()) taken = on_taken_;
        }
        if (taken) taken();
        return out;
    }

  private:
    mutable std::mutex mutex_;
    std::string pending_;
    std::size_t max_bytes_;
    bool closed_ = false;
    std::function<void()> waker_;
    std::function<void()> on_taken_;
};

}  // namespace formlympics::util
