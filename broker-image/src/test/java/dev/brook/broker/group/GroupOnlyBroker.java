package dev.brook.broker.group;

import dev.brook.broker.api.SupportedApis;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * A one-node Kafka wire front end for the group coordinator alone, for tests with stock clients: it
 * serves the group APIs through {@link GroupCoordinator} and just enough else (ApiVersions,
 * Metadata, FindCoordinator, ListOffsets, empty Fetch) for a consumer to join a group. One thread
 * per connection answers requests in order, as a broker does. Loopback only.
 */
final class GroupOnlyBroker implements AutoCloseable {
  static final String TOPIC = "t";
  static final int TOPIC_PARTITIONS = 2;
  private static final int NODE_ID = 0;

  private final GroupCoordinator coordinator;

  /** The group coordinator's APIs, served at the versions the broker advertises for them. */
  static final List<ApiKeys> GROUP_APIS =
      List.of(
          ApiKeys.JOIN_GROUP,
          ApiKeys.SYNC_GROUP,
          ApiKeys.HEARTBEAT,
          ApiKeys.LEAVE_GROUP,
          ApiKeys.OFFSET_COMMIT,
          ApiKeys.OFFSET_FETCH,
          ApiKeys.LIST_GROUPS,
          ApiKeys.DESCRIBE_GROUPS,
          ApiKeys.DELETE_GROUPS,
          ApiKeys.OFFSET_DELETE);

  private final Map<ApiKeys, Short> maxVersions;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final List<Socket> sockets = new ArrayList<>();

  GroupOnlyBroker(GroupCoordinator coordinator) throws IOException {
    this(coordinator, Map.of());
  }

