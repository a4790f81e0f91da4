package dev.brook.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.e2e.junit.WithLocalKubernetes;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterStatus;
import dev.brook.operator.api.ClusterTemplate;
import dev.brook.operator.api.JvmOptionsSpec;
import dev.brook.operator.api.PodTemplate;
import dev.brook.operator.api.PodTemplateMetadata;
import dev.brook.operator.api.SystemProperty;
import dev.brook.operator.testing.TestOperator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Cluster CRD's schema and CEL rules, as the real API server applies them to {@code crds/}. No
 * operator runs: what is tested is what a user's {@code kubectl apply} gets back.
 */
@WithLocalKubernetes
@SuppressWarnings("unchecked")
class ClusterSpecValidationIT {

  private static KubernetesClient client;
  private static String namespace;

  @BeforeAll
  static void installCrds(KubernetesClient kubernetes) {
    client = kubernetes;
    TestOperator.installCrds(client);
    namespace = TestOperator.newNamespace(client, "validation");
  }

  @Test
  void shouldAcceptATemplateWithOwnLabelsTolerationsPriorityAndSpread() {
    Cluster cluster = cluster("templated");
    PodTemplate pod = template(cluster);
    pod.getMetadata().setLabels(Map.of("team", "payments", "app.kubernetes.io/version", "1"));
    pod.getMetadata().setAnnotations(Map.of("prometheus.io/scrape", "true"));
    pod.setTolerations(
        List.of(
            new TolerationBuilder()
                .withKey("dedicated")
                .withOperator("Equal")
                .withValue("kafka")
                .withEffect("NoSchedule")
                .build()));
    pod.setPriorityClassName("kafka-critical");
    pod.setTopologySpreadConstraints(
        List.of(
            new TopologySpreadConstraintBuilder()
                .withMaxSkew(1)
                .withTopologyKey("topology.kubernetes.io/zone")
                .withWhenUnsatisfiable("ScheduleAnyway")
                .build()));

    Cluster created = client.resource(cluster).create();

    PodTemplate stored = created.getSpec().getTemplate().getPod();
    assertThat(stored.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(pod.getMetadata().getLabels());
    assertThat(stored.getTolerations()).isEqualTo(pod.getTolerations());
    assertThat(stored.getPriorityClassName()).isEqualTo("kafka-critical");
    assertThat(stored.getTopologySpreadConstraints()).isEqualTo(pod.getTopologySpreadConstraints());
  }

  @Test
  void shouldRejectTemplateLabelsTheOperatorOwns() {
    for (String key : List.of("app.kubernetes.io/instance", "brook.dev/broker-id")) {
      Cluster cluster = cluster("own-label");
      template(cluster).getMetadata().setLabels(Map.of("team", "payments", key, "x"));

      assertRejected(
          cluster, "template.pod.metadata.labels must not set the operator's own labels");
    }
  }

  @Test
  void shouldRejectBrookAnnotationsInTheTemplate() {
    Cluster cluster = cluster("own-annotation");
    template(cluster).getMetadata().setAnnotations(Map.of("brook.dev/pod-hash", "forged"));

    assertRejected(cluster, "template.pod.metadata.annotations must not set brook.dev/");
  }

  @Test
  void shouldAcceptJvmOptionsWithHeapAndSystemProperties() {
    Cluster cluster = cluster("tuned");
    JvmOptionsSpec options = jvmOptions(cluster, "1g", "2048m");
    options.setJavaSystemProperties(
        List.of(new SystemProperty("java.net.preferIPv4Stack", "true")));

    JvmOptionsSpec stored = client.resource(cluster).create().getSpec().getJvmOptions();

    assertThat(stored.getXms()).isEqualTo("1g");
    assertThat(stored.getXmx()).isEqualTo("2048m");
    assertThat(stored.getJavaSystemProperties())
        .singleElement()
        .satisfies(p -> assertThat(p.getValue()).isEqualTo("true"));
  }

  @Test
  void shouldRejectAHeapThatIsNotAJvmSize() {
    assertRejected(
        withJvmOptions("heap-unit", null, "2gb"),
        "jvmOptions.-Xmx must be a size such as 512m or 2g");
    assertRejected(
        withJvmOptions("heap-spaces", "1 g", null),
        "jvmOptions.-Xms must be a size such as 512m or 2g");
  }

  @Test
  void shouldRejectAnInitialHeapAboveTheMaximum() {
    assertRejected(withJvmOptions("heap-inverted", "4g", "2048m"), "-Xms must not exceed -Xmx");
    assertRejected(
        withJvmOptions("heap-inverted-k", "2097153k", "2g"), "-Xms must not exceed -Xmx");
    assertThat(client.resource(withJvmOptions("heap-equal", "2097152k", "2g")).create())
        .isNotNull();
  }

  @Test
  void shouldRejectSystemPropertiesThatWouldSplitOrAreNotNames() {
    Cluster badName = cluster("property-name");
    jvmOptions(badName, null, null)
        .setJavaSystemProperties(List.of(new SystemProperty("a=b -Xmx9g", "c")));
    assertRejected(badName, "jvmOptions.javaSystemProperties names are letters");

    Cluster property = cluster("property-spaced");
    jvmOptions(property, null, null)
        .setJavaSystemProperties(List.of(new SystemProperty("a", "b c")));
    assertRejected(property, "jvmOptions.javaSystemProperties values must not contain whitespace");
  }

  @Test
  void shouldChangeTheVotersOnlyOnceTheQuorumHasFormed() {
    Cluster fixedQuorum = client.resource(cluster("one-voter")).create();
    fixedQuorum.getSpec().setReplicas(3);
    Cluster scaled = client.resource(fixedQuorum).update();
    assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);

    // No controllers: the voters are min(3, replicas), so scaling 1 -> 3 changes them.
    GenericKubernetesResource derived =
        client
            .resource(
                io.fabric8.kubernetes.client.utils.Serialization.unmarshal(
                    String.join(
                        "\n",
                        "apiVersion: " + Cluster.GROUP + "/" + Cluster.VERSION,
                        "kind: Cluster",
                        "metadata: {name: derived-voters, namespace: " + namespace + "}",
                        "spec: {replicas: 1, storage: {size: 1Gi}}"),
                    GenericKubernetesResource.class))
            .create();
    assertThatThrownBy(() -> client.resource(derived).edit(r -> withSpec(r, "replicas", 3)))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("would change the controller voters")
                    .contains("before the controller quorum has formed"));

