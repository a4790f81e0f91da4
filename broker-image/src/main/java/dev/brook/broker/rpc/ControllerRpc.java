package dev.brook.broker.rpc;

import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.AlterPartitionRequest;
import dev.brook.broker.controller.AlterPartitionResult;
import dev.brook.broker.controller.ConfigChange;
import dev.brook.broker.controller.TopicCreationResult;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.raft.QuorumResponses;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.AddRaftVoterRequestData;
import org.apache.kafka.common.message.AddRaftVoterResponseData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.DescribeQuorumRequestData;
import org.apache.kafka.common.message.DescribeQuorumResponseData;
import org.apache.kafka.common.message.RemoveRaftVoterRequestData;
import org.apache.kafka.common.message.RemoveRaftVoterResponseData;
import org.apache.kafka.common.message.UpdateRaftVoterRequestData;
import org.apache.kafka.common.message.UpdateRaftVoterResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;

/**
 * The requests brokers send to the active controller, and its answers. Each request type has
 * exactly one response type; every response carries an error ({@code NOT_CONTROLLER} when the
 * receiving voter is not, or not yet, the active controller: the sender retries).
 */
public final class ControllerRpc {

  private ControllerRpc() {}

  /** A request, sent as a Ratis read-only message so that it reaches the leader. */
  public sealed interface Request {}

  /** A response; {@link #error} is {@link Errors#NONE} on success. */
  public sealed interface Response {
    Errors error();
  }

  /**
   * A broker (re)starts: {@code epoch} identifies this incarnation (a fresh value per process
   * start, so heartbeats and ISR changes of an older incarnation are refused).
   */
  public record BrokerRegistration(
      int brokerId, long epoch, Optional<String> rack, List<Listener> endpoints)
      implements Request {
    public BrokerRegistration {
      endpoints = List.copyOf(endpoints);
    }
  }

  public record BrokerHeartbeat(int brokerId, long epoch) implements Request {}

  /** Move leadership off the broker and fence it; answered once committed. */
  public record ControlledShutdown(int brokerId, long epoch) implements Request {}

  public record AlterPartition(AlterPartitionRequest request) implements Request {}

  public record AllocateProducerIds(int brokerId) implements Request {}

  /** Topic creation forwarded by a broker that is not the active controller. */
  public record CreateTopics(List<CreatableTopic> topics, boolean validateOnly) implements Request {
    public CreateTopics {
      topics = List.copyOf(topics);
    }
  }

  /**
   * Config changes of topics or brokers (by resource name) forwarded by a broker that is not the
   * active controller.
   */
  public record AlterConfigs(
      ConfigResource.Type type, Map<String, List<ConfigChange>> changes, boolean validateOnly)
      implements Request {
    public AlterConfigs {
      changes = Map.copyOf(changes);
    }
  }

  /** A removed broker to forget, forwarded by the broker that received UnregisterBroker. */
  public record UnregisterBroker(int brokerId) implements Request {}

  /** DescribeQuorum forwarded to the active controller, which alone knows the followers. */
  public record DescribeQuorum(DescribeQuorumRequestData data) implements Request {}

  /** AddRaftVoter, from an admin client or a node joining by itself (auto-join). */
  public record AddRaftVoter(AddRaftVoterRequestData data) implements Request {}

  public record RemoveRaftVoter(RemoveRaftVoterRequestData data) implements Request {}

  /** UpdateRaftVoter, from a voter back at another address (a new incarnation). */
  public record UpdateRaftVoter(UpdateRaftVoterRequestData data) implements Request {}

  /**
   * A broker-only node follows the committed metadata log: asks for what was committed after {@code
   * afterOffset} (a log offset as the voters number it; -1 for everything).
   */
  public record FetchMetadata(int brokerId, long afterOffset) implements Request {}

  /** Answer to registration and controlled shutdown. */
  public record Ack(Errors error) implements Response {}

  /**
   * {@code fenced}: the broker must not lead or serve until unfenced. {@code shouldShutDown}: the
   * controller has completed this broker's controlled shutdown, or does not know its epoch (a newer
   * incarnation registered): it must stop (or re-register).
   */
  public record HeartbeatReply(Errors error, boolean fenced, boolean shouldShutDown)
      implements Response {}

