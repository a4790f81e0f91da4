package dev.brook.operator.testing;

import dev.brook.testing.ContainerImages;
import dev.brook.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator as it ships: the packaged Quarkus application ({@code quarkus-run.jar}) started as
 * its own process, as the Deployment runs it ({@code POD_NAMESPACE}, the Lease's namespace, and
 * {@code POD_NAME}, its identity in leader election), with its HTTP endpoint.
 */
public record PackagedOperator(Process process, String endpoint, Path log) {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * @param log where the process writes its output
   * @param kubeconfig the credentials it runs with
   * @param watchNamespaces {@code WATCH_NAMESPACES}
   */
  public static PackagedOperator launch(
      Path log, Path kubeconfig, String watchNamespaces, String podNamespace, String podName)
      throws IOException {
    int port = FreePorts.next();
    Path jar =
        Path.of(System.getProperty("brook.repo.dir", ".."))
            .resolve("operator/target/quarkus-app/quarkus-run.jar");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
    command.add("-jar");
    command.add(jar.toString());
    Map<String, String> env = environment(port, kubeconfig, watchNamespaces, podNamespace);
    env.put("POD_NAME", podName);
    return start(command, env, log, port);
  }

  /**
   * The operator image ({@code make images}) run by the container engine on the host network, as
   * its Deployment runs it: the image's own user and entrypoint, the kubeconfig mounted read-only.
   */
  public static PackagedOperator launchImage(
      ContainerImages images,
      Path log,
      Path kubeconfig,
      String watchNamespaces,
      String podNamespace,
      String podName)
      throws IOException, InterruptedException {
    int port = FreePorts.next();
    images.remove(podName);
    Map<String, String> env =
        environment(port, Path.of(IMAGE_KUBECONFIG), watchNamespaces, podNamespace);
    env.put("POD_NAME", podName);
    List<String> command =
        images.runCommand(
            podName, images.operator(), env, Map.of(kubeconfig, IMAGE_KUBECONFIG), List.of());
    return start(command, Map.of(), log, port);
  }

  private static final String IMAGE_KUBECONFIG = "/etc/brook/kubeconfig";

  private static Map<String, String> environment(
      int port, Path kubeconfig, String watchNamespaces, String podNamespace) {
    Map<String, String> env = new TreeMap<>();
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("WATCH_NAMESPACES", watchNamespaces);
    env.put("POD_NAMESPACE", podNamespace);
    return env;
  }

  private static PackagedOperator start(
      List<String> command, Map<String, String> env, Path log, int port) throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(env);
    Process started = builder.start();
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
    return new PackagedOperator(started, "http://127.0.0.1:" + port, log);
  }

  /** Waits until {@code /q/health/ready} answers 200; fails if the process exits first. */
  public void awaitReady(Duration timeout, Path logDir) {
    org.awaitility.Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> !process.isAlive() || status("/q/health/ready") == 200);
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the operator exited; the end of its log " + log + ":\n" + tail(log, 40));
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  public void stop() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }

  /** The HTTP status of {@code path}; -1 when nothing answers. */
  public int status(String path) {
    try {
      return HTTP.send(request(path), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  public String get(String path) throws IOException, InterruptedException {
    return HTTP.send(request(path), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Reconciliations this process has finished for {@code controller}. */
  public double reconciles(String controller) throws IOException, InterruptedException {
    Matcher matcher =
        Pattern.compile(
                "^reconciliations_execution_duration_seconds_count\\{controller_name=\""
                    + controller
                    + "\"[^}]*\\} ([0-9.E]+)$",
                Pattern.MULTILINE)
            .matcher(get("/q/metrics"));
    return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
  }

  private HttpRequest request(String path) {
    return HttpRequest.newBuilder(URI.create(endpoint + path))
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
