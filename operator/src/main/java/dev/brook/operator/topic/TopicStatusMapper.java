package dev.brook.operator.topic;

import dev.brook.operator.api.PartitionStatus;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/** Turns an Admin topic description into the per-partition part of a Topic's status. */
final class TopicStatusMapper {

  private TopicStatusMapper() {}

  /**
   * @param brokers live brokers, for the racks of replicas (a replica on a broker that is not live
   *     has no known rack and adds none)
   */
  static List<PartitionStatus> partitions(TopicDescription description, Collection<Node> brokers) {
    Map<Integer, String> rackById =
        brokers.stream()
            .filter(node -> node.rack() != null)
            .collect(Collectors.toMap(Node::id, Node::rack, (a, b) -> a));
    return description.partitions().stream().map(info -> partition(info, rackById)).toList();
  }

  private static PartitionStatus partition(TopicPartitionInfo info, Map<Integer, String> rackById) {
    PartitionStatus status = new PartitionStatus();
    status.setPartition(info.partition());
    status.setLeader(info.leader() == null || info.leader().isEmpty() ? -1 : info.leader().id());
    status.setReplicas(ids(info.replicas()));
    status.setIsr(ids(info.isr()));
    status.setRacks(
        List.copyOf(
            status.getReplicas().stream()
                .map(rackById::get)
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(TreeSet::new))));
    return status;
  }

  /** The union of the racks of every partition. */
  static List<String> racks(List<PartitionStatus> partitions) {
    return List.copyOf(
        partitions.stream()
            .flatMap(p -> p.getRacks().stream())
            .collect(Collectors.toCollection(TreeSet::new)));
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}
