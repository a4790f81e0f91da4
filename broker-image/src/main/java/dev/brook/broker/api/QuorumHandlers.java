package dev.brook.broker.api;

import dev.brook.broker.raft.QuorumAdmin;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * DescribeQuorum, AddRaftVoter and RemoveRaftVoter (KIP-595, KIP-853): any broker takes them and
 * the active controller answers ({@link QuorumAdmin}), as Kafka's brokers forward them.
 */
final class QuorumHandlers {

  private QuorumHandlers() {}

  /** Nodes (the voters' listeners) exist from v2 on; older versions cannot carry them. */
  static ApiHandler describe(QuorumAdmin quorum) {
    return request ->
        quorum
            .describe(request.body(DescribeQuorumRequestData.class))
            .thenApply(
                response -> {
                  if (request.apiVersion() < 2) {
                    response.nodes().clear();
                  }
                  return (ApiMessage) response;
                });
  }

  static ApiHandler addVoter(QuorumAdmin quorum) {
    return request ->
        quorum
            .addVoter(request.body(AddRaftVoterRequestData.class))
            .thenApply(response -> (ApiMessage) response);
  }

  static ApiHandler removeVoter(QuorumAdmin quorum) {
    return request ->
        quorum
            .removeVoter(request.body(RemoveRaftVoterRequestData.class))
            .thenApply(response -> (ApiMessage) response);
  }
}
