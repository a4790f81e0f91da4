package dev.brook.operator.cluster;

import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.kafka.KafkaCalls;
import dev.brook.operator.reassign.ClusterLayout;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.BrokerIdNotRegisteredException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets brokers that were removed: a broker id the spec no longer wants, whose pod is gone, that
 * is fenced and holds no replica is unregistered (UnregisterBroker, as {@code kafka-cluster
 * unregister} does), so it leaves the cluster's metadata instead of staying there fenced for good.
 */
final class RemovedBrokers {

  private static final Logger LOG = LoggerFactory.getLogger(RemovedBrokers.class);

  private RemovedBrokers() {}

  /**
   * @return the brokers unregistered now
   * @throws KafkaCallException when the brokers do not answer
   */
  static List<Integer> unregister(
      Admin admin, Set<Integer> wanted, BrokerFleet fleet, ClusterLayout layout) {
    List<Integer> removed =
        KafkaCalls.await(
                admin
                    .describeCluster(new DescribeClusterOptions().includeFencedBrokers(true))
                    .nodes(),
                "describe cluster with fenced brokers")
            .stream()
            .filter(Node::isFenced)
            .map(Node::id)
            .filter(id -> !wanted.contains(id))
            .filter(id -> fleet.pod(id).isEmpty())
            .filter(id -> !layout.brokersWithReplicas().contains(id))
            .toList();
    for (int id : removed) {
      try {
        KafkaCalls.await(admin.unregisterBroker(id).all(), "unregister broker " + id);
        LOG.info("unregistered removed broker {}", id);
      } catch (KafkaCallException e) {
        if (e.getCause() instanceof UnsupportedVersionException
            || e.getCause() instanceof BrokerIdNotRegisteredException) {
          continue;
        }
        throw e;
      }
    }
    return removed;
  }
}
