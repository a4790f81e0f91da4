package dev.brook.operator.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerConfigModelTest {

  private static Cluster cluster(int replicas, Map<String, String> config) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("ns").build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(replicas);
    cluster.getSpec().setConfig(config);
    return cluster;
  }

  @Test
  void shouldListVotersByStableDnsNameWhenClusterHasThreeBrokers() {
    Map<String, String> config = BrokerConfigModel.config(cluster(3, Map.of()));

    assertThat(config)
        .containsEntry(
            "controller.quorum.voters",
            "0@c-broker-0.c-brokers.ns.svc:9093,1@c-broker-1.c-brokers.ns.svc:9093,"
                + "2@c-broker-2.c-brokers.ns.svc:9093")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .doesNotContainKey("min.insync.replicas")
        .containsEntry("offsets.topic.replication.factor", "3");
  }

  @Test
  void shouldKeepOneVoterQuorumWhenClusterGrowsFromOneBroker() {
    Cluster single = cluster(1, Map.of());
    single.getSpec().getControllers().setCount(1);
    Cluster grown = cluster(3, Map.of());
    grown.getSpec().getControllers().setCount(1);

    Map<String, String> before = BrokerConfigModel.config(single);
    Map<String, String> after = BrokerConfigModel.config(grown);

    assertThat(before)
        .containsEntry("controller.quorum.voters", "0@c-broker-0.c-brokers.ns.svc:9093")
        .containsEntry("offsets.topic.replication.factor", "1");
    assertThat(after.get("controller.quorum.voters"))
        .isEqualTo(before.get("controller.quorum.voters"));
  }

  @Test
  void shouldFixTheClusterIdOfANewClusterFromItsUidAndJoinOnlyOnceTheQuorumFormed() {
    Cluster created = cluster(3, Map.of());
    created.getMetadata().setUid("6f1c7a52-4f0e-4b8e-9a55-0c9d2a4e7b11");
    String expected =
        new org.apache.kafka.common.Uuid(0x6f1c7a524f0e4b8eL, 0x9a550c9d2a4e7b11L).toString();

    assertThat(BrokerConfigModel.config(created))
        .containsEntry("cluster.id", expected)
        .doesNotContainKey("controller.quorum.auto.join.enable");

    dev.brook.operator.api.ClusterStatus observed = new dev.brook.operator.api.ClusterStatus();
    observed.setObservedGeneration(1L);
    observed.setClusterId(expected);
    created.setStatus(observed);
    Map<String, String> forming = BrokerConfigModel.config(created);
    observed.setQuorumFormed(true);
    Map<String, String> formed = BrokerConfigModel.config(created);

    assertThat(formed)
        .containsEntry("cluster.id", expected)
        .containsEntry("controller.quorum.auto.join.enable", "true");
    assertThat(BrokerConfigModel.restartRelevant(formed)).isEqualTo(forming);
  }

  @Test
  void shouldGiveNoClusterIdToAClusterObservedBeforeIdsWereFixed() {
    Cluster legacy = cluster(3, Map.of());
    legacy.getMetadata().setUid("6f1c7a52-4f0e-4b8e-9a55-0c9d2a4e7b11");
    dev.brook.operator.api.ClusterStatus observed = new dev.brook.operator.api.ClusterStatus();
    observed.setObservedGeneration(4L);
    observed.setQuorumFormed(true);
    legacy.setStatus(observed);

    assertThat(BrokerConfigModel.config(legacy))
        .doesNotContainKeys("cluster.id", "controller.quorum.auto.join.enable");
  }

  @Test
  void shouldDropUnknownAndOperatorOwnedKeysWhenRendering() {
    Map<String, String> spec = Map.of("num.io.threads", "6", "node.id", "7", "bogus", "x");

    assertThat(BrokerConfigKeys.rejected(spec)).containsExactly("bogus", "node.id");
    assertThat(BrokerConfigModel.config(cluster(1, spec)))
        .containsEntry("num.io.threads", "6")
        .doesNotContainKeys("node.id", "bogus");
  }

  @Test
  void shouldLeaveRunTimeKeysToTheClusterWideDynamicConfig() {
    Map<String, String> spec =
        Map.of("log.retention.hours", "1", "min.insync.replicas", "2", "num.io.threads", "6");

    assertThat(BrokerConfigKeys.rejected(spec)).isEmpty();
    assertThat(BrokerConfigModel.config(cluster(1, spec)))
        .doesNotContainKeys("log.retention.hours", "min.insync.replicas")
        .containsEntry("num.io.threads", "6");
    assertThat(BrokerConfigModel.dynamicDefaults(cluster(1, spec).getSpec()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("log.retention.hours", "1", "min.insync.replicas", "2"));
    assertThat(hash(cluster(1, Map.of("log.retention.hours", "1"))))
        .as("a run-time key restarts nobody")
        .isEqualTo(hash(cluster(1, Map.of())));
  }

  @Test
  void shouldChangePodHashWhenConfigChanges() {
    Cluster before = cluster(1, Map.of());
    Cluster after = cluster(1, Map.of("num.io.threads", "6"));

    String hashBefore = hash(before);
    String hashAfter = hash(after);

    assertThat(hashBefore).isNotEqualTo(hashAfter).isEqualTo(hash(cluster(1, Map.of())));
  }

  @Test
  void shouldKeepPodHashWhenMapsIterateInAnotherOrder() {
    Cluster cluster = cluster(3, Map.of());
    String configText = BrokerConfigModel.render(BrokerConfigModel.config(cluster));
    Pod pod = BrokerPodModel.pod(cluster, 1, Optional.of("zone-b"), configText);
    Pod reordered = BrokerPodModel.pod(cluster, 1, Optional.of("zone-b"), configText);
    var selector =
        reordered
            .getSpec()
            .getAffinity()
            .getPodAntiAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .get(0)
            .getLabelSelector();
    List<String> keys = new ArrayList<>(selector.getMatchLabels().keySet());
    Collections.reverse(keys);
    Map<String, String> reversed = new LinkedHashMap<>();
    keys.forEach(key -> reversed.put(key, selector.getMatchLabels().get(key)));
    selector.setMatchLabels(reversed);

    assertThat(BrokerPodModel.hash(reordered, configText))
        .isEqualTo(BrokerPodModel.hash(pod, configText));
  }

  private static String hash(Cluster cluster) {
    return BrokerPodModel.pod(
            cluster,
            0,
            Optional.of("zone-a"),
            BrokerConfigModel.render(BrokerConfigModel.config(cluster)))
        .getMetadata()
        .getAnnotations()
        .get(ClusterNames.POD_HASH_ANNOTATION);
  }
}
