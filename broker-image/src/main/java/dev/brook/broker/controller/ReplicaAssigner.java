package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.MetadataImage;
import java.util.List;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;

/** Chooses the replicas of new partitions; index 0 of each list is the preferred leader. */
@FunctionalInterface
public interface ReplicaAssigner {

  /**
   * @param firstPartition index of the first new partition (0 for a new topic)
   * @throws InvalidReplicationFactorException when the cluster cannot host {@code
   *     replicationFactor} distinct replicas
   */
  List<List<Integer>> assign(
      MetadataImage image, String topic, int firstPartition, int count, short replicationFactor);
}
