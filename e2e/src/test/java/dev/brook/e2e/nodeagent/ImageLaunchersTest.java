package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.e2e.controlplane.RepositoryLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLaunchersTest {

  @TempDir Path repository;

  @Test
  void shouldRunBrokerJarWithArgsWhenImageIsTheBrokerImage() throws IOException {
    ImageLaunchers launchers = launchersWithBrokerJar();

    List<String> line =
        launchers.commandLine(
            "ghcr.io/brook/brook-broker:0.1.0", List.of(), List.of("--override", "a=b"), Map.of());

    assertThat(line)
        .containsExactly(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            repository.resolve("broker-image/target/brook-broker.jar").toString(),
            "--override",
            "a=b");
  }

  @Test
  void shouldPassHeapAndJvmOptionsToTheBrokerJvmWhenTheyAreSet() throws IOException {
    ImageLaunchers launchers = launchersWithBrokerJar();

    List<String> line =
        launchers.commandLine(
            "brook-broker:1",
            List.of(),
            List.of("server.properties"),
            Map.of(
                "BROOK_HEAP_OPTS", " -Xms1g  -Xmx1g ",
                "BROOK_JVM_OPTS", "-XX:+UseG1GC -Da=b",
                "BROOK_LOG_DIRS", "/data"));

    assertThat(line)
        .containsExactly(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xms1g",
            "-Xmx1g",
            "-XX:+UseG1GC",
            "-Da=b",
            "-jar",
            repository.resolve("broker-image/target/brook-broker.jar").toString(),
            "server.properties");
    assertThat(
            launchers.commandLine(
                "busybox", List.of("sleep"), List.of("5"), Map.of("BROOK_HEAP_OPTS", "-Xmx1g")))
        .as("only the broker image reads them")
        .containsExactly("sleep", "5");
  }

  @Test
  void shouldRunCommandAsGivenWhenContainerOverridesTheEntrypoint() throws IOException {
    ImageLaunchers launchers = launchersWithBrokerJar();

    assertThat(
            launchers.commandLine("brook-broker:1", List.of("sh", "-c"), List.of("true"), Map.of()))
        .containsExactly("sh", "-c", "true");
    assertThat(launchers.commandLine("busybox", List.of("sleep"), List.of("5"), Map.of()))
        .containsExactly("sleep", "5");
  }

  @Test
  void shouldRefuseToStartWhenImageHasNoLauncherAndNoCommand() throws IOException {
    ImageLaunchers launchers = launchersWithBrokerJar();

    assertThatThrownBy(() -> launchers.commandLine("nginx:1.27", List.of(), List.of(), Map.of()))
        .isInstanceOfSatisfying(
            ContainerStartException.class,
            e -> assertThat(e.reason()).isEqualTo("CreateContainerError"));
  }

  @Test
  void shouldRefuseToStartBrokerWhenJarIsNotBuilt() {
    ImageLaunchers launchers = ImageLaunchers.defaults(layout());

    assertThatThrownBy(
            () -> launchers.commandLine("brook-broker:1", List.of(), List.of(), Map.of()))
        .isInstanceOf(ContainerStartException.class)
        .hasMessageContaining("not built yet");
  }

  @Test
  void shouldPreferAddedRuleOverDefaults() throws IOException {
    ImageLaunchers launchers = launchersWithBrokerJar().with("brook-broker", List.of("/bin/echo"));

    assertThat(launchers.commandLine("brook-broker:1", List.of(), List.of("x"), Map.of()))
        .containsExactly("/bin/echo", "x");
  }

  private ImageLaunchers launchersWithBrokerJar() throws IOException {
    Path jar = repository.resolve("broker-image/target/brook-broker.jar");
    Files.createDirectories(jar.getParent());
    Files.createFile(jar);
    return ImageLaunchers.defaults(layout());
  }

  private RepositoryLayout layout() {
    return RepositoryLayout.at(repository);
  }
}
