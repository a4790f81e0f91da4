package dev.brook.operator.testing;

import static org.awaitility.Awaitility.await;

import dev.brook.e2e.controlplane.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-node Brook broker started from the shaded jar as a separate process on loopback, for
 * tests of the Topic and ConsumerGroup reconcilers that need a real broker but not a Cluster.
 */
public final class BrokerProcess implements AutoCloseable {

  private final Process process;
  private final String bootstrap;

  private BrokerProcess(Process process, String bootstrap) {
    this.process = process;
    this.bootstrap = bootstrap;
  }

  /** Starts a broker with id 0 in rack {@code rack}, its data and log under {@code work}. */
  public static BrokerProcess start(Path work, String rack) {
    Path repo = Path.of(System.getProperty("brook.repo.dir", ".."));
    Path jar = repo.resolve("broker-image/target/brook-broker.jar");
    int port = FreePorts.next();
    String bootstrap = "127.0.0.1:" + port;
    try {
      Files.createDirectories(work);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      command.add("-jar");
      command.add(jar.toString());
      for (String override :
          List.of(
              "listeners=PLAINTEXT://" + bootstrap,
              "log.dirs=" + work.resolve("data"),
              "node.id=0",
              "broker.rack=" + rack,
              "offsets.topic.replication.factor=1",
              "group.initial.rebalance.delay.ms=0")) {
        command.add("--override");
        command.add(override);
      }
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("broker.log").toFile())
              .start();
      // A test that fails before close() must still not leave a broker running.
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
      BrokerProcess broker = new BrokerProcess(process, bootstrap);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> !process.isAlive() || accepts(port));
      if (!process.isAlive()) {
        throw new IllegalStateException("broker exited; see " + work.resolve("broker.log"));
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the broker jar " + jar, e);
    }
  }

  public String bootstrap() {
    return bootstrap;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
