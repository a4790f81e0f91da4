package dev.brook.operator.reassign;

import java.util.List;

/**
 * One partition as the cluster reports it.
 *
 * @param replicas the replica list in preference order (during a reassignment: target and original
 *     together, as Kafka lists them)
 * @param isr the in-sync replicas
 * @param leader the leader's id, -1 when it has none
 */
public record PartitionState(List<Integer> replicas, List<Integer> isr, int leader) {

  public PartitionState {
    replicas = List.copyOf(replicas);
    isr = List.copyOf(isr);
  }

  public boolean hasLeader() {
    return leader >= 0;
  }

  /** The preferred leader (first replica) is in sync but does not lead. */
  public boolean preferredLeaderWaiting() {
    return !replicas.isEmpty() && replicas.get(0) != leader && isr.contains(replicas.get(0));
  }
}
