package dev.brook.bench;

import java.util.List;
import java.util.Optional;

/**
 * What one system gave: its test results, or why it was not measured at all (for example Brook's
 * jar is not built yet).
 */
public record SystemOutcome(SystemKind kind, List<TestResult> results, Optional<String> skipped) {

  public SystemOutcome {
    results = List.copyOf(results);
  }

  public static SystemOutcome measured(SystemKind kind, List<TestResult> results) {
    return new SystemOutcome(kind, results, Optional.empty());
  }

  public static SystemOutcome skipped(SystemKind kind, String reason) {
    return new SystemOutcome(kind, List.of(), Optional.of(reason));
  }

  public Optional<TestResult> result(String test) {
    return results.stream().filter(r -> r.test().equals(test)).findFirst();
  }
}
