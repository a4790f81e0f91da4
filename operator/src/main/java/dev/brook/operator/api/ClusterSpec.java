package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Desired state of a Brook cluster. Defaults live in the CRD schema. */
@ValidationRule(
    value =
        "!has(self.controllers) || self.controllers.dedicated"
            + " || self.controllers.count <= self.replicas",
    message =
        "controllers.count must not exceed replicas: every voter is a broker (unless"
            + " controllers.dedicated)")
@ValidationRule(
    value =
        "!has(self.removeBrokers) || self.removeBrokers.all(id, id < 1000 && id >="
            + " ((has(self.controllers) && self.controllers.dedicated) ? 0"
            + " : (has(self.controllers) ? self.controllers.count : 3)))",
    message =
        "removeBrokers must not list a controller voter (ids below controllers.count), a"
            + " negative id or one from 1000 (dedicated controllers' ids)")
@ValidationRule(
    value =
        "(has(self.controllers) && self.controllers.dedicated)"
            + " == (has(oldSelf.controllers) && oldSelf.controllers.dedicated)",
    message =
        "controllers.dedicated is fixed at creation: moving the quorum between brokers and"
            + " dedicated controllers is not supported")
public class ClusterSpec {

  @SpecReplicas
  @Min(1)
  @Max(1000)
  @Default("3")
  @JsonPropertyDescription(
      "Number of brokers: the lowest ids not listed in removeBrokers. Lowering it drains the"
          + " highest ids (their partitions move to the remaining brokers) and deletes their pods"
          + " only once they hold no replica.")
  private int replicas = 3;

  @JsonPropertyDescription(
      "Broker ids to drain and remove instead of the highest ones (when lowering replicas), or"
          + " to replace by the next free id (when replicas stays). An id listed here is never"
          + " used again while it stays listed. Controller voters cannot be removed.")
  @Size(max = 64)
  private List<Integer> removeBrokers = new ArrayList<>();

  @JsonPropertyDescription(
      "Controller quorum; its voters run combined broker and controller roles.")
  // Left out, it counts as 3 voters capped at replicas; the CEL rules rely on telling the two
  // apart.
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private ControllersSpec controllers = new ControllersSpec();

  @JsonPropertyDescription(
      "Broker container image. Left out, the broker image of the operator's own version"
          + " (BROOK_BROKER_IMAGE in its Deployment, else brook-broker:<operator version>), so"
          + " upgrading the operator rolls the brokers onto it.")
  private String image;

  @JsonPropertyDescription("Persistent volume of each broker.")
  private StorageSpec storage = new StorageSpec();

  @JsonPropertyDescription("CPU and memory of each broker container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Broker configuration (Kafka key names); unknown keys are reported in status.")
  private Map<String, String> config = new TreeMap<>();

  @JsonPropertyDescription(
      "JVM options of the brokers (Strimzi's jvmOptions): -Xms, -Xmx and"
          + " javaSystemProperties. Without a heap the image's default leaves most of the memory"
          + " to the page cache.")
  private JvmOptionsSpec jvmOptions;

  @JsonPropertyDescription("Rack awareness: which node label names a broker's rack.")
  private RackSpec rack = new RackSpec();

  @JsonPropertyDescription("Ports of the client and controller listeners.")
  private ListenersSpec listeners = new ListenersSpec();

  @JsonPropertyDescription(
      "Self-healing and partition moves: grace period of a lost broker, moves at once, drain"
          + " timeout.")
  private HealingSpec healing = new HealingSpec();

  @JsonPropertyDescription(
      "Overrides of the broker pods (Strimzi's template.pod): labels, annotations, tolerations,"
          + " priorityClassName, topologySpreadConstraints.")
  private ClusterTemplate template;

  public int getReplicas() {
    return replicas;
  }

  public void setReplicas(int replicas) {
    this.replicas = replicas;
  }

  public List<Integer> getRemoveBrokers() {
    return removeBrokers;
  }

  public void setRemoveBrokers(List<Integer> removeBrokers) {
    this.removeBrokers = removeBrokers == null ? new ArrayList<>() : removeBrokers;
  }

  public ControllersSpec getControllers() {
    return controllers;
  }

  public void setControllers(ControllersSpec controllers) {
    this.controllers = controllers;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public StorageSpec getStorage() {
    return storage;
  }

  public void setStorage(StorageSpec storage) {
    this.storage = storage;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public RackSpec getRack() {
    return rack;
  }

  public void setRack(RackSpec rack) {
    this.rack = rack;
  }

  public HealingSpec getHealing() {
    return healing;
  }

  public void setHealing(HealingSpec healing) {
    this.healing = healing;
  }

  public ListenersSpec getListeners() {
    return listeners;
  }

  public void setListeners(ListenersSpec listeners) {
    this.listeners = listeners;
  }

  public ClusterTemplate getTemplate() {
    return template;
  }

  public void setTemplate(ClusterTemplate template) {
    this.template = template;
  }

  public JvmOptionsSpec getJvmOptions() {
    return jvmOptions;
  }

  public void setJvmOptions(JvmOptionsSpec jvmOptions) {
    this.jvmOptions = jvmOptions;
  }
}
