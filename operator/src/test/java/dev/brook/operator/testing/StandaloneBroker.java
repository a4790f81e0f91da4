package dev.brook.operator.testing;

import dev.brook.testing.BrokerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The broker the Topic and ConsumerGroup reconciler tests talk to: one packaged broker process,
 * node 0 in zone-a, outside any Cluster's pods.
 */
public final class StandaloneBroker {

  private StandaloneBroker() {}

  public static BrokerProcess start(Path dataDir) throws IOException {
    return new BrokerProcess(
            dataDir,
            Map.of(
                "node.id", "0", "broker.rack", "zone-a", "offsets.topic.replication.factor", "1"))
        .start();
  }
}
