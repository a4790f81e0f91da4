package dev.brook.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's entrypoint, {@code bin/brook-broker.sh}, run by {@code sh} with a stand-in {@code
 * java} that prints its arguments and a fake cgroup tree: the heap it picks and the options it
 * passes.
 */
class BrokerStartScriptTest {

  private static final Path SCRIPT = Path.of("bin/brook-broker.sh");
  private static final long GIB = 1L << 30;

  @TempDir Path dir;

  @Test
  void shouldGiveAQuarterOfTheCgroupV2LimitWhenNoHeapIsSet() throws Exception {
    cgroupV2(String.valueOf(8 * GIB));

    assertThat(run(Map.of())).containsExactly("-Xms2048m", "-Xmx2048m", "-jar", "broker.jar", "a");
  }

  @Test
  void shouldCapTheDefaultHeapAt6gWhenTheLimitIsLarge() throws Exception {
    cgroupV2(String.valueOf(64 * GIB));

    assertThat(run(Map.of())).startsWith("-Xms6144m", "-Xmx6144m", "-jar");
  }

  @Test
  void shouldUseKafkasOneGigabyteWhenTheContainerHasNoLimit() throws Exception {
    assertThat(run(Map.of())).as("no cgroup files").startsWith("-Xms1g", "-Xmx1g", "-jar");

    cgroupV2("max");
    assertThat(run(Map.of())).as("cgroup v2 max").startsWith("-Xms1g", "-Xmx1g", "-jar");
  }

  @Test
  void shouldReadTheCgroupV1LimitAndItsNoLimitValue() throws Exception {
    Path v1 = Files.createDirectories(dir.resolve("cgroup/memory"));
    Files.writeString(v1.resolve("memory.limit_in_bytes"), 2 * GIB + "\n");
    assertThat(run(Map.of())).startsWith("-Xms512m", "-Xmx512m", "-jar");

    Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    assertThat(run(Map.of())).startsWith("-Xms1g", "-Xmx1g", "-jar");
  }

  @Test
  void shouldPassHeapAndJvmOptionsAsGivenWithoutGlobbing() throws Exception {
    cgroupV2(String.valueOf(8 * GIB));
    Files.createFile(dir.resolve("globbed"));

    List<String> args =
        run(
            Map.of(
                "BROOK_HEAP_OPTS", "-Xmx3g",
                "BROOK_JVM_OPTS", "-XX:+UseG1GC -Dpattern=*"));

    assertThat(args)
        .containsExactly("-Xmx3g", "-XX:+UseG1GC", "-Dpattern=*", "-jar", "broker.jar", "a");
  }

  private void cgroupV2(String max) throws IOException {
    Path cgroup = Files.createDirectories(dir.resolve("cgroup"));
    Files.writeString(cgroup.resolve("memory.max"), max + "\n");
  }

  /** The arguments the script hands to java when the broker is started with argument {@code a}. */
  private List<String> run(Map<String, String> env) throws Exception {
    Path java = dir.resolve("java");
    Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
    java.toFile().setExecutable(true);
    ProcessBuilder builder =
        new ProcessBuilder("sh", SCRIPT.toAbsolutePath().toString(), "a")
            .directory(dir.toFile())
            .redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().put("JAVA", java.toString());
    builder.environment().put("BROOK_JAR", "broker.jar");
    builder.environment().put("BROOK_CGROUP_ROOT", dir.resolve("cgroup").toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out.lines().toList();
  }
}