  public record AlterPartitionReply(AlterPartitionResult result) implements Response {
    @Override
    public Errors error() {
      return result.error();
    }
  }

  public record ProducerIdsReply(Errors error, long firstProducerId) implements Response {}

  /** Per-resource outcomes of {@link AlterConfigs}. */
  public record ConfigsAltered(Errors error, Map<String, ApiError> results) implements Response {
    public ConfigsAltered {
      results = Map.copyOf(results);
    }
  }

  /**
   * Answer to {@link UnregisterBroker}: the controller's decision, or why no controller decided.
   */
  public record BrokerUnregistered(ApiError outcome) implements Response {
    @Override
    public Errors error() {
      return outcome.error();
    }
  }

  public record QuorumDescribed(DescribeQuorumResponseData data) implements Response {
    @Override
    public Errors error() {
      return Errors.forCode(data.errorCode());
    }
  }

  public record VoterAdded(AddRaftVoterResponseData data) implements Response {
    @Override
    public Errors error() {
      return Errors.forCode(data.errorCode());
    }
  }

  public record VoterRemoved(RemoveRaftVoterResponseData data) implements Response {
    @Override
    public Errors error() {
      return Errors.forCode(data.errorCode());
    }
  }

  public record VoterUpdated(UpdateRaftVoterResponseData data) implements Response {
    @Override
    public Errors error() {
      return Errors.forCode(data.errorCode());
    }
  }

  /** Per-topic outcomes; {@code error} is about the request as a whole. */
  public record TopicsCreated(Errors error, List<TopicCreationResult> results) implements Response {
    public TopicsCreated {
      results = List.copyOf(results);
    }
  }

  /** The records of one committed log entry; {@code lastOffset} is the entry's log offset. */
  public record CommittedEntry(long lastOffset, List<MetadataRecord> records) {
    public CommittedEntry {
      records = List.copyOf(records);
    }
  }

  /** A whole metadata image as of {@code offset}, as the records that rebuild it from empty. */
  public record ImageRecords(long offset, List<MetadataRecord> records) {
    public ImageRecords {
      records = List.copyOf(records);
    }
  }

  /**
   * Answer to {@link FetchMetadata}. {@code entries} are the committed entries after the asked
   * offset, in log order (at most a bounded number: ask again from the last one). When the
   * controller no longer holds those entries, {@code image} is present instead: the fetcher
   * replaces its state with it, and {@code entries} then follow the image's offset. {@code
   * lastOffset} is the offset of the last entry the controller has applied (the fetcher is caught
   * up once it reached it); {@code controllerId} the node id of the answering active controller.
   */
  public record MetadataFetched(
      Errors error,
      int controllerId,
      long lastOffset,
      Optional<ImageRecords> image,
      List<CommittedEntry> entries)
      implements Response {
    public MetadataFetched {
      entries = List.copyOf(entries);
    }
  }

  /** The response of {@code request}'s type carrying {@code error} and no data. */
  public static Response failure(Request request, Errors error) {
    if (request instanceof BrokerHeartbeat) {
      return new HeartbeatReply(error, true, false);
    } else if (request instanceof AlterPartition) {
      return new AlterPartitionReply(AlterPartitionResult.failed(error));
    } else if (request instanceof AllocateProducerIds) {
      return new ProducerIdsReply(error, -1);
    } else if (request instanceof CreateTopics) {
      return new TopicsCreated(error, List.of());
    } else if (request instanceof AlterConfigs) {
      return new ConfigsAltered(error, Map.of());
    } else if (request instanceof UnregisterBroker) {
      return new BrokerUnregistered(new ApiError(error));
    } else if (request instanceof FetchMetadata) {
      return new MetadataFetched(error, -1, -1, Optional.empty(), List.of());
    } else if (request instanceof DescribeQuorum) {
      return new QuorumDescribed(QuorumResponses.describe(new ApiError(error)));
    } else if (request instanceof AddRaftVoter) {
      return new VoterAdded(QuorumResponses.addVoter(new ApiError(error)));
    } else if (request instanceof RemoveRaftVoter) {
      return new VoterRemoved(QuorumResponses.removeVoter(new ApiError(error)));
    } else if (request instanceof UpdateRaftVoter) {
      return new VoterUpdated(QuorumResponses.updateVoter(new ApiError(error)));
    }
    return new Ack(error);
  }
}
