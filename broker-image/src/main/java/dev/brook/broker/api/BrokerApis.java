package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.log.LogManager;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.network.RequestDispatcher;
import dev.brook.broker.network.RequestParser;
import dev.brook.broker.replication.ReplicaManager;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.utils.Time;

/** Builds every API handler of a broker and the dispatcher that routes requests to them. */
public final class BrokerApis implements AutoCloseable {

  private final SupportedApis supported = new SupportedApis();
  private final KafkaApis dispatcher;
  private final GroupApis groups;

  /** {@code controllerId}: the node Metadata names as controller (the quorum leader). */
  public BrokerApis(
      BrokerConfig config,
      String clusterId,
      java.util.function.IntSupplier controllerId,
      MetadataCache cache,
      ClusterController controller,
      dev.brook.broker.raft.QuorumAdmin quorum,
      ReplicaManager replicaManager,
      LogManager logManager,
      BrokerLogDefaults logDefaults,
      Time time,
      ScheduledExecutorService scheduler,
      Executor requestHandlers) {
    ClusterIdentity identity = new ClusterIdentity(clusterId, config.nodeId(), controllerId);
    TopicConfigEntries configEntries = new TopicConfigEntries(logDefaults);
    this.groups = new GroupApis(config, cache, controller, replicaManager, time, scheduler);
    this.dispatcher =
        new KafkaApis(requestHandlers)
            .register(new ApiVersionsHandler(supported), ApiKeys.API_VERSIONS)
            .register(
                new MetadataHandler(cache, controller, identity, config.autoCreateTopics()),
                ApiKeys.METADATA)
            .register(new ProduceHandler(replicaManager, cache), ApiKeys.PRODUCE)
            .register(
                new FetchHandler(replicaManager, cache, config.fetchMaxBytes()), ApiKeys.FETCH)
            .register(new ListOffsetsHandler(replicaManager), ApiKeys.LIST_OFFSETS)
            .register(new DeleteRecordsHandler(replicaManager), ApiKeys.DELETE_RECORDS)
            .register(new DescribeLogDirsHandler(logManager), ApiKeys.DESCRIBE_LOG_DIRS)
            .register(
                new OffsetForLeaderEpochHandler(replicaManager), ApiKeys.OFFSET_FOR_LEADER_EPOCH)
            .register(new CreateTopicsHandler(controller, configEntries), ApiKeys.CREATE_TOPICS)
            .register(new DeleteTopicsHandler(controller), ApiKeys.DELETE_TOPICS)
            .register(new CreatePartitionsHandler(controller), ApiKeys.CREATE_PARTITIONS)
            .register(
                new DescribeConfigsHandler(cache, configEntries, config), ApiKeys.DESCRIBE_CONFIGS)
            .register(
                new IncrementalAlterConfigsHandler(controller), ApiKeys.INCREMENTAL_ALTER_CONFIGS)
            .register(new AlterConfigsHandler(controller, cache), ApiKeys.ALTER_CONFIGS)
            .register(new DescribeClusterHandler(cache, identity), ApiKeys.DESCRIBE_CLUSTER)
            .register(new ElectLeadersHandler(controller), ApiKeys.ELECT_LEADERS)
            .register(new UnregisterBrokerHandler(controller), ApiKeys.UNREGISTER_BROKER)
            .register(QuorumHandlers.describe(quorum), ApiKeys.DESCRIBE_QUORUM)
            .register(QuorumHandlers.addVoter(quorum), ApiKeys.ADD_RAFT_VOTER)
            .register(QuorumHandlers.removeVoter(quorum), ApiKeys.REMOVE_RAFT_VOTER)
            .register(
                ReassignmentHandlers.alter(controller, cache),
                ApiKeys.ALTER_PARTITION_REASSIGNMENTS)
            .register(ReassignmentHandlers.list(cache), ApiKeys.LIST_PARTITION_REASSIGNMENTS)
            .register(
                new InitProducerIdHandler(new ProducerIdManager(controller, config.nodeId())),
                ApiKeys.INIT_PRODUCER_ID);
    groups.registerWith(dispatcher);
    dispatcher.verifyComplete(supported);
  }

  public RequestParser parser() {
    return new RequestParser(supported);
  }

  public RequestDispatcher dispatcher() {
    return dispatcher;
  }

  @Override
  public void close() {
    groups.close();
  }
}
