package dev.brook.operator.reassign;

import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.operator.kafka.KafkaCalls;
import dev.brook.placement.TopicPartitionKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * How many bytes the reassignments in flight have copied: for every target replica still out of the
 * ISR, its log's size against the leader's (read with DescribeLogDirs, as {@code kafka-log-dirs}
 * does). A replica that joined the ISR has nothing left to copy and no longer counts, so the
 * numbers are those of the copying still to finish.
 *
 * @param copied bytes on the catching-up replicas, each counted up to its leader's size
 * @param toCopy the leaders' sizes, once per catching-up replica
 */
public record CopyProgress(long copied, long toCopy) {

  /**
   * The copy progress of {@code layout}'s moves, empty when nothing is copying or a broker cannot
   * describe its log dirs (an older broker).
   *
   * @throws KafkaCallException when the brokers do not answer
   */
  public static Optional<CopyProgress> read(Admin admin, ClusterLayout layout) {
    Map<TopicPartitionKey, Set<Integer>> catchingUp = catchingUp(layout);
    if (catchingUp.isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> brokers = new TreeSet<>();
    catchingUp.forEach(
        (partition, replicas) -> {
          brokers.addAll(replicas);
          brokers.add(layout.partitions().get(partition).leader());
        });
    brokers.retainAll(layout.liveBrokers().keySet());
    Map<Integer, Map<String, LogDirDescription>> dirs;
    try {
      dirs =
          KafkaCalls.await(admin.describeLogDirs(brokers).allDescriptions(), "describe log dirs");
    } catch (KafkaCallException e) {
      if (e.getCause() instanceof UnsupportedVersionException) {
        return Optional.empty();
      }
      throw e;
    }
    long copied = 0;
    long toCopy = 0;
    for (Map.Entry<TopicPartitionKey, Set<Integer>> entry : catchingUp.entrySet()) {
      TopicPartition partition =
          new TopicPartition(entry.getKey().topic(), entry.getKey().partition());
      long leaderSize = size(dirs.get(layout.partitions().get(entry.getKey()).leader()), partition);
      for (int replica : entry.getValue()) {
        copied += Math.min(leaderSize, size(dirs.get(replica), partition));
        toCopy += leaderSize;
      }
    }
    return Optional.of(new CopyProgress(copied, toCopy));
  }

  /** The target replicas of each move in flight that are not in the ISR yet. */
  static Map<TopicPartitionKey, Set<Integer>> catchingUp(ClusterLayout layout) {
    Map<TopicPartitionKey, Set<Integer>> catchingUp = new TreeMap<>();
    layout
        .moving()
        .forEach(
            (partition, move) -> {
              PartitionState state = layout.partitions().get(partition);
              if (state == null || state.leader() < 0) {
                return;
              }
              Set<Integer> outOfSync = new TreeSet<>(move.targetReplicas());
              outOfSync.removeAll(state.isr());
              if (!outOfSync.isEmpty()) {
                catchingUp.put(partition, outOfSync);
              }
            });
    return catchingUp;
  }

  private static long size(Map<String, LogDirDescription> dirs, TopicPartition partition) {
    if (dirs == null) {
      return 0;
    }
    return dirs.values().stream()
        .map(dir -> dir.replicaInfos().get(partition))
        .filter(info -> info != null)
        .mapToLong(ReplicaInfo::size)
        .max()
        .orElse(0);
  }
}
