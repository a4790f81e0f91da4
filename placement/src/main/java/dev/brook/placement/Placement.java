package dev.brook.placement;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

/**
 * Entry point for replica placement, shared by the controller (topic and partition creation) and
 * the operator (healing, scale-up, scale-down). Pure functions of their arguments: no I/O, no
 * clock, no randomness; equal inputs give equal outputs.
 *
 * <p>Rules every result keeps:
 *
 * <ul>
 *   <li>no broker holds two replicas of one partition, ever (requests that need it are refused);
 *   <li>a new partition spans min(RF, racks) distinct racks; brokers without {@code broker.rack}
 *       together form one unnamed rack, as in Kafka's KRaft controller;
 *   <li>new replicas go to the least loaded brokers, counting the existing assignment; preferred
 *       leaders are then chosen among each new partition's replicas so that the busiest broker
 *       leads as few partitions as those replica sets allow. On a fresh cluster with equal-sized
 *       racks (or none) replicas and preferred leaders per broker end within one of the mean.
 *       Unequal racks put more replicas on the brokers of small racks, because rack spread wins
 *       over balance; leaders stay within one of the mean there too on a fresh cluster;
 *   <li>a moved replica takes the position of the replica it replaces, so preferred leadership
 *       moves with it; only the leader step of a rebalance reorders replica lists.
 * </ul>
 */
public final class Placement {

  private Placement() {}

  /**
   * Replicas for partitions {@code 0 .. partitions - 1} of a new topic, by partition index, each
   * list with its preferred leader first.
   *
   * @param existing every partition already in the cluster, used as current load
   * @throws PlacementException when partitions &lt; 1, RF &lt; 1, RF exceeds the brokers of the
   *     view, or the topic already has partitions in {@code existing}
   */
  public static SortedMap<Integer, List<Integer>> assignNewTopic(
      String topic,
      int partitions,
      int replicationFactor,
      ClusterView cluster,
      ReplicaAssignment existing) {
    if (!existing.partitionsOf(topic).isEmpty()) {
      throw new PlacementException(
          PlacementException.Rule.NEW_TOPIC,
          "topic " + topic + " already has " + existing.partitionsOf(topic).size() + " partitions");
    }
    Requests.checkPartitionCount(topic, partitions);
    Requests.checkReplicationFactor(topic, replicationFactor, cluster);
    return NewPartitionPlacer.place(topic, 0, partitions, replicationFactor, cluster, existing);
  }

  /**
   * Replicas for the partitions added when a topic grows to {@code newPartitionCount} partitions
   * (CreatePartitions' total count), by partition index. The replication factor is that of the
   * topic's partition 0.
   *
   * @throws PlacementException when the topic has no partitions in {@code existing}, the count does
   *     not grow, or the topic's replication factor exceeds the brokers of the view
   */
  public static SortedMap<Integer, List<Integer>> assignNewPartitions(
      String topic, int newPartitionCount, ClusterView cluster, ReplicaAssignment existing) {
    SortedMap<TopicPartitionKey, List<Integer>> current = existing.partitionsOf(topic);
    if (current.isEmpty()) {
      throw new PlacementException(
          PlacementException.Rule.EXISTING_TOPIC, "topic " + topic + " has no partitions");
    }
    if (newPartitionCount <= current.size()) {
      throw new PlacementException(
          PlacementException.Rule.PARTITION_COUNT,
          "topic "
              + topic
              + " has "
              + current.size()
              + " partitions; the new count "
              + newPartitionCount
              + " must be larger");
    }
    int replicationFactor = current.get(current.firstKey()).size();
    Requests.checkReplicationFactor(topic, replicationFactor, cluster);
    return NewPartitionPlacer.place(
        topic,
        current.size(),
        newPartitionCount - current.size(),
        replicationFactor,
        cluster,
        existing);
  }

