package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.PARTITIONS;
import static dev.brook.broker.it.versions.MatrixBroker.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.DescribeLogDirsRequestData;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopic;
import org.apache.kafka.common.message.DescribeLogDirsRequestData.DescribableLogDirTopicCollection;
import org.apache.kafka.common.message.DescribeLogDirsResponseData;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsPartition;
import org.apache.kafka.common.message.DescribeLogDirsResponseData.DescribeLogDirsResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/** Probes for the log-directory APIs. */
final class LogDirProbes {

  private static final int NOT_HOSTED_PARTITION = 99;

  private LogDirProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.DESCRIBE_LOG_DIRS, LogDirProbes::describeLogDirs);
  }

  /**
   * The broker's one log directory with the size of each asked partition it holds; a partition it
   * does not hold (of a known or an unknown topic) is left out.
   */
  private static void describeLogDirs(MatrixBroker broker, short version) throws Exception {
    DescribableLogDirTopicCollection topics = new DescribableLogDirTopicCollection();
    topics.add(
        new DescribableLogDirTopic()
            .setTopic(TOPIC)
            .setPartitions(List.of(0, 1, NOT_HOSTED_PARTITION)));
    topics.add(new DescribableLogDirTopic().setTopic("never-created").setPartitions(List.of(0)));
    DescribeLogDirsResponseData response =
        broker.call(new DescribeLogDirsRequestData().setTopics(topics), version);
    assertThat(response.throttleTimeMs()).isZero();
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    DescribeLogDirsResult dir = onlyDirectory(broker, response, version);
    assertThat(dir.topics())
        .singleElement()
        .satisfies(
            topic -> {
              assertThat(topic.name()).isEqualTo(TOPIC);
              assertThat(topic.partitions())
                  .extracting(DescribeLogDirsPartition::partitionIndex)
                  .containsExactly(0, 1);
              assertThat(topic.partitions())
                  .allSatisfy(
                      p -> {
                        assertThat(p.partitionSize()).isPositive();
                        assertThat(p.offsetLag()).isZero();
                        assertThat(p.isFutureKey()).isFalse();
                      });
            });

    DescribeLogDirsResponseData all =
        broker.call(new DescribeLogDirsRequestData().setTopics(null), version);
    assertThat(onlyDirectory(broker, all, version).topics())
        .filteredOn(topic -> topic.name().equals(TOPIC))
        .singleElement()
        .satisfies(topic -> assertThat(topic.partitions()).hasSize(PARTITIONS));
  }

  private static DescribeLogDirsResult onlyDirectory(
      MatrixBroker broker, DescribeLogDirsResponseData response, short version) {
    assertThat(response.results()).hasSize(1);
    DescribeLogDirsResult dir = response.results().get(0);
    assertThat(dir.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(dir.logDir()).isEqualTo(broker.dataDir().toAbsolutePath().toString());
    if (version >= 4) {
      assertThat(dir.totalBytes()).isPositive();
      assertThat(dir.usableBytes()).isPositive().isLessThanOrEqualTo(dir.totalBytes());
    } else {
      assertThat(dir.totalBytes()).isEqualTo(-1);
      assertThat(dir.usableBytes()).isEqualTo(-1);
    }
    return dir;
  }
}
