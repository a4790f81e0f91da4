package dev.brook.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ConsumerGroup;
import dev.brook.operator.api.ConsumerGroupSpec;
import dev.brook.operator.api.Topic;
import dev.brook.operator.api.TopicSpec;
import dev.brook.operator.testing.InstallObjects;
import dev.brook.operator.testing.PackagedOperator;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.ContainerImages;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged operator under its own ServiceAccount, with the install bundle ({@code kubectl apply
 * -k manifests/}) applied as a user applies it and a token the API server issued for that account
 * (no admin credentials): a Cluster, a Topic and a ConsumerGroup become Ready and are deleted
 * through their finalizers, Events are written, the Lease is held, and the API server refuses the
 * operator nothing along the way. Under {@code make images-test} the operator runs from its image,
 * in the container engine.
 */
@WithLocalKubernetes
class OperatorServiceAccountIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final String OPERATOR_NAMESPACE = "brook-system";
  private static final String POD_NAME = "brook-operator-0";

  @TempDir static Path work;
  private static KubernetesClient client;
  private static PackagedOperator operator;
  private static String namespace;

  @BeforeAll
  static void start(KubernetesClient kubernetes) throws IOException, InterruptedException {
    client = kubernetes;
    installBundle();
    TestOperator.installCrds(client);
    namespace = TestOperator.newNamespace(client, "serviceaccount");
    String token =
        client
            .serviceAccounts()
            .inNamespace(OPERATOR_NAMESPACE)
            .withName("brook-operator")
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(3600L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Path kubeconfig = work.resolve("operator-kubeconfig");
    Files.writeString(
        kubeconfig,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: local",
            "  cluster:",
            "    server: " + client.getConfiguration().getMasterUrl(),
            "    certificate-authority-data: " + client.getConfiguration().getCaCertData(),
            "users:",
            "- name: brook-operator",
            "  user:",
            "    token: " + token,
            "contexts:",
            "- name: local",
            "  context: {cluster: local, user: brook-operator}",
            "current-context: local",
            ""));
    Path log = work.resolve("operator.log");
    operator =
        System.getProperty(ContainerImages.ENGINE_PROPERTY) != null
            ? PackagedOperator.launchImage(
                ContainerImages.fromSystemProperties(),
                log,
                kubeconfig,
                namespace,
                OPERATOR_NAMESPACE,
                POD_NAME)
            : PackagedOperator.launch(log, kubeconfig, namespace, OPERATOR_NAMESPACE, POD_NAME);
    operator.awaitReady(TIMEOUT, work);
  }

  /** {@code kubectl apply --server-side -k manifests/} as a user runs it. */
  private static void installBundle() throws IOException, InterruptedException {
    List<HasMetadata> objects = InstallObjects.kustomization(client);
    assertThat(objects)
        .extracting(HasMetadata::getKind)
        .contains(
            "CustomResourceDefinition",
            "Namespace",
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Deployment",
            "Service");
    InstallObjects.apply(client, objects);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (operator != null) {
      operator.stop();
    }
  }

  @Test
  void shouldRunEveryResourceWithTheRbacOfTheManifests() throws Exception {
    Cluster cluster = new Cluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("least").withNamespace(namespace).build());
    cluster.setSpec(new ClusterSpec());
    cluster.getSpec().setReplicas(1);
    cluster.getSpec().getControllers().setCount(1);
    cluster.getSpec().getStorage().setSize("1Gi");
    client.resource(cluster).create();
    ResourceAwaits.readyReason(client, cluster, ConditionReason.Reconciled, TIMEOUT);

    Topic topic = new Topic();
    topic.setMetadata(new ObjectMetaBuilder().withName("audited").withNamespace(namespace).build());
    topic.setSpec(new TopicSpec());
    topic.getSpec().setCluster("least");
    topic.getSpec().setPartitions(2);
    topic.getSpec().setReplicationFactor(1);
    client.resource(topic).create();
    ConsumerGroup group = new ConsumerGroup();
    group.setMetadata(new ObjectMetaBuilder().withName("readers").withNamespace(namespace).build());
    group.setSpec(new ConsumerGroupSpec());
    group.getSpec().setCluster("least");
    group.getSpec().setGroupId("readers");
    client.resource(group).create();
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Topic current = client.resource(topic).get();
              assertThat(current.getStatus()).isNotNull();
              assertThat(
                      Conditions.isTrue(current.getStatus().getConditions(), ConditionType.Ready))
                  .isTrue();
              ConsumerGroup currentGroup = client.resource(group).get();
              assertThat(currentGroup.getStatus()).isNotNull();
              assertThat(currentGroup.getStatus().getObservedGeneration()).isEqualTo(1L);
            });

    assertThat(
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> "least".equals(e.getInvolvedObject().getName())))
        .as("Events written for the Cluster")
        .isNotEmpty();
    Lease lease = client.leases().inNamespace(OPERATOR_NAMESPACE).withName("brook-operator").get();
    assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(POD_NAME);

    client.resource(topic).delete();
    client.resource(group).delete();
    await()
        .atMost(TIMEOUT)
        .until(() -> client.resource(topic).get() == null && client.resource(group).get() == null);
    client.resource(cluster).delete();

    String log = Files.readString(work.resolve("operator.log"));
    assertThat(log)
        .as("the API server refused the operator")
        .doesNotContainIgnoringCase("forbidden");
  }
}
