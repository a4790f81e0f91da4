package dev.brook.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Idempotent {@code acks=all} production in the background while a test disturbs the cluster: a
 * keyed record every {@code intervalMs} (bounded in count), every acknowledgement and failure
 * recorded. {@link #readBack} then reads the topic and tells what was lost, duplicated or out of
 * order per key.
 */
public final class ProductionRun implements AutoCloseable {

  private static final int KEYS = 17;
  private static final int DEFAULT_MAX_RECORDS = 30_000;

  private final String bootstrap;
  private final String topic;

  /** Tells this run's records from those of earlier runs on the same topic. */
  private final String runId = Long.toString(System.nanoTime(), 36);

  private final AtomicBoolean running = new AtomicBoolean(true);
  private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
  private final Thread thread;

  private ProductionRun(String bootstrap, String topic, long intervalMs, int maxRecords) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.thread = new Thread(() -> produce(intervalMs, maxRecords), "production-" + topic);
  }

  public static ProductionRun start(String bootstrap, String topic, long intervalMs) {
    return start(bootstrap, topic, intervalMs, DEFAULT_MAX_RECORDS);
  }

  /** Like {@link #start(String, String, long)}, stopping by itself after {@code maxRecords}. */
  public static ProductionRun start(
      String bootstrap, String topic, long intervalMs, int maxRecords) {
    ProductionRun run = new ProductionRun(bootstrap, topic, intervalMs, maxRecords);
    run.thread.start();
    return run;
  }

  private void produce(long intervalMs, int maxRecords) {
    try (KafkaProducer<String, String> producer = KafkaClients.producer(bootstrap)) {
      for (int i = 0; i < maxRecords && running.get(); i++) {
        String value = runId + "-" + i;
        producer.send(
            new ProducerRecord<>(topic, "k" + (i % KEYS), value),
            (metadata, error) -> {
              if (error != null) {
                failures.add(error);
              } else {
                acknowledged.add(value);
              }
            });
        Thread.sleep(intervalMs);
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public int acknowledgedCount() {
    return acknowledged.size();
  }

  /** The values of the records acknowledged so far. */
  public List<String> acknowledgedValues() {
    return List.copyOf(acknowledged);
  }

  public List<Exception> failures() {
    return List.copyOf(failures);
  }

  /** Stops sending and waits for the outstanding records to be acknowledged or to fail. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofMinutes(3).toMillis());
  }

  /**
   * Reads the whole topic back and compares this run's records (earlier runs' are skipped) with
   * what was acknowledged.
   */
  public ReadBack readBack(Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "read-back-" + topic + "-" + System.nanoTime());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Integer> seen = new HashMap<>();
    Map<String, List<Integer>> orderByKey = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(timeout)
          .until(
              () -> {
                for (ConsumerRecord<String, String> record :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (record.value() == null || !record.value().startsWith(runId + "-")) {
                    continue;
                  }
                  seen.merge(record.value(), 1, Integer::sum);
                  orderByKey
                      .computeIfAbsent(record.key(), k -> new ArrayList<>())
                      .add(Integer.parseInt(record.value().substring(runId.length() + 1)));
                }
                return seen.keySet().containsAll(acknowledged);
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Reported as lost records below.
    }
    int lost = (int) acknowledged.stream().filter(v -> !seen.containsKey(v)).count();
    int duplicated = (int) seen.values().stream().filter(n -> n > 1).count();
    int outOfOrder = 0;
    for (List<Integer> values : orderByKey.values()) {
      for (int i = 1; i < values.size(); i++) {
        if (values.get(i) < values.get(i - 1)) {
          outOfOrder++;
        }
      }
    }
    return new ReadBack(acknowledged.size(), lost, duplicated, outOfOrder);
  }

  /**
   * Stops sending and asserts that nothing failed and that every acknowledged record is read back
   * exactly once, in order per key.
   */
  public void assertIntact(Duration timeout) throws InterruptedException {
    close();
    assertThat(failures()).as("acks=all sends that failed").isEmpty();
    ReadBack readBack = readBack(timeout);
    assertThat(readBack.acknowledged()).isPositive();
    assertThat(readBack.lost()).as("acknowledged records lost").isZero();
    assertThat(readBack.duplicated()).as("records duplicated").isZero();
    assertThat(readBack.outOfOrder()).as("records out of order per key").isZero();
  }

  /** What reading the topic back found. */
  public record ReadBack(int acknowledged, int lost, int duplicated, int outOfOrder) {}
}
