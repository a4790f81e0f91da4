package dev.brook.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.brook.operator.api.Cluster;
import dev.brook.operator.api.ConditionReason;
import dev.brook.operator.api.ConditionType;
import dev.brook.operator.api.Conditions;
import dev.brook.operator.api.ObservedStatus;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;

/** Waits on what the operator reports in a resource's status. */
public final class ResourceAwaits {

  private ResourceAwaits() {}

  /** The resource once its Ready condition carries {@code reason}. */
  public static <R extends CustomResource<?, ? extends ObservedStatus>> R readyReason(
      KubernetesClient client, R resource, ConditionReason reason, Duration timeout) {
    return await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> client.resource(resource).get(),
            current ->
                current.getStatus() != null
                    && Conditions.find(current.getStatus().getConditions(), ConditionType.Ready)
                        .filter(ready -> reason.name().equals(ready.getReason()))
                        .isPresent());
  }

  /**
   * The Cluster once its status describes its current generation with {@code replicas} broker pods
   * and Ready reason {@code Reconciled}.
   */
  public static Cluster clusterReconciled(
      KubernetesClient client, Cluster cluster, int replicas, Duration timeout) {
    try {
      return await()
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> client.resource(cluster).get(),
              current ->
                  current.getStatus() != null
                      && current.getStatus().getReplicas() == replicas
                      && current
                          .getMetadata()
                          .getGeneration()
                          .equals(current.getStatus().getObservedGeneration())
                      && Conditions.find(current.getStatus().getConditions(), ConditionType.Ready)
                          .filter(
                              ready -> ConditionReason.Reconciled.name().equals(ready.getReason()))
                          .isPresent());
    } catch (ConditionTimeoutException e) {
      Cluster last = client.resource(cluster).get();
      throw new AssertionError(
          "Cluster "
              + cluster.getMetadata().getName()
              + " not reconciled with "
              + replicas
              + " brokers within "
              + timeout
              + "; last Ready condition: "
              + (last == null || last.getStatus() == null
                  ? "none"
                  : Conditions.find(last.getStatus().getConditions(), ConditionType.Ready)
                          .map(c -> c.getReason() + ": " + c.getMessage())
                          .orElse("none")
                      + ", queued "
                      + last.getStatus().getQueuedOperations()),
          e);
    }
  }

  /** Same, within {@link TestOperator#TIMEOUT}. */
  public static <R extends CustomResource<?, ? extends ObservedStatus>> R readyReason(
      KubernetesClient client, R resource, ConditionReason reason) {
    return readyReason(client, resource, reason, TestOperator.TIMEOUT);
  }
}
