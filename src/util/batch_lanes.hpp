#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "util/worker_pool.hpp"

namespace formlympics::util {

// Items queued per key in arrival order. Whenever a key's lane is idle, one worker takes its
// queue in batches of at most `max_batch` and hands each batch to `process`, until the lane is
// empty: group commit without a thread per key, and no added wait for a lone item.
template <class Key, class Item>
class BatchLanes {
  public:
    using Process = std::function<void(const Key& key, std::vector<Item>& batch)>;

    BatchLanes(WorkerPool& workers, std::size_t max_batch, Process process)
        : workers_(workers), max_batch_(max_batch), process_(std::move(process)) {}

    // Queues the item; never blocks on the work itself.
    void push(const Key& key, Item item) {
        auto lane = lane_for(key);
        bool start = false;
        {
            std::lock_guard lock(lane->mutex);
            lane->queue.push_back(std::move(item));
            start = !lane->draining;
            lane->draining = true;
        }
        if (start && !workers_.submit([this, key, lane] { drain(key, lane); })) {
            drain(key, lane);  // only while shutting down: the pool takes no more work
        }
    }

  private:
    struct Lane {
        std::mutex mutex;
        std::deque<Item> queue;
        bool draining = false;
    };

    std::shared_ptr<Lane> lane_for(const Key& key) {
        std::lock_guard lock(mutex_);
        auto& lane = lanes_[key];
        if (!lane) lane = std::make_shared<Lane>();
        return lane;
    }

    void drain(const Key& key, const std::shared_ptr<Lane>& lane) {
        for (;;) {
            std::vector<Item> batch;
            {
                std::lock_guard lock(lane->mutex);
                if (lane->queue.empty()) {
                    lane->draining = false;
                    return;
                }
                while (!lane->queue.empty() && batch.size() < max_batch_) {
                    batch.push_back(std::move(lane->queue.front()));
                    lane->queue.pop_front();
                }
            }
            process_(key, batch);
        }
    }

    WorkerPool& workers_;
    std::size_t max_batch_;
    Process process_;
    std::mutex mutex_;
    std::unordered_map<Key, std::shared_ptr<Lane>> lanes_;
};

}  // namespace formlympics::util
