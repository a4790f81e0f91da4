package dev.brook.e2e.nodeagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Locale;
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
 *
 * <p>Each patch carries the pod's uid: a StatefulSet recreates a pod under the same name, and a
 * late write for the old pod must fail (uid is immutable) rather than land on its successor.
 */
final class PodStatusWriter {

  private static final Logger LOG = LoggerFactory.getLogger(PodStatusWriter.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final String uid;
  private final Executor executor;
  private final AtomicBoolean queued = new AtomicBoolean();
  private final AtomicReference<Supplier<Map<String, Object>>> latest = new AtomicReference<>();

  PodStatusWriter(
      KubernetesClient client, String namespace, String name, String uid, Executor executor) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.uid = uid;
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
      Map<String, Object> body = new LinkedHashMap<>(status.get());
      body.put("metadata", Map.of("uid", uid));
      client
          .pods()
          .inNamespace(namespace)
          .withName(name)
          .subresource("status")
          .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), JSON.writeValueAsString(body));
    } catch (KubernetesClientException e) {
      boolean uidMismatch =
          (e.getCode() == 409 || e.getCode() == 422)
              && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("uid");
      boolean podReplacedOrGone = e.getCode() == 404 || uidMismatch;
      if (!podReplacedOrGone) {
        LOG.warn("Cannot write the status of pod {}/{}", namespace, name, e);
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pod status is not serializable", e);
    }
  }
}
