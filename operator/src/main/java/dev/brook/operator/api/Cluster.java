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

/** A fleet of Brook brokers with its controller quorum, spread over racks. */
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
@Kind("Cluster")
@ShortNames("bkc")
@Categories("brook")
@ValidationRule(value = "has(self.spec)", message = "spec is required")
// The voters are brokers 0..min(controllers.count, replicas)-1, or controllers.count dedicated
// controllers. They may change once the quorum has formed with a fixed cluster id: new voters join
// by themselves, the operator removes the
// others. Before that (or for a Cluster whose brokers derive their cluster id from the voters) a
// changed voter set would form a second quorum or strand broker 0's data. Checked on the effective
// values, so leaving out controllers cannot get around it.
@ValidationRule(
    value =
        "!has(oldSelf.spec) || (has(oldSelf.status) && has(oldSelf.status.quorumFormed)"
            + " && oldSelf.status.quorumFormed)"
            + " || "
            + "((has(self.spec.controllers) && self.spec.controllers.dedicated)"
            + " ? self.spec.controllers.count"
            + " : ((has(self.spec.controllers) ? self.spec.controllers.count : 3)"
            + " < self.spec.replicas"
            + " ? (has(self.spec.controllers) ? self.spec.controllers.count : 3)"
            + " : self.spec.replicas))"
            + " == "
            + "((has(oldSelf.spec.controllers) && oldSelf.spec.controllers.dedicated)"
            + " ? oldSelf.spec.controllers.count"
            + " : ((has(oldSelf.spec.controllers) ? oldSelf.spec.controllers.count : 3)"
            + " < oldSelf.spec.replicas"
            + " ? (has(oldSelf.spec.controllers) ? oldSelf.spec.controllers.count : 3)"
            + " : oldSelf.spec.replicas))",
    message =
        "this edit would change the controller voters (the lowest min(controllers.count, replicas)"
            + " broker ids) before the controller quorum has formed with a fixed cluster id"
            + " (status.quorumFormed, set once the Cluster was Ready): wait until it is Ready, or,"
            + " for a Cluster created before Brook fixed cluster ids, keep its voters")
// A changed controller port rolls the voters onto it: each comes back as a new incarnation that
// replaces its earlier one in the voter set. That needs the quorum formed with a fixed cluster id;
// a Cluster whose brokers derive their cluster id from the voter addresses would lose its data.
@ValidationRule(
    value =
        "!has(oldSelf.spec) || (has(oldSelf.status) && has(oldSelf.status.quorumFormed)"
            + " && oldSelf.status.quorumFormed)"
            + " || (has(self.spec.listeners) ? self.spec.listeners.controllerPort : 9093)"
            + " == (has(oldSelf.spec.listeners) ? oldSelf.spec.listeners.controllerPort : 9093)",
    message =
        "listeners.controllerPort may change only once the controller quorum has formed with a"
            + " fixed cluster id (status.quorumFormed, set once the Cluster was Ready)")
@AdditionalPrinterColumn(
    name = "Desired",
    jsonPath = ".spec.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Brokers",
    jsonPath = ".status.replicas",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Reason",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].reason",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Bootstrap",
    jsonPath = ".status.bootstrap",
    type = AdditionalPrinterColumn.Type.STRING,
    priority = 1)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Cluster extends CustomResource<ClusterSpec, ClusterStatus> implements Namespaced {

  public static final String GROUP = "brook.dev";
  public static final String VERSION = "v1alpha1";
}
