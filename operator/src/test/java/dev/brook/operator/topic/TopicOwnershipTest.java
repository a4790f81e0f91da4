package dev.brook.operator.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicOwnershipTest {

  private static Topic topic(String name, String topicName, String cluster, String created) {
    Topic topic = new Topic();
    topic.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withUid("uid-" + name)
            .withCreationTimestamp(created)
            .build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster(cluster);
    topic.getSpec().setTopicName(topicName);
    return topic;
  }

  @Test
  void shouldNameOlderResourceAsOwnerWhenTwoNameSameTopic() {
    Topic first = topic("a", "orders", "c", "2026-01-01T00:00:00Z");
    Topic second = topic("b", "orders", "c", "2026-01-02T00:00:00Z");

    assertThat(TopicOwnership.otherOwner(second, Stream.of(first, second))).contains(first);
    assertThat(TopicOwnership.otherOwner(first, Stream.of(first, second))).isEmpty();
  }

  @Test
  void shouldFindNoConflictWhenTopicsLiveOnDifferentClusters() {
    Topic first = topic("a", "orders", "c1", "2026-01-01T00:00:00Z");
    Topic second = topic("b", "orders", "c2", "2026-01-02T00:00:00Z");

    assertThat(TopicOwnership.otherOwner(second, Stream.of(first, second))).isEmpty();
  }

  @Test
  void shouldBreakCreationTimeTiesByNameWhenCreatedInSameSecond() {
    Topic first = topic("a", "orders", "c", "2026-01-01T00:00:00Z");
    Topic second = topic("b", "orders", "c", "2026-01-01T00:00:00Z");

    assertThat(TopicOwnership.otherOwner(second, Stream.of(second, first))).contains(first);
  }
}
