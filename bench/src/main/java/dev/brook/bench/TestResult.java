package dev.brook.bench;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The figures one test produced against one system. A test that failed carries no figures and a
 * short reason instead.
 */
public record TestResult(String test, Map<Metric, Double> figures, Optional<String> failure) {

  public TestResult {
    figures = Collections.unmodifiableMap(figures.isEmpty() ? figures : new EnumMap<>(figures));
  }

  public static TestResult of(String test, Map<Metric, Double> figures) {
    return new TestResult(test, figures, Optional.empty());
  }

  public static TestResult failed(String test, String reason) {
    return new TestResult(test, Map.of(), Optional.of(reason));
  }

  public Optional<Double> figure(Metric metric) {
    return Optional.ofNullable(figures.get(metric));
  }
}
