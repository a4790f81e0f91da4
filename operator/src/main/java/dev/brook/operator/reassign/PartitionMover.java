package dev.brook.operator.reassign;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.operator.kafka.KafkaCallException;
import dev.brook.placement.PartitionReassignment;
import dev.brook.placement.ReassignmentPlan;
import dev.brook.placement.TopicPartitionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitionReassignment;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link ReassignmentPlan} in batches with AlterPartitionReassignments, at most {@code
 * maxConcurrentMoves} partitions in flight. Each step starts from the cluster's own view (the moves
 * in flight come from ListPartitionReassignments), so a restarted operator picks up where the last
 * one stopped, and a move is only done when the controller has completed it (its new replicas in
 * sync). A move with a target replica on a broker that is no longer live, whether added or kept,
 * can never complete: it is cancelled, and the next plan, made without that broker, moves the
 * partition elsewhere (or reports it stuck until the broker is back).
 */
public final class PartitionMover {

  private static final Logger LOG = LoggerFactory.getLogger(PartitionMover.class);

  private PartitionMover() {}

  /**
   * @throws KafkaCallException when a call fails, or the controller refuses a submitted move (the
   *     message names the partitions and why)
   */
  public static MoveStep step(
      Admin admin, ClusterLayout layout, ReassignmentPlan plan, int maxConcurrentMoves) {
    List<TopicPartitionKey> cancelled = new ArrayList<>();
    List<TopicPartitionKey> moving = new ArrayList<>();
    layout
        .moving()
        .forEach(
            (partition, move) -> {
              if (layout.liveBrokers().keySet().containsAll(move.targetReplicas())) {
                moving.add(partition);
              } else {
                cancelled.add(partition);
              }
            });
    if (!cancelled.isEmpty()) {
      LOG.warn(
          "cancelling reassignments with a target replica on a broker that is not live: {}",
          cancelled);
      Map<TopicPartition, Optional<NewPartitionReassignment>> cancels = new LinkedHashMap<>();
      cancelled.forEach(partition -> cancels.put(topicPartition(partition), Optional.empty()));
      submit(admin, cancels, "cancel reassignments");
    }
    List<TopicPartitionKey> waiting = new ArrayList<>();
    Map<TopicPartition, Optional<NewPartitionReassignment>> batch = new LinkedHashMap<>();
    for (Map.Entry<TopicPartitionKey, PartitionReassignment> entry :
        plan.reassignments().entrySet()) {
      TopicPartitionKey partition = entry.getKey();
      if (moving.contains(partition) || cancelled.contains(partition)) {
        continue;
      }
      if (moving.size() + batch.size() >= maxConcurrentMoves) {
        waiting.add(partition);
        continue;
      }
      batch.put(
          topicPartition(partition),
          Optional.of(new NewPartitionReassignment(entry.getValue().targetReplicas())));
    }
    if (!batch.isEmpty()) {
      LOG.info("reassigning {} partitions: {}", batch.size(), batch);
      submit(admin, batch, "reassign partitions");
      batch.keySet().forEach(tp -> moving.add(new TopicPartitionKey(tp.topic(), tp.partition())));
    }
    return new MoveStep(moving, waiting, cancelled);
  }

  private static void submit(
      Admin admin, Map<TopicPartition, Optional<NewPartitionReassignment>> moves, String what) {
    Map<TopicPartition, KafkaFuture<Void>> results =
        admin.alterPartitionReassignments(moves).values();
    List<String> refused = new ArrayList<>();
    results.forEach(
        (partition, result) -> {
          try {
            await(result, what);
          } catch (KafkaCallException e) {
            if (!(e.getCause() instanceof NoReassignmentInProgressException)) {
              refused.add(partition + ": " + e.getMessage());
            }
          }
        });
    if (!refused.isEmpty()) {
      throw new KafkaCallException(what + " refused for " + refused, null);
    }
  }

  private static TopicPartition topicPartition(TopicPartitionKey partition) {
    return new TopicPartition(partition.topic(), partition.partition());
  }
}
