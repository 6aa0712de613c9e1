#pragma once

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bus/event_bus.hpp"

using rd_kafka_t = struct rd_kafka_s;

namespace formlympics::kafka {

// The event bus over Kafka. Each event goes to the topic of its family ("<prefix>.likes",
// "<prefix>.orders", "<prefix>.forms") keyed by its receiver, so one user's events keep their
// order; the producer is idempotent. Every instance consumes in one consumer group
// ("<prefix>.notifications") and commits an event's offset only after the handlers returned:
// at-least-once, so consumers must tolerate redelivery (the notification store does).
class KafkaBus final : public bus::EventBus {
  public:
    struct Options {
        std::string brokers;  // bootstrap.servers, host:port[,host:port...]
        std::string prefix = "formlympics";
        // How long a publish waits for the brokers' acknowledgement before giving up.
        std::chrono::milliseconds delivery_timeout{5000};
        // How long the consumer waits after a handler failed before handing the event again.
        std::chrono::milliseconds retry_pause{500};
        // How long a crashed instance's partitions stay with it before they move on.
        std::chrono::milliseconds session_timeout{10000};
    };

    // Creates the producer and asks the brokers for the topics (creating them where the
    // cluster allows it). Throws std::runtime_error on a configuration librdkafka refuses.
    explicit KafkaBus(Options options);
    ~KafkaBus() override;
    void stop() override;

    // Produces every event and waits for the brokers' acknowledgements; false when any event
    // was refused or not acknowledged within the delivery timeout (the caller sends them again).
    bool publish(const std::vector<domain::OutboxEvent>& events) override;
    // Adds a handler; the first one starts the consumer. A handler that throws leaves the event
    // uncommitted and gets it again after the retry pause, before any later event of its
    // partition.
    void subscribe(Handler handler) override;

    // The topics a prefix names, one per event family.
    static std::vector<std::string> topics(const std::string& prefix);

  private:
    rd_kafka_t* make_producer();
    void consume();
    bool handle(const std::vector<domain::OutboxEvent>& events);

    Options options_;
    std::mutex publish_mutex_;  // one batch at a time owns the producer's delivery reports
    rd_kafka_t* producer_ = nullptr;
    std::mutex handlers_mutex_;
    std::vector<Handler> handlers_;
    std::atomic<bool> stopping_{false};
    std::thread consumer_;
};

}  // namespace formlympics::kafka
