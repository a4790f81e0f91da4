package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.BrokerConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MetadataQuorumTest {

  private static final String VOTERS = "1@127.0.0.1:9093,2@127.0.0.2:9093,3@127.0.0.3:9093";

  @Test
  void shouldAcceptCombinedVoterWhenVotersAreSet() {
    BrokerConfig config =
        new BrokerConfig(Map.of("node.id", "2", "controller.quorum.voters", VOTERS));
    assertThat(MetadataQuorum.votersOf(config).voters()).hasSize(3);
  }

  @Test
  void shouldMeanSingleNodeWhenVotersAreEmpty() {
    assertThat(MetadataQuorum.votersOf(new BrokerConfig(Map.of())).isEmpty()).isTrue();
  }

  @Test
  void shouldAcceptBrokerOnlyNodeWhenItIsNotAVoter() {
    BrokerConfig config =
        new BrokerConfig(
            Map.of(
                "node.id",
                "4",
                "controller.quorum.voters",
                VOTERS,
                "process.roles",
                "broker",
                "controller.listener.names",
                "CONTROLLER",
                "listeners",
                "PLAINTEXT://127.0.0.4:9092"));
    assertThat(MetadataQuorum.votersOf(config).voters()).hasSize(3);
  }

  @Test
  void shouldRefuseBrokerOnlyRoleWhenTheNodeIsAVoter() {
    BrokerConfig broker =
        new BrokerConfig(
            Map.of("node.id", "2", "controller.quorum.voters", VOTERS, "process.roles", "broker"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(broker))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.id 2 is a voter")
        .hasMessageContaining("must have the controller role");
  }

  @Test
  void shouldAcceptADedicatedVoterThatListensOnItsControllerListenerOnly() {
    BrokerConfig dedicated = dedicated("2", "CONTROLLER://127.0.0.1:" + voterPort(2));
    assertThat(MetadataQuorum.votersOf(dedicated).voter(2)).isPresent();
    assertThat(dedicated.hasBrokerRole()).isFalse();

    assertThatThrownBy(
            () ->
                MetadataQuorum.votersOf(
                    dedicated(
                        "2", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:" + voterPort(2))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listens on its controller listener only");
    assertThatThrownBy(
            () -> MetadataQuorum.votersOf(dedicated("4", "CONTROLLER://127.0.0.1:19999")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.id 4 has the controller role but is not a voter");
    BrokerConfig alone =
        new BrokerConfig(
            Map.of(
                "node.id",
                "1",
                "process.roles",
                "controller",
                "listeners",
                "CONTROLLER://127.0.0.1:9093"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(alone))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set controller.quorum.voters");
  }

  private static BrokerConfig dedicated(String nodeId, String listeners) {
    return new BrokerConfig(
        Map.of(
            "node.id",
            nodeId,
            "controller.quorum.voters",
            VOTERS,
            "process.roles",
            "controller",
            "listeners",
            listeners));
  }

  private static String voterPort(int id) {
    return VOTERS.split(",")[id - 1].substring(VOTERS.split(",")[id - 1].lastIndexOf(':') + 1);
  }

  @Test
  void shouldRefuseControllerRoleWhenTheNodeIsNotAVoter() {
    BrokerConfig config =
        new BrokerConfig(Map.of("node.id", "4", "controller.quorum.voters", VOTERS));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("node.id 4 has the controller role but is not a voter")
        .hasMessageContaining("process.roles=broker");
  }

  @Test
  void shouldRefuseControllerListenerWhenTheNodeIsBrokerOnly() {
    BrokerConfig config =
        new BrokerConfig(
            Map.of(
                "node.id",
                "4",
                "controller.quorum.voters",
                VOTERS,
                "process.roles",
                "broker",
                "listeners",
                "PLAINTEXT://127.0.0.4:9092,CONTROLLER://127.0.0.4:9093"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("a broker-only node must not listen on a controller listener");
  }

  @Test
  void shouldRefuseControllerListenerWhenItIsNotTheVoterAddress() {
    BrokerConfig config =
        new BrokerConfig(
            Map.of(
                "node.id",
                "1",
                "controller.quorum.voters",
                VOTERS,
                "listeners",
                "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9094"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("voter address");
  }
}
