#include "bench/kafka_mock.hpp"

#include <signal.h>

#include <iostream>

#include "support/kafka_cluster.hpp"

namespace formlympics::bench {

int run_kafka_mock(const std::string& prefix, int partitions) {
    // Block the stop signals before the cluster starts its threads, so they inherit the mask
    // and the signal is taken here by sigwait.
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, nullptr);

    test::KafkaCluster cluster;
    cluster.create_topics(prefix, partitions);
    std::cout << cluster.bootstraps() << std::endl;
    int signal = 0;
    sigwait(&stop, &signal);
    return 0;
}

}  // namespace formlympics::bench
