package dev.brook.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brook.e2e.controlplane.RepositoryLayout;
import dev.brook.e2e.junit.SharedCluster;
import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ConsumerGroup;
import dev.brook.operator.api.Topic;
import dev.brook.operator.testing.InstallObjects;
import dev.brook.operator.testing.PackagedOperator;
import dev.brook.operator.testing.RbacUsage;
import dev.brook.operator.testing.ResourceAwaits;
import dev.brook.operator.testing.TestOperator;
import dev.brook.testing.ContainerImages;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
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
 * The operator under its own ServiceAccount, installed as a user installs it ({@code kubectl apply
 * -k manifests/}), with no admin credentials: the example Cluster, Topic and ConsumerGroup become
 * Ready and are deleted through their finalizers, Events are written, the Lease is held, the API
 * server refuses the operator nothing, and its RBAC grants exactly what it used ({@link RbacUsage},
 * from the API server's audit log).
 *
 * <p>Under {@code make test} the packaged operator runs as a local process with a token the API
 * server issued for its account. Under {@code make images-test} nothing is run by hand: the
 * Deployment's two replicas run from the operator image in the container engine, as pods of the
 * node agent with their projected ServiceAccount token, and the brokers from the broker image.
 */
@WithLocalKubernetes
class OperatorServiceAccountIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String OPERATOR_NAMESPACE = "brook-system";
  private static final String ACCOUNT = "system:serviceaccount:brook-system:brook-operator";
  private static final String POD_NAME = "brook-operator-0";
  private static final boolean FROM_IMAGES =
      System.getProperty(ContainerImages.ENGINE_PROPERTY) != null;

  @TempDir static Path work;
  private static KubernetesClient client;
  private static List<HasMetadata> installed;
  private static PackagedOperator operator;
  private static String namespace;

  @BeforeAll
  static void start(KubernetesClient kubernetes) throws IOException, InterruptedException {
    client = kubernetes;
    namespace = TestOperator.newNamespace(client, "serviceaccount");
    install();
    if (FROM_IMAGES) {
      awaitDeploymentAvailable();
      return;
    }
    Path log = work.resolve("operator.log");
    operator =
        PackagedOperator.launch(log, tokenKubeconfig(), namespace, OPERATOR_NAMESPACE, POD_NAME);
    operator.awaitReady(TIMEOUT, work);
  }

  /**
   * From the images: {@code kubectl apply --server-side -k} of the bundle, watching every
   * namespace, its Deployment run by the node agent. As a process: the Helm chart watching the
   * test's namespace only, so the operator's rules are bound there by a RoleBinding.
   */
  private static void install() throws IOException, InterruptedException {
    if (FROM_IMAGES) {
      installed = InstallObjects.localKustomization(client);
      assertThat(installed)
          .extracting(HasMetadata::getKind)
          .contains("CustomResourceDefinition", "Namespace", "ClusterRoleBinding", "Deployment");
    } else {
      client
          .namespaces()
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(OPERATOR_NAMESPACE)
                  .endMetadata()
                  .build())
          .serverSideApply();
      installed = InstallObjects.chart(client, "--set", "watchNamespaces={" + namespace + "}");
      assertThat(installed)
          .filteredOn(object -> object.getKind().equals("RoleBinding"))
          .extracting(object -> object.getMetadata().getNamespace())
          .containsExactlyInAnyOrder(namespace, OPERATOR_NAMESPACE);
    }
    assertThat(installed)
        .extracting(HasMetadata::getKind)
        .contains("ServiceAccount", "ClusterRole", "Role", "RoleBinding", "Service");
    InstallObjects.apply(client, installed, FROM_IMAGES);
    TestOperator.installCrds(client); // the same CRDs again: waits until they are served
  }

  private static void awaitDeploymentAvailable() {
    await()
        .atMost(TIMEOUT)
        .untilAsserted(
            () -> {
              Deployment deployment =
                  client
                      .apps()
                      .deployments()
                      .inNamespace(OPERATOR_NAMESPACE)
                      .withName("brook-operator")
                      .get();
              assertThat(deployment.getStatus()).isNotNull();
              assertThat(deployment.getStatus().getReadyReplicas())
                  .isEqualTo(deployment.getSpec().getReplicas());
            });
  }

  /** A kubeconfig with a token the API server issued for the operator's ServiceAccount. */
  private static Path tokenKubeconfig() throws IOException {
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
    return kubeconfig;
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (operator != null) {
      operator.stop();
    }
    if (FROM_IMAGES && client != null) {
      client
          .apps()
          .deployments()
          .inNamespace(OPERATOR_NAMESPACE)
          .withName("brook-operator")
          .delete();
    }
  }

  @Test
  void shouldRunTheExamplesWithTheRbacOfTheManifests() throws Exception {
    Cluster cluster = example("cluster.yaml", Cluster.class);
    Topic topic = example("topic.yaml", Topic.class);
    ConsumerGroup group = example("consumergroup.yaml", ConsumerGroup.class);
    client.resource(cluster).create();
    client.resource(topic).create();
    client.resource(group).create();
    ResourceAwaits.readyReason(client, cluster, ConditionReason.Reconciled, TIMEOUT);
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
    if (FROM_IMAGES) {
      assertThat(runningImages())
          .as("the operator and the brokers run from their images")
          .contains(
              ContainerImages.fromSystemProperties().operator(),
              ContainerImages.fromSystemProperties().broker());
    }

    assertThat(
            client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(
                    e -> cluster.getMetadata().getName().equals(e.getInvolvedObject().getName())))
        .as("Events written for the Cluster")
        .isNotEmpty();
    Lease lease = client.leases().inNamespace(OPERATOR_NAMESPACE).withName("brook-operator").get();
    assertThat(lease.getSpec().getHolderIdentity()).isIn(operatorPodNames());

    client.resource(topic).delete();
    client.resource(group).delete();
    await()
        .atMost(TIMEOUT)
        .until(() -> client.resource(topic).get() == null && client.resource(group).get() == null);
    client.resource(cluster).delete();
    await().atMost(TIMEOUT).until(() -> client.resource(cluster).get() == null);

    assertThat(operatorLogs())
        .as("the API server refused the operator")
        .doesNotContainIgnoringCase("forbidden");
    RbacUsage usage =
        RbacUsage.of(installed, SharedCluster.get().kubernetes().auditLog().requestsBy(ACCOUNT));
    assertThat(usage.refused()).as("requests the API server refused").isEmpty();
    assertThat(usage.usedButNotGranted()).as("used but not granted").isEmpty();
    assertThat(usage.grantedButNotUsed())
        .as("granted but never used (%s)", SharedCluster.get().kubernetes().auditLog().file())
        .isSubsetOf(RbacUsage.MAY_GO_UNUSED);
    assertThat(usage.granted())
        .as("grants the test may excuse")
        .containsAll(RbacUsage.MAY_GO_UNUSED);
  }

  private <T extends HasMetadata> T example(String file, Class<T> type) throws IOException {
    Path path = RepositoryLayout.locate().root().resolve("manifests/examples").resolve(file);
    T resource = Serialization.unmarshal(Files.readString(path), type);
    resource.getMetadata().setNamespace(namespace);
    return resource;
  }

  private static List<String> operatorPodNames() {
    if (!FROM_IMAGES) {
      return List.of(POD_NAME);
    }
    return client
        .pods()
        .inNamespace(OPERATOR_NAMESPACE)
        .withLabel("app.kubernetes.io/name", "brook-operator")
        .list()
        .getItems()
        .stream()
        .map(pod -> pod.getMetadata().getName())
        .toList();
  }

  private static String operatorLogs() throws IOException {
    if (!FROM_IMAGES) {
      return Files.readString(work.resolve("operator.log"));
    }
    StringBuilder logs = new StringBuilder();
    for (String pod : operatorPodNames()) {
      Path log =
          SharedCluster.get().agent().logDirectory(OPERATOR_NAMESPACE, pod).resolve("operator.log");
      logs.append(Files.readString(log));
    }
    return logs.toString();
  }

  private static List<String> runningImages() throws IOException, InterruptedException {
    String listed = ContainerImages.fromSystemProperties().engine("ps", "--format", "{{.Image}}");
    return listed.lines().map(image -> image.replaceFirst("^localhost/", "")).toList();
  }
}
