package dev.brook.operator.cluster;

import dev.brook.operator.kafka.KafkaCalls;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the brokers a scale-down removes cordoned (KIP-1066's {@code cordoned.log.dirs=*}), so the
 * controller places no new partition on them while they drain, and uncordons the brokers this
 * operator cordoned once they are no longer leaving (the scale-down was undone, or the broker id
 * came back with a later scale-up). Brokers cordoned by someone else are left alone. Only live
 * brokers are changed: the Admin client sends a broker's config change to that broker.
 */
final class BrokerCordons {

  static final String CORDONED_LOG_DIRS = "cordoned.log.dirs";

  private static final Logger LOG = LoggerFactory.getLogger(BrokerCordons.class);

  private BrokerCordons() {}

  /**
   * Cordons the live {@code leaving} brokers and uncordons the live ones of {@code cordonedBefore}
   * that no longer leave.
   *
   * @return the brokers this operator holds cordoned now, for status
   * @throws dev.brook.operator.kafka.KafkaCallException when a change was not acknowledged
   */
  static Set<Integer> sync(
      Admin admin, Set<Integer> leaving, Set<Integer> live, Collection<Integer> cordonedBefore) {
    Set<Integer> cordoned = new TreeSet<>(cordonedBefore);
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
    for (int id : leaving) {
      // Repeated while the broker leaves (the controller commits nothing when nothing changes),
      // so a cordon lifted by hand during a drain comes back.
      if (live.contains(id)) {
        changes.put(broker(id), List.of(op("*", AlterConfigOp.OpType.SET)));
      }
    }
    Set<Integer> released = new TreeSet<>();
    for (int id : cordonedBefore) {
      if (!leaving.contains(id) && live.contains(id)) {
        changes.put(broker(id), List.of(op("", AlterConfigOp.OpType.DELETE)));
        released.add(id);
      }
    }
    if (changes.isEmpty()) {
      return cordoned;
    }
    KafkaCalls.await(
        admin.incrementalAlterConfigs(changes).all(), "cordoning brokers " + changes.keySet());
    changes.keySet().forEach(r -> cordoned.add(Integer.parseInt(r.name())));
    cordoned.removeAll(released);
    LOG.info("cordoned brokers now {} (leaving {}, uncordoned {})", cordoned, leaving, released);
    return cordoned;
  }

  private static ConfigResource broker(int id) {
    return new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(id));
  }

  private static AlterConfigOp op(String value, AlterConfigOp.OpType type) {
    return new AlterConfigOp(new ConfigEntry(CORDONED_LOG_DIRS, value), type);
  }
}
