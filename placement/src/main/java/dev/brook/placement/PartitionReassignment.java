package dev.brook.placement;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition's move: its current replicas and the target replicas to hand to
 * AlterPartitionReassignments, both in preference order (preferred leader first).
 */
public record PartitionReassignment(List<Integer> currentReplicas, List<Integer> targetReplicas) {

  public PartitionReassignment {
    currentReplicas = List.copyOf(currentReplicas);
    targetReplicas = List.copyOf(targetReplicas);
  }

  /** Brokers that must receive a copy of the partition. */
  public List<Integer> addingReplicas() {
    List<Integer> adding = new ArrayList<>(targetReplicas);
    adding.removeAll(currentReplicas);
    return adding;
  }

  /** Brokers whose replica is dropped once the new replicas caught up. */
  public List<Integer> removingReplicas() {
    List<Integer> removing = new ArrayList<>(currentReplicas);
    removing.removeAll(targetReplicas);
    return removing;
  }

  /** Number of replicas that must be copied to another broker. */
  public int movedReplicaCount() {
    return addingReplicas().size();
  }

  public boolean preferredLeaderChanges() {
    return !currentReplicas.get(0).equals(targetReplicas.get(0));
  }
}
