#pragma once

#include <string>

namespace formlympics::bench {

// Holds librdkafka's mock Kafka cluster (one broker, the bus topics of `prefix` with
// `partitions` each) for servers in other processes: prints its bootstrap servers on one line,
// then runs until SIGINT or SIGTERM. 0 on a clean stop.
int run_kafka_mock(const std::string& prefix, int partitions);

}  // namespace formlympics::bench
