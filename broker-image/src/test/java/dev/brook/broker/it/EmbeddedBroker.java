package dev.brook.broker.it;

import dev.brook.broker.Broker;
import dev.brook.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A broker in this JVM on a free loopback port, for tests that need no process boundary. */
public final class EmbeddedBroker implements AutoCloseable {

  private final Broker broker;

  private EmbeddedBroker(Broker broker) {
    this.broker = broker;
  }

  public static EmbeddedBroker start(Path dataDir, Map<String, String> overrides) throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
    settings.put("log.dirs", dataDir.toString());
    settings.put("group.initial.rebalance.delay.ms", "0");
    settings.put("offsets.topic.num.partitions", "5");
    settings.put("num.io.threads", "4");
    settings.put("num.network.threads", "2");
    settings.putAll(overrides);
    return new EmbeddedBroker(Broker.start(new BrokerConfig(settings)));
  }

  public static EmbeddedBroker start(Path dataDir) throws Exception {
    return start(dataDir, Map.of());
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** Where /health and /metrics are served, when the test set {@code http.listener}. */
  public java.net.InetSocketAddress httpAddress() {
    return broker.httpAddress().orElseThrow();
  }

  @Override
  public void close() {
    broker.close();
  }
}
