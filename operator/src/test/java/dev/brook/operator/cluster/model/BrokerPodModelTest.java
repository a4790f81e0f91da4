package dev.brook.operator.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerPodModelTest {

  private static final String CONFIG = "node.id=0\n";

  @Test
  void shouldKeepTheHashOfAnUnchangedClusterAndChangeItOncePerRestartValue() {
    String plain = hash(cluster(Map.of()));
    assertThat(hash(cluster(Map.of()))).isEqualTo(plain);
    assertThat(hash(cluster(Map.of("unrelated", "x")))).isEqualTo(plain);

    String first = hash(cluster(Map.of(ClusterNames.RESTART_ANNOTATION, "1")));
    assertThat(first).isNotEqualTo(plain);
    assertThat(hash(cluster(Map.of(ClusterNames.RESTART_ANNOTATION, "1")))).isEqualTo(first);
    assertThat(hash(cluster(Map.of(ClusterNames.RESTART_ANNOTATION, "2"))))
        .isNotEqualTo(first)
        .isNotEqualTo(plain);
  }

  @Test
  void shouldCarryTheRestartValueOnThePod() {
    Pod pod =
        BrokerPodModel.pod(
            cluster(Map.of(ClusterNames.RESTART_ANNOTATION, "1")), 0, Optional.empty(), CONFIG);
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry(ClusterNames.RESTART_ANNOTATION, "1")
        .containsKey(ClusterNames.POD_HASH_ANNOTATION);
  }

  private static String hash(Cluster cluster) {
    return BrokerPodModel.pod(cluster, 0, Optional.empty(), CONFIG)
        .getMetadata()
        .getAnnotations()
        .get(ClusterNames.POD_HASH_ANNOTATION);
  }

  private static Cluster cluster(Map<String, String> annotations) {
    Cluster cluster = new Cluster();
    cluster.setMetadata(
        new ObjectMetaBuilder()
            .withName("demo")
            .withNamespace("ns")
            .withAnnotations(annotations)
            .build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(1);
    return cluster;
  }
}
