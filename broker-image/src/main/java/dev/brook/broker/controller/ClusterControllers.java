package dev.brook.broker.controller;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.BrokerConfigDef;
import dev.brook.broker.config.BrokerLogDefaults;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.MetadataJournal;
import java.util.Optional;

/** Builds the {@link ClusterController} a broker configuration describes. */
public final class ClusterControllers {

  private ClusterControllers() {}

  /**
   * A controller acting while {@code leadership} holds and forwarding what any broker needs to
   * {@code activeController} otherwise. Unclean leader election follows the topic's override, else
   * {@code unclean.leader.election.enable} of this configuration.
   */
  public static ClusterController forConfig(
      BrokerConfig config,
      MetadataJournal journal,
      MetadataCache cache,
      ControllerLeadership leadership,
      Optional<ControllerChannel> activeController) {
    PlacementReplicaAssigner assigner = new PlacementReplicaAssigner();
    BrokerLogDefaults logDefaults = BrokerLogDefaults.from(config, cache::image);
    boolean uncleanDefault = config.getBoolean(BrokerConfigDef.UNCLEAN_LEADER_ELECTION_ENABLE);
    return new ClusterController(
        journal,
        cache,
        new TopicCreator(
            config.numPartitions(),
            config.defaultReplicationFactor(),
            assigner,
            logDefaults::forTopic),
        new TopicDeleter(config.deleteTopicEnable()),
        new PartitionCreator(assigner),
        new TopicConfigAlterer(logDefaults::forTopic),
        new PartitionLeaderElector(
            topicConfigs -> {
              String override = topicConfigs.get(BrokerConfigDef.UNCLEAN_LEADER_ELECTION_ENABLE);
              return override == null ? uncleanDefault : Boolean.parseBoolean(override);
            }),
        leadership,
        activeController);
  }
}
