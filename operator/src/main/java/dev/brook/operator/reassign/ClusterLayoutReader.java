package dev.brook.operator.reassign;

import static dev.brook.operator.kafka.KafkaCalls.await;

import dev.brook.placement.PartitionReassignment;
import dev.brook.placement.TopicPartitionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** Reads a {@link ClusterLayout} through the Admin API. */
public final class ClusterLayoutReader {

  private ClusterLayoutReader() {}

  /**
   * @throws dev.brook.operator.kafka.KafkaCallException when a call fails or times out
   */
  public static ClusterLayout read(Admin admin) {
    Map<Integer, Optional<String>> live = new HashMap<>();
    for (Node node : await(admin.describeCluster().nodes(), "describe cluster")) {
      live.put(node.id(), Optional.ofNullable(node.rack()).filter(rack -> !rack.isEmpty()));
    }
    SortedMap<TopicPartitionKey, PartitionState> partitions = new TreeMap<>();
    Set<String> topics =
        await(admin.listTopics(new ListTopicsOptions().listInternal(true)).names(), "list topics");
    if (!topics.isEmpty()) {
      for (TopicDescription topic :
          await(admin.describeTopics(topics).allTopicNames(), "describe topics").values()) {
        for (TopicPartitionInfo partition : topic.partitions()) {
          partitions.put(
              new TopicPartitionKey(topic.name(), partition.partition()),
              new PartitionState(
                  ids(partition.replicas()),
                  ids(partition.isr()),
                  partition.leader() == null ? -1 : partition.leader().id()));
        }
      }
    }
    SortedMap<TopicPartitionKey, PartitionReassignment> moving = new TreeMap<>();
    Map<TopicPartition, org.apache.kafka.clients.admin.PartitionReassignment> ongoing =
        await(admin.listPartitionReassignments().reassignments(), "list reassignments");
    ongoing.forEach(
        (tp, move) -> {
          List<Integer> target = new ArrayList<>(move.replicas());
          target.removeAll(move.removingReplicas());
          moving.put(
              new TopicPartitionKey(tp.topic(), tp.partition()),
              new PartitionReassignment(move.replicas(), target));
        });
    return new ClusterLayout(live, partitions, moving);
  }

  private static List<Integer> ids(List<Node> nodes) {
    return nodes.stream().map(Node::id).toList();
  }
}
