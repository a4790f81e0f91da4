package dev.brook.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Creates the benchmark topics through the Admin API and waits until every partition has a leader.
 */
public final class BenchTopics {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private BenchTopics() {}

  public static void create(Admin admin, BenchSettings settings, List<String> names) {
    Map<String, String> configs =
        Map.of("min.insync.replicas", Integer.toString(ServerConfigs.minInsyncReplicas(settings)));
    List<NewTopic> topics =
        names.stream()
            .map(
                n ->
                    new NewTopic(n, settings.partitions(), settings.replicationFactor())
                        .configs(configs))
            .toList();
    try {
      admin.createTopics(topics).all().get(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
      while (!allLed(admin, names)) {
        if (System.nanoTime() > deadline) {
          throw new BenchException(
              "topics " + names + " still lack partition leaders after " + READY_TIMEOUT);
        }
        Thread.sleep(200);
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new BenchException("cannot create topics " + names, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted while creating topics", e);
    }
  }

  /** Partition leaders by partition number, as the cluster reports them now. */
  public static Map<Integer, Integer> leaders(Admin admin, String topic)
      throws ExecutionException, InterruptedException, TimeoutException {
    TopicDescription description =
        admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
    return description.partitions().stream()
        .filter(p -> p.leader() != null)
        .collect(Collectors.toMap(TopicPartitionInfo::partition, p -> p.leader().id()));
  }

  private static boolean allLed(Admin admin, List<String> names)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<String, TopicDescription> described =
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    return described.values().stream()
        .flatMap(d -> d.partitions().stream())
        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }
}
