package dev.brook.broker.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.MetadataCache;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BrokerHttpServerTest {

  private final AtomicBoolean live = new AtomicBoolean(true);
  private final AtomicBoolean ready = new AtomicBoolean();
  private final HttpClient http = HttpClient.newHttpClient();
  private BrokerHttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    PrometheusMeterRegistry registry = BrokerMeters.registry(7);
    ControllerGauges.register(registry, new MetadataCache(), () -> false);
    server =
        BrokerHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0),
            live::get,
            ready::get,
            "not ready: not yet registered and unfenced\n",
            registry,
            () -> {});
    base = "http://127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void shouldAnswerNotReadyUntilTheBrokerIsUnfencedWhileLiveAllAlong() throws Exception {
    assertThat(status("/health/live")).isEqualTo(200);
    assertThat(status("/health/ready")).isEqualTo(503);
    ready.set(true);
    assertThat(status("/health/ready")).isEqualTo(200);
    assertThat(status("/health/ready/extra")).isEqualTo(404);
  }

  @Test
  void shouldAnswerNotLiveOnceTheNodeStoppedFollowingTheMetadataLog() throws Exception {
    ready.set(true);
    live.set(false);
    assertThat(status("/health/live")).isEqualTo(503);
  }

  private int status(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
