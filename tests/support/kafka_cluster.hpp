#pragma once

#include <string>

typedef struct rd_kafka_s rd_kafka_t;
typedef struct rd_kafka_mock_cluster_s rd_kafka_mock_cluster_t;

namespace formlympics::test {

// librdkafka's mock Kafka cluster (rdkafka_mock.h): real brokers on loopback ports that any
// client, in this process or another, reaches by bootstraps(); tests take them down and up.
class KafkaCluster {
  public:
    // Starts `brokers` brokers; throws std::runtime_error when librdkafka cannot.
    explicit KafkaCluster(int brokers = 1);
    ~KafkaCluster();
    KafkaCluster(const KafkaCluster&) = delete;
    KafkaCluster& operator=(const KafkaCluster&) = delete;

    // host:port,... for bootstrap.servers.
    std::string bootstraps() const;
    // Creates the topics a bus prefix names, with `partitions` partitions each.
    void create_topics(const std::string& prefix, int partitions);
    // Disconnects every broker and refuses new connections, until up().
    void down();
    void up();

  private:
    rd_kafka_t* handle_ = nullptr;
    rd_kafka_mock_cluster_t* cluster_ = nullptr;
};

}  // namespace formlympics::test
