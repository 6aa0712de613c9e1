#include "support/kafka_cluster.hpp"

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <stdexcept>

#include "kafka/kafka_bus.hpp"

namespace formlympics::test {

KafkaCluster::KafkaCluster(int brokers) {
    char error[512];
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    rd_kafka_conf_set(conf, "log_level", "3", error, sizeof error);  // the cluster's own chatter
    handle_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
    if (handle_ == nullptr) {
        rd_kafka_conf_destroy(conf);
        throw std::runtime_error(std::string("kafka mock: ") + error);
    }
    cluster_ = rd_kafka_mock_cluster_new(handle_, brokers);
    if (cluster_ == nullptr) {
        rd_kafka_destroy(handle_);
        throw std::runtime_error("kafka mock: cannot start a mock cluster");
    }
}

KafkaCluster::~KafkaCluster() {
    rd_kafka_mock_cluster_destroy(cluster_);
    rd_kafka_destroy(handle_);
}

std::string KafkaCluster::bootstraps() const { return rd_kafka_mock_cluster_bootstraps(cluster_); }

void KafkaCluster::create_topics(const std::string& prefix, int partitions) {
    for (const auto& topic : kafka::KafkaBus::topics(prefix)) {
        if (rd_kafka_mock_topic_create(cluster_, topic.c_str(), partitions, 1) !=
            RD_KAFKA_RESP_ERR_NO_ERROR) {
            throw std::runtime_error("kafka mock: cannot create " + topic);
        }
    }
}

void KafkaCluster::down() { rd_kafka_mock_broker_set_down(cluster_, -1); }

void KafkaCluster::up() { rd_kafka_mock_broker_set_up(cluster_, -1); }

}  // namespace formlympics::test
