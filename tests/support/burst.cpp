#include "support/burst.hpp"

#include <atomic>
#include <latch>
#include <mutex>
#include <thread>

namespace formlympics::test {

std::vector<std::int64_t> burst(std::uint16_t port, std::size_t attempts, std::size_t threads,
                                const Attempt& attempt) {
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::vector<std::int64_t> produced;
    std::latch start(static_cast<std::ptrdiff_t>(threads));
    std::vector<std::thread> pool;
    for (std::size_t t = 0; t < threads; ++t) {
        pool.emplace_back([&] {
            HttpClient client(port);
            start.arrive_and_wait();
            for (std::size_t i; (i = next++) < attempts;) {
                if (auto id = attempt(i, client)) {
                    std::lock_guard lock(mutex);
                    produced.push_back(*id);
                }
            }
        });
    }
    for (auto& t : pool) t.join();
    return produced;
}

}  // namespace formlympics::test
