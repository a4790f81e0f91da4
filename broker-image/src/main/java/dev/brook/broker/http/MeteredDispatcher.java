package dev.brook.broker.http;

import dev.brook.broker.network.Request;
import dev.brook.broker.network.RequestDispatcher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Counts and times every request by API, from dispatch until its response is ready (Kafka's
 * RequestMetrics {@code RequestsPerSec} and {@code TotalTimeMs}), and hands produce and fetch
 * traffic to {@link TopicTraffic}. Failed requests are counted under {@code
 * kafka_network_requestmetrics_errors_total}.
 */
public final class MeteredDispatcher implements RequestDispatcher {

  private final RequestDispatcher delegate;
  private final MeterRegistry registry;
  private final TopicTraffic traffic;
  private final ConcurrentMap<ApiKeys, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentMap<ApiKeys, Counter> failures = new ConcurrentHashMap<>();

  public MeteredDispatcher(
      RequestDispatcher delegate, MeterRegistry registry, TopicTraffic traffic) {
    this.delegate = delegate;
    this.registry = registry;
    this.traffic = traffic;
  }

  @Override
  public CompletableFuture<ApiMessage> dispatch(Request request) {
    long startNanos = System.nanoTime();
    traffic.onRequest(request);
    CompletableFuture<ApiMessage> response = delegate.dispatch(request);
    response.whenComplete(
        (body, error) -> {
          timer(request.apiKey()).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
          if (error != null) {
            failures(request.apiKey()).increment();
          } else if (body != null) {
            traffic.onResponse(request, body);
          }
        });
    return response;
  }

  @Override
  public ApiMessage errorResponse(Request request, Throwable error) {
    return delegate.errorResponse(request, error);
  }

  private Timer timer(ApiKeys apiKey) {
    return timers.computeIfAbsent(
        apiKey,
        key ->
            Timer.builder("kafka.network.requestmetrics.totaltime")
                .description("Time from a request's dispatch until its response is ready")
                .tag("request", key.name)
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry));
  }

  private Counter failures(ApiKeys apiKey) {
    return failures.computeIfAbsent(
        apiKey,
        key ->
            Counter.builder("kafka.network.requestmetrics.errors")
                .description("Requests whose handler failed")
                .tag("request", key.name)
                .register(registry));
  }
}
