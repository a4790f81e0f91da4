package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PodHostsFileTest {

  @TempDir Path directory;

  @Test
  void publishesHeadlessServiceNamesUntilThePodIsGone() throws Exception {
    PodHostsFile hosts = new PodHostsFile(directory.resolve("hosts"));

    hosts.add("uid-1", "kafka", "demo-broker-0", "demo-brokers", "127.0.1.7");
    hosts.add("uid-2", "kafka", "plain-pod", null, "127.0.1.8");

    String text = Files.readString(hosts.path());
    assertThat(text)
        .contains(
            "127.0.1.7 demo-broker-0.demo-brokers.kafka.svc.cluster.local"
                + " demo-broker-0.demo-brokers.kafka.svc\n")
        .contains("127.0.0.1 localhost")
        .doesNotContain("plain-pod");

    hosts.remove("uid-1");
    assertThat(Files.readString(hosts.path())).doesNotContain("demo-broker-0");
  }

  @Test
  void jvmOptionsPointAtTheFile() {
    PodHostsFile hosts = new PodHostsFile(directory.resolve("hosts"));

    assertThat(hosts.jvmOptions()).contains("-Djdk.net.hosts.file=" + hosts.path());
  }
}
