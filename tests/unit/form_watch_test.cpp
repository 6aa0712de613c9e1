// Forms' live streams: a change reaches every watcher once, as the newest state that watcher was
// not told, and a form watched by more streams than one send covers is told a share at a time.
#include "service/form_watch.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "support/manual_clock.hpp"

namespace formlympics::service {
namespace {

using namespace std::chrono_literals;
using domain::Millis;

// The store's stand-in: forms kept in memory, read through find() alone.
class MemoryForms final : public store::FormRepository {
  public:
    std::map<domain::FormId, domain::Form> forms;
    int reads = 0;

    std::optional<domain::Form> find(domain::FormId id) override {
        ++reads;
        auto it = forms.find(id);
        if (it == forms.end()) return std::nullopt;
        return it->second;
    }
    domain::Form create(const store::NewForm&) override { throw unused(); }
    store::FormPage list(const store::FormFilter&, std::size_t, std::optional<domain::FormId>,
                         Millis) override {
        throw unused();
    }
    store::FormPage list_by_seller(domain::UserId, const store::SellerFilter&, std::size_t,
                                   std::optional<domain::FormId>, Millis) override {
        throw unused();
    }
    std::map<domain::FormId, std::map<std::string, std::int64_t>> order_counts(
        const std::vector<domain::FormId>&) override {
        throw unused();
    }
    domain::Result<domain::Form> update(domain::FormId, const store::FormChanges&,
                                        std::optional<Millis>) override {
        throw unused();
    }
    domain::Result<domain::Form> set_visibility(domain::FormId, domain::Visibility,
                                                Millis) override {
        throw unused();
    }
    domain::Result<std::vector<std::string>> remove(domain::FormId) override { throw unused(); }
    std::optional<domain::Form> close(domain::FormId, Millis) override { throw unused(); }
    std::vector<store::OpeningSoon> opening_soon(Millis, Millis, std::size_t) override {
        throw unused();
    }
    bool announce_opening(domain::FormId, const std::string&, Millis) override { throw unused(); }

  private:
    static std::logic_error unused() { return std::logic_error("not used by the form watch"); }
};

// Frames as short text, so a stream's bytes read as what it was told.
class TextFrames final : public StreamFrames {
  public:
    std::string retry(std::chrono::milliseconds) const override { return ""; }
    std::string unread(const domain::NotificationMark&) const override { return ""; }
    std::string notification(const domain::Notification&) const override { return ""; }
    std::string stock(const domain::Product& p) const override {
        return "stock " + std::to_string(p.id) + "=" + std::to_string(p.stock_remaining) + ";";
    }
    std::string form_status(domain::FormId, FormStreamStatus status) const override {
        return status == FormStreamStatus::opened     ? "opened;"
               : status == FormStreamStatus::sold_out ? "sold_out;"
                                                      : "closed;";
    }
};

class FormWatchTest : public ::testing::Test {
  protected:
    test::ManualClock clock_;
    MemoryForms store_;
    TextFrames frames_;

    // An open form with one product of `stock` units.
    void add_form(domain::FormId id, std::int64_t stock) {
        domain::Form f;
        f.id = id;
        f.opens_at = clock_.now_millis() - 1000;
        f.closes_at = clock_.now_millis() + std::int64_t{3600} * 1000;
        domain::Product p;
        p.id = id * 10;
        p.form_id = id;
        p.stock_total = p.stock_remaining = stock;
        f.products.push_back(p);
        store_.forms[id] = f;
    }
    void set_stock(domain::FormId id, std::int64_t remaining) {
        store_.forms[id].products[0].stock_remaining = remaining;
    }
    std::vector<std::shared_ptr<util::StreamQueue>> open(FormWatch& watch, domain::FormId id,
                                                         int n) {
        std::vector<std::shared_ptr<util::StreamQueue>> out;
        for (int i = 0; i < n; ++i) {
            auto q = watch.open(id);
            EXPECT_TRUE(q);
            out.push_back(q.value());
            out.back()->take();  // what it is told as it opens
        }
        return out;
    }
    static std::size_t told(const std::vector<std::shared_ptr<util::StreamQueue>>& streams) {
        return static_cast<std::size_t>(std::count_if(
            streams.begin(), streams.end(), [](const auto& q) { return q->queued_bytes() > 0; }));
    }
};

FormWatch::Options per_send(std::size_t n) {
    FormWatch::Options o;
    o.streams_per_send = n;
    return o;
}

TEST_F(FormWatchTest, StreamsOpenWithTheFormsStockAndStatus) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(250));
    auto q = watch.open(1);
    ASSERT_TRUE(q);
    EXPECT_EQ(q.value()->take(), "stock 10=5;opened;");
    EXPECT_FALSE(watch.open(2)) << "no such form";
    store_.forms[1].visibility = domain::Visibility::DRAFT;
    FormWatch fresh(store_, clock_, frames_, per_send(250));
    EXPECT_FALSE(fresh.open(1)) << "a draft is watched by no one";
}

