package dev.brook.broker.it.versions;

import static dev.brook.broker.it.versions.MatrixBroker.NODE_ID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData.PartitionData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Probes for the quorum APIs on the single-node matrix broker: it describes itself as the only
 * voter and leader, and refuses voter changes with the reason. A real quorum's answers are checked
 * in QuorumReconfigurationIT.
 */
public final class QuorumProbes {

  private QuorumProbes() {}

  static void register(Map<ApiKeys, VersionProbe> probes) {
    probes.put(ApiKeys.DESCRIBE_QUORUM, QuorumProbes::describeQuorum);
    probes.put(ApiKeys.ADD_RAFT_VOTER, QuorumProbes::addRaftVoter);
    probes.put(ApiKeys.REMOVE_RAFT_VOTER, QuorumProbes::removeRaftVoter);
  }

  private static void describeQuorum(MatrixBroker broker, short version) throws Exception {
    DescribeQuorumResponseData response = broker.call(describeMetadataPartition(), version);
    assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
    PartitionData partition = response.topics().get(0).partitions().get(0);
    assertThat(response.topics().get(0).topicName()).isEqualTo("__cluster_metadata");
    assertThat(partition.leaderId()).isEqualTo(NODE_ID);
    assertThat(partition.highWatermark()).isPositive();
    assertThat(partition.currentVoters())
        .singleElement()
        .satisfies(
            voter -> {
              assertThat(voter.replicaId()).isEqualTo(NODE_ID);
              assertThat(voter.logEndOffset()).isEqualTo(partition.highWatermark());
              if (version >= 1) {
                assertThat(voter.lastCaughtUpTimestamp()).isPositive();
              }
            });
    if (version >= 2) {
      assertThat(response.nodes().find(NODE_ID)).isNotNull();
      assertThat(response.nodes().find(NODE_ID).listeners()).isNotEmpty();
      assertThat(partition.currentVoters().get(0).replicaDirectoryId()).isEqualTo(Uuid.ZERO_UUID);
    } else {
      assertThat(response.nodes()).isEmpty();
    }
  }

  /** The request {@code Admin.describeMetadataQuorum} sends. */
  public static DescribeQuorumRequestData describeMetadataPartition() {
    DescribeQuorumRequestData request = new DescribeQuorumRequestData();
    request
        .topics()
        .add(
            new DescribeQuorumRequestData.TopicData()
                .setTopicName("__cluster_metadata")
                .setPartitions(
                    new java.util.ArrayList<>(
                        java.util.List.of(
                            new DescribeQuorumRequestData.PartitionData().setPartitionIndex(0)))));
    return request;
  }

  private static void addRaftVoter(MatrixBroker broker, short version) throws Exception {
    AddRaftVoterRequestData request =
        new AddRaftVoterRequestData()
            .setTimeoutMs(5_000)
            .setVoterId(7)
            .setVoterDirectoryId(Uuid.randomUuid());
    request
        .listeners()
        .add(
            new AddRaftVoterRequestData.Listener()
                .setName("CONTROLLER")
                .setHost("127.0.0.1")
                .setPort(9093));
    AddRaftVoterResponseData response = broker.call(request, version);
    assertThat(response.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(response.errorMessage()).contains("single-node");
  }

  private static void removeRaftVoter(MatrixBroker broker, short version) throws Exception {
    RemoveRaftVoterResponseData unknown =
        broker.call(
            new RemoveRaftVoterRequestData().setVoterId(7).setVoterDirectoryId(Uuid.ZERO_UUID),
            version);
    assertThat(unknown.errorCode()).isEqualTo(Errors.VOTER_NOT_FOUND.code());
    RemoveRaftVoterResponseData self =
        broker.call(
            new RemoveRaftVoterRequestData()
                .setVoterId(NODE_ID)
                .setVoterDirectoryId(Uuid.ZERO_UUID),
            version);
    assertThat(self.errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
    assertThat(self.errorMessage()).contains("single-node");
  }
}
