package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.ShutdownSequence;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated kubelets: registers {@link SimulatedNode}s, keeps their leases fresh, and runs every
 * pod the scheduler binds to one of them as local processes (see {@link ContainerRunner}, {@link
 * ImageLaunchers}, {@link PodVolumes}), or, for images in the local store of a configured container
 * engine, as containers on the host network ({@link EngineLauncher}); each pod with its own
 * loopback address as pod IP. Pods with a hostname and subdomain get their headless-Service DNS
 * names, which the JVMs in pods resolve through {@link PodHostsFile}.
 *
 * <p>Pod deletion is confirmed as a kubelet does: the containers get SIGTERM, SIGKILL after the
 * pod's grace period, and then the agent deletes the pod with grace period 0. {@link
 * #stopNode(String)} simulates a machine loss. Logs are in {@code
 * <stateDirectory>/logs/<namespace>/<pod>/<container>.log}; {@code kubectl logs} does not work (no
 * kubelet endpoint).
 */
public final class NodeAgent implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);

  private final KubernetesClient client;
  private final NodeAgentOptions options;
  private final Map<String, NodeHeartbeater> nodes = new LinkedHashMap<>();
  private final Map<String, PodSupervisor> pods = new ConcurrentHashMap<>();
  private final Set<String> terminating = ConcurrentHashMap.newKeySet();
  private final PodIpAllocator podIps;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
  private final ExecutorService blocking = Executors.newCachedThreadPool();
  private final ExecutorService statusWrites = Executors.newSingleThreadExecutor();
  private final PodRuntime runtime;
  private final LocalVolumeProvisioner provisioner;
  private final Optional<ContainerEngine> engine;
  private SharedIndexInformer<Pod> podInformer;

  private NodeAgent(KubernetesClient client, NodeAgentOptions options) {
    this.client = client;
    this.options = options;
    this.podIps = new PodIpAllocator(options.firstPodIp());
    this.engine = options.containerEngine().map(ContainerEngine::new);
    this.runtime =
        new PodRuntime(
            new EnvResolver(client),
            new PodVolumes(client, new ServiceAccountTokens(client, scheduler)),
            options.launchers(),
            engine,
            scheduler,
            blocking,
            options.initialRestartBackoff(),
            options.maxRestartBackoff(),
            new PodHostsFile(options.stateDirectory().resolve("dns").resolve("hosts")));
    this.provisioner =
        new LocalVolumeProvisioner(client, options.stateDirectory().resolve("volumes"));
  }

  /** Registers the nodes, starts the provisioner and begins running the pods bound to the nodes. */
  public static NodeAgent start(KubernetesClient client, NodeAgentOptions options) {
    NodeAgent agent = new NodeAgent(client, options);
    agent.engine.ifPresent(engine -> engine.removeLeftovers(false));
    ShutdownSequence.register(agent);
    for (SimulatedNode node : options.nodes()) {
      NodeHeartbeater heartbeater = new NodeHeartbeater(client, node, options.leaseRenewInterval());
      heartbeater.start(agent.scheduler);
      agent.nodes.put(node.name(), heartbeater);
    }
    agent.provisioner.start();
    agent.podInformer = client.pods().inAnyNamespace().inform(agent.podEvents());
    LOG.info("Node agent running {} nodes", options.nodes().size());
    return agent;
  }

  public List<String> nodeNames() {
    return List.copyOf(nodes.keySet());
  }

  /**
   * Simulates the loss of a machine: the node stops renewing its lease (the node-lifecycle
   * controller marks it NotReady after its grace period) and its pods' processes are killed at
   * once. Pods bound to it are no longer run or reported until {@link #restartNode(String)}.
   */
  public synchronized void stopNode(String nodeName) {
    heartbeater(nodeName).stop();
    pods.entrySet()
        .removeIf(
            entry -> {
              if (nodeName.equals(nodeOf(entry.getKey()))) {
                entry.getValue().kill();
                return true;
              }
              return false;
            });
    LOG.info("Stopped node {}", nodeName);
  }

  /** Brings a stopped node back: Ready again, and the pods still bound to it are started afresh. */
  public synchronized void restartNode(String nodeName) {
    heartbeater(nodeName).start(scheduler);
    podInformer.getStore().list().stream()
        .filter(pod -> nodeName.equals(pod.getSpec().getNodeName()))
        .forEach(this::onPodEvent);
    LOG.info("Restarted node {}", nodeName);
  }

  /** Process ids of the running container processes of a pod, empty when none runs here. */
  public List<Long> processIds(String namespace, String podName) {
    PodSupervisor supervisor = findSupervisor(namespace, podName);
    return supervisor == null ? List.of() : supervisor.pids();
  }

  /** Process ids of every container process the agent runs. */
  public List<Long> allProcessIds() {
    return pods.values().stream().flatMap(pod -> pod.pids().stream()).toList();
  }

  /** Where the pod's container logs are written ({@code <container>.log}). */
  public Path logDirectory(String namespace, String podName) {
    return options.stateDirectory().resolve("logs").resolve(namespace).resolve(podName);
  }

  private PodSupervisor findSupervisor(String namespace, String podName) {
    return podInformer.getStore().list().stream()
        .filter(
            pod ->
                namespace.equals(pod.getMetadata().getNamespace())
                    && podName.equals(pod.getMetadata().getName()))
        .map(pod -> pods.get(pod.getMetadata().getUid()))
        .findFirst()
        .orElse(null);
  }

  private NodeHeartbeater heartbeater(String nodeName) {
    NodeHeartbeater heartbeater = nodes.get(nodeName);
    if (heartbeater == null) {
      throw new IllegalArgumentException("unknown node " + nodeName + ", nodes: " + nodes.keySet());
    }
    return heartbeater;
  }

  private String nodeOf(String podUid) {
    return podInformer.getStore().list().stream()
        .filter(pod -> podUid.equals(pod.getMetadata().getUid()))
        .map(pod -> pod.getSpec().getNodeName())
        .findFirst()
        .orElse(null);
  }

  private ResourceEventHandler<Pod> podEvents() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        onPodEvent(pod);
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        onPodEvent(newPod);
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        onPodGone(pod);
      }
    };
  }

  private synchronized void onPodGone(Pod pod) {
    String uid = pod.getMetadata().getUid();
    terminating.remove(uid);
    PodSupervisor supervisor = pods.remove(uid);
    if (supervisor != null) {
      supervisor.kill();
    }
    podIps.release(uid);
    runtime.hostsFile().remove(uid);
  }

  /** Synchronized: the informer thread and {@link #restartNode} both deliver pod events. */
  private synchronized void onPodEvent(Pod pod) {
    String nodeName = pod.getSpec().getNodeName();
    NodeHeartbeater node = nodeName == null ? null : nodes.get(nodeName);
    if (node == null || !node.isRunning()) {
      return;
    }
    String uid = pod.getMetadata().getUid();
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      confirmDeletion(pod);
    } else if (!pods.containsKey(uid) && !isFinished(pod)) {
      PodSupervisor supervisor = newSupervisor(pod);
      pods.put(uid, supervisor);
      supervisor.start();
    }
  }

  private PodSupervisor newSupervisor(Pod pod) {
    boolean hostNetwork = Boolean.TRUE.equals(pod.getSpec().getHostNetwork());
    String podIp =
        hostNetwork
            ? NodeHeartbeater.HOST_IP
            : podIps.addressOf(pod.getMetadata().getUid(), reportedPodIp(pod));
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    if (!hostNetwork) {
      runtime
          .hostsFile()
          .add(
              pod.getMetadata().getUid(),
              namespace,
              pod.getSpec().getHostname(),
              pod.getSpec().getSubdomain(),
              podIp);
    }
    Path workingDirectory =
        options
            .stateDirectory()
            .resolve("pods")
            .resolve(namespace + "_" + name + "_" + pod.getMetadata().getUid());
    return new PodSupervisor(
        pod,
        podIp,
        NodeHeartbeater.HOST_IP,
        workingDirectory,
        logDirectory(namespace, name),
        runtime,
        new PodStatusWriter(client, namespace, name, pod.getMetadata().getUid(), statusWrites));
  }

  private static String reportedPodIp(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPodIP();
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /** Runs once per pod: later updates of a terminating pod must not shorten its grace period. */
  private void confirmDeletion(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (!terminating.add(uid)) {
      return;
    }
    PodSupervisor supervisor = pods.remove(uid);
    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    Duration gracePeriod = Duration.ofSeconds(grace == null ? 30 : grace);
    Runnable forceDelete = () -> deleteNow(pod);
    if (supervisor == null) {
      blocking.execute(forceDelete);
    } else {
      supervisor.terminate(gracePeriod, forceDelete);
    }
  }

  /**
   * Confirms the deletion with grace period 0. The uid is checked first: once this pod is gone a
   * StatefulSet may create its successor under the same name, which must not be deleted.
   */
  private void deleteNow(Pod pod) {
    var resource =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName());
    try {
      Pod current = resource.get();
      if (current == null || !pod.getMetadata().getUid().equals(current.getMetadata().getUid())) {
        return;
      }
      resource.withGracePeriod(0).delete();
    } catch (KubernetesClientException e) {
      LOG.warn("Cannot confirm the deletion of pod {}", pod.getMetadata().getName(), e);
    }
  }

  private void killAllPods() {
    pods.values().forEach(PodSupervisor::kill);
    pods.clear();
  }

  /** Kills every pod process and stops the heartbeats; the Node objects stay registered. */
  @Override
  public void close() {
    ShutdownSequence.unregister(this);
    if (podInformer != null) {
      podInformer.close();
    }
    provisioner.close();
    nodes.values().forEach(NodeHeartbeater::stop);
    killAllPods();
    engine.ifPresent(containers -> containers.removeLeftovers(true));
    for (ExecutorService executor : List.of(scheduler, blocking, statusWrites)) {
      executor.shutdown();
    }
    try {
      for (ExecutorService executor : List.of(scheduler, blocking, statusWrites)) {
        if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
          executor.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
