package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Maps a container image to the local program that stands in for its entrypoint, since no image can
 * be pulled or run here.
 *
 * <ul>
 *   <li>An image whose name contains a registered fragment (by default {@code brook-broker}) runs
 *       that fragment's entrypoint followed by the container's {@code args}: for the broker, {@code
 *       <java> $BROOK_HEAP_OPTS $BROOK_JVM_OPTS -jar <repo>/broker-image/target/brook-broker.jar
 *       <args>}: the options the image's start script passes, split on whitespace. There is no
 *       per-pod memory limit here, so the image's default heap does not apply: without {@code
 *       BROOK_HEAP_OPTS} the JVM picks its own.
 *   <li>A container with a {@code command} runs {@code command + args} as given, whatever its
 *       image, like an entrypoint override; {@code sh -c "..."} runs with this machine's /bin/sh.
 *   <li>Any other image without a {@code command} cannot start: the container waits with reason
 *       {@code CreateContainerError}.
 * </ul>
 */
public final class ImageLaunchers {

  public static final String BROKER_IMAGE_FRAGMENT = "brook-broker";

  /** The variables whose options the broker image's start script gives to its JVM, in order. */
  static final List<String> BROKER_JVM_VARIABLES = List.of("BROOK_HEAP_OPTS", "BROOK_JVM_OPTS");

  /**
   * @param jvmVariables variables whose whitespace-separated words go right after the entrypoint's
   *     first word (the {@code java} binary)
   */
  private record Rule(
      String imageFragment,
      List<String> entrypoint,
      Path requiredFile,
      List<String> jvmVariables) {}

  private final List<Rule> rules;

  private ImageLaunchers(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The broker image runs the locally built shaded broker jar with this JVM's {@code java}. */
  public static ImageLaunchers defaults(RepositoryLayout layout) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path jar = layout.brokerJar();
    return new ImageLaunchers(
        List.of(
            new Rule(
                BROKER_IMAGE_FRAGMENT,
                List.of(java.toString(), "-jar", jar.toString()),
                jar,
                BROKER_JVM_VARIABLES)));
  }

  /** Adds a rule: images containing {@code imageFragment} run {@code entrypoint + args}. */
  public ImageLaunchers with(String imageFragment, List<String> entrypoint) {
    List<Rule> extended = new ArrayList<>(rules);
    extended.add(0, new Rule(imageFragment, List.copyOf(entrypoint), null, List.of()));
    return new ImageLaunchers(extended);
  }

  /**
   * The command line for a container, with {@code command} and {@code args} already expanded.
   *
   * @param env the container's resolved environment
   * @throws ContainerStartException when no local program can stand in for the image
   */
  List<String> commandLine(
      String image, List<String> command, List<String> args, Map<String, String> env) {
    List<String> line = new ArrayList<>();
    if (!command.isEmpty()) {
      line.addAll(command);
      line.addAll(args);
      return line;
    }
    for (Rule rule : rules) {
      if (image != null && image.contains(rule.imageFragment())) {
        if (rule.requiredFile() != null && !Files.isRegularFile(rule.requiredFile())) {
          throw new ContainerStartException(
              "CreateContainerError",
              "image " + image + " runs " + rule.requiredFile() + ", which is not built yet");
        }
        line.add(rule.entrypoint().get(0));
        for (String variable : rule.jvmVariables()) {
          String options = env.getOrDefault(variable, "").strip();
          if (!options.isEmpty()) {
            line.addAll(List.of(options.split("\\s+")));
          }
        }
        line.addAll(rule.entrypoint().subList(1, rule.entrypoint().size()));
        line.addAll(args);
        return line;
      }
    }
    throw new ContainerStartException(
        "CreateContainerError",
        "no local launcher for image " + image + " and the container has no command");
  }
}
