package dev.brook.operator.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * One Kafka {@link Admin} per Brook cluster, shared by the reconcilers. An Admin keeps connections
 * and metadata, so creating one per reconciliation would reconnect to every broker each time. When
 * a cluster's bootstrap address changes, its old client is closed and replaced.
 *
 * <p>Thread-safe: reconcilers of different resources call it concurrently.
 */
@ApplicationScoped
public class AdminClients implements AutoCloseable {

  /** Bound of one Admin call; reconcilers report a timeout in status and try again later. */
  static final int API_TIMEOUT_MS = 15_000;

  private final Map<String, Entry> clients = new ConcurrentHashMap<>();

  private record Entry(String bootstrap, Admin admin) {}

  /** The Admin of cluster {@code namespace/name}, connected to {@code bootstrap}. */
  public Admin forCluster(String namespace, String name, String bootstrap) {
    String key = namespace + "/" + name;
    Entry entry =
        clients.compute(
            key,
            (k, old) -> {
              if (old != null && old.bootstrap().equals(bootstrap)) {
                return old;
              }
              if (old != null) {
                old.admin().close();
              }
              return new Entry(bootstrap, Admin.create(config(k, bootstrap)));
            });
    return entry.admin();
  }

  /** The Admin of a resolved cluster; {@code target} must have a bootstrap address. */
  public Admin forTarget(ClusterTarget target) {
    return forCluster(target.namespace(), target.name(), target.bootstrap().orElseThrow());
  }

  private static Properties config(String key, String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "brook-operator-" + key.replace('/', '-'));
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS / 3);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
    props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
    return props;
  }

  @PreDestroy
  @Override
  public void close() {
    clients.values().forEach(entry -> entry.admin().close());
    clients.clear();
  }
}
