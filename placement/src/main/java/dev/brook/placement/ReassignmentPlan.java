package dev.brook.placement;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A set of partition reassignments, in partition order. Only partitions whose replica list changes
 * (members or order) appear. Immutable.
 */
public final class ReassignmentPlan {

  private final SortedMap<TopicPartitionKey, PartitionReassignment> reassignments;

  ReassignmentPlan(SortedMap<TopicPartitionKey, PartitionReassignment> reassignments) {
    this.reassignments = Collections.unmodifiableSortedMap(new TreeMap<>(reassignments));
  }

  /** Builds the plan that turns {@code current} into {@code target}, skipping unchanged lists. */
  static ReassignmentPlan between(ReplicaAssignment current, ReplicaAssignment target) {
    SortedMap<TopicPartitionKey, PartitionReassignment> changes = new TreeMap<>();
    target
        .asMap()
        .forEach(
            (partition, replicas) -> {
              List<Integer> before = current.replicas(partition);
              if (!before.equals(replicas)) {
                changes.put(partition, new PartitionReassignment(before, replicas));
              }
            });
    return new ReassignmentPlan(changes);
  }

  public SortedMap<TopicPartitionKey, PartitionReassignment> reassignments() {
    return reassignments;
  }

  /** This plan with only the reassignments {@code keep} accepts. */
  public ReassignmentPlan filter(
      java.util.function.BiPredicate<TopicPartitionKey, PartitionReassignment> keep) {
    SortedMap<TopicPartitionKey, PartitionReassignment> kept = new TreeMap<>();
    reassignments.forEach(
        (partition, move) -> {
          if (keep.test(partition, move)) {
            kept.put(partition, move);
          }
        });
    return new ReassignmentPlan(kept);
  }

  public boolean isEmpty() {
    return reassignments.isEmpty();
  }

  /** Replicas to copy in total; reorder-only entries count zero. */
  public int movedReplicaCount() {
    return reassignments.values().stream().mapToInt(PartitionReassignment::movedReplicaCount).sum();
  }

  /** The assignment after every reassignment of this plan completed. */
  public ReplicaAssignment applyTo(ReplicaAssignment assignment) {
    SortedMap<TopicPartitionKey, List<Integer>> targets = new TreeMap<>();
    reassignments.forEach((partition, move) -> targets.put(partition, move.targetReplicas()));
    return assignment.with(targets);
  }

  @Override
  public String toString() {
    return "ReassignmentPlan" + reassignments;
  }
}
