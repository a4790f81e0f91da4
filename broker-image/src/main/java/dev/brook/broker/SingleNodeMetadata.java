package dev.brook.broker;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.controller.ClusterControllers;
import dev.brook.broker.controller.ControllerChannel;
import dev.brook.broker.controller.ControllerLeadership;
import dev.brook.broker.controller.LocalControllerChannel;
import dev.brook.broker.metadata.LocalMetadataJournal;
import dev.brook.broker.metadata.MetadataApplier;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.utils.Time;

/** A single-node cluster: the metadata log is local and this node is always the controller. */
final class SingleNodeMetadata implements MetadataRole {

  private final BrokerConfig config;
  private final ClusterMetaProperties meta;
  private final LocalMetadataJournal journal;
  private final ClusterController controller;
  private final LocalControllerChannel channel;
  private final long epoch;
  private final SingleNodeQuorumAdmin quorumAdmin;

  private SingleNodeMetadata(
      BrokerConfig config,
      ClusterMetaProperties meta,
      LocalMetadataJournal journal,
      ClusterController controller,
      SingleNodeQuorumAdmin quorumAdmin,
      long epoch) {
    this.quorumAdmin = quorumAdmin;
    this.config = config;
    this.meta = meta;
    this.journal = journal;
    this.controller = controller;
    this.channel = new LocalControllerChannel(controller);
    this.epoch = epoch;
  }

  /** Replays the local metadata log into {@code cache} and starts the controller on it. */
  static SingleNodeMetadata start(BrokerConfig config, MetadataCache cache, Time time)
      throws IOException {
    ClusterMetaProperties meta =
        ClusterMetaProperties.loadOrCreate(config.logDirs(), config.nodeId(), config.clusterId());
    LocalMetadataJournal journal = LocalMetadataJournal.open(config.logDirs().get(0), time);
    try {
      journal.start(new MetadataApplier(cache));
    } catch (RuntimeException e) {
      journal.close();
      throw e;
    }
    ClusterController controller =
        ClusterControllers.forConfig(
            config, journal, cache, ControllerLeadership.ALWAYS, Optional.empty());
    Listener listener = config.listeners().get(0);
    SingleNodeQuorumAdmin quorumAdmin =
        new SingleNodeQuorumAdmin(
            config.nodeId(), listener.name(), listener.host(), listener.port(), cache, time);
    return new SingleNodeMetadata(
        config, meta, journal, controller, quorumAdmin, time.milliseconds());
  }

  @Override
  public String clusterId() {
    return meta.clusterId();
  }

  @Override
  public ClusterController controller() {
    return controller;
  }

  @Override
  public ControllerChannel controllerChannel() {
    return channel;
  }

  @Override
  public dev.brook.broker.raft.QuorumAdmin quorumAdmin() {
    return quorumAdmin;
  }

  @Override
  public int controllerId() {
    return config.nodeId();
  }

  @Override
  public long brokerEpoch() {
    return epoch;
  }

  @Override
  public boolean isFollowing() {
    return true;
  }

  @Override
  public boolean isVoting() {
    return true;
  }

  @Override
  public void register(List<Listener> endpoints) {
    controller
        .registerBroker(new RegisterBroker(config.nodeId(), epoch, config.rack(), endpoints))
        .join();
  }

  @Override
  public boolean controlledShutdown(Duration timeout) {
    return true;
  }

  @Override
  public void close() {
    controller.close();
    journal.close();
  }
}
