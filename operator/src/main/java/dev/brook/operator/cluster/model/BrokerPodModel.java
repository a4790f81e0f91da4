package dev.brook.operator.cluster.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ClusterSpec;
import dev.brook.operator.api.PodTemplate;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pod of one broker id: its identity, rack and listeners in {@code BROOK_*} variables, the
 * shared {@code server.properties} from the ConfigMap, its own PVC, pinned to its rack with node
 * affinity and kept off nodes that run another broker of the cluster with required anti-affinity.
 * The pod carries the hash of its desired form; a pod whose hash differs gets rolled.
 */
public final class BrokerPodModel {

  private static final String HTTP_PORT_NAME = "http";

  /** Startup probe periods (5 s each) a broker may spend recovering its logs: 30 minutes. */
  private static final int STARTUP_FAILURE_THRESHOLD = 360;

  static final ObjectMapper CANONICAL_JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .build();

  private BrokerPodModel() {}

  /**
   * @param rack the zone the broker is pinned to, or empty when the nodes carry no zone label
   * @param configText the rendered server.properties (part of the hash: a config change rolls)
   */
  public static Pod pod(Cluster cluster, int brokerId, Optional<String> rack, String configText) {
    ClusterSpec spec = cluster.getSpec();
    PodTemplate template = PodTemplateOverrides.of(spec);
    Map<String, String> own = new TreeMap<>(ClusterNames.labels(cluster));
    own.put(ClusterNames.BROKER_ID_LABEL, String.valueOf(brokerId));
    rack.ifPresent(r -> own.put(ClusterNames.RACK_LABEL, r));
    Map<String, String> labels = PodTemplateOverrides.labels(template, own);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(ClusterNames.brokerPod(cluster, brokerId))
            .withNamespace(cluster.getMetadata().getNamespace())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withHostname(ClusterNames.brokerPod(cluster, brokerId))
            .withSubdomain(ClusterNames.headlessService(cluster))
            .withAffinity(affinity(cluster, rack))
            .withTerminationGracePeriodSeconds(60L)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(1000L)
            .withFsGroup(1000L)
            .endSecurityContext()
            .addNewContainer()
            .withName("broker")
            .withImage(spec.getImage())
            .withArgs(BrokerConfigModel.CONFIG_DIR + "/" + BrokerConfigModel.FILE_NAME)
            .withEnv(env(cluster, brokerId, rack))
            .addNewPort()
            .withName("clients")
            .withContainerPort(spec.getListeners().getClientPort())
            .endPort()
            .addNewPort()
            .withName("controller")
            .withContainerPort(spec.getListeners().getControllerPort())
            .endPort()
            .addNewPort()
            .withName(HTTP_PORT_NAME)
            .withContainerPort(spec.getListeners().getHttpPort())
            .endPort()
            .withStartupProbe(httpProbe("/health/live", STARTUP_FAILURE_THRESHOLD))
            .withReadinessProbe(httpProbe("/health/ready", 3))
            .withLivenessProbe(httpProbe("/health/live", 6))
            .withResources(spec.getResources())
            .addNewVolumeMount()
            .withName("config")
            .withMountPath(BrokerConfigModel.CONFIG_DIR)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("data")
            .withMountPath(BrokerConfigModel.DATA_DIR)
            .endVolumeMount()
            .endContainer()
            .addNewVolume()
            .withName("config")
            .withNewConfigMap()
            .withName(ClusterNames.configMap(cluster))
            .endConfigMap()
            .endVolume()
            .addNewVolume()
            .withName("data")
            .withNewPersistentVolumeClaim()
            .withClaimName(ClusterNames.dataClaim(cluster, brokerId))
            .endPersistentVolumeClaim()
            .endVolume()
            .endSpec()
            .build();
    PodTemplateOverrides.applyTo(pod.getSpec(), template);
    Map<String, String> annotations = new TreeMap<>();
    String restart = restartRequest(cluster);
    String rollable = configText + PodTemplateOverrides.rollable(template, CANONICAL_JSON);
    if (restart != null) {
      annotations.put(ClusterNames.RESTART_ANNOTATION, restart);
      // Only a requested restart enters the hash, so pods made before it existed keep theirs.
      rollable += "\n# " + ClusterNames.RESTART_ANNOTATION + "=" + restart;
    }
    annotations.put(ClusterNames.POD_HASH_ANNOTATION, hash(pod, rollable));
    pod.getMetadata().setAnnotations(PodTemplateOverrides.annotations(template, annotations));
    return pod;
  }