  /** Advertises at most {@code maxVersions} for the group APIs named, as an older broker would. */
  GroupOnlyBroker(GroupCoordinator coordinator, Map<ApiKeys, Short> maxVersions)
      throws IOException {
    this.coordinator = coordinator;
    this.maxVersions = maxVersions;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::acceptLoop);
  }

  String bootstrap() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        synchronized (sockets) {
          sockets.add(socket);
        }
        threads.execute(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
      while (true) {
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        out.write(handle(ByteBuffer.wrap(frame)));
        out.flush();
      }
    } catch (IOException | RuntimeException disconnected) {
      // the client went away, or the test ended
    }
  }

  private byte[] handle(ByteBuffer frame) {
    ApiKeys api = ApiKeys.forId(frame.getShort(0));
    short version = frame.getShort(2);
    ByteBufferAccessor accessor = new ByteBufferAccessor(frame);
    RequestHeaderData header = new RequestHeaderData(accessor, api.requestHeaderVersion(version));
    ApiMessage request = ApiMessageType.fromApiKey(api.id).newRequest();
    request.read(accessor, version);
    RequestContext context = new RequestContext(version, header.clientId(), "/127.0.0.1");
    ApiMessage response = dispatch(api, context, request).join();
    short headerVersion = api == ApiKeys.API_VERSIONS ? 0 : api.responseHeaderVersion(version);
    return encode(header.correlationId(), headerVersion, response, version);
  }

  private CompletableFuture<? extends ApiMessage> dispatch(
      ApiKeys api, RequestContext context, ApiMessage request) {
    return switch (api) {
      case API_VERSIONS -> CompletableFuture.completedFuture(apiVersions());
      case METADATA -> CompletableFuture.completedFuture(metadata((MetadataRequestData) request));
      case FIND_COORDINATOR ->
          CompletableFuture.completedFuture(
              findCoordinator(context.apiVersion(), (FindCoordinatorRequestData) request));
      case LIST_OFFSETS ->
          CompletableFuture.completedFuture(listOffsets((ListOffsetsRequestData) request));
      case FETCH -> emptyFetch((FetchRequestData) request);
      case JOIN_GROUP -> coordinator.joinGroup(context, (JoinGroupRequestData) request);
      case SYNC_GROUP -> coordinator.syncGroup(context, (SyncGroupRequestData) request);
      case HEARTBEAT -> coordinator.heartbeat(context, (HeartbeatRequestData) request);
      case LEAVE_GROUP -> coordinator.leaveGroup(context, (LeaveGroupRequestData) request);
      case OFFSET_COMMIT -> coordinator.commitOffsets(context, (OffsetCommitRequestData) request);
      case OFFSET_FETCH -> coordinator.fetchOffsets(context, (OffsetFetchRequestData) request);
      case LIST_GROUPS -> coordinator.listGroups(context, (ListGroupsRequestData) request);
      case DESCRIBE_GROUPS ->
          coordinator.describeGroups(context, (DescribeGroupsRequestData) request);
      case DELETE_GROUPS -> coordinator.deleteGroups(context, (DeleteGroupsRequestData) request);
      case OFFSET_DELETE -> coordinator.deleteOffsets(context, (OffsetDeleteRequestData) request);
      default -> throw new IllegalStateException("Not advertised: " + api);
    };
  }

  private ApiVersionsResponseData apiVersions() {
    ApiVersionCollection versions = new ApiVersionCollection();
    add(versions, ApiKeys.API_VERSIONS, ApiKeys.API_VERSIONS.latestVersion());
    add(versions, ApiKeys.METADATA, (short) 12);
    add(versions, ApiKeys.FIND_COORDINATOR, ApiKeys.FIND_COORDINATOR.latestVersion());
    add(versions, ApiKeys.LIST_OFFSETS, ApiKeys.LIST_OFFSETS.latestVersion());
    add(versions, ApiKeys.FETCH, (short) 12); // topic names, no topic ids
    SupportedApis supported = new SupportedApis();
    for (ApiKeys api : GROUP_APIS) {
      versions.add(
          new ApiVersion()
              .setApiKey(api.id)
              .setMinVersion(supported.oldestParsed(api))
              .setMaxVersion(maxVersions.getOrDefault(api, supported.latest(api))));
    }
    return new ApiVersionsResponseData().setApiKeys(versions);
  }

  private static void add(ApiVersionCollection versions, ApiKeys api, short max) {
    versions.add(
        new ApiVersion().setApiKey(api.id).setMinVersion(api.oldestVersion()).setMaxVersion(max));
  }

  private MetadataResponseData metadata(MetadataRequestData request) {
    MetadataResponseData.MetadataResponseBrokerCollection brokers =
        new MetadataResponseData.MetadataResponseBrokerCollection();
    brokers.add(
        new MetadataResponseData.MetadataResponseBroker()
            .setNodeId(NODE_ID)
            .setHost("127.0.0.1")
            .setPort(server.getLocalPort()));
    MetadataResponseData.MetadataResponseTopicCollection topics =
        new MetadataResponseData.MetadataResponseTopicCollection();
    boolean all = request.topics() == null;
    boolean wanted = all || request.topics().stream().anyMatch(t -> TOPIC.equals(t.name()));
    if (wanted) {
      List<MetadataResponseData.MetadataResponsePartition> partitions = new ArrayList<>();
      for (int p = 0; p < TOPIC_PARTITIONS; p++) {
        partitions.add(
            new MetadataResponseData.MetadataResponsePartition()
                .setPartitionIndex(p)
                .setLeaderId(NODE_ID)
                .setLeaderEpoch(0)
                .setReplicaNodes(List.of(NODE_ID))
                .setIsrNodes(List.of(NODE_ID)));
      }
      topics.add(
          new MetadataResponseData.MetadataResponseTopic()
              .setName(TOPIC)
              .setPartitions(partitions));
    }
    return new MetadataResponseData()
        .setBrokers(brokers)
        .setClusterId("group-only")
        .setControllerId(NODE_ID)
        .setTopics(topics);
  }

  private FindCoordinatorResponseData findCoordinator(
      short version, FindCoordinatorRequestData request) {
    if (version < 4) {
      return new FindCoordinatorResponseData()
          .setNodeId(NODE_ID)
          .setHost("127.0.0.1")
          .setPort(server.getLocalPort());
    }
    List<FindCoordinatorResponseData.Coordinator> coordinators = new ArrayList<>();
    for (String key : request.coordinatorKeys()) {
      coordinators.add(
          new FindCoordinatorResponseData.Coordinator()
              .setKey(key)
              .setNodeId(NODE_ID)
              .setHost("127.0.0.1")
              .setPort(server.getLocalPort()));
    }
    return new FindCoordinatorResponseData().setCoordinators(coordinators);
  }

  private static ListOffsetsResponseData listOffsets(ListOffsetsRequestData request) {
    List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>();
    for (ListOffsetsRequestData.ListOffsetsTopic topic : request.topics()) {
      List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
      for (ListOffsetsRequestData.ListOffsetsPartition partition : topic.partitions()) {
        partitions.add(
            new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                .setPartitionIndex(partition.partitionIndex())
                .setOffset(0L)
                .setTimestamp(-1L)
                .setLeaderEpoch(0));
      }
      topics.add(
          new ListOffsetsResponseData.ListOffsetsTopicResponse()
              .setName(topic.name())
              .setPartitions(partitions));
    }
    return new ListOffsetsResponseData().setTopics(topics);
  }

  /** Answers every requested partition with no records, after the request's max wait. */
  private static CompletableFuture<FetchResponseData> emptyFetch(FetchRequestData request) {
    List<FetchResponseData.FetchableTopicResponse> topics = new ArrayList<>();
    for (FetchRequestData.FetchTopic topic : request.topics()) {
      List<FetchResponseData.PartitionData> partitions = new ArrayList<>();
      for (FetchRequestData.FetchPartition partition : topic.partitions()) {
        partitions.add(
            new FetchResponseData.PartitionData()
                .setPartitionIndex(partition.partition())
                .setHighWatermark(0L)
                .setLastStableOffset(0L)
                .setLogStartOffset(0L)
                .setRecords(MemoryRecords.EMPTY));
      }
      topics.add(
          new FetchResponseData.FetchableTopicResponse()
              .setTopic(topic.topic())
              .setPartitions(partitions));
    }
    FetchResponseData response =
        new FetchResponseData().setErrorCode(Errors.NONE.code()).setResponses(topics);
    long waitMs = Math.min(request.maxWaitMs(), 200);
    return CompletableFuture.supplyAsync(
        () -> response, CompletableFuture.delayedExecutor(waitMs, TimeUnit.MILLISECONDS));
  }

  private static byte[] encode(
      int correlationId, short headerVersion, ApiMessage body, short version) {
    ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
    ObjectSerializationCache cache = new ObjectSerializationCache();
    int size = header.size(cache, headerVersion) + body.size(cache, version);
    ByteBuffer buffer = ByteBuffer.allocate(4 + size);
    buffer.putInt(size);
    ByteBufferAccessor out = new ByteBufferAccessor(buffer);
    header.write(out, cache, headerVersion);
    body.write(out, cache, version);
    return buffer.array();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
    threads.shutdownNow();
  }
}
