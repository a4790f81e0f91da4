package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.PartitionRegistration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.apache.kafka.common.errors.InvalidReplicaAssignmentException;
import org.apache.kafka.common.errors.NoReassignmentInProgressException;

/**
 * The registration changes of a partition reassignment (KIP-455), as pure functions:
 *
 * <ol>
 *   <li>start: replicas become target ∪ original (target first), the new ones marked adding and the
 *       leaving ones removing; the ISR and the leader stay, so nothing is under-replicated;
 *   <li>the new replicas fetch from the leader and join the ISR one by one;
 *   <li>complete, once every adding replica is in the ISR: replicas become the target, the ISR
 *       keeps its target members only, and a leader outside the target hands over to the first
 *       in-sync target replica (new leader epoch);
 *   <li>cancel, at any time before completion: back to the original replicas, the same way.
 * </ol>
 */
public final class PartitionReassigner {

  private PartitionReassigner() {}

  /**
   * @param isRegistered whether a broker id belongs to the cluster
   * @throws InvalidReplicaAssignmentException for an empty target, duplicates or unknown brokers
   */
  public static PartitionRegistration start(
      PartitionRegistration current, List<Integer> target, IntPredicate isRegistered) {
    validate(target, isRegistered);
    List<Integer> original = current.originalReplicas();
    Set<Integer> union = new LinkedHashSet<>(target);
    union.addAll(original);
    List<Integer> adding = target.stream().filter(r -> !original.contains(r)).toList();
    List<Integer> removing = original.stream().filter(r -> !target.contains(r)).toList();
    PartitionRegistration started =
        new PartitionRegistration(
            new ArrayList<>(union),
            current.isr(),
            current.leader(),
            current.leaderEpoch(),
            current.partitionEpoch() + 1,
            adding,
            removing);
    return maybeComplete(started).orElse(started);
  }

  /** Completes the reassignment when every adding replica is in sync. */
  public static Optional<PartitionRegistration> maybeComplete(PartitionRegistration current) {
    if (!current.isReassigning() || !current.isr().containsAll(current.addingReplicas())) {
      return Optional.empty();
    }
    return Optional.of(settleOn(current, current.targetReplicas()));
  }

  /**
   * @throws NoReassignmentInProgressException when the partition is not being reassigned
   */
  public static PartitionRegistration cancel(PartitionRegistration current) {
    if (!current.isReassigning()) {
      throw new NoReassignmentInProgressException("No reassignment in progress");
    }
    return settleOn(current, current.originalReplicas());
  }

  private static PartitionRegistration settleOn(
      PartitionRegistration current, List<Integer> replicas) {
    List<Integer> isr = current.isr().stream().filter(replicas::contains).toList();
    int leader = current.leader();
    int leaderEpoch = current.leaderEpoch();
    if (!replicas.contains(leader)) {
      leader =
          replicas.stream()
              .filter(isr::contains)
              .findFirst()
              .orElse(PartitionRegistration.NO_LEADER);
      leaderEpoch++;
    }
    if (isr.isEmpty() && leader != PartitionRegistration.NO_LEADER) {
      isr = List.of(leader);
    }
    return new PartitionRegistration(
        replicas, isr, leader, leaderEpoch, current.partitionEpoch() + 1, List.of(), List.of());
  }

  private static void validate(List<Integer> target, IntPredicate isRegistered) {
    if (target.isEmpty()) {
      throw new InvalidReplicaAssignmentException("The target replica list is empty.");
    }
    if (new LinkedHashSet<>(target).size() != target.size()) {
      throw new InvalidReplicaAssignmentException(
          "Duplicate brokers in the target replicas " + target);
    }
    for (int broker : target) {
      if (!isRegistered.test(broker)) {
        throw new InvalidReplicaAssignmentException("Broker " + broker + " is not registered.");
      }
    }
  }
}
