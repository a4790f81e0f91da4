package dev.brook.broker.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Stock kafka-clients configured for tests: string keys and values, short timeouts. */
public final class Clients {

  private Clients() {}

  public static Admin admin(String bootstrap) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    return Admin.create(props);
  }

  public static KafkaProducer<String, String> producer(
      String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putAll(overrides);
    return new KafkaProducer<>(props);
  }

  public static KafkaConsumer<String, String> consumer(
      String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.putAll(overrides);
    return new KafkaConsumer<>(props);
  }

  public static void createTopic(Admin admin, String name, int partitions) throws Exception {
    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
  }

  /**
   * Sends {@code records} records of {@code recordBytes}-byte values with acks=all to {@code
   * partition} of {@code topic} (null: the partitioner's choice), and waits until all are written.
   */
  public static void produceFixedSize(
      String bootstrap, String topic, Integer partition, int records, int recordBytes) {
    String value = "v".repeat(recordBytes);
    try (KafkaProducer<String, String> producer =
        producer(bootstrap, Map.of(ProducerConfig.ACKS_CONFIG, "all"))) {
      for (int i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(topic, partition, "k" + i, value));
      }
      producer.flush();
    }
  }

  /** The ids of the in-sync replicas of {@code topic}'s partition {@code partition}. */
  public static List<Integer> isr(Admin admin, String topic, int partition) throws Exception {
    return admin
        .describeTopics(List.of(topic))
        .allTopicNames()
        .get()
        .get(topic)
        .partitions()
        .get(partition)
        .isr()
        .stream()
        .map(Node::id)
        .toList();
  }

  /** Polls until {@code count} records arrived or the deadline passed; returns what arrived. */
  public static List<ConsumerRecord<String, String>> pollAtLeast(
      KafkaConsumer<String, String> consumer, int count, Duration deadline) {
    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    long end = System.nanoTime() + deadline.toNanos();
    while (received.size() < count && System.nanoTime() < end) {
      consumer.poll(Duration.ofMillis(200)).forEach(received::add);
    }
    return received;
  }
}
