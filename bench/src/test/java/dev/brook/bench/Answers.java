package dev.brook.bench;

import java.util.Map;
import java.util.TreeMap;

/** What one broker answered to the probe: question to answer, sorted by question. */
final class Answers {

  private final Map<String, String> answers = new TreeMap<>();

  void put(String question, Object answer) {
    if (answers.putIfAbsent(question, String.valueOf(answer)) != null) {
      throw new IllegalStateException("question asked twice: " + question);
    }
  }

  Map<String, String> asMap() {
    return Map.copyOf(answers);
  }
}