  private static String restartRequest(Cluster cluster) {
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(ClusterNames.RESTART_ANNOTATION);
  }

  private static List<EnvVar> env(Cluster cluster, int brokerId, Optional<String> rack) {
    ClusterSpec spec = cluster.getSpec();
    boolean voter = brokerId < BrokerConfigModel.voters(spec);
    String listeners = "PLAINTEXT://$(POD_IP):" + spec.getListeners().getClientPort();
    if (voter) {
      listeners += ",CONTROLLER://$(POD_IP):" + spec.getListeners().getControllerPort();
    }
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("POD_IP")
            .withNewValueFrom()
            .withNewFieldRef()
            .withFieldPath("status.podIP")
            .endFieldRef()
            .endValueFrom()
            .build());
    env.add(new EnvVar("BROOK_NODE_ID", String.valueOf(brokerId), null));
    env.add(new EnvVar("BROOK_LOG_DIRS", BrokerConfigModel.DATA_DIR + "/data", null));
    env.add(new EnvVar("BROOK_PROCESS_ROLES", voter ? "broker,controller" : "broker", null));
    env.add(new EnvVar("BROOK_LISTENERS", listeners, null));
    env.add(
        new EnvVar("BROOK_HTTP_LISTENER", "$(POD_IP):" + spec.getListeners().getHttpPort(), null));
    env.add(
        new EnvVar(
            "BROOK_ADVERTISED_LISTENERS",
            "PLAINTEXT://$(POD_IP):" + spec.getListeners().getClientPort(),
            null));
    rack.ifPresent(r -> env.add(new EnvVar("BROOK_BROKER_RACK", r, null)));
    env.addAll(JvmOptionsModel.env(spec.getJvmOptions()));
    return env;
  }

  private static Affinity affinity(Cluster cluster, Optional<String> rack) {
    AffinityBuilder affinity =
        new AffinityBuilder()
            .withNewPodAntiAffinity()
            .addNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNewLabelSelector()
            .withMatchLabels(ClusterNames.brokerSelector(cluster))
            .endLabelSelector()
            .withTopologyKey("kubernetes.io/hostname")
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endPodAntiAffinity();
    rack.ifPresent(
        zone ->
            affinity
                .withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm()
                .addNewMatchExpression()
                .withKey(cluster.getSpec().getRack().getTopologyKey())
                .withOperator("In")
                .withValues(zone)
                .endMatchExpression()
                .endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution()
                .endNodeAffinity());
    return affinity.build();
  }

  /**
   * A probe of the broker's HTTP endpoint. Readiness asks whether the broker is registered and
   * unfenced (so a roll waits for it, not merely for an open port); liveness whether it still
   * serves HTTP, once the startup probe has seen it do so: the endpoint opens after log recovery,
   * which the startup probe allows {@value #STARTUP_FAILURE_THRESHOLD} periods of 5 s for.
   */
  private static Probe httpProbe(String path, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(HTTP_PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(5)
        .withTimeoutSeconds(3)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /**
   * The pod's rollable content: its spec and the configuration file it reads. The spec is
   * serialized with map entries and properties sorted: maps such as {@code Map.of} iterate in an
   * order that differs between JVM runs, and a hash that changed with every operator restart would
   * roll every broker each time.
   */
  static String hash(Pod pod, String configText) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(CANONICAL_JSON.writeValueAsBytes(pod.getSpec()));
      digest.update(configText.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize pod " + pod.getMetadata().getName(), e);
    }
  }
}
