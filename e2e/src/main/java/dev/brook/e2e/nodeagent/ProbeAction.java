package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.ProcessTrees;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One check of a probe against a running container: {@code tcpSocket} connects, {@code httpGet}
 * expects a status in [200, 400) (HTTPS without certificate verification, like the kubelet), {@code
 * exec} runs the command with the container's environment and expects exit code 0.
 */
final class ProbeAction {

  private final Probe probe;
  private final String podIp;
  private final List<ContainerPort> ports;
  private final Map<String, String> env;
  private final Path workingDirectory;
  private final UnaryOperator<List<String>> execCommand;

  /**
   * @param execCommand the command line that runs an exec probe's command in the container
   */
  ProbeAction(
      Probe probe,
      String podIp,
      List<ContainerPort> ports,
      Map<String, String> env,
      Path workingDirectory,
      UnaryOperator<List<String>> execCommand) {
    this.execCommand = execCommand;
    this.probe = probe;
    this.podIp = podIp;
    this.ports = ports;
    this.env = env;
    this.workingDirectory = workingDirectory;
  }

  /** Returns true when the container passed this check. */
  boolean check() {
    Duration timeout = Duration.ofSeconds(valueOr(probe.getTimeoutSeconds(), 1));
    try {
      if (probe.getTcpSocket() != null) {
        return tcp(
            host(probe.getTcpSocket().getHost()), port(probe.getTcpSocket().getPort()), timeout);
      }
      if (probe.getHttpGet() != null) {
        return http(timeout);
      }
      if (probe.getExec() != null) {
        return exec(probe.getExec().getCommand(), timeout);
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean tcp(String host, int port, Duration timeout) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return true;
    }
  }

  private boolean http(Duration timeout) throws IOException, InterruptedException {
    var get = probe.getHttpGet();
    String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
    String path = get.getPath() == null ? "/" : get.getPath();
    URI uri = URI.create(scheme + "://" + host(get.getHost()) + ":" + port(get.getPort()) + path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    if (get.getHttpHeaders() != null) {
      get.getHttpHeaders().forEach(header -> request.header(header.getName(), header.getValue()));
    }
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(timeout);
    if ("https".equals(scheme)) {
      client.sslContext(trustingContext());
    }
    int status =
        client.build().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    return status >= 200 && status < 400;
  }

  private boolean exec(List<String> command, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(execCommand.apply(command))
            .directory(workingDirectory.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      ProcessTrees.kill(process.toHandle());
      return false;
    }
    return process.exitValue() == 0;
  }

  private String host(String host) {
    return host == null || host.isEmpty() ? podIp : host;
  }

  private int port(IntOrString port) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    return ports.stream()
        .filter(candidate -> port.getStrVal().equals(candidate.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no container port named " + port.getStrVal()));
  }

  static int valueOr(Integer value, int fallback) {
    return value == null || value <= 0 ? fallback : value;
  }

  private static SSLContext trustingContext() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trustAll =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a TLS context for HTTPS probes", e);
    }
  }
}
