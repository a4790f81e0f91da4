package dev.brook.broker.group;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic consumer-group coordinator of one broker: it serves the groups whose offsets-topic
 * partition this broker leads ({@link #onElection}) and persists their state in that partition
 * through {@link OffsetsLog}.
 *
 * <p>Requests arrive decoded as kafka-clients {@code *Data} objects with the request version in
 * {@link RequestContext}; responses hold only fields valid at that version and are encoded by the
 * caller; {@link dev.brook.broker.api.SupportedApis} lists the versions served. Futures never
 * complete exceptionally: errors travel as error codes (an exception escaping would be a bug;
 * answer UNKNOWN_SERVER_ERROR).
 *
 * <p>Thread-safety: safe for concurrent use. Each group is guarded by its own monitor; deadlines,
 * loading, offset expiry and snapshots run on the given scheduler, which the caller owns and shuts
 * down. A response future may complete on the request thread, the scheduler or the thread that
 * completes an append, possibly while a group monitor is held: its dependents must not block.
 */
public final class GroupCoordinator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCoordinator.class);

  private final GroupCoordinatorConfig config;
  private final Time time;
  private final ScheduledExecutorService scheduler;
  private final GroupRegistry registry;
  private final GroupLoader loader;
  private final Rebalancer rebalancer;
  private final JoinGroupHandler joinGroup;
  private final SyncGroupHandler syncGroup;
  private final HeartbeatHandler heartbeat;
  private final LeaveGroupHandler leaveGroup;
  private final OffsetCommitHandler offsetCommit;
  private final OffsetFetchHandler offsetFetch;
  private final GroupListing listing;
  private final GroupDeletion deletion;
  private final OffsetsSnapshotter snapshotter;
  private final ScheduledFuture<?> maintenanceTask;

  public GroupCoordinator(
      GroupCoordinatorConfig config,
      Time time,
      ScheduledExecutorService scheduler,
      OffsetsLog offsetsLog,
      KnownPartitions knownPartitions) {
    this.config = config;
    this.time = time;
    this.scheduler = scheduler;
    this.registry = new GroupRegistry(config.offsetsTopicPartitions());
    this.loader = new GroupLoader(offsetsLog);
    GroupTimers timers = new GroupTimers(scheduler);
    GroupWriter writer = new GroupWriter(offsetsLog, time);
    this.rebalancer = new Rebalancer(config, time, timers, writer);
    this.joinGroup = new JoinGroupHandler(config, time, registry, rebalancer, writer);
    this.syncGroup = new SyncGroupHandler(time, registry, rebalancer, writer);
    this.heartbeat = new HeartbeatHandler(registry, rebalancer);
    this.leaveGroup = new LeaveGroupHandler(registry, rebalancer);
    this.offsetCommit =
        new OffsetCommitHandler(config, time, registry, rebalancer, writer, knownPartitions);
    this.offsetFetch = new OffsetFetchHandler(registry);
    this.listing = new GroupListing(registry);
    this.deletion = new GroupDeletion(time, registry, rebalancer, writer, knownPartitions);
    OffsetExpiry expiry = new OffsetExpiry(config, time, registry, writer, deletion);
    this.snapshotter = new OffsetsSnapshotter(config, registry, writer, offsetsLog, scheduler);
    this.maintenanceTask =
        scheduler.scheduleWithFixedDelay(
            () -> {
              try {
                expiry.run();
                snapshotter.run();
              } catch (RuntimeException e) {
                // An escaping exception would cancel the periodic task for good.
                LOG.error("Group coordinator maintenance failed", e);
              }
            },
            config.offsetsRetentionCheckIntervalMs(),
            config.offsetsRetentionCheckIntervalMs(),
            TimeUnit.MILLISECONDS);
  }

  /** The {@code __consumer_offsets} partition of a group: Kafka's rule, abs(hashCode) % count. */
  public int partitionFor(String groupId) {
    return registry.partitionFor(groupId);
  }

  /**
   * Makes this broker the coordinator of the partition's groups. Loading runs on the scheduler;
   * until it finishes, requests for those groups get COORDINATOR_LOAD_IN_PROGRESS.
   */
  public void onElection(int offsetsPartition) {
    if (!registry.startLoading(offsetsPartition)) {
      LOG.info("Offsets partition {} is already loading or loaded", offsetsPartition);
      return;
    }
    try {
      scheduler.execute(() -> load(offsetsPartition));
    } catch (RejectedExecutionException e) {
      LOG.warn("Cannot load offsets partition {}: scheduler shut down", offsetsPartition, e);
    }
  }

  private void load(int partition) {
    long startMs = time.milliseconds();
    List<ClassicGroup> groups;
    try {
      groups = loader.load(partition, startMs);
    } catch (RuntimeException e) {
      LOG.error("Failed to load groups of offsets partition {}", partition, e);
      registry.removePartition(partition);
      return;
    }
    if (!registry.isLoading(partition)) {
      LOG.info("Discarding load of offsets partition {}: resigned meanwhile", partition);
      return;
    }
    // A request that raced with an earlier resignation may have left a group behind.
    for (ClassicGroup orphan : registry.dropGroupsOf(partition)) {
      synchronized (orphan) {
        rebalancer.abandon(orphan, Errors.NOT_COORDINATOR);
        orphan.transitionTo(GroupState.DEAD, time.milliseconds());
      }
    }
    for (ClassicGroup group : groups) {
      synchronized (group) {
        registry.putLoaded(group);
        group.members().forEach(m -> rebalancer.scheduleHeartbeat(group, m, m.sessionTimeoutMs()));
        if (group.size() > config.groupMaxSize()) {
          // group.max.size was lowered: rebalance so that members can commit before some leave.
          rebalancer.prepareRebalance(group, "loaded group is over group.max.size");
        }
      }
    }
    registry.setStatus(partition, GroupRegistry.PartitionStatus.ACTIVE);
    LOG.info(
        "Loaded {} groups of offsets partition {} in {} ms",
        groups.size(),
        partition,
        time.milliseconds() - startMs);
  }

  /**
   * Stops coordinating the partition's groups: their waiting requests get NOT_COORDINATOR and later
   * requests too, until a new election.
   */
  public void onResignation(int offsetsPartition) {
    for (ClassicGroup group : registry.removePartition(offsetsPartition)) {
      synchronized (group) {
        rebalancer.abandon(group, Errors.NOT_COORDINATOR);
        group.transitionTo(GroupState.DEAD, time.milliseconds());
      }
    }
  }

  public CompletableFuture<JoinGroupResponseData> joinGroup(
      RequestContext context, JoinGroupRequestData request) {
    return joinGroup.handle(context, request);
  }

  public CompletableFuture<SyncGroupResponseData> syncGroup(
      RequestContext context, SyncGroupRequestData request) {
    return syncGroup.handle(context, request);
  }

  public CompletableFuture<HeartbeatResponseData> heartbeat(
      RequestContext context, HeartbeatRequestData request) {
    return heartbeat.handle(context, request);
  }

  public CompletableFuture<LeaveGroupResponseData> leaveGroup(
      RequestContext context, LeaveGroupRequestData request) {
    return leaveGroup.handle(context, request);
  }

  public CompletableFuture<OffsetCommitResponseData> commitOffsets(
      RequestContext context, OffsetCommitRequestData request) {
    return offsetCommit.handle(context, request);
  }

  public CompletableFuture<OffsetFetchResponseData> fetchOffsets(
      RequestContext context, OffsetFetchRequestData request) {
    return offsetFetch.handle(context, request);
  }

  public CompletableFuture<ListGroupsResponseData> listGroups(
      RequestContext context, ListGroupsRequestData request) {
    return listing.list(context, request);
  }

  public CompletableFuture<DescribeGroupsResponseData> describeGroups(
      RequestContext context, DescribeGroupsRequestData request) {
    return listing.describe(context, request);
  }

  public CompletableFuture<DeleteGroupsResponseData> deleteGroups(
      RequestContext context, DeleteGroupsRequestData request) {
    return deletion.deleteGroups(context, request);
  }

  public CompletableFuture<OffsetDeleteResponseData> deleteOffsets(
      RequestContext context, OffsetDeleteRequestData request) {
    return deletion.deleteOffsets(context, request);
  }

  /**
   * Writes the live state of an offsets-topic partition anew and lets the log drop older records
   * (see {@link OffsetsSnapshotter}); runs by itself every {@code
   * offsets.retention.check.interval.ms} for partitions that grew enough. Needs {@link
   * OffsetsLog#logEndOffset}; a no-op otherwise.
   */
  public CompletableFuture<Void> snapshot(int offsetsPartition) {
    return snapshotter.snapshot(offsetsPartition);
  }

  /**
   * Fails waiting requests with NOT_COORDINATOR and cancels every deadline; the scheduler is the
   * caller's.
   */
  @Override
  public void close() {
    maintenanceTask.cancel(false);
    for (ClassicGroup group : List.copyOf(registry.all())) {
      synchronized (group) {
        rebalancer.abandon(group, Errors.NOT_COORDINATOR);
      }
    }
  }
}
