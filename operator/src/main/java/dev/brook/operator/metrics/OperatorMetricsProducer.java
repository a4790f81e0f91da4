package dev.brook.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetricsV2;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Hands java-operator-sdk a Micrometer-backed {@link Metrics}, so reconciliation counts, failures,
 * durations and queue sizes per controller appear on {@code /q/metrics} next to the JVM and HTTP
 * meters. The extension's own default bean reads the registry through a {@code MeterBinder} that
 * may not have been bound yet when the operator is configured, and then leaves JOSDK with the no-op
 * metrics in packaged runs (quarkiverse/quarkus-operator-sdk#1385); this producer takes the
 * registry directly and replaces that default bean.
 */
@Singleton
public class OperatorMetricsProducer {

  @Produces
  @Singleton
  Metrics operatorMetrics(MeterRegistry registry) {
    return MicrometerMetricsV2.newBuilder(registry).build();
  }
}
