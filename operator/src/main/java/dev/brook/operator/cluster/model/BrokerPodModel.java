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
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
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
    return pod(cluster, NodeRole.BROKER, brokerId, rack, configText);
  }

  /**
   * The pod of a dedicated controller ({@code spec.controllers.dedicated}): the same image and
   * {@code server.properties}, {@code process.roles=controller}, the controller listener and the
   * HTTP endpoint only, its own claim, kept off nodes running another controller of the cluster.
   */
  public static Pod controllerPod(
      Cluster cluster, int nodeId, Optional<String> rack, String configText) {
    return pod(cluster, NodeRole.CONTROLLER, nodeId, rack, configText);
  }

  private static Pod pod(
      Cluster cluster, NodeRole role, int nodeId, Optional<String> rack, String configText) {
    ClusterSpec spec = cluster.getSpec();
    PodTemplate template = PodTemplateOverrides.of(spec);
    Map<String, String> own = new TreeMap<>(role.labels(cluster));
    own.put(role.idLabel(), String.valueOf(nodeId));
    rack.ifPresent(r -> own.put(ClusterNames.RACK_LABEL, r));
    Map<String, String> labels = PodTemplateOverrides.labels(template, own);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(role.podName(cluster, nodeId))
            .withNamespace(cluster.getMetadata().getNamespace())
            .withLabels(labels)
            .endMetadata()
            .withNewSpec()
            .withHostname(role.podName(cluster, nodeId))
            .withSubdomain(ClusterNames.headlessService(cluster))
            .withAffinity(affinity(cluster, role.selector(cluster), rack))
            .withTerminationGracePeriodSeconds(60L)
            .withNewSecurityContext()
            .withRunAsNonRoot(true)
            .withRunAsUser(1000L)
            .withFsGroup(1000L)
            .endSecurityContext()
            .addNewContainer()
            .withName("broker")
            .withImage(BrokerImage.of(spec))
            .withArgs(BrokerConfigModel.CONFIG_DIR + "/" + BrokerConfigModel.FILE_NAME)
            .withEnv(env(cluster, role, nodeId, rack))
            .withPorts(ports(spec, role))
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
            .withClaimName(role.claimName(cluster, nodeId))
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

  private static List<ContainerPort> ports(ClusterSpec spec, NodeRole role) {
    List<ContainerPort> ports = new ArrayList<>();
    if (role == NodeRole.BROKER) {
      ports.add(port("clients", spec.getListeners().getClientPort()));
    }
    ports.add(port("controller", spec.getListeners().getControllerPort()));
    ports.add(port(HTTP_PORT_NAME, spec.getListeners().getHttpPort()));
    return ports;
  }

  private static ContainerPort port(String name, int number) {
    return new ContainerPortBuilder().withName(name).withContainerPort(number).build();
  }

  private static List<EnvVar> env(
      Cluster cluster, NodeRole role, int nodeId, Optional<String> rack) {
    ClusterSpec spec = cluster.getSpec();
    String controllerListener = "CONTROLLER://$(POD_IP):" + spec.getListeners().getControllerPort();
    String clientListener = "PLAINTEXT://$(POD_IP):" + spec.getListeners().getClientPort();
    String roles;
    String listeners;
    if (role == NodeRole.CONTROLLER) {
      roles = "controller";
      listeners = controllerListener;
    } else if (BrokerConfigModel.isCombinedVoter(spec, nodeId)) {
      roles = "broker,controller";
      listeners = clientListener + "," + controllerListener;
    } else {
      roles = "broker";
      listeners = clientListener;
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
    env.add(new EnvVar("BROOK_NODE_ID", String.valueOf(nodeId), null));
    env.add(new EnvVar("BROOK_LOG_DIRS", BrokerConfigModel.DATA_DIR + "/data", null));
    env.add(new EnvVar("BROOK_PROCESS_ROLES", roles, null));
    env.add(new EnvVar("BROOK_LISTENERS", listeners, null));
    env.add(
        new EnvVar("BROOK_HTTP_LISTENER", "$(POD_IP):" + spec.getListeners().getHttpPort(), null));
    if (role == NodeRole.BROKER) {
      env.add(new EnvVar("BROOK_ADVERTISED_LISTENERS", clientListener, null));
      rack.ifPresent(r -> env.add(new EnvVar("BROOK_BROKER_RACK", r, null)));
    }
    env.addAll(JvmOptionsModel.env(spec.getJvmOptions()));
    return env;
  }

  private static Affinity affinity(
      Cluster cluster, Map<String, String> peers, Optional<String> rack) {
    AffinityBuilder affinity =
        new AffinityBuilder()
            .withNewPodAntiAffinity()
            .addNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNewLabelSelector()
            .withMatchLabels(peers)
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
