package dev.brook.operator.chaos;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A consumer-group member reading a topic in the background and committing after every poll
 * (at-least-once), riding out coordinator moves and rebalances the way an application would: by
 * polling again.
 */
final class GroupReader implements AutoCloseable {

  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final Thread thread;

  private GroupReader(String bootstrap, String topic, String group) {
    this.thread = new Thread(() -> read(bootstrap, topic, group), "group-reader-" + group);
  }

  static GroupReader start(String bootstrap, String topic, String group) {
    GroupReader reader = new GroupReader(bootstrap, topic, group);
    reader.thread.start();
    return reader;
  }

  private void read(String bootstrap, String topic, String group) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      while (running.get()) {
        try {
          for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            seen.add(record.value());
          }
          consumer.commitSync(Duration.ofSeconds(30));
        } catch (KafkaException e) {
          // A coordinator or leader moved under a fault; the next poll finds the new one.
        }
      }
    }
  }

  /** Waits until every one of {@code values} has been read; returns how many were not. */
  int awaitAll(Collection<String> values, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !seen.containsAll(values)) {
      Thread.sleep(500);
    }
    return (int) values.stream().filter(v -> !seen.contains(v)).count();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join(Duration.ofMinutes(1).toMillis());
  }
}
