package dev.brook.e2e.controlplane;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a {@link LocalKubernetes} is laid out and tuned.
 *
 * @param workDirectory certificates, etcd data and one log file per component
 * @param kubeconfig where the admin kubeconfig is written
 * @param nodeMonitorGracePeriod how long a node may miss lease renewals before the node-lifecycle
 *     controller marks it NotReady (upstream default 50 s)
 * @param podEvictionToleration the default not-ready and unreachable toleration the API server adds
 *     to pods, i.e. how long pods stay bound to a NotReady node before eviction (upstream 300 s)
 */
public record LocalKubernetesOptions(
    Path workDirectory,
    Path kubeconfig,
    Duration nodeMonitorGracePeriod,
    Duration podEvictionToleration) {

  /** Short timings for tests: a lost node is noticed within seconds and its pods evicted soon. */
  public static LocalKubernetesOptions forTests(Path workDirectory) {
    return new LocalKubernetesOptions(
        workDirectory,
        workDirectory.resolve("kubeconfig"),
        Duration.ofSeconds(12),
        Duration.ofSeconds(30));
  }

  public LocalKubernetesOptions withKubeconfig(Path path) {
    return new LocalKubernetesOptions(
        workDirectory, path, nodeMonitorGracePeriod, podEvictionToleration);
  }
}
