package dev.brook.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes core/v1 Events about a resource. The same type, reason and message on the same resource
 * share one Event whose count and last timestamp grow, so a condition that repeats does not flood
 * the namespace. Best effort: a failure is logged and never fails a reconciliation.
 */
public final class EventPublisher {

  /** The component named as the Events' source and reporting controller. */
  public static final String COMPONENT = "brook-operator";

  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final KubernetesClient client;

  public EventPublisher(KubernetesClient client) {
    this.client = client;
  }

  public void normal(HasMetadata about, String reason, String message) {
    publish(about, EventType.Normal, reason, message);
  }

  public void warning(HasMetadata about, String reason, String message) {
    publish(about, EventType.Warning, reason, message);
  }

  public void publish(HasMetadata about, EventType type, String reason, String message) {
    String namespace = about.getMetadata().getNamespace();
    String name = eventName(about, type, reason, message);
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    try {
      try {
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .resource(event(about, name, type, reason, message, now))
            .create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
          throw e;
        }
        client
            .v1()
            .events()
            .inNamespace(namespace)
            .withName(name)
            .edit(
                existing -> {
                  Integer count = existing.getCount();
                  existing.setCount(count == null ? 2 : count + 1);
                  existing.setLastTimestamp(now);
                  return existing;
                });
      }
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not publish event {} on {} {}/{}: {}",
          reason,
          about.getKind(),
          namespace,
          about.getMetadata().getName(),
          e.getMessage());
    }
  }

  private static Event event(
      HasMetadata about, String name, EventType type, String reason, String message, String now) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(about.getMetadata().getNamespace())
        .endMetadata()
        .withInvolvedObject(
            new ObjectReferenceBuilder()
                .withApiVersion(about.getApiVersion())
                .withKind(about.getKind())
                .withName(about.getMetadata().getName())
                .withNamespace(about.getMetadata().getNamespace())
                .withUid(about.getMetadata().getUid())
                .build())
        .withType(type.name())
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(COMPONENT)
        .endSource()
        .withReportingComponent(COMPONENT)
        .withReportingInstance(reportingInstance())
        .build();
  }

  /**
   * The involved object's name and a digest of what identifies a repeat, as client-go names them.
   */
  static String eventName(HasMetadata about, EventType type, String reason, String message) {
    String key =
        about.getKind()
            + '\n'
            + about.getMetadata().getUid()
            + '\n'
            + type
            + '\n'
            + reason
            + '\n'
            + message;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return about.getMetadata().getName() + "." + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String reportingInstance() {
    String host = System.getenv("HOSTNAME");
    return host == null || host.isBlank() ? COMPONENT : host;
  }
}
