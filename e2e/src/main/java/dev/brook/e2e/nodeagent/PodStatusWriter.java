package dev.brook.e2e.nodeagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Patches one pod's {@code status} subresource. Requests are coalesced: while a write is queued,
 * further requests only mark it stale, and the queued write sends the newest status.
 */
final class PodStatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PodStatusWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Executor executor;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicReference<Supplier<Map<String, Object>>> latest = new AtomicReference<>();

  PodStatusWriter(KubernetesClient client, String namespace, String name, Executor executor) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.executor = executor;
  }

  /** Schedules a write; {@code status} is evaluated on the writer thread, just before sending. */
  void publish(Supplier<Map<String, Object>> status) {
    latest.set(status);
    if (queued.compareAndSet(false, true)) {
      executor.execute(this::write);
    }
  }

  private void write() {
    queued.set(false);
    Supplier<Map<String, Object>> status = latest.getAndSet(null);
    if (status == null) {
      return;
    }
    try {
      String body = JSON.writeValueAsString(status.get());
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .subresource("status")
          .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), body);
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        LOG.warn("Cannot write the status of pod {}/{}", namespace, name, e);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pod status is not serializable", e);
    }
  }
}
