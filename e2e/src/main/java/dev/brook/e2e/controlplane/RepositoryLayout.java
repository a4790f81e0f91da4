package dev.brook.e2e.controlplane;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the Brook checkout is. The system property {@code brook.repo.dir} wins (Maven and the
 * Makefile set it); otherwise the working directory and its parents are searched for the
 * control-plane build script.
 */
public final class RepositoryLayout {

  private static final String BUILD_SCRIPT = "e2e/controlplane/build.sh";

  private final Path root;

  private RepositoryLayout(Path root) {
    this.root = root;
  }

  /** A checkout at a known place. */
  public static RepositoryLayout at(Path root) {
    return new RepositoryLayout(root.toAbsolutePath().normalize());
  }

  public static RepositoryLayout locate() {
    String configured = System.getProperty("brook.repo.dir");
    if (configured != null && !configured.isBlank()) {
      return at(Path.of(configured));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve(BUILD_SCRIPT))) {
        return at(dir);
      }
    }
    throw new IllegalStateException(
        "cannot find the Brook checkout: set -Dbrook.repo.dir or run from inside it");
  }

  public Path root() {
    return root;
  }

  public Path controlPlaneBuildScript() {
    return root.resolve(BUILD_SCRIPT);
  }

  /** The shaded broker jar that {@code mvn package} builds in {@code broker-image/}. */
  public Path brokerJar() {
    return root.resolve("broker-image/target/brook-broker.jar");
  }
}
