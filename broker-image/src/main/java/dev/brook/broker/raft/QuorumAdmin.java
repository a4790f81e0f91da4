package dev.brook.broker.raft;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;

/**
 * KIP-853's view and changes of the controller quorum, as any broker answers them: {@code
 * kafka-metadata-quorum describe}, {@code add-controller} and {@code remove-controller}, or Admin's
 * {@code describeMetadataQuorum}, {@code addRaftVoter} and {@code removeRaftVoter}. Failures come
 * back as the response's error code and message, never as a failed future.
 */
public interface QuorumAdmin {

  CompletableFuture<DescribeQuorumResponseData> describe(DescribeQuorumRequestData request);

  CompletableFuture<AddRaftVoterResponseData> addVoter(AddRaftVoterRequestData request);

  CompletableFuture<RemoveRaftVoterResponseData> removeVoter(RemoveRaftVoterRequestData request);
}
