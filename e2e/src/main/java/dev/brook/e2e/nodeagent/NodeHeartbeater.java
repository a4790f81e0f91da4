package dev.brook.e2e.nodeagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers one simulated node and keeps it alive the way a kubelet does: renews its Lease in
 * {@code kube-node-lease} every {@code leaseRenewInterval} (the node-lifecycle controller's
 * liveness signal) and posts its status (Ready, capacity) at registration, on restart and every
 * {@link #STATUS_EVERY_RENEWALS} renewals.
 */
final class NodeHeartbeater {

  static final String ZONE_LABEL = "topology.kubernetes.io/zone";
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
  static final String HOST_IP = "127.0.0.1";
  private static final int STATUS_EVERY_RENEWALS = 10;
  private static final int LEASE_DURATION_SECONDS = 40;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(NodeHeartbeater.class);

  private final KubernetesClient client;
  private final SimulatedNode node;
  private final Duration renewInterval;
  private ScheduledFuture<?> renewals;
  private long renewalCount;
  private volatile String readySince;

  NodeHeartbeater(KubernetesClient client, SimulatedNode node, Duration renewInterval) {
    this.client = client;
    this.node = node;
    this.renewInterval = renewInterval;
  }

  /** Creates or updates the Node, reports it Ready and starts renewing its lease. */
  synchronized void start(ScheduledExecutorService scheduler) {
    Node registered =
        client
            .nodes()
            .resource(nodeObject())
            .fieldManager("brook-node-agent")
            .forceConflicts()
            .serverSideApply();
    renewLease(registered);
    readySince = Instant.now().toString();
    postStatus();
    renewalCount = 0;
    renewals =
        scheduler.scheduleWithFixedDelay(
            () -> beat(registered),
            renewInterval.toMillis(),
            renewInterval.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Stops renewals: after the grace period the node-lifecycle controller marks it NotReady. */
  synchronized void stop() {
    if (renewals != null) {
      renewals.cancel(false);
      renewals = null;
    }
  }

  synchronized boolean isRunning() {
    return renewals != null;
  }

  private void beat(Node registered) {
    try {
      renewLease(registered);
      if (++renewalCount % STATUS_EVERY_RENEWALS == 0) {
        postStatus();
      }
    } catch (KubernetesClientException e) {
      LOG.warn("Node {} missed a heartbeat", node.name(), e);
    }
  }

  private Node nodeObject() {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(node.name())
        .addToLabels(ZONE_LABEL, node.zone())
        .addToLabels("topology.kubernetes.io/region", "local")
        .addToLabels(HOSTNAME_LABEL, node.name())
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels("kubernetes.io/arch", "amd64")
        .addToLabels("node.brook.dev/simulated", "true")
        .endMetadata()
        .build();
  }

  private void renewLease(Node registered) {
    Lease lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withName(node.name())
            .withNamespace("kube-node-lease")
            .addNewOwnerReference()
            .withApiVersion("v1")
            .withKind("Node")
            .withName(node.name())
            .withUid(registered.getMetadata().getUid())
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(node.name())
            .withLeaseDurationSeconds(LEASE_DURATION_SECONDS)
            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
            .endSpec()
            .build();
    client.resource(lease).fieldManager("brook-node-agent").forceConflicts().serverSideApply();
  }

  private void postStatus() {
    String now = Instant.now().toString();
    String since = readySince;
    Map<String, Object> resources = new LinkedHashMap<>();
    resources.put("cpu", "8");
    resources.put("memory", "16Gi");
    resources.put("pods", "110");
    resources.put("ephemeral-storage", "100Gi");
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("capacity", resources);
    status.put("allocatable", resources);
    status.put(
        "conditions",
        List.of(
            condition(
                "Ready",
                "True",
                "KubeletReady",
                "simulated node is posting ready status",
                now,
                since),
            condition("MemoryPressure", "False", "KubeletHasSufficientMemory", null, now, since),
            condition("DiskPressure", "False", "KubeletHasNoDiskPressure", null, now, since),
            condition("PIDPressure", "False", "KubeletHasSufficientPID", null, now, since)));
    status.put(
        "addresses",
        List.of(
            Map.of("type", "InternalIP", "address", HOST_IP),
            Map.of("type", "Hostname", "address", node.name())));
    Map<String, Object> nodeInfo = new LinkedHashMap<>();
    nodeInfo.put("machineID", node.name());
    nodeInfo.put("systemUUID", node.name());
    nodeInfo.put("bootID", node.name());
    nodeInfo.put("kernelVersion", System.getProperty("os.version"));
    nodeInfo.put("osImage", "Brook simulated node (pods run as local processes)");
    nodeInfo.put("containerRuntimeVersion", "brook-local-process://1");
    nodeInfo.put("kubeletVersion", "v1.36.3");
    nodeInfo.put("kubeProxyVersion", "");
    nodeInfo.put("operatingSystem", "linux");
    nodeInfo.put("architecture", "amd64");
    status.put("nodeInfo", nodeInfo);
    try {
      client
          .nodes()
          .withName(node.name())
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.STRATEGIC_MERGE),
              JSON.writeValueAsString(Map.of("status", status)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("node status is not serializable", e);
    }
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String message, String now, String since) {
    Map<String, Object> condition = new LinkedHashMap<>();
    condition.put("type", type);
    condition.put("status", status);
    condition.put("reason", reason);
    condition.put("message", message);
    condition.put("lastHeartbeatTime", now);
    condition.put("lastTransitionTime", since);
    return condition;
  }
}
