package dev.brook.broker.it;

import static org.awaitility.Awaitility.await;

import dev.brook.testing.BrokerCluster;
import dev.brook.testing.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast the controller fences a broker that is gone, on three combined nodes with a long session
 * (8 s) and 500 ms heartbeats: a killed process (its port refuses connections) is fenced after one
 * missed heartbeat, well before its session could expire; a frozen one (SIGSTOP: its port still
 * accepts) only when its session expires; and a broker that resumes is unfenced again. Times are
 * printed; the assertions bound them by the session timeout, which only the fast path can beat.
 */
class FastFencingIT {

  private static final String TOPIC = "fenced";
  private static final Duration SESSION = Duration.ofSeconds(8);

  @TempDir Path dir;
  private BrokerCluster cluster;

  @AfterEach
  void stop() throws InterruptedException {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void shouldFenceAKilledBrokerAtOnceAndAFrozenOneOnlyWhenItsSessionExpires() throws Exception {
    cluster =
        new BrokerCluster(
                dir,
                3,
                null,
                Map.of("broker.session.timeout.ms", Long.toString(SESSION.toMillis())))
            .start();
    try (Admin admin = Clients.admin(cluster.bootstrapServers())) {
      await().atMost(Duration.ofSeconds(60)).until(() -> liveBrokers(admin).size() == 3);
      admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 3))).all().get();
      int controller = admin.describeCluster().controller().get().id();
      int victim = controller % 3 + 1;
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> leadersOf(admin).contains(victim));

      long killedAt = System.nanoTime();
      cluster.node(victim).kill();
      await()
          .atMost(SESSION.dividedBy(2))
          .pollInterval(Duration.ofMillis(50))
          .ignoreExceptions()
          .until(() -> !liveBrokers(admin).contains(victim) && !leadersOf(admin).contains(victim));
      System.out.printf(
          "kill -9 of broker %d: fenced and its leaders moved after %d ms (session %d ms)%n",
          victim, (System.nanoTime() - killedAt) / 1_000_000, SESSION.toMillis());

      BrokerProcess restarted = cluster.node(victim);
      restarted.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> liveBrokers(admin).contains(victim));

      long frozenAt = System.nanoTime();
      restarted.pause();
      try {
        Thread.sleep(SESSION.dividedBy(2).toMillis());
        // Fenced, a frozen broker could not come back; still listed now means not fenced yet.
        await()
            .atMost(SESSION.dividedBy(4))
            .ignoreExceptions()
            .alias("a frozen broker's port still accepts: only its session can fence it")
            .until(() -> liveBrokers(admin).contains(victim));
        await()
            .atMost(SESSION.multipliedBy(3))
            .pollInterval(Duration.ofMillis(100))
            .ignoreExceptions()
            .until(() -> !liveBrokers(admin).contains(victim));
        System.out.printf(
            "SIGSTOP of broker %d: fenced after %d ms%n",
            victim, (System.nanoTime() - frozenAt) / 1_000_000);
      } finally {
        restarted.resume();
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .alias("a resumed broker heartbeats again and is unfenced")
          .until(() -> liveBrokers(admin).contains(victim));
    }
  }

  private static List<Integer> liveBrokers(Admin admin) throws Exception {
    return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream()
        .map(Node::id)
        .toList();
  }

  private static List<Integer> leadersOf(Admin admin) throws Exception {
    TopicDescription description =
        admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC);
    return description.partitions().stream()
        .map(TopicPartitionInfo::leader)
        .filter(leader -> leader != null && !leader.isEmpty())
        .map(Node::id)
        .toList();
  }
}
