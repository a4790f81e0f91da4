package dev.brook.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds the outcomes of several rounds of one system into one: per test and metric, the median of
 * the rounds in which the test succeeded. A test that failed in every round stays a failure.
 */
public final class RoundMedian {

  private RoundMedian() {}

  public static SystemOutcome of(SystemKind kind, List<SystemOutcome> rounds) {
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("no rounds to fold for " + kind);
    }
    if (rounds.size() == 1) {
      return rounds.get(0);
    }
    Set<String> tests = new LinkedHashSet<>();
    rounds.forEach(round -> round.results().forEach(r -> tests.add(r.test())));
    List<TestResult> folded = new ArrayList<>();
    for (String test : tests) {
      List<TestResult> results =
          rounds.stream().map(round -> round.result(test)).flatMap(Optional::stream).toList();
      folded.add(fold(test, results));
    }
    return SystemOutcome.measured(kind, folded);
  }

  private static TestResult fold(String test, List<TestResult> results) {
    List<TestResult> succeeded = results.stream().filter(r -> r.failure().isEmpty()).toList();
    if (succeeded.isEmpty()) {
      return results.get(0);
    }
    Map<Metric, Double> figures = new EnumMap<>(Metric.class);
    for (Metric metric : Metric.values()) {
      List<Double> values =
          succeeded.stream().map(r -> r.figure(metric)).flatMap(Optional::stream).toList();
      if (!values.isEmpty()) {
        figures.put(metric, median(values));
      }
    }
    return TestResult.of(test, figures);
  }

  static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
