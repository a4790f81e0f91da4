package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * kcat 1.7.1 as Debian 12 ships it (on librdkafka 2.0.2): metadata listing, an idempotent acks=all
 * produce, a plain read from the beginning and a consumer group that resumes from its commits
 * ({@code clients/kcat/kcat_compat.sh}). kcat has no admin requests, so this test creates the topic
 * (3 partitions, every node a replica) with kafka-clients and deletes it afterwards.
 */
class KcatIT {

  @ParameterizedTest
  @EnumSource(Topology.class)
  void kcat(Topology topology) throws Exception {
    ClientProgram.requireInstalled("kcat (Debian's package)", "kcat", "-V");
    ClientProgram.requireInstalled("jq", "jq", "--version");
    String topic = "compat-kcat-" + UUID.randomUUID().toString().substring(0, 8);
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                CompatBrokers.bootstrapServers(topology)))) {
      admin
          .createTopics(List.of(new NewTopic(topic, 3, (short) topology.replicationFactor())))
          .all()
          .get(60, TimeUnit.SECONDS);
      String output =
          ClientProgram.of("kcat", "kcat", List.of("./kcat_compat.sh"))
              .withEnvironment(Map.of("BROOK_COMPAT_TOPIC", topic))
              .runAgainst(topology, Duration.ofMinutes(4));
      assertThat(output).contains("OK kcat against " + topology.nodes() + " broker(s)");
      admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
    }
  }
}
