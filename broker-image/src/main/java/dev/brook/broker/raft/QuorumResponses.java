package dev.brook.broker.raft;

import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.requests.ApiError;

/** The quorum APIs' responses that carry only an outcome: its code, and its message on failure. */
public final class QuorumResponses {

  private QuorumResponses() {}

  public static DescribeQuorumResponseData describe(ApiError outcome) {
    return new DescribeQuorumResponseData()
        .setErrorCode(outcome.error().code())
        .setErrorMessage(message(outcome));
  }

  public static AddRaftVoterResponseData addVoter(ApiError outcome) {
    return new AddRaftVoterResponseData()
        .setErrorCode(outcome.error().code())
        .setErrorMessage(message(outcome));
  }

  public static RemoveRaftVoterResponseData removeVoter(ApiError outcome) {
    return new RemoveRaftVoterResponseData()
        .setErrorCode(outcome.error().code())
        .setErrorMessage(message(outcome));
  }

  /** UpdateRaftVoter's response has no message: the leader logs why it refused. */
  public static UpdateRaftVoterResponseData updateVoter(ApiError outcome) {
    return new UpdateRaftVoterResponseData().setErrorCode(outcome.error().code());
  }

  private static String message(ApiError outcome) {
    return outcome.isSuccess() ? null : outcome.messageWithFallback();
  }
}
