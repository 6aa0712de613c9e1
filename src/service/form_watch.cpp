#include "service/form_watch.hpp"

#include <algorithm>
#include <string>
#include <utility>

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
        for (auto& s : w.streams) s.queue->close();
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
    // A watched form was read at most one read() ago: a stream that opens takes it from there,
    // so every buyer opening the page before the opening does not read the store.
    std::shared_ptr<const State> state;
    {
        std::lock_guard lock(mutex_);
        if (auto it = watched_.find(id); it != watched_.end()) state = it->second.now;
    }
    if (!state) {
        auto form = forms_.find(id);
        if (!form || !domain::published(*form)) {
            return domain::fail(domain::Errc::not_found, "no such form");
        }
        const auto status = domain::form_status(*form, clock_.now_millis());
        state = std::make_shared<const State>(State{std::move(*form), status});
    }
    std::string first;
    for (const auto& p : state->form.products) first += frames_.stock(p);
    if (state->status != FormStatus::upcoming) {
        first += frames_.form_status(id, told_as(state->status));
    }
    queue->send(first);
    std::lock_guard lock(mutex_);
    auto [it, fresh] = watched_.try_emplace(id);
    auto& w = it->second;
    if (fresh) w.now = state;
    w.streams.push_back(Watcher{queue, state});
    if (w.now != state) ++w.stale;  // a read came in between: the rest follows
    return std::nullopt;
}

void FormWatch::read() {
    std::vector<domain::FormId> ids;
    {
        std::lock_guard lock(mutex_);
        for (auto it = watched_.begin(); it != watched_.end();) {
            auto& w = it->second;
            std::erase_if(w.streams, [](const Watcher& s) { return s.queue->closed(); });
            if (w.streams.empty()) {
                it = watched_.erase(it);
                continue;
            }
            if (w.next >= w.streams.size()) w.next = 0;
            w.stale = static_cast<std::size_t>(
                std::count_if(w.streams.begin(), w.streams.end(),
                              [&w](const Watcher& s) { return s.told != w.now; }));
            ids.push_back(it->first);
            ++it;
        }
    }
    for (const auto id : ids) {
        auto form = forms_.find(id);
        const auto status =
            form ? domain::form_status(*form, clock_.now_millis()) : FormStatus::closed;
        std::lock_guard lock(mutex_);
        auto it = watched_.find(id);
        if (it == watched_.end()) continue;
        auto& w = it->second;
        if (!form) {  // deleted: its streams end, and reopening them finds no form
            for (auto& s : w.streams) s.queue->close();
            watched_.erase(it);
            continue;
        }
        if (changes(frames_, w.now->form, w.now->status, *form, status).empty()) continue;
        w.now = std::make_shared<const State>(State{std::move(*form), status});
        w.stale = w.streams.size();
    }
    send();
}

void FormWatch::send() {
    std::lock_guard lock(mutex_);
    const auto stale_forms = static_cast<std::size_t>(
        std::count_if(watched_.begin(), watched_.end(),
                      [](const auto& entry) { return entry.second.stale > 0; }));
    if (stale_forms == 0) return;
    // Each form with streams to tell gets its share of the round.
    const auto share = std::max<std::size_t>(1, options_.streams_per_send / stale_forms);
    for (auto& [id, w] : watched_) {
        if (w.stale > 0) send_some(w, share);
    }
}

void FormWatch::send_some(Watched& w, std::size_t budget) {
    // Most streams were told the same earlier state: each difference is written once.
    std::vector<std::pair<std::shared_ptr<const State>, std::string>> texts;
    std::size_t sent = 0;
    const auto n = w.streams.size();
    for (std::size_t k = 0; k < n && sent < budget && w.stale > 0; ++k) {
        auto& s = w.streams[w.next];
        w.next = (w.next + 1) % n;
        if (s.told == w.now) continue;
        auto text = std::find_if(texts.begin(), texts.end(),
                                 [&s](const auto& t) { return t.first == s.told; });
        if (text == texts.end()) {
            texts.emplace_back(
                s.told, changes(frames_, s.told->form, s.told->status, w.now->form, w.now->status));
            text = std::prev(texts.end());
        }
        if (!text->second.empty()) {
            s.queue->send(text->second);
            ++sent;
        }
        s.told = w.now;
        --w.stale;
    }
}

}  // namespace formlympics::service
