package dev.brook.operator.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real kafka-clients pointed at a Cluster's {@code status.bootstrap}, as its users would be. */
public final class KafkaClients {

  private KafkaClients() {}

  public static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return Admin.create(props);
  }

  /** An idempotent {@code acks=all} producer that keeps retrying through broker restarts. */
  public static KafkaProducer<String, String> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Sends {@code count} keyed records, each acknowledged before the next is sent. */
  public static void produceAcked(String bootstrap, String topic, int count)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (KafkaProducer<String, String> producer = producer(bootstrap)) {
      for (int i = 0; i < count; i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)).get(60, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Reads {@code topic} from the start with a group of its own until at least {@code expected}
   * records came (or {@code timeout} passed); returns how many came.
   */
  public static int consumeCount(String bootstrap, String topic, int expected, Duration timeout) {
    return consumeCount(bootstrap, topic, "it-" + topic, expected, timeout);
  }

  /** Same, with the consumer group {@code group}. */
  public static int consumeCount(
      String bootstrap, String topic, String group, int expected, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      int[] seen = {0};
      await()
          .atMost(timeout)
          .until(
              () -> {
                seen[0] += consumer.poll(Duration.ofMillis(200)).count();
                return seen[0] >= expected;
              });
      return seen[0];
    }
  }
}
