package dev.brook.testing;

import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged broker as a separate OS process on a fixed loopback port, for tests where a process
 * boundary, a restart, SIGTERM or SIGKILL is the point. The jar is the system property {@value
 * #JAR_PROPERTY} when set, else {@code target/brook-broker.jar} (the broker module's own build).
 * Output goes to {@code <data dir>-broker.log} beside the data directory.
 */
public final class BrokerProcess implements AutoCloseable {

  public static final String JAR_PROPERTY = "brook.broker.jar";
  private static final short API_VERSIONS_KEY = 18;
  private static final int AWAIT_CORRELATION_ID = 0x5eed;

  private static final Path JAR =
      Path.of(System.getProperty(JAR_PROPERTY, Path.of("target", "brook-broker.jar").toString()));

  private final Path dataDir;
  private final int port;
  private final Map<String, String> overrides;
  private Process process;

  public BrokerProcess(Path dataDir, Map<String, String> overrides) throws IOException {
    this(dataDir, FreePorts.next(), overrides);
  }

  /** A broker whose client listener uses {@code port} (for configs that must name it). */
  public BrokerProcess(Path dataDir, int port, Map<String, String> overrides) {
    this.dataDir = dataDir;
    this.port = port;
    this.overrides = overrides;
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path dataDir() {
    return dataDir;
  }

  public BrokerProcess start() throws IOException {
    startWithoutWaiting();
    awaitServing();
    return this;
  }

  /**
   * Launches the process; {@link #awaitServing} waits until it answers requests (quorum members
   * start together).
   */
  public void startWithoutWaiting() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(JAR.toAbsolutePath().toString());
    if (!overrides.containsKey("listeners")) {
      addOverride(command, "listeners", "PLAINTEXT://127.0.0.1:" + port);
    }
    addOverride(command, "log.dirs", dataDir.toString());
    addOverride(command, "group.initial.rebalance.delay.ms", "0");
    addOverride(command, "offsets.topic.num.partitions", "5");
    overrides.forEach((key, value) -> addOverride(command, key, value));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
            .start();
    Process started = process;
    // A test JVM that dies before close() must still not leave a broker running.
    Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
  }

  public void awaitServing() throws IOException {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> serving() || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "broker exited with " + process.exitValue() + ":\n" + Files.readString(logFile()));
    }
  }

  public Path logFile() {
    return dataDir.resolveSibling(dataDir.getFileName() + "-broker.log");
  }

  /** Graceful stop: SIGTERM, then wait for the JVM to exit. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new IllegalStateException("broker did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  /** Freezes the process (SIGSTOP), as a network partition or a long GC pause would. */
  public void pause() throws IOException, InterruptedException {
    signal("STOP");
  }

  /** Resumes a paused process (SIGCONT). */
  public void resume() throws IOException, InterruptedException {
    signal("CONT");
  }

  private void signal(String name) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  /** Crash: SIGKILL, no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /**
   * Whether the broker answers an ApiVersions v0 request. A TCP connect alone proves nothing: the
   * broker binds its port early and holds connections in the listen backlog until it is registered
   * and unfenced, and a client with a short bootstrap timeout (kafka-python's is 2 s) gives up on
   * such a broker.
   */
  private boolean serving() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      socket.setSoTimeout(500);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] clientId = "await-serving".getBytes(StandardCharsets.UTF_8);
      out.writeInt(2 + 2 + 4 + 2 + clientId.length);
      out.writeShort(API_VERSIONS_KEY);
      out.writeShort(0);
      out.writeInt(AWAIT_CORRELATION_ID);
      out.writeShort(clientId.length);
      out.write(clientId);
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      int size = in.readInt();
      return size >= 4 && in.readInt() == AWAIT_CORRELATION_ID;
    } catch (IOException e) {
      return false;
    }
  }

  private static void addOverride(List<String> command, String key, String value) {
    command.add("--override");
    command.add(key + "=" + value);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
