package dev.brook.bench;

/** A figure the benchmark reports, with its unit and which direction is better. */
public enum Metric {
  MB_PER_SEC("MB/s", true),
  RECORDS_PER_SEC("records/s", true),
  AVG_LATENCY_MS("avg ms", false),
  P99_LATENCY_MS("p99 ms", false),
  FIRST_ACK_AFTER_KILL_MS("first ack ms", false),
  ALL_PARTITIONS_ACK_AFTER_KILL_MS("all partitions ms", false);

  private final String label;
  private final boolean higherIsBetter;

  Metric(String label, boolean higherIsBetter) {
    this.label = label;
    this.higherIsBetter = higherIsBetter;
  }

  public String label() {
    return label;
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }
}
