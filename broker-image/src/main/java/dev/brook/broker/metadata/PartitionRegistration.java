package dev.brook.broker.metadata;

import java.util.List;

/**
 * One partition's replica set and leadership. {@code leaderEpoch} grows on every leader change,
 * {@code partitionEpoch} on every change of this record. {@code leader} is -1 when no replica in
 * the ISR is alive.
 */
public record PartitionRegistration(
    List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch, int partitionEpoch) {

  public static final int NO_LEADER = -1;

  public PartitionRegistration {
    replicas = List.copyOf(replicas);
    isr = List.copyOf(isr);
  }

  public static PartitionRegistration initial(List<Integer> replicas) {
    return new PartitionRegistration(replicas, replicas, replicas.get(0), 0, 0);
  }

  public boolean hasLeader() {
    return leader != NO_LEADER;
  }

  public int preferredLeader() {
    return replicas.get(0);
  }
}
