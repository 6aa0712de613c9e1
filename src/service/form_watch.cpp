#include "service/form_watch.hpp"

#include <string>

namespace formlympics::service {
namespace {

using domain::FormStatus;

// How a form's status is told: `opened` for an open form, else the status's own name.
FormStreamStatus told_as(FormStatus status) {
    if (status == FormStatus::sold_out) return FormStreamStatus::sold_out;
    if (status == FormStatus::closed) return FormStreamStatus::closed;
    return FormStreamStatus::opened;
}

// What a watcher of `before` needs to hear to know `after`.
std::string changes(const StreamFrames& frames, const domain::Form& before, FormStatus was,
                    const domain::Form& after, FormStatus is) {
    std::string out;
    for (const auto& p : after.products) {
        const auto* old = before.product(p.id);
        if (old == nullptr || old->stock_remaining != p.stock_remaining) out += frames.stock(p);
    }
    if (is != was) {
        if (was == FormStatus::upcoming && is != FormStatus::closed) {
            out += frames.form_status(after.id, FormStreamStatus::opened);
        }
        if (is != FormStatus::open) out += frames.form_status(after.id, told_as(is));
    }
    return out;
}

}  // namespace

FormWatch::FormWatch(store::FormRepository& forms, const util::Clock& clock,
                     const StreamFrames& frames, Options options)
    : forms_(forms), clock_(clock), frames_(frames), options_(options) {}

FormWatch::~FormWatch() {
    std::lock_guard lock(mutex_);
    for (auto& [id, w] : watched_) {
        for (auto& q : w.streams) q->close();
    }
}

domain::Result<std::shared_ptr<util::StreamQueue>> FormWatch::open(domain::FormId id) {
    auto queue = std::make_shared<util::StreamQueue>(options_.max_queued_bytes);
    queue->send(frames_.retry(options_.retry));
    if (auto error = join(id, queue)) return *error;
    return queue;
}

std::optional<domain::Error> FormWatch::join(domain::FormId id,
                                             const std::shared_ptr<util::StreamQueue>& queue) {
    auto form = forms_.find(id);
    if (!form || !domain::published(*form)) {
        return domain::fail(domain::Errc::not_found, "no such form");
    }
    const auto status = domain::form_status(*form, clock_.now_millis());
    std::string first;
    for (const auto& p : form->products) first += frames_.stock(p);
    if (status != FormStatus::upcoming) first += frames_.form_status(id, told_as(status));
    queue->send(first);
    std::lock_guard lock(mutex_);
    auto [it, fresh] = watched_.try_emplace(id);
    if (fresh) {
        it->second.last = std::move(*form);
        it->second.status = status;
    }
    it->second.streams.push_back(queue);
    return std::nullopt;
}

void FormWatch::tick() {
    std::vector<domain::FormId> ids;
    {
        std::lock_guard lock(mutex_);
        for (auto it = watched_.begin(); it != watched_.end();) {
            auto& streams = it->second.streams;
            std::erase_if(streams, [](const auto& q) { return q->closed(); });
            if (streams.empty()) {
                it = watched_.erase(it);
            } else {
                ids.push_back(it->first);
                ++it;
            }
        }
    }
    for (const auto id : ids) {
        auto form = forms_.find(id);
        if (!form) continue;
        const auto status = domain::form_status(*form, clock_.now_millis());
        std::lock_guard lock(mutex_);
        auto it = watched_.find(id);
        if (it == watched_.end()) continue;
        auto& w = it->second;
        const auto text = changes(frames_, w.last, w.status, *form, status);
        w.last = std::move(*form);
        w.status = status;
        if (text.empty()) continue;
        for (auto& q : w.streams) q->send(text);
    }
}

}  // namespace formlympics::service