  /**
   * Moves every replica of {@code brokerToReplace} to a broker of {@code cluster} (the broker
   * itself is never a target, whether or not the view contains it). See {@link #planDrain}.
   */
  public static ReassignmentPlan planReplacement(
      BrokerInfo brokerToReplace, ClusterView cluster, ReplicaAssignment assignment) {
    return planDrain(List.of(brokerToReplace), cluster, assignment);
  }

  /**
   * Moves every replica off the leaving brokers: per replica, a broker in the same rack that does
   * not hold the partition, else one in a rack the partition does not use yet, the least loaded
   * first; the target takes the leaving replica's position in the list. Only partitions that had a
   * leaving broker appear in the plan.
   *
   * @throws PlacementException when a partition's replica has no possible target because every
   *     remaining broker already holds that partition
   */
  public static ReassignmentPlan planDrain(
      Collection<BrokerInfo> leavingBrokers, ClusterView cluster, ReplicaAssignment assignment) {
    return ReplacementPlanner.plan(leavingBrokers, cluster, assignment);
  }

  /**
   * Like {@link #planDrain}, but a partition whose replica on a leaving broker has no possible
   * target (every remaining broker holds it already) is left out of the plan and reported instead
   * of refusing the whole plan: healing restores what it can while the cluster is short of brokers.
   * A partition with two leaving replicas is left out whole when either is stuck.
   */
  public static DrainPlan planDrainWherePossible(
      Collection<BrokerInfo> leavingBrokers, ClusterView cluster, ReplicaAssignment assignment) {
    return ReplacementPlanner.plan(leavingBrokers, cluster, assignment, true);
  }

  /**
   * Moves replicas onto {@code addedBrokers} (already part of {@code cluster}) until replica counts
   * are within one of the mean where the rules allow, with the fewest moves, then evens out
   * preferred leaders by reordering replica lists. Other brokers only give replicas away.
   *
   * @throws PlacementException when an added broker is not in the view
   */
  public static ReassignmentPlan planRebalance(
      Set<Integer> addedBrokers, ClusterView cluster, ReplicaAssignment assignment) {
    return RebalancePlanner.plan(Set.copyOf(addedBrokers), cluster, assignment);
  }

  /**
   * Like {@link #planRebalance(Set, ClusterView, ReplicaAssignment)} with every broker able to
   * receive.
   */
  public static ReassignmentPlan planRebalance(ClusterView cluster, ReplicaAssignment assignment) {
    return RebalancePlanner.plan(cluster.brokerIds(), cluster, assignment);
  }

  /**
   * Whether replicas and preferred leaders are close enough to what {@link
   * #planRebalance(ClusterView, ReplicaAssignment)} would make of them that a rebalance is not
   * worth its data copies. Rack spread is respected: the yardstick is the reachable balance, not
   * the cluster-wide mean.
   */
  public static boolean isBalanced(ClusterView cluster, ReplicaAssignment assignment) {
    return BalanceCheck.isBalanced(cluster, assignment);
  }

  /**
   * Like {@link #isBalanced(ClusterView, ReplicaAssignment)}, judged against {@code rebalance}, the
   * plan {@link #planRebalance(ClusterView, ReplicaAssignment)} made for the same inputs, so the
   * planner does not run twice.
   */
  public static boolean isBalanced(
      ClusterView cluster, ReplicaAssignment assignment, ReassignmentPlan rebalance) {
    return BalanceCheck.isBalanced(cluster, assignment, rebalance);
  }

  /**
   * Raises or lowers the replication factor of every partition of {@code topic} to {@code
   * replicationFactor}: added replicas go to the racks the partition uses least, removed ones come
   * from brokers outside the view first, then from the racks used most; the preferred leader stays.
   *
   * @throws PlacementException when the topic has no partitions, the replication factor is below
   *     one or exceeds the brokers of the view
   */
  public static ReassignmentPlan planReplicationFactor(
      String topic, int replicationFactor, ClusterView cluster, ReplicaAssignment assignment) {
    return ReplicationFactorPlanner.plan(topic, replicationFactor, cluster, assignment);
  }
}
