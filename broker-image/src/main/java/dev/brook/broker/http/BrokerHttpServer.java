package dev.brook.broker.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's HTTP endpoint, apart from the Kafka listeners so that probes and scrapes never queue
 * behind client requests: {@code GET /health/live} (200 while the process serves HTTP and follows
 * the metadata log, 503 once its metadata quorum server stopped on an error), {@code GET
 * /health/ready} (200 once the broker is registered and unfenced, 503 before), {@code GET /metrics}
 * (Prometheus text format). One small thread pool; anything else is 404, a method other than GET or
 * HEAD 405.
 */
public final class BrokerHttpServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BrokerHttpServer.class);
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService threads;

  private BrokerHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  public static BrokerHttpServer start(
      InetSocketAddress address,
      BooleanSupplier live,
      BooleanSupplier ready,
      String notReadyReason,
      PrometheusMeterRegistry registry,
      Runnable beforeScrape)
      throws IOException {
    HttpServer server = HttpServer.create(address, 64);
    server.createContext(
        "/health/live",
        exchange -> {
          boolean isLive = live.getAsBoolean();
          answer(
              exchange,
              isLive ? 200 : 503,
              "text/plain",
              isLive ? "live\n" : "not live: the metadata quorum server stopped on an error\n");
        });
    server.createContext(
        "/health/ready",
        exchange -> {
          boolean isReady = ready.getAsBoolean();
          answer(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : notReadyReason);
        });
    server.createContext(
        "/metrics",
        exchange -> {
          beforeScrape.run();
          answer(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
        });
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "brook-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.start();
    log.info("health and metrics on http://{}", server.getAddress());
    return new BrokerHttpServer(server, threads);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  private static void answer(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
