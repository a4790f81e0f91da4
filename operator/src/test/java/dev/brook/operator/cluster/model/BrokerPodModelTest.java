package dev.brook.operator.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.ClusterTemplate;
import dev.brook.operator.api.JvmOptionsSpec;
import dev.brook.operator.api.PodTemplate;
import dev.brook.operator.api.PodTemplateMetadata;
import dev.brook.operator.api.SystemProperty;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The hash a default one-broker Cluster had before {@code spec.template} existed (computed on
   * commit d5a2449): a pod made by an older operator must not look stale to this one.
   */
  @Test
  void shouldKeepThePreTemplateHashWhenClusterHasNoTemplate() {
    assertThat(hash(storedWithDefaultImage(cluster(Map.of())))).isEqualTo("044b7e03ea78c837");

    Cluster emptyTemplate = storedWithDefaultImage(cluster(Map.of()));
    emptyTemplate.getSpec().setTemplate(new ClusterTemplate());
    assertThat(hash(emptyTemplate)).isEqualTo("044b7e03ea78c837");
    emptyTemplate.getSpec().getTemplate().setPod(new PodTemplate());
    assertThat(hash(emptyTemplate)).isEqualTo("044b7e03ea78c837");
    emptyTemplate.getSpec().getTemplate().getPod().setMetadata(new PodTemplateMetadata());
    assertThat(hash(emptyTemplate)).isEqualTo("044b7e03ea78c837");
  }

  @Test
  void shouldAddTemplateToThePodAndKeepTheOperatorsOwnLabelsAndScheduling() {
    Cluster cluster = cluster(Map.of());
    PodTemplate template = fullTemplate();
    // A clash the CRD refuses, as from an object that bypassed validation: the operator wins.
    template.getMetadata().getLabels().put(ClusterNames.INSTANCE_LABEL, "other");
    template.getMetadata().getAnnotations().put(ClusterNames.POD_HASH_ANNOTATION, "forged");
    withTemplate(cluster, template);

    Pod pod = BrokerPodModel.pod(cluster, 0, Optional.of("zone-a"), CONFIG);
    Pod plain = BrokerPodModel.pod(cluster(Map.of()), 0, Optional.of("zone-a"), CONFIG);

    assertThat(pod.getMetadata().getLabels())
        .containsEntry("team", "payments")
        .containsEntry(ClusterNames.INSTANCE_LABEL, "demo")
        .containsEntry(ClusterNames.BROKER_ID_LABEL, "0")
        .containsEntry(ClusterNames.RACK_LABEL, "zone-a");
    assertThat(pod.getMetadata().getAnnotations())
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry(
            ClusterNames.POD_HASH_ANNOTATION,
            BrokerPodModel.hash(
                pod,
                CONFIG + PodTemplateOverrides.rollable(template, BrokerPodModel.CANONICAL_JSON)));
    assertThat(pod.getSpec().getTolerations()).containsExactly(toleration());
    assertThat(pod.getSpec().getPriorityClassName()).isEqualTo("kafka-critical");
    assertThat(pod.getSpec().getTopologySpreadConstraints()).containsExactly(spread());
    assertThat(pod.getSpec().getAffinity()).isEqualTo(plain.getSpec().getAffinity());
  }

  @Test
  void shouldChangeTheHashWhenAnyTemplateFieldChanges() {
    String plain = hash(cluster(Map.of()));
    List<PodTemplate> variants = new ArrayList<>();
    PodTemplate labelled = new PodTemplate();
    labelled.setMetadata(new PodTemplateMetadata());
    labelled.getMetadata().setLabels(Map.of("team", "payments"));
    variants.add(labelled);
    PodTemplate annotated = new PodTemplate();
    annotated.setMetadata(new PodTemplateMetadata());
    annotated.getMetadata().setAnnotations(Map.of("team", "payments"));
    variants.add(annotated);
    PodTemplate tolerating = new PodTemplate();
    tolerating.setTolerations(List.of(toleration()));
    variants.add(tolerating);
    PodTemplate prioritised = new PodTemplate();
    prioritised.setPriorityClassName("kafka-critical");
    variants.add(prioritised);
    PodTemplate spreading = new PodTemplate();
    spreading.setTopologySpreadConstraints(List.of(spread()));
    variants.add(spreading);

    List<String> hashes = new ArrayList<>();
    for (PodTemplate variant : variants) {
      Cluster cluster = cluster(Map.of());
      withTemplate(cluster, variant);
      hashes.add(hash(cluster));
    }
    assertThat(hashes).doesNotContain(plain).doesNotHaveDuplicates();
    Cluster again = cluster(Map.of());
    withTemplate(again, fullTemplate());
    assertThat(hash(again)).isEqualTo(hash(withTemplate(cluster(Map.of()), fullTemplate())));
  }

  @Test
  void shouldRunTheBrokerImageOfTheOperatorsVersionUnlessTheSpecNamesOne() {
    String version = BrokerImage.operatorVersion();
    assertThat(version).isNotBlank().doesNotContain("${");
    Cluster cluster = cluster(Map.of());
    assertThat(cluster.getSpec().getImage()).isNull();
    assertThat(BrokerPodModel.pod(cluster, 0, Optional.empty(), CONFIG))
        .extracting(pod -> pod.getSpec().getContainers().get(0).getImage())
        .isEqualTo("brook-broker:" + version);
    assertThat(BrokerImage.defaultImage("registry.example/brook-broker:1.2.3"))
        .isEqualTo("registry.example/brook-broker:1.2.3");
    assertThat(BrokerImage.defaultImage(" ")).isEqualTo("brook-broker:" + version);

    cluster.getSpec().setImage("registry.example/brook-broker:custom");
    assertThat(BrokerPodModel.pod(cluster, 0, Optional.empty(), CONFIG))
        .extracting(pod -> pod.getSpec().getContainers().get(0).getImage())
        .isEqualTo("registry.example/brook-broker:custom");
  }

  /**
   * A Cluster as the API server stored it while the CRD defaulted {@code spec.image} to {@code
   * brook-broker:latest}: the value is in its spec, so it keeps its pods' hash.
   */
  private static Cluster storedWithDefaultImage(Cluster cluster) {
    cluster.getSpec().setImage("brook-broker:latest");
    return cluster;
  }

  private static Cluster withTemplate(Cluster cluster, PodTemplate pod) {
    cluster.getSpec().setTemplate(new ClusterTemplate());
    cluster.getSpec().getTemplate().setPod(pod);
    return cluster;
  }

  private static PodTemplate fullTemplate() {
    PodTemplate template = new PodTemplate();
    template.setMetadata(new PodTemplateMetadata());
    template.getMetadata().getLabels().put("team", "payments");
    template.getMetadata().getAnnotations().put("prometheus.io/scrape", "true");
    template.setTolerations(List.of(toleration()));
    template.setPriorityClassName("kafka-critical");
    template.setTopologySpreadConstraints(List.of(spread()));
    return template;
  }

  private static Toleration toleration() {
    return new TolerationBuilder()
        .withKey("dedicated")
        .withOperator("Equal")
        .withValue("kafka")
        .withEffect("NoSchedule")
        .build();
  }

  private static TopologySpreadConstraint spread() {
    return new TopologySpreadConstraintBuilder()
        .withMaxSkew(1)
        .withTopologyKey("topology.kubernetes.io/zone")
        .withWhenUnsatisfiable("ScheduleAnyway")
        .withNewLabelSelector()
        .withMatchLabels(Map.of("team", "payments"))
        .endLabelSelector()
        .build();
  }

  /** The hash with a memory limit before {@code spec.jvmOptions} existed (commit d5a2449). */
  @Test
  void shouldKeepThePreJvmOptionsHashWhenClusterHasNoJvmOptions() {
    Cluster limited = withMemoryLimit(storedWithDefaultImage(cluster(Map.of())));
    assertThat(hash(limited)).isEqualTo("454e53ebd8353070");
    limited.getSpec().setJvmOptions(new JvmOptionsSpec());
    assertThat(hash(limited)).isEqualTo("454e53ebd8353070");
    assertThat(brokerEnv(limited))
        .extracting(EnvVar::getName)
        .doesNotContain(JvmOptionsModel.HEAP_OPTS, JvmOptionsModel.JVM_OPTS);
  }

  @Test
  void shouldPassHeapAndSystemPropertiesToTheBroker() {
    Cluster cluster = withMemoryLimit(cluster(Map.of()));
    JvmOptionsSpec options = new JvmOptionsSpec();
    options.setXms("1g");
    options.setXmx("2g");
    options.setJavaSystemProperties(
        List.of(
            new SystemProperty("java.net.preferIPv4Stack", "true"), new SystemProperty("a", null)));
    cluster.getSpec().setJvmOptions(options);

    assertThat(brokerEnv(cluster))
        .contains(
            new EnvVar(JvmOptionsModel.HEAP_OPTS, "-Xms1g -Xmx2g", null),
            new EnvVar(JvmOptionsModel.JVM_OPTS, "-Djava.net.preferIPv4Stack=true -Da=", null));
    assertThat(hash(cluster)).isNotEqualTo("454e53ebd8353070");

    JvmOptionsSpec heapOnly = new JvmOptionsSpec();
    heapOnly.setXmx("512m");
    cluster.getSpec().setJvmOptions(heapOnly);
    assertThat(brokerEnv(cluster))
        .contains(new EnvVar(JvmOptionsModel.HEAP_OPTS, "-Xmx512m", null))
        .extracting(EnvVar::getName)
        .doesNotContain(JvmOptionsModel.JVM_OPTS);
  }

  private static List<EnvVar> brokerEnv(Cluster cluster) {
    return BrokerPodModel.pod(cluster, 0, Optional.empty(), CONFIG)
        .getSpec()
        .getContainers()
        .get(0)
        .getEnv();
  }

  private static Cluster withMemoryLimit(Cluster cluster) {
    cluster
        .getSpec()
        .setResources(
            new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("4Gi")).build());
    return cluster;
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

  @Test
  void shouldRunDedicatedControllersWithTheControllerListenerOnly() {
    Cluster cluster = cluster(Map.of());
    cluster.getSpec().setReplicas(2);
    cluster.getSpec().getControllers().setDedicated(true);
    Pod controller = BrokerPodModel.controllerPod(cluster, 1001, Optional.of("zone-b"), CONFIG);
    assertThat(controller.getMetadata().getName()).isEqualTo("demo-controller-1001");
    assertThat(controller.getMetadata().getLabels())
        .containsEntry(ClusterNames.CONTROLLER_ID_LABEL, "1001")
        .containsEntry(ClusterNames.COMPONENT_LABEL, ClusterNames.COMPONENT_CONTROLLER)
        .doesNotContainKey(ClusterNames.BROKER_ID_LABEL);
    Map<String, String> env = env(controller);
    assertThat(env)
        .containsEntry("BROOK_NODE_ID", "1001")
        .containsEntry("BROOK_PROCESS_ROLES", "controller")
        .containsEntry("BROOK_LISTENERS", "CONTROLLER://$(POD_IP):9093")
        .doesNotContainKeys("BROOK_ADVERTISED_LISTENERS", "BROOK_BROKER_RACK");
    assertThat(controller.getSpec().getContainers().get(0).getPorts())
        .extracting(p -> p.getName())
        .containsExactly("controller", "http");
    assertThat(controller.getSpec().getVolumes())
        .filteredOn(v -> v.getPersistentVolumeClaim() != null)
        .extracting(v -> v.getPersistentVolumeClaim().getClaimName())
        .containsExactly("data-demo-controller-1001");
    assertThat(
            controller
                .getSpec()
                .getAffinity()
                .getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .get(0)
                .getLabelSelector()
                .getMatchLabels())
        .isEqualTo(ClusterNames.controllerSelector(cluster));

    Pod broker = BrokerPodModel.pod(cluster, 0, Optional.empty(), CONFIG);
    assertThat(env(broker))
        .containsEntry("BROOK_PROCESS_ROLES", "broker")
        .containsEntry("BROOK_LISTENERS", "PLAINTEXT://$(POD_IP):9092");
    assertThat(BrokerConfigModel.config(cluster).get("controller.quorum.voters"))
        .isEqualTo(
            "1000@demo-controller-1000.demo-brokers.ns.svc:9093,"
                + "1001@demo-controller-1001.demo-brokers.ns.svc:9093,"
                + "1002@demo-controller-1002.demo-brokers.ns.svc:9093");
  }

  private static Map<String, String> env(Pod pod) {
    Map<String, String> env = new java.util.TreeMap<>();
    pod.getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> e.getValue() != null)
        .forEach(e -> env.put(e.getName(), e.getValue()));
    return env;
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
