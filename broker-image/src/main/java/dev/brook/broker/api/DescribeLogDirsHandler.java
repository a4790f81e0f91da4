package dev.brook.broker.api;

import dev.brook.broker.log.Log;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.network.Request;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * DescribeLogDirs: each log directory of this broker with the size on disk of every requested
 * partition it holds (null topics: all of them), and (v4+) the total and usable bytes of the file
 * store under it. Partitions this broker holds no log of are left out, as Kafka does. Brook has no
 * future replicas (AlterReplicaLogDirs), so every log is current and its offset lag is 0.
 */
final class DescribeLogDirsHandler implements ApiHandler {

  private static final Comparator<TopicPartition> BY_TOPIC_THEN_PARTITION =
      Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

  private final LogManager logManager;

  DescribeLogDirsHandler(LogManager logManager) {
    this.logManager = logManager;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    Predicate<TopicPartition> wanted =
        wanted(request.body(DescribeLogDirsRequestData.class).topics());
    DescribeLogDirsResponseData response =
        new DescribeLogDirsResponseData().setThrottleTimeMs(0).setErrorCode(Errors.NONE.code());
    logManager
        .logsByDirectory()
        .forEach((dir, logs) -> response.results().add(describe(dir, logs, wanted)));
    return CompletableFuture.completedFuture(response);
  }

  private static Predicate<TopicPartition> wanted(
      DescribeLogDirsRequestData.DescribableLogDirTopicCollection topics) {
    if (topics == null) {
      return tp -> true;
    }
    return tp -> {
      DescribableLogDirTopic topic = topics.find(tp.topic());
      return topic != null && topic.partitions().contains(tp.partition());
    };
  }

  private static DescribeLogDirsResult describe(
      Path dir, Map<TopicPartition, Log> logs, Predicate<TopicPartition> wanted) {
    DescribeLogDirsResult result = new DescribeLogDirsResult().setLogDir(dir.toString());
    try {
      FileStore store = Files.getFileStore(dir);
      result.setTotalBytes(store.getTotalSpace()).setUsableBytes(store.getUsableSpace());
    } catch (IOException e) {
      return result.setErrorCode(Errors.KAFKA_STORAGE_ERROR.code());
    }
    Map<String, DescribeLogDirsTopic> topics = new TreeMap<>();
    logs.entrySet().stream()
        .filter(entry -> wanted.test(entry.getKey()))
        .sorted(Map.Entry.comparingByKey(BY_TOPIC_THEN_PARTITION))
        .forEach(
            entry ->
                topics
                    .computeIfAbsent(
                        entry.getKey().topic(), name -> new DescribeLogDirsTopic().setName(name))
                    .partitions()
                    .add(describe(entry.getKey().partition(), entry.getValue())));
    result.topics().addAll(topics.values());
    return result.setErrorCode(Errors.NONE.code());
  }

  private static DescribeLogDirsPartition describe(int partition, Log log) {
    return new DescribeLogDirsPartition()
        .setPartitionIndex(partition)
        .setPartitionSize(log.sizeInBytes())
        .setOffsetLag(0)
        .setIsFutureKey(false);
  }
}
