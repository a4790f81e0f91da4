package dev.brook.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Where a cluster's replicas and preferred leaders are, read through the Admin API (internal topics
 * included), and the assertions the healing and scaling tests make on it.
 */
public final class PartitionLayouts {

  private PartitionLayouts() {}

  public static Map<String, TopicDescription> describeAll(Admin admin) throws Exception {
    Set<String> names =
        admin
            .listTopics(new ListTopicsOptions().listInternal(true))
            .names()
            .get(30, TimeUnit.SECONDS);
    return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
  }

  public static Map<Integer, Integer> replicasPerBroker(Admin admin) throws Exception {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        partition.replicas().forEach(node -> counts.merge(node.id(), 1, Integer::sum));
      }
    }
    return counts;
  }

  public static Map<Integer, Integer> preferredLeadersPerBroker(Admin admin) throws Exception {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        counts.merge(partition.replicas().get(0).id(), 1, Integer::sum);
      }
    }
    return counts;
  }

  /** No broker above 1.2 times the mean (or the mean rounded up, for small counts). */
  public static void assertWithinBound(Map<Integer, Integer> counts, String what) {
    double mean = counts.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    double bound = Math.max(Math.ceil(mean), 1.2 * mean);
    assertThat(counts.values())
        .as("%s %s (mean %.2f)", what, counts, mean)
        .allMatch(n -> n <= bound);
  }

  /**
   * Within each rack, no broker further than 20% (or one) from the rack's mean. Racks hold what
   * rack spread gives them: with three racks, a broker alone in its rack holds a replica of every
   * partition of replication factor three, so the cluster-wide mean is no yardstick.
   */
  public static void assertEvenWithinRacks(Admin admin, Map<Integer, Integer> counts, String what)
      throws Exception {
    Map<String, List<Integer>> brokersByRack =
        admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
            .collect(
                Collectors.groupingBy(
                    Node::rack, TreeMap::new, Collectors.mapping(Node::id, Collectors.toList())));
    brokersByRack.forEach(
        (rack, brokers) -> {
          double mean =
              brokers.stream().mapToInt(b -> counts.getOrDefault(b, 0)).average().orElse(0);
          double slack = Math.max(1, 0.2 * mean);
          assertThat(brokers)
              .as("%s %s, rack %s %s (mean %.2f)", what, counts, rack, brokers, mean)
              .allMatch(b -> Math.abs(counts.getOrDefault(b, 0) - mean) <= slack);
        });
  }

  /** Every partition has its full replica set in sync, none on {@code absent}, across 3 racks. */
  public static void assertFullyReplicatedWithout(Admin admin, int absent) throws Exception {
    for (TopicDescription topic : describeAll(admin).values()) {
      for (TopicPartitionInfo partition : topic.partitions()) {
        String name = topic.name() + "-" + partition.partition();
        assertThat(partition.replicas()).as(name).extracting(Node::id).doesNotContain(absent);
        assertThat(partition.isr()).as(name + " ISR").hasSameSizeAs(partition.replicas());
        if (partition.replicas().size() == 3) {
          assertThat(partition.replicas().stream().map(Node::rack).collect(Collectors.toSet()))
              .as(name + " racks")
              .hasSize(3);
        }
      }
    }
  }
}
