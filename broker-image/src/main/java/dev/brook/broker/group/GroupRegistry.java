package dev.brook.broker.group;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Utils;

/**
 * Which offsets-topic partitions this coordinator owns, and the groups that live in them.
 *
 * <p>Thread-safety: the maps are concurrent; a group is created or removed atomically, and a group
 * removed from the registry is always Dead first, so a handler that looked it up before removal
 * sees Dead under the group lock and answers COORDINATOR_NOT_AVAILABLE.
 */
final class GroupRegistry {
  enum PartitionStatus {
    LOADING,
    ACTIVE
  }

  private final int numPartitions;
  private final ConcurrentHashMap<Integer, PartitionStatus> partitions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();
  private final Set<ClassicGroup> deleting = ConcurrentHashMap.newKeySet();

  GroupRegistry(int numPartitions) {
    this.numPartitions = numPartitions;
  }

  /** Kafka's rule, so that Brook and Kafka agree on where a group lives. */
  int partitionFor(String groupId) {
    return Utils.abs(groupId.hashCode()) % numPartitions;
  }

  void setStatus(int partition, PartitionStatus status) {
    partitions.put(partition, status);
  }

  /** Marks the partition as loading unless it is already loading or loaded. */
  boolean startLoading(int partition) {
    return partitions.putIfAbsent(partition, PartitionStatus.LOADING) == null;
  }

  /** Forgets a partition; returns its groups so that the caller can fail their waiters. */
  List<ClassicGroup> removePartition(int partition) {
    partitions.remove(partition);
    return dropGroupsOf(partition);
  }

  /** Removes the partition's groups from the registry and returns them. */
  List<ClassicGroup> dropGroupsOf(int partition) {
    List<ClassicGroup> dropped = groupsOf(partition);
    dropped.forEach(group -> groups.remove(group.groupId(), group));
    return dropped;
  }

  boolean isLoading(int partition) {
    return partitions.get(partition) == PartitionStatus.LOADING;
  }

  boolean isActive(int partition) {
    return partitions.get(partition) == PartitionStatus.ACTIVE;
  }

  boolean anyLoading() {
    return partitions.containsValue(PartitionStatus.LOADING);
  }

  /**
   * NONE when this coordinator serves the group now; INVALID_GROUP_ID for an empty id; else the
   * error the client retries on.
   */
  Errors ownership(String groupId) {
    if (groupId == null || groupId.isEmpty()) {
      return Errors.INVALID_GROUP_ID;
    }
    PartitionStatus status = partitions.get(partitionFor(groupId));
    if (status == null) {
      return Errors.NOT_COORDINATOR;
    }
    return status == PartitionStatus.LOADING ? Errors.COORDINATOR_LOAD_IN_PROGRESS : Errors.NONE;
  }

  ClassicGroup get(String groupId) {
    return groups.get(groupId);
  }

  ClassicGroup getOrCreate(String groupId, long nowMs) {
    return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, partitionFor(id), nowMs));
  }

  /** Adds a group built while loading; replaces nothing that a request created meanwhile. */
  void putLoaded(ClassicGroup group) {
    groups.putIfAbsent(group.groupId(), group);
  }

  void remove(ClassicGroup group) {
    groups.remove(group.groupId(), group);
  }

  /**
   * Marks a group whose tombstones are being written: it is out of the registry but its durable
   * state still stands until they are, which a snapshot must preserve.
   */
  void beginDeletion(ClassicGroup group) {
    deleting.add(group);
  }

  void endDeletion(ClassicGroup group) {
    deleting.remove(group);
  }

  List<ClassicGroup> deletingOf(int partition) {
    return deleting.stream().filter(g -> g.partition() == partition).toList();
  }

  List<ClassicGroup> groupsOf(int partition) {
    return groups.values().stream().filter(g -> g.partition() == partition).toList();
  }

  Collection<ClassicGroup> all() {
    return groups.values();
  }
}
