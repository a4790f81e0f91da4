package dev.brook.broker.raft;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ClusterControllers;
import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.rpc.BrokerLifecycleManager;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.utils.Time;

/**
 * One node's metadata side, as the broker wires it (journal, controller, RPC handler, liveness
 * monitor, lifecycle), without the Kafka listeners and logs: a combined voter, or a broker-only
 * node with {@code process.roles=broker}.
 */
final class ControllerNode implements AutoCloseable {

  final int id;
  final MetadataCache cache = new MetadataCache();
  final MetadataQuorum quorum;
  final ClusterController controller;
  final BrokerLifecycleManager lifecycle;
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  ControllerNode(int id, String voters, Path dataDir, Map<String, String> overrides) {
    this.id = id;
    Map<String, String> props = new HashMap<>();
    props.put("node.id", Integer.toString(id));
    props.put("controller.quorum.voters", voters);
    props.put("log.dirs", dataDir.resolve("node-" + id).toString());
    props.put("broker.heartbeat.interval.ms", "200");
    props.put("broker.session.timeout.ms", "1500");
    props.put("default.replication.factor", "3");
    props.putAll(overrides);
    BrokerConfig config = new BrokerConfig(props);
    quorum = MetadataQuorum.create(config, MetadataQuorum.votersOf(config), scheduler, Time.SYSTEM);
    quorum.journal().start(new MetadataApplier(cache));
    controller =
        ClusterControllers.forConfig(
            config, quorum.journal(), cache, quorum.journal(), Optional.of(quorum.client()));
    if (quorum.isVoter()) {
      quorum.serveController(controller, cache);
    }
    lifecycle = quorum.startLifecycle(List.of(new Listener("PLAINTEXT", "127.0.0.1", 9000 + id)));
  }

  @Override
  public void close() {
    lifecycle.close();
    controller.close();
    quorum.close();
    scheduler.shutdownNow();
  }
}