    markQuorumFormed("derived-voters");
    GenericKubernetesResource formed = client.resource(derived).get();
    GenericKubernetesResource grown = client.resource(formed).edit(r -> withSpec(r, "replicas", 3));
    assertThat(((Map<String, Object>) grown.getAdditionalProperties().get("spec")).get("replicas"))
        .isEqualTo(3);
    GenericKubernetesResource shrunk =
        client.resource(grown).edit(r -> withSpec(r, "controllers", Map.of("count", 1)));
    assertThat(((Map<String, Object>) shrunk.getAdditionalProperties().get("spec")))
        .extractingByKey("controllers")
        .isEqualTo(Map.of("count", 1, "dedicated", false));
  }

  /** What the operator records once the Cluster was Ready: its quorum formed with a fixed id. */
  private static void markQuorumFormed(String name) {
    client
        .resources(Cluster.class)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            c -> {
              ClusterStatus status = new ClusterStatus();
              status.setClusterId(org.apache.kafka.common.Uuid.randomUuid().toString());
              status.setQuorumFormed(true);
              c.setStatus(status);
              return c;
            });
  }

  private static GenericKubernetesResource withSpec(
      GenericKubernetesResource resource, String field, Object value) {
    ((Map<String, Object>) resource.getAdditionalProperties().get("spec")).put(field, value);
    return resource;
  }

  @Test
  void shouldAllowMoreDedicatedControllersThanBrokersButNeverSwitchModes() {
    Cluster dedicated = cluster("dedicated-quorum");
    dedicated.getSpec().setReplicas(1);
    dedicated.getSpec().getControllers().setCount(3);
    dedicated.getSpec().getControllers().setDedicated(true);
    Cluster created = client.resource(dedicated).create();
    assertThat(created.getSpec().getControllers().isDedicated()).isTrue();

    created.getSpec().getControllers().setDedicated(false);
    assertThatThrownBy(() -> client.resource(created).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> assertThat(e.getMessage()).contains("controllers.dedicated is fixed at creation"));

    Cluster combined = cluster("combined-quorum");
    combined.getSpec().setReplicas(1);
    combined.getSpec().getControllers().setCount(3);
    assertRejected(combined, "controllers.count must not exceed replicas");
  }

  @Test
  void shouldChangeTheControllerPortOnlyOnceTheQuorumHasFormed() {
    Cluster created = client.resource(cluster("controller-port")).create();
    created.getSpec().getListeners().setControllerPort(9193);
    assertThatThrownBy(() -> client.resource(created).update())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e ->
                assertThat(e.getMessage())
                    .contains(
                        "listeners.controllerPort may change only once the controller quorum"));

    markQuorumFormed("controller-port");
    Cluster moved =
        client
            .resources(Cluster.class)
            .inNamespace(namespace)
            .withName("controller-port")
            .edit(
                c -> {
                  c.getSpec().getListeners().setControllerPort(9193);
                  return c;
                });
    assertThat(moved.getSpec().getListeners().getControllerPort()).isEqualTo(9193);
  }

  private static Cluster withJvmOptions(String name, String xms, String xmx) {
    Cluster cluster = cluster(name);
    jvmOptions(cluster, xms, xmx);
    return cluster;
  }

  private static JvmOptionsSpec jvmOptions(Cluster cluster, String xms, String xmx) {
    JvmOptionsSpec options = new JvmOptionsSpec();
    options.setXms(xms);
    options.setXmx(xmx);
    cluster.getSpec().setJvmOptions(options);
    return options;
  }

  private static void assertRejected(Cluster cluster, String message) {
    assertThatThrownBy(() -> client.resource(cluster).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).isEqualTo(422);
              assertThat(e.getMessage()).contains(message);
            });
  }

  private static PodTemplate template(Cluster cluster) {
    cluster.getSpec().setTemplate(new ClusterTemplate());
    cluster.getSpec().getTemplate().setPod(new PodTemplate());
    cluster.getSpec().getTemplate().getPod().setMetadata(new PodTemplateMetadata());
    return cluster.getSpec().getTemplate().getPod();
  }

  private static Cluster cluster(String name) {
    return SingleBrokerClusters.oneBroker(namespace, name);
  }
}
