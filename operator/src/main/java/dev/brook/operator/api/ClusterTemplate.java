package dev.brook.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Overrides of the objects the operator makes for a Cluster, shaped like Strimzi's {@code
 * template}. Absent by default: a Cluster without it gets exactly the objects it got before the
 * field existed.
 */
public class ClusterTemplate {

  @JsonPropertyDescription(
      "Added to every broker pod: labels, annotations, tolerations, priority class, topology"
          + " spread. A change rolls the brokers one at a time.")
  private PodTemplate pod;

  public PodTemplate getPod() {
    return pod;
  }

  public void setPod(PodTemplate pod) {
    this.pod = pod;
  }
}
