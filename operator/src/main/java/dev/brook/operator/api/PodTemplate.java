package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Cluster adds to each broker pod. The operator's own scheduling (the zone's node affinity,
 * one broker per node) and its labels stay: these fields only add to them.
 */
public class PodTemplate {

  @JsonPropertyDescription(
      "Labels and annotations added to the broker pods; the operator's own keys are refused.")
  private PodTemplateMetadata metadata;

  @Size(max = 32)
  @JsonPropertyDescription("Tolerations of the broker pods, e.g. for nodes tainted for Kafka.")
  private List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription(
      "PriorityClass of the broker pods; the class must exist, or the pods are not created.")
  private String priorityClassName;

  @Size(max = 8)
  @JsonPropertyDescription(
      "Topology spread constraints of the broker pods, added to the operator's zone pinning and"
          + " one-broker-per-node anti-affinity.")
  private List<TopologySpreadConstraint> topologySpreadConstraints = new ArrayList<>();

  public PodTemplateMetadata getMetadata() {
    return metadata;
  }

  public void setMetadata(PodTemplateMetadata metadata) {
    this.metadata = metadata;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(
      List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints =
        topologySpreadConstraints == null ? new ArrayList<>() : topologySpreadConstraints;
  }
}
