package dev.brook.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Go client programs of {@code compat/clients/go} (one module, a command per client under
 * {@code cmd/}), built with {@code go build} into the build directory on first use and kept for the
 * rest of the test JVM. Modules come from the Go module proxy, pinned by the module's {@code
 * go.sum}; the first build downloads and compiles them (a minute or two), later ones hit Go's
 * caches.
 */
final class GoPrograms {

  static final String MODULE_DIR = "go";

  private static final Path BIN_DIR =
      Path.of(System.getProperty("brook.compat.work.dir", "target/compat"))
          .toAbsolutePath()
          .resolve("go-bin");

  private static boolean built;

  private GoPrograms() {}

  /** Builds every command of the module, unless that was done already. */
  static synchronized void buildOnce() throws IOException, InterruptedException {
    if (!built) {
      build();
      built = true;
    }
  }

  /** The program for {@code cmd/<command>}, building every command of the module if needed. */
  static ClientProgram program(String command) throws IOException, InterruptedException {
    buildOnce();
    Path binary = BIN_DIR.resolve(command);
    assertThat(binary).as("go build output for cmd/%s", command).isExecutable();
    return ClientProgram.of(command, MODULE_DIR, List.of(binary.toString()));
  }

  private static void build() throws IOException, InterruptedException {
    Files.createDirectories(BIN_DIR);
    long start = System.nanoTime();
    go("go-build", "build", "-buildvcs=false", "-o", BIN_DIR.toString() + "/", "./cmd/...");
    System.out.printf(
        "go build of compat/clients/go took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    // The checks the programs rely on, shown to reject what they must (a few seconds).
    go("go-test", "test", "-buildvcs=false", "./internal/...");
  }

  private static void go(String logName, String... args) throws IOException, InterruptedException {
    Path log = BIN_DIR.resolve(logName + ".log");
    List<String> command = new java.util.ArrayList<>(List.of("go"));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(ClientProgram.CLIENTS_DIR.resolve(MODULE_DIR).toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(10, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("%s finished; output:%n%s", command, output).isTrue();
    assertThat(process.exitValue()).as("%s exit status; output:%n%s", command, output).isZero();
  }
}
