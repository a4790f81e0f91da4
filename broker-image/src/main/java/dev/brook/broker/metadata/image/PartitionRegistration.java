package dev.brook.broker.metadata.image;

import java.util.List;

/**
 * One partition's replica set and leadership. {@code leaderEpoch} grows on every leader change,
 * {@code partitionEpoch} on every change of this record. {@code leader} is -1 when no replica in
 * the ISR is alive.
 *
 * <p>During a reassignment (KIP-455) {@code replicas} is the union of the target and the original
 * replicas, target first; {@code addingReplicas} are in the target only and {@code
 * removingReplicas} in the original only. Both lists are empty otherwise.
 */
public record PartitionRegistration(
    List<Integer> replicas,
    List<Integer> isr,
    int leader,
    int leaderEpoch,
    int partitionEpoch,
    List<Integer> addingReplicas,
    List<Integer> removingReplicas) {

  public static final int NO_LEADER = -1;

  public PartitionRegistration {
    replicas = List.copyOf(replicas);
    isr = List.copyOf(isr);
    addingReplicas = List.copyOf(addingReplicas);
    removingReplicas = List.copyOf(removingReplicas);
  }

  public PartitionRegistration(
      List<Integer> replicas, List<Integer> isr, int leader, int leaderEpoch, int partitionEpoch) {
    this(replicas, isr, leader, leaderEpoch, partitionEpoch, List.of(), List.of());
  }

  public static PartitionRegistration initial(List<Integer> replicas) {
    return new PartitionRegistration(replicas, replicas, replicas.get(0), 0, 0);
  }

  /** The same partition with another ISR (a new partition epoch; leader and reassignment kept). */
  public PartitionRegistration withIsr(List<Integer> newIsr) {
    return new PartitionRegistration(
        replicas,
        newIsr,
        leader,
        leaderEpoch,
        partitionEpoch + 1,
        addingReplicas,
        removingReplicas);
  }

  /** The same partition under a new leader (new leader and partition epochs; reassignment kept). */
  public PartitionRegistration withLeader(int newLeader, List<Integer> newIsr) {
    return new PartitionRegistration(
        replicas,
        newIsr,
        newLeader,
        leaderEpoch + 1,
        partitionEpoch + 1,
        addingReplicas,
        removingReplicas);
  }

  public boolean hasLeader() {
    return leader != NO_LEADER;
  }

  public int preferredLeader() {
    return replicas.get(0);
  }

  public boolean isReassigning() {
    return !addingReplicas.isEmpty() || !removingReplicas.isEmpty();
  }

  /** The replicas the partition will have once its reassignment completes (all when none runs). */
  public List<Integer> targetReplicas() {
    return replicas.stream().filter(r -> !removingReplicas.contains(r)).toList();
  }

  /** The replicas the partition had before its reassignment started (all when none runs). */
  public List<Integer> originalReplicas() {
    return replicas.stream().filter(r -> !addingReplicas.contains(r)).toList();
  }
}
