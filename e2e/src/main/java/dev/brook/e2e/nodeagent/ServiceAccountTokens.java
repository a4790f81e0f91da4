package dev.brook.e2e.nodeagent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountTokenProjection;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serviceAccountToken} source of projected volumes, as the kubelet's token manager does
 * it: a TokenRequest for the pod's ServiceAccount, bound to the pod (the API server rejects the
 * token once the pod is gone), written to the volume and rewritten with a fresh token when 80% of
 * its lifetime has passed. A failed refresh is retried every 10 s while the old token still works.
 */
final class ServiceAccountTokens {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceAccountTokens.class);
  private static final long DEFAULT_EXPIRATION_SECONDS = 3600;
  private static final Duration RETRY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ScheduledExecutorService scheduler;
  private final Map<String, List<ScheduledFuture<?>>> refreshesByPodUid = new ConcurrentHashMap<>();

  ServiceAccountTokens(KubernetesClient client, ScheduledExecutorService scheduler) {
    this.client = client;
    this.scheduler = scheduler;
  }

  /** Writes a token for the pod to {@code file} now and keeps it fresh until {@link #release}. */
  void project(Pod pod, ServiceAccountTokenProjection projection, Path file, int mode) {
    Instant expiry = write(pod, projection, file, mode);
    schedule(pod, projection, file, mode, refreshDelay(expiry));
  }

  /** Stops refreshing the pod's tokens. */
  void release(String podUid) {
    List<ScheduledFuture<?>> refreshes = refreshesByPodUid.remove(podUid);
    if (refreshes != null) {
      refreshes.forEach(refresh -> refresh.cancel(false));
    }
  }

  private void schedule(
      Pod pod, ServiceAccountTokenProjection projection, Path file, int mode, Duration delay) {
    List<ScheduledFuture<?>> refreshes =
        refreshesByPodUid.computeIfAbsent(pod.getMetadata().getUid(), uid -> new ArrayList<>());
    synchronized (refreshes) {
      refreshes.removeIf(ScheduledFuture::isDone);
      refreshes.add(
          scheduler.schedule(
              () -> refresh(pod, projection, file, mode), delay.toMillis(), TimeUnit.MILLISECONDS));
    }
  }

  private void refresh(Pod pod, ServiceAccountTokenProjection projection, Path file, int mode) {
    if (!refreshesByPodUid.containsKey(pod.getMetadata().getUid())) {
      return;
    }
    Duration next;
    try {
      next = refreshDelay(write(pod, projection, file, mode));
    } catch (RuntimeException e) {
      LOG.warn("Cannot refresh the token of pod {}", pod.getMetadata().getName(), e);
      next = RETRY;
    }
    schedule(pod, projection, file, mode, next);
  }

  private Instant write(Pod pod, ServiceAccountTokenProjection projection, Path file, int mode) {
    long expirationSeconds =
        projection.getExpirationSeconds() == null
            ? DEFAULT_EXPIRATION_SECONDS
            : projection.getExpirationSeconds();
    TokenRequestBuilder request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(expirationSeconds)
            .withNewBoundObjectRef()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endBoundObjectRef()
            .endSpec();
    if (projection.getAudience() != null && !projection.getAudience().isEmpty()) {
      request.editSpec().withAudiences(projection.getAudience()).endSpec();
    }
    String account = pod.getSpec().getServiceAccountName();
    TokenRequest issued =
        client
            .serviceAccounts()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(account == null || account.isEmpty() ? "default" : account)
            .tokenRequest(request.build());
    VolumeFiles.writeAtomically(
        file, issued.getStatus().getToken().getBytes(StandardCharsets.UTF_8), mode);
    return Instant.parse(issued.getStatus().getExpirationTimestamp());
  }

  private static Duration refreshDelay(Instant expiry) {
    Duration lifetime = Duration.between(Instant.now(), expiry);
    Duration delay = lifetime.multipliedBy(8).dividedBy(10);
    return delay.isNegative() || delay.isZero() ? RETRY : delay;
  }
}
