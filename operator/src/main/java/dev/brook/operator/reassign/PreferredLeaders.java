package dev.brook.operator.reassign;

import static dev.brook.operator.kafka.KafkaCalls.await;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands leadership back to each partition's preferred replica (the first of its list) where that
 * replica is in sync but does not lead, as Kafka's {@code auto.leader.rebalance.enable} does: after
 * moves, a returning broker, or a roll.
 */
public final class PreferredLeaders {

  private static final Logger LOG = LoggerFactory.getLogger(PreferredLeaders.class);

  private PreferredLeaders() {}

  /** Partitions whose preferred leader is in sync and waiting; not touched by moves in flight. */
  public static Set<TopicPartition> waiting(ClusterLayout layout) {
    return layout.partitions().entrySet().stream()
        .filter(e -> !layout.moving().containsKey(e.getKey()))
        .filter(e -> e.getValue().preferredLeaderWaiting())
        .map(e -> new TopicPartition(e.getKey().topic(), e.getKey().partition()))
        .collect(Collectors.toSet());
  }

  /**
   * Elects the preferred leaders of {@link #waiting} partitions.
   *
   * @return how many partitions were asked for
   */
  public static int elect(Admin admin, ClusterLayout layout) {
    Set<TopicPartition> partitions = waiting(layout);
    if (partitions.isEmpty()) {
      return 0;
    }
    LOG.info("electing the preferred leaders of {} partitions", partitions.size());
    var results =
        await(admin.electLeaders(ElectionType.PREFERRED, partitions).partitions(), "elect leaders");
    results.forEach(
        (partition, error) -> {
          Optional<Throwable> failure =
              error.filter(e -> !(e instanceof ElectionNotNeededException));
          failure.ifPresent(
              e -> LOG.info("preferred leader of {} not elected: {}", partition, e.toString()));
        });
    return partitions.size();
  }
}
