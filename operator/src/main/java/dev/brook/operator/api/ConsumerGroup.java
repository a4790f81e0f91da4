package dev.brook.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A consumer group on a Brook {@link Cluster}: its lag, members and declarative offset resets. */
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
@Kind("ConsumerGroup")
@ShortNames("bkg")
@Categories("brook")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
@AdditionalPrinterColumn(
    name = "Cluster",
    jsonPath = ".spec.cluster",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "State",
    jsonPath = ".status.state",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Lag",
    jsonPath = ".status.totalLag",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ConsumerGroup extends CustomResource<ConsumerGroupSpec, ConsumerGroupStatus>
    implements Namespaced {

  /** The Kafka group id: {@code spec.groupId}, or {@code metadata.name} when unset. */
  public String groupId() {
    String id = getSpec().getGroupId();
    return id == null || id.isBlank() ? getMetadata().getName() : id;
  }
}
