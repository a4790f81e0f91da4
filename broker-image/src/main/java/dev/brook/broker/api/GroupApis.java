package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.group.GroupCoordinator;
import dev.brook.broker.group.GroupCoordinatorConfig;
import dev.brook.broker.group.RequestContext;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.network.Request;
import dev.brook.broker.replication.ReplicaManager;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.utils.Time;

/**
 * The consumer-group APIs: the group coordinator, its storage in {@code __consumer_offsets}, its
 * elections (this broker coordinates the groups of the offsets partitions it leads), and
 * FindCoordinator.
 */
final class GroupApis implements AutoCloseable {

  private final GroupCoordinator coordinator;
  private final FindCoordinatorHandler findCoordinator;
  private final OffsetsTopicElections elections;

  GroupApis(
      BrokerConfig config,
      MetadataCache cache,
      ClusterController controller,
      ReplicaManager replicaManager,
      Time time,
      ScheduledExecutorService scheduler) {
    GroupCoordinatorConfig groupConfig = groupConfig(config);
    this.coordinator =
        new GroupCoordinator(
            groupConfig,
            time,
            scheduler,
            new ReplicatedOffsetsLog(replicaManager),
            tp -> cache.image().partition(tp).isPresent());
    this.findCoordinator =
        new FindCoordinatorHandler(
            cache, new OffsetsTopicCreator(config, controller, cache), coordinator::partitionFor);
    this.elections = new OffsetsTopicElections(config.nodeId(), coordinator);
    cache.addListener(elections);
    elections.onMetadataUpdate(MetadataImage.EMPTY, cache.image());
  }

  private static GroupCoordinatorConfig groupConfig(BrokerConfig config) {
    return new GroupCoordinatorConfig(
        config.offsetsTopicPartitions(),
        config.getInt(BrokerConfigDef.GROUP_MIN_SESSION_TIMEOUT_MS),
        config.getInt(BrokerConfigDef.GROUP_MAX_SESSION_TIMEOUT_MS),
        config.getInt(BrokerConfigDef.GROUP_INITIAL_REBALANCE_DELAY_MS),
        config.getInt(BrokerConfigDef.GROUP_MAX_SIZE),
        GroupCoordinatorConfig.defaults().newMemberJoinTimeoutMs(),
        config.getInt(BrokerConfigDef.OFFSET_METADATA_MAX_BYTES),
        config.getInt(BrokerConfigDef.OFFSETS_RETENTION_MINUTES) * 60_000L,
        config.getLong(BrokerConfigDef.OFFSETS_RETENTION_CHECK_INTERVAL_MS),
        GroupCoordinatorConfig.defaults().offsetsSnapshotMinRecords());
  }

  void registerWith(KafkaApis apis) {
    apis.register(findCoordinator, ApiKeys.FIND_COORDINATOR)
        .register(delegate(JoinGroupRequestData.class, coordinator::joinGroup), ApiKeys.JOIN_GROUP)
        .register(delegate(SyncGroupRequestData.class, coordinator::syncGroup), ApiKeys.SYNC_GROUP)
        .register(delegate(HeartbeatRequestData.class, coordinator::heartbeat), ApiKeys.HEARTBEAT)
        .register(
            delegate(LeaveGroupRequestData.class, coordinator::leaveGroup), ApiKeys.LEAVE_GROUP)
        .register(
            delegate(OffsetCommitRequestData.class, coordinator::commitOffsets),
            ApiKeys.OFFSET_COMMIT)
        .register(
            delegate(OffsetFetchRequestData.class, coordinator::fetchOffsets), ApiKeys.OFFSET_FETCH)
        .register(
            delegate(ListGroupsRequestData.class, coordinator::listGroups), ApiKeys.LIST_GROUPS)
        .register(
            delegate(DescribeGroupsRequestData.class, coordinator::describeGroups),
            ApiKeys.DESCRIBE_GROUPS)
        .register(
            delegate(DeleteGroupsRequestData.class, coordinator::deleteGroups),
            ApiKeys.DELETE_GROUPS)
        .register(
            delegate(OffsetDeleteRequestData.class, coordinator::deleteOffsets),
            ApiKeys.OFFSET_DELETE);
  }

  private static <T extends ApiMessage, R extends ApiMessage> ApiHandler delegate(
      Class<T> requestType, BiFunction<RequestContext, T, CompletableFuture<R>> operation) {
    return request ->
        operation.apply(context(request), request.body(requestType)).thenApply(r -> (ApiMessage) r);
  }

  private static RequestContext context(Request request) {
    String host =
        request.clientAddress() == null ? "" : "/" + request.clientAddress().getHostAddress();
    return new RequestContext(request.apiVersion(), request.clientId(), host);
  }

  @Override
  public void close() {
    coordinator.close();
  }
}
