#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <vector>

#include "util/unavailable.hpp"

namespace formlympics::util {

// How an item that could not be done failed.
enum class ItemFailure {
    alone,        // it failed on its own: its contents (or a bug) are at fault
    unavailable,  // a service it needs is down; nothing is wrong with the item
};

// Does items [0, n) in batches without letting one bad item fail the others. `attempt(first,
// last)` does items [first, last) as one unit that either happens entirely or not at all (one
// transaction) and returns their outcomes. When it throws for any reason but Unavailable, the
// range is split in two and each half is attempted on its own, down to single items, so that
// only an item that fails alone fails: one poisoned order costs a few extra transactions, not
// its neighbours' orders. Unavailable ends the work at once: every item not yet done fails with
// ItemFailure::unavailable. `done(first, outcomes)` receives the outcomes of each range that
// succeeded, in order; `failed(i, why, error)` each item that did not. Without `split` a failed
// range fails whole (what isolation prevents, for tests to show).
template <class Outcome>
void isolate_failures(
    std::size_t n, const std::function<std::vector<Outcome>(std::size_t, std::size_t)>& attempt,
    const std::function<void(std::size_t, std::vector<Outcome>&)>& done,
    const std::function<void(std::size_t, ItemFailure, const std::exception&)>& failed,
    bool split = true) {
    // Fails items [first, last) for the Unavailable held in `down`.
    auto fail_unavailable = [&](std::size_t first, std::size_t last,
                                const std::exception_ptr& down) {
        try {
            std::rethrow_exception(down);
        } catch (const std::exception& e) {
            for (auto i = first; i < last; ++i) failed(i, ItemFailure::unavailable, e);
        }
    };
    // Returns the Unavailable met, if any; the caller then fails what is left.
    std::function<std::exception_ptr(std::size_t, std::size_t)> run = [&](std::size_t first,
                                                                          std::size_t last) {
        std::optional<std::vector<Outcome>> outcomes;
        try {
            outcomes = attempt(first, last);
        } catch (const Unavailable&) {
            auto down = std::current_exception();
            fail_unavailable(first, last, down);
            return down;
        } catch (const std::exception& e) {
            if (last - first == 1 || !split) {
                for (auto i = first; i < last; ++i) failed(i, ItemFailure::alone, e);
                return std::exception_ptr();
            }
        }
        if (outcomes) {
            // Outside the try: what `done` throws is not the batch's failure, and the batch
            // must never be attempted again once it happened.
            done(first, *outcomes);
            return std::exception_ptr();
        }
        const auto middle = first + (last - first) / 2;
        if (auto down = run(first, middle)) {
            fail_unavailable(middle, last, down);
            return down;
        }
        return run(middle, last);
    };
    if (n > 0) run(0, n);
}

}  // namespace formlympics::util
