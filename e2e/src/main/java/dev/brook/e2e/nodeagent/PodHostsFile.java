package dev.brook.e2e.nodeagent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stands in for cluster DNS: the per-pod names a headless Service gives a pod with {@code
 * spec.hostname} and {@code spec.subdomain} ({@code <hostname>.<subdomain>.<namespace>.svc} and the
 * same under {@code .cluster.local}), written as a hosts file that pod JVMs resolve through ({@code
 * -Djdk.net.hosts.file}, see {@link #jvmOptions}). A pod's names exist from before its containers
 * start until the pod object is gone, as with a Service that publishes not-ready addresses.
 *
 * <p>The file is replaced atomically on every change. With {@code jdk.net.hosts.file} the JVM
 * resolves only names in the file, so it also lists {@code localhost} and this machine's name.
 * Thread-safe.
 */
final class PodHostsFile {

  private static final String CLUSTER_DOMAIN = "cluster.local";

  private final Path file;
  private final Map<String, String> linesByPodUid = new TreeMap<>();

  PodHostsFile(Path file) {
    this.file = file;
    write();
  }

  Path path() {
    return file;
  }

  /**
   * JVM options that make a pod's JVM resolve through this file and not cache an address for long,
   * since a re-created pod may come back with another IP under the same name.
   */
  String jvmOptions() {
    return jvmOptions(file);
  }

  /** The same options for a JVM that sees this file at {@code visibleAs} (a container mount). */
  String jvmOptions(Path visibleAs) {
    return "-Djdk.net.hosts.file="
        + visibleAs
        + " -Dsun.net.inetaddr.ttl=1 -Dsun.net.inetaddr.negative.ttl=0";
  }

  /** Publishes the pod's names at {@code ip}; pods without hostname and subdomain have none. */
  synchronized void add(
      String podUid, String namespace, String hostname, String subdomain, String ip) {
    if (hostname == null || hostname.isEmpty() || subdomain == null || subdomain.isEmpty()) {
      return;
    }
    String name = hostname + "." + subdomain + "." + namespace + ".svc";
    linesByPodUid.put(podUid, ip + " " + name + "." + CLUSTER_DOMAIN + " " + name);
    write();
  }

  synchronized void remove(String podUid) {
    if (linesByPodUid.remove(podUid) != null) {
      write();
    }
  }

  private void write() {
    StringBuilder text = new StringBuilder("# Written by the Brook node agent: pod DNS names.\n");
    text.append("127.0.0.1 localhost ").append(machineName()).append('\n');
    text.append("::1 localhost\n");
    linesByPodUid.values().forEach(line -> text.append(line).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the pod hosts file " + file, e);
    }
  }

  private static String machineName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
