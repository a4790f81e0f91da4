package dev.brook.e2e.nodeagent;

import dev.brook.e2e.controlplane.RepositoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps a container image to the local program that stands in for its entrypoint, since no image can
 * be pulled or run here.
 *
 * <ul>
 *   <li>An image whose name contains a registered fragment (by default {@code brook-broker}) runs
 *       that fragment's entrypoint followed by the container's {@code args}: for the broker, {@code
 *       <java> -jar <repo>/broker-image/target/brook-broker.jar <args>}.
 *   <li>A container with a {@code command} runs {@code command + args} as given, whatever its
 *       image, like an entrypoint override; {@code sh -c "..."} runs with this machine's /bin/sh.
 *   <li>Any other image without a {@code command} cannot start: the container waits with reason
 *       {@code CreateContainerError}.
 * </ul>
 */
public final class ImageLaunchers {

  public static final String BROKER_IMAGE_FRAGMENT = "brook-broker";

  private record Rule(String imageFragment, List<String> entrypoint, Path requiredFile) {}

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
                BROKER_IMAGE_FRAGMENT, List.of(java.toString(), "-jar", jar.toString()), jar)));
  }

  /** Adds a rule: images containing {@code imageFragment} run {@code entrypoint + args}. */
  public ImageLaunchers with(String imageFragment, List<String> entrypoint) {
    List<Rule> extended = new ArrayList<>(rules);
    extended.add(0, new Rule(imageFragment, List.copyOf(entrypoint), null));
    return new ImageLaunchers(extended);
  }

  /**
   * The command line for a container, with {@code command} and {@code args} already expanded.
   *
   * @throws ContainerStartException when no local program can stand in for the image
   */
  List<String> commandLine(String image, List<String> command, List<String> args) {
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
        line.addAll(rule.entrypoint());
        line.addAll(args);
        return line;
      }
    }
    throw new ContainerStartException(
        "CreateContainerError",
        "no local launcher for image " + image + " and the container has no command");
  }
}
