#include "kafka/kafka_bus.hpp"

#include <librdkafka/rdkafka.h>

#include <stdexcept>
#include <utility>

#include "kafka/event_codec.hpp"
#include "util/logging.hpp"

namespace formlympics::kafka {
namespace {

constexpr int kMetadataTimeoutMs = 2000;
constexpr int kPollMs = 100;
// Events handed to the consumers at once, at most.
constexpr std::size_t kMaxBatch = 256;

// What one publish waits for; the delivery-report callback counts it down on the publishing
// thread (reports are served by rd_kafka_poll there).
struct Delivery {
    std::size_t pending = 0;
    bool failed = false;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
    auto* d = static_cast<Delivery*>(m->_private);
    if (d == nullptr) return;
    if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (!d->failed) logging::warn("kafka: event not delivered: {}", rd_kafka_err2str(m->err));
        d->failed = true;
    }
    --d->pending;
}

// librdkafka's log lines (syslog levels) into ours: its errors are mostly transient (a broker
// gone, a reconnect), so they are warnings; its chatter is debug.
void on_log(const rd_kafka_t*, int level, const char* facility, const char* message) {
    const auto ours = level <= 4   ? logging::Level::warn
                      : level <= 6 ? logging::Level::debug
                                   : logging::Level::trace;
    logging::log(ours, "kafka: {} {}", facility, message);
}

rd_kafka_conf_t* make_conf(const std::vector<std::pair<std::string, std::string>>& settings) {
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set_log_cb(conf, on_log);
    char error[512];
    for (const auto& [name, value] : settings) {
        if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), error, sizeof error) !=
            RD_KAFKA_CONF_OK) {
            rd_kafka_conf_destroy(conf);
            throw std::runtime_error("kafka: " + std::string(error));
        }
    }
    return conf;
}

rd_kafka_t* make_client(rd_kafka_type_t type, rd_kafka_conf_t* conf) {
    char error[512];
    rd_kafka_t* rk = rd_kafka_new(type, conf, error, sizeof error);
    if (rk == nullptr) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error("kafka: " + std::string(error));
    }
    return rk;  // owns conf now
}

// Marks a message handled: auto-commit then commits the offset after it.
void store_offset_after(rd_kafka_t* consumer, const rd_kafka_message_t* m) {
    auto* list = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(list, rd_kafka_topic_name(m->rkt), m->partition)->offset =
        m->offset + 1;
    if (auto err = rd_kafka_offsets_store(consumer, list)) {
        logging::warn("kafka: cannot store an offset: {}", rd_kafka_err2str(err));
    }
    rd_kafka_topic_partition_list_destroy(list);
}

}  // namespace

std::vector<std::string> KafkaBus::topics(const std::string& prefix) {
    std::vector<std::string> out;
    for (const char* family : {"likes", "orders", "forms"}) out.push_back(prefix + "." + family);
    return out;
}

KafkaBus::KafkaBus(Options options) : options_(std::move(options)) {
    producer_ = make_producer();
    // Naming the topics locally makes one metadata request ask for them all, which creates them
    // where the cluster auto-creates topics. Brokers that are down only delay this.
    std::vector<rd_kafka_topic_t*> handles;
    for (const auto& t : topics(options_.prefix)) {
        handles.push_back(rd_kafka_topic_new(producer_, t.c_str(), nullptr));
    }
    const rd_kafka_metadata_t* metadata = nullptr;
    if (rd_kafka_metadata(producer_, 0, nullptr, &metadata, kMetadataTimeoutMs) ==
        RD_KAFKA_RESP_ERR_NO_ERROR) {
        rd_kafka_metadata_destroy(metadata);
    } else {
        logging::warn("kafka: brokers at {} do not answer yet; events wait in the outbox",
                      options_.brokers);
    }
    for (auto* h : handles) rd_kafka_topic_destroy(h);
}

void KafkaBus::stop() {
    stopping_ = true;
    if (consumer_.joinable()) consumer_.join();
}

KafkaBus::~KafkaBus() {
    stop();
    std::lock_guard lock(publish_mutex_);
    rd_kafka_flush(producer_, 1000);
    rd_kafka_destroy(producer_);
}

rd_kafka_t* KafkaBus::make_producer() {
    auto* conf =
        make_conf({{"bootstrap.servers", options_.brokers},
                   {"client.id", "formlympics"},
                   {"enable.idempotence", "true"},
                   {"message.timeout.ms", std::to_string(options_.delivery_timeout.count())},
                   {"linger.ms", "1"},
                   {"reconnect.backoff.max.ms", "1000"}});
    rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
    return make_client(RD_KAFKA_PRODUCER, conf);
}