TEST_F(FormWatchTest, FewWatchersAreToldAtOnce) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(250));
    auto streams = open(watch, 1, 3);
    set_stock(1, 4);
    watch.read();
    for (auto& q : streams) EXPECT_EQ(q->take(), "stock 10=4;");
    watch.read();
    watch.send();
    for (auto& q : streams) EXPECT_EQ(q->take(), "") << "nothing changed: nothing is sent";
}

TEST_F(FormWatchTest, ManyWatchersAreToldAShareAtATimeEachTheNewestStateOnce) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(4));
    auto streams = open(watch, 1, 10);

    set_stock(1, 3);
    watch.read();
    EXPECT_EQ(told(streams), 4u) << "one send tells no more streams than its share";
    for (int i = 0; i < 4; ++i) EXPECT_EQ(streams[i]->take(), "stock 10=3;");

    // It sells out before the others were told: they hear the newest state alone, and the first
    // four hear what changed since they were told.
    set_stock(1, 0);
    watch.read();
    EXPECT_EQ(told(streams), 4u);
    watch.send();
    EXPECT_EQ(told(streams), 8u);
    watch.send();
    watch.send();
    watch.send();
    EXPECT_EQ(told(streams), 10u);
    for (auto& q : streams) EXPECT_EQ(q->take(), "stock 10=0;sold_out;");
    watch.send();
    watch.read();
    EXPECT_EQ(told(streams), 0u) << "each stream was told once";
}

TEST_F(FormWatchTest, HotFormsShareEachSend) {
    add_form(1, 5);
    add_form(2, 5);
    FormWatch watch(store_, clock_, frames_, per_send(4));
    auto first = open(watch, 1, 6);
    auto second = open(watch, 2, 6);
    set_stock(1, 1);
    set_stock(2, 2);
    watch.read();
    EXPECT_EQ(told(first), 2u);
    EXPECT_EQ(told(second), 2u);
    for (int i = 0; i < 2; ++i) watch.send();
    EXPECT_EQ(told(first), 6u);
    EXPECT_EQ(told(second), 6u);
    for (auto& q : second) EXPECT_EQ(q->take(), "stock 20=2;");
}

TEST_F(FormWatchTest, AStreamOfAWatchedFormOpensWithoutReadingTheStore) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(250));
    open(watch, 1, 1);
    EXPECT_EQ(store_.reads, 1);
    auto later = open(watch, 1, 5);
    EXPECT_EQ(store_.reads, 1) << "later streams take the state read last";
    set_stock(1, 2);
    watch.read();
    EXPECT_EQ(store_.reads, 2);
    auto q = watch.open(1);
    ASSERT_TRUE(q);
    EXPECT_EQ(q.value()->take(), "stock 10=2;opened;") << "it opens with the newest state read";
    for (auto& s : later) EXPECT_EQ(s->take(), "stock 10=2;");
}

TEST_F(FormWatchTest, ADeletedFormEndsItsStreams) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(250));
    auto streams = open(watch, 1, 2);
    store_.forms.erase(1);
    watch.read();
    for (auto& q : streams) EXPECT_TRUE(q->closed());
    EXPECT_FALSE(watch.open(1)) << "a stream opened after it finds no form";
}

TEST_F(FormWatchTest, ClosedStreamsAreDroppedAndTheLastOneEndsTheWatch) {
    add_form(1, 5);
    FormWatch watch(store_, clock_, frames_, per_send(2));
    auto streams = open(watch, 1, 4);
    streams[0]->close();
    streams[1]->close();
    set_stock(1, 1);
    watch.read();
    EXPECT_EQ(streams[2]->take(), "stock 10=1;");
    EXPECT_EQ(streams[3]->take(), "stock 10=1;") << "the share goes to the open streams";
    streams[2]->close();
    streams[3]->close();
    watch.read();
    const auto reads = store_.reads;
    watch.read();
    EXPECT_EQ(store_.reads, reads) << "a form no one watches is not read";
}

}  // namespace
}  // namespace formlympics::service
