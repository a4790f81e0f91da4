package dev.brook.e2e.controlplane;

import dev.brook.testing.FreePorts;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd, kube-apiserver (RBAC, serving certificate and
 * service-account key generated per instance), kube-scheduler and kube-controller-manager (garbage
 * collector, node lifecycle and the other default controllers), all built from the versions pinned
 * in {@code e2e/controlplane/go.mod}.
 *
 * <p>fabric8's kube-api-test generates the certificates ({@link ControlPlaneCertificates}); its
 * {@code KubeAPIServer} does not start the processes here because its etcd listens on 0.0.0.0 (our
 * tests stay on loopback), its API server flags cannot be changed (it disables the ServiceAccount
 * admission plugin and signs tokens with the serving key), and it has no place for the scheduler
 * and controller-manager in the same lifecycle.
 *
 * <p>There are no nodes: {@link dev.brook.e2e.nodeagent.NodeAgent} registers simulated ones. {@link
 * #close()} stops every component (SIGTERM, then SIGKILL on its process tree); a JVM shutdown hook
 * does the same when the JVM exits without closing it.
 */
public final class LocalKubernetes implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKubernetes.class);

  private final LocalKubernetesOptions options;
  private final ControlPlaneBinaries binaries;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private String serverUrl;
  private Path auditLogPath;

  private LocalKubernetes(LocalKubernetesOptions options, ControlPlaneBinaries binaries) {
    this.options = options;
    this.binaries = binaries;
  }

  /** Builds the binaries if needed, starts every component and waits until they serve. */
  public static LocalKubernetes start(LocalKubernetesOptions options) {
    ProcessOwnership.reapOrphans();
    ControlPlaneBinaries binaries = ControlPlaneBinaries.ensureBuilt(RepositoryLayout.locate());
    LocalKubernetes kubernetes = new LocalKubernetes(options, binaries);
    ShutdownSequence.register(kubernetes);
    try {
      kubernetes.startComponents();
      return kubernetes;
    } catch (RuntimeException e) {
      kubernetes.close();
      throw e;
    }
  }

  private void startComponents() {
    long startedNanos = System.nanoTime();
    Path work = options.workDirectory().toAbsolutePath();
    createDirectories(work);
    ControlPlaneCertificates certificates =
        ControlPlaneCertificates.generate(createDirectories(work.resolve("pki")));
    ControlPlaneCommands commands =
        new ControlPlaneCommands(binaries, certificates, options, work, options.kubeconfig());

    int etcdPort = port();
    processes.add(launch("etcd", commands.etcd(etcdPort, port())));
    int apiServerPort = port();
    serverUrl = "https://127.0.0.1:" + apiServerPort;
    Kubeconfig.write(options.kubeconfig(), serverUrl, certificates);
    auditLogPath = commands.auditLog();
    ManagedProcess apiServer =
        launch(
            "kube-apiserver",
            commands.apiServer(apiServerPort, etcdPort, AuditLog.writePolicy(work)));
    processes.add(apiServer);
    ControlPlaneReadiness.awaitApiServerReady(this, apiServer, Duration.ofMinutes(2));

    processes.add(launch("kube-scheduler", commands.scheduler(port())));
    ManagedProcess controllerManager =
        launch("kube-controller-manager", commands.controllerManager(port()));
    processes.add(controllerManager);
    ControlPlaneReadiness.awaitControllersRunning(this, controllerManager, Duration.ofMinutes(1));
    LOG.info(
        "Kubernetes control plane ready at {} in {} ms, kubeconfig {}",
        serverUrl,
        (System.nanoTime() - startedNanos) / 1_000_000,
        options.kubeconfig());
  }

  private int port() {
    int port = FreePorts.next();
    ports.add(port);
    return port;
  }

  private ManagedProcess launch(String name, List<String> command) {
    return ManagedProcess.start(
        name, command, options.workDirectory().toAbsolutePath().resolve("logs/" + name + ".log"));
  }

  /** A new client for the admin user; the caller closes it. */
  public KubernetesClient newClient() {
    try {
      Config config = Config.fromKubeconfig(Files.readString(options.kubeconfig()));
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + options.kubeconfig(), e);
    }
  }

  /** The requests of ServiceAccounts outside {@code kube-system}, as the API server saw them. */
  public AuditLog auditLog() {
    return new AuditLog(auditLogPath);
  }

  public String serverUrl() {
    return serverUrl;
  }

  public Path kubeconfig() {
    return options.kubeconfig();
  }

  public LocalKubernetesOptions options() {
    return options;
  }

  public ControlPlaneBinaries binaries() {
    return binaries;
  }

  /** Process ids of the running components (etcd, API server, scheduler, controller-manager). */
  public List<Long> pids() {
    return processes.stream().filter(ManagedProcess::isAlive).map(ManagedProcess::pid).toList();
  }

  /** The 127.0.0.1 ports the components listen on (etcd client and peer, the three servers). */
  public List<Integer> listeningPorts() {
    return List.copyOf(ports);
  }

  @Override
  public void close() {
    ShutdownSequence.unregister(this);
    stopProcesses();
  }

  private void stopProcesses() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Reverse start order: controllers first, etcd last, so nothing logs a lost backend.
    for (int i = processes.size() - 1; i >= 0; i--) {
      processes.get(i).close();
    }
  }

  private static Path createDirectories(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
