package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.NODE_ID;
import static dev.brook.broker.it.versions.MatrixBroker.PARTITIONS;
import static dev.brook.broker.it.versions.MatrixBroker.RECORDS_PER_PARTITION;
import static dev.brook.broker.it.versions.MatrixBroker.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.api.SupportedApis;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderPartition;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData.OffsetForLeaderTopic;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData.EpochEndOffset;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Probes for ApiVersions, Metadata, OffsetForLeaderEpoch, DeleteRecords and InitProducerId; the
 * record-carrying APIs are in {@link RecordProbes}.
 */
final class DataPlaneProbes {

  private DataPlaneProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.API_VERSIONS, DataPlaneProbes::apiVersions);
    probes.put(ApiKeys.METADATA, DataPlaneProbes::metadata);
    probes.put(ApiKeys.OFFSET_FOR_LEADER_EPOCH, DataPlaneProbes::offsetForLeaderEpoch);
    probes.put(ApiKeys.DELETE_RECORDS, DataPlaneProbes::deleteRecords);
    probes.put(ApiKeys.INIT_PRODUCER_ID, DataPlaneProbes::initProducerId);
  }

  private static void apiVersions(MatrixBroker broker, short version) throws Exception {
    ApiVersionsRequestData request = new ApiVersionsRequestData();
    if (version >= 3) {
      request.setClientSoftwareName("brook-matrix").setClientSoftwareVersion("1.0");
    }
    ApiVersionsResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(response.apiKeys()).isEqualTo(new SupportedApis().advertised());
  }

  private static void metadata(MatrixBroker broker, short version) throws Exception {
    MetadataRequestData request = new MetadataRequestData();
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(TOPIC));
    if (version >= 4) {
      request.setAllowAutoTopicCreation(false);
    }
    MetadataResponseData response = broker.call(request, version);
    assertThat(response.brokers())
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.nodeId()).isEqualTo(NODE_ID);
              assertThat(broker.bootstrapServers()).isEqualTo(node.host() + ":" + node.port());
            });
    if (version >= 1) {
      assertThat(response.controllerId()).isEqualTo(NODE_ID);
    }
    if (version >= 2) {
      assertThat(response.clusterId()).isNotBlank();
    }
    MetadataResponseTopic topic = response.topics().find(TOPIC);
    assertThat(topic.errorCode()).isEqualTo(Errors.NONE.code());
    if (version >= 10) {
      assertThat(topic.topicId()).isEqualTo(broker.topicId());
    }
    assertThat(topic.partitions()).hasSize(PARTITIONS);
    for (MetadataResponsePartition partition : topic.partitions()) {
      assertThat(partition.errorCode()).isEqualTo(Errors.NONE.code());
      assertThat(partition.leaderId()).isEqualTo(NODE_ID);
      assertThat(partition.replicaNodes()).containsExactly(NODE_ID);
      assertThat(partition.isrNodes()).containsExactly(NODE_ID);
      if (version >= 7) {
        assertThat(partition.leaderEpoch()).isNotNegative();
      }
    }
    if (version >= 4) {
      assertUnknownTopicIsNotCreated(broker, version);
    }
  }

  private static void assertUnknownTopicIsNotCreated(MatrixBroker broker, short version)
      throws Exception {
    String unknown = broker.uniqueName("never-created");
    MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false);
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(unknown));
    MetadataResponseData response = broker.call(request, version);
    assertThat(response.topics().find(unknown).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }

  /** The current leader epoch of {@code topic}'s partition 0, read with Metadata. */
  static int leaderEpoch(MatrixBroker broker, String topic) throws Exception {
    MetadataRequestData request = new MetadataRequestData().setAllowAutoTopicCreation(false);
    request.topics().add(new MetadataRequestData.MetadataRequestTopic().setName(topic));
    MetadataResponseData response = broker.call(request, MatrixBroker.newest(ApiKeys.METADATA));
    return response.topics().find(topic).partitions().get(0).leaderEpoch();
  }

  private static void offsetForLeaderEpoch(MatrixBroker broker, short version) throws Exception {
    int epoch = leaderEpoch(broker, TOPIC);
    OffsetForLeaderEpochRequestData request = new OffsetForLeaderEpochRequestData();
    if (version >= 3) {
      request.setReplicaId(-1);
    }
    OffsetForLeaderTopic topic = new OffsetForLeaderTopic().setTopic(TOPIC);
    topic
        .partitions()
        .add(
            new OffsetForLeaderPartition()
                .setPartition(0)
                .setCurrentLeaderEpoch(epoch)
                .setLeaderEpoch(epoch));
    topic
        .partitions()
        .add(
            new OffsetForLeaderPartition()
                .setPartition(PARTITIONS)
                .setCurrentLeaderEpoch(-1)
                .setLeaderEpoch(epoch));
    request.topics().add(topic);
    OffsetForLeaderEpochResponseData response = broker.call(request, version);
    List<EpochEndOffset> partitions = response.topics().find(TOPIC).partitions();
    assertThat(partitions).hasSize(2);
    EpochEndOffset known = partitions.get(0);
    assertThat(known.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(known.leaderEpoch()).isEqualTo(epoch);
    assertThat(known.endOffset()).isEqualTo(RECORDS_PER_PARTITION);
    assertThat(partitions.get(1).errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
  }

  private static void deleteRecords(MatrixBroker broker, short version) throws Exception {
    String topic = broker.topicWithRecords("delete-records", 5);
    DeleteRecordsRequestData request = new DeleteRecordsRequestData().setTimeoutMs(10_000);
    DeleteRecordsRequestData.DeleteRecordsTopic entry =
        new DeleteRecordsRequestData.DeleteRecordsTopic().setName(topic);
    entry
        .partitions()
        .add(
            new DeleteRecordsRequestData.DeleteRecordsPartition()
                .setPartitionIndex(0)
                .setOffset(3));
    entry
        .partitions()
        .add(
            new DeleteRecordsRequestData.DeleteRecordsPartition()
                .setPartitionIndex(1)
                .setOffset(1));
    request.topics().add(entry);
    DeleteRecordsResponseData response = broker.call(request, version);
    DeleteRecordsResponseData.DeleteRecordsTopicResult result = response.topics().find(topic);
    assertThat(result.partitions().find(0).errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(result.partitions().find(0).lowWatermark()).isEqualTo(3);
    assertThat(result.partitions().find(1).errorCode())
        .isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    assertThat(RecordProbes.earliestOffset(broker, topic)).isEqualTo(3);
  }

  private static void initProducerId(MatrixBroker broker, short version) throws Exception {
    InitProducerIdRequestData request =
        new InitProducerIdRequestData().setTransactionalId(null).setTransactionTimeoutMs(60_000);
    InitProducerIdResponseData first = broker.call(request, version);
    InitProducerIdResponseData second = broker.call(request, version);
    assertThat(first.errorCode()).isEqualTo(Errors.NONE.code());
    assertThat(first.producerId()).isNotNegative();
    assertThat(first.producerEpoch()).isZero();
    assertThat(second.producerId()).isNotEqualTo(first.producerId());
  }
}