bool KafkaBus::publish(const std::vector<domain::OutboxEvent>& events) {
    std::lock_guard lock(publish_mutex_);
    Delivery delivery;
    for (const auto& e : events) {
        const auto topic = options_.prefix + "." + std::string(domain::event_family(e.kind));
        const auto key = std::to_string(e.receiver_id);
        auto value = encode_event(e);
        rd_kafka_resp_err_t err;
        while ((err = rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(topic.c_str()),
                                        RD_KAFKA_V_KEY(key.data(), key.size()),
                                        RD_KAFKA_V_VALUE(value.data(), value.size()),
                                        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                                        RD_KAFKA_V_OPAQUE(&delivery), RD_KAFKA_V_END)) ==
               RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            rd_kafka_poll(producer_, kPollMs);
        }
        if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
            logging::warn("kafka: cannot produce to {}: {}", topic, rd_kafka_err2str(err));
            delivery.failed = true;
            break;
        }
        ++delivery.pending;
    }
    // Every produced message gets a report within the delivery timeout, so this ends.
    while (delivery.pending > 0) rd_kafka_poll(producer_, kPollMs);

    char reason[256];
    if (rd_kafka_fatal_error(producer_, reason, sizeof reason) != RD_KAFKA_RESP_ERR_NO_ERROR) {
        // An idempotent producer that lost its sequence cannot go on; a new one can.
        logging::error("kafka: producer failed ({}); starting a new one", reason);
        rd_kafka_destroy(producer_);
        producer_ = make_producer();
        return false;
    }
    return !delivery.failed;
}

void KafkaBus::subscribe(Handler handler) {
    std::lock_guard lock(handlers_mutex_);
    handlers_.push_back(std::move(handler));
    if (!consumer_.joinable()) consumer_ = std::thread([this] { consume(); });
}

bool KafkaBus::handle(const std::vector<domain::OutboxEvent>& events) {
    std::vector<Handler> handlers;
    {
        std::lock_guard lock(handlers_mutex_);
        handlers = handlers_;
    }
    try {
        for (const auto& h : handlers) h(events);
        return true;
    } catch (const std::exception& ex) {
        logging::warn("kafka: events {} to {} not handled ({}); they come again", events.front().id,
                      events.back().id, ex.what());
        return false;
    }
}

void KafkaBus::consume() {
    rd_kafka_t* consumer = nullptr;
    try {
        // Offsets are stored by hand after the handlers returned, and only stored offsets are
        // committed (periodically, and when the consumer closes).
        consumer = make_client(
            RD_KAFKA_CONSUMER,
            make_conf({{"bootstrap.servers", options_.brokers},
                       {"client.id", "formlympics"},
                       {"group.id", options_.prefix + ".notifications"},
                       {"enable.auto.commit", "true"},
                       {"enable.auto.offset.store", "false"},
                       {"auto.commit.interval.ms", "200"},
                       {"auto.offset.reset", "earliest"},
                       {"allow.auto.create.topics", "true"},
                       {"topic.metadata.refresh.interval.ms", "5000"},
                       {"session.timeout.ms", std::to_string(options_.session_timeout.count())},
                       {"reconnect.backoff.max.ms", "1000"},
                       {"fetch.wait.max.ms", "20"}}));
    } catch (const std::exception& ex) {
        logging::error("{}; no events are consumed", ex.what());
        return;
    }
    rd_kafka_poll_set_consumer(consumer);
    auto* subscription = rd_kafka_topic_partition_list_new(3);
    for (const auto& t : topics(options_.prefix)) {
        rd_kafka_topic_partition_list_add(subscription, t.c_str(), RD_KAFKA_PARTITION_UA);
    }
    if (auto err = rd_kafka_subscribe(consumer, subscription)) {
        logging::error("kafka: cannot subscribe: {}", rd_kafka_err2str(err));
    }
    rd_kafka_topic_partition_list_destroy(subscription);

    std::vector<rd_kafka_message_t*> taken;
    std::vector<domain::OutboxEvent> events;
    while (!stopping_) {
        // A batch: the first message waited for, then whatever already waits behind it.
        taken.clear();
        events.clear();
        for (int wait = kPollMs; taken.size() < kMaxBatch; wait = 0) {
            rd_kafka_message_t* m = rd_kafka_consumer_poll(consumer, wait);
            if (m == nullptr) break;
            if (m->err != RD_KAFKA_RESP_ERR_NO_ERROR) {
                if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) {
                    logging::warn("kafka: {}", rd_kafka_message_errstr(m));
                }
                rd_kafka_message_destroy(m);
                continue;
            }
            if (auto event = decode_event({static_cast<const char*>(m->payload), m->len})) {
                events.push_back(std::move(*event));
            } else {
                logging::error("kafka: skipping a message that is no event ({} [{}] at {})",
                               rd_kafka_topic_name(m->rkt), m->partition, m->offset);
            }
            taken.push_back(m);
        }
        // Until the handlers took the batch, nothing later is handled and no offset moves; when
        // stopping, the events stay uncommitted for the next consumer.
        bool done = events.empty();
        while (!done && !(done = handle(events)) && !stopping_) {
            std::this_thread::sleep_for(options_.retry_pause);
        }
        for (auto* m : taken) {
            if (done) store_offset_after(consumer, m);
            rd_kafka_message_destroy(m);
        }
    }
    rd_kafka_consumer_close(consumer);  // commits what was stored
    rd_kafka_destroy(consumer);
}

}  // namespace formlympics::kafka
