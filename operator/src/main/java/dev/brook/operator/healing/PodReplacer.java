package dev.brook.operator.healing;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes broker pods that will never serve again, so that the cluster reconciler re-creates them:
 *
 * <ul>
 *   <li>a Failed pod (evicted, for one) at once: Kubernetes never restarts it;
 *   <li>a pod on a node that is not ready (or gone), once its broker is lost: force-deleted,
 *       because no kubelet will confirm a graceful deletion. The controller has fenced the broker,
 *       so the old incarnation, should its node come back, cannot lead any more. If the pod's
 *       volume is bound to that node (local storage), its claim is deleted too: the broker comes
 *       back with the same id and an empty volume, in the same zone, and re-replicates.
 * </ul>
 */
public final class PodReplacer {

  private static final Logger LOG = LoggerFactory.getLogger(PodReplacer.class);
  private static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  private final KubernetesClient client;

  public PodReplacer(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @param claimOf the data claim name of a broker id
   * @return the names of the pods deleted
   */
  public List<String> replace(
      Map<Integer, Pod> pods,
      Map<Integer, BrokerAvailability> availability,
      Map<String, Node> nodes,
      IntFunction<String> claimOf) {
    List<String> deleted = new ArrayList<>();
    pods.forEach(
        (id, pod) -> {
          BrokerAvailability broker = availability.get(id);
          if (broker == null) {
            return;
          }
          String name = pod.getMetadata().getName();
          if (Unavailability.isFailed(pod) && pod.getMetadata().getDeletionTimestamp() == null) {
            LOG.info("broker {}: pod {} failed; deleting it to re-create it", id, name);
            client.resource(pod).delete();
            deleted.add(name);
          } else if (broker.lost() && onUnavailableNode(pod, nodes)) {
            String node = pod.getSpec().getNodeName();
            LOG.warn(
                "broker {} is lost and its node {} is not ready: force-deleting pod {}",
                id,
                node,
                name);
            client.resource(pod).withGracePeriod(0).delete();
            releaseClaimBoundTo(node, pod.getMetadata().getNamespace(), claimOf.apply(id));
            deleted.add(name);
          }
        });
    return deleted;
  }

  private static boolean onUnavailableNode(Pod pod, Map<String, Node> nodes) {
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    if (nodeName == null) {
      return false;
    }
    Node node = nodes.get(nodeName);
    return node == null || !Unavailability.isReady(node);
  }

  /** Deletes the claim when its volume can only be reached from {@code node}. */
  private void releaseClaimBoundTo(String node, String namespace, String claimName) {
    Optional<PersistentVolumeClaim> claim =
        Optional.ofNullable(
            client.persistentVolumeClaims().inNamespace(namespace).withName(claimName).get());
    Optional<PersistentVolume> volume =
        claim
            .map(c -> c.getSpec().getVolumeName())
            .map(name -> client.persistentVolumes().withName(name).get());
    if (volume.isPresent() && pinnedTo(volume.get(), node)) {
      LOG.warn(
          "claim {} is bound to volume {} on the lost node {}: deleting it; the broker re-replicates"
              + " onto a new volume",
          claimName,
          volume.get().getMetadata().getName(),
          node);
      client.resource(claim.get()).delete();
    }
  }

  private static boolean pinnedTo(PersistentVolume volume, String node) {
    if (volume.getSpec().getNodeAffinity() == null
        || volume.getSpec().getNodeAffinity().getRequired() == null) {
      return false;
    }
    for (NodeSelectorTerm term :
        volume.getSpec().getNodeAffinity().getRequired().getNodeSelectorTerms()) {
      for (NodeSelectorRequirement requirement : term.getMatchExpressions()) {
        if (HOSTNAME_LABEL.equals(requirement.getKey())
            && "In".equals(requirement.getOperator())
            && requirement.getValues().contains(node)) {
          return true;
        }
      }
    }
    return false;
  }
}
