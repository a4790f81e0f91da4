package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.BrokerConfig;
import java.util.List;
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
        .hasMessageContaining("broker,controller");
  }

  @Test
  void shouldRefuseDedicatedControllerWhenVotersAreSet() {
    for (String nodeId : List.of("2", "4")) {
      BrokerConfig controller =
          new BrokerConfig(
              Map.of(
                  "node.id",
                  nodeId,
                  "controller.quorum.voters",
                  VOTERS,
                  "process.roles",
                  "controller"));
      assertThatThrownBy(() -> MetadataQuorum.votersOf(controller))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(
              "dedicated controllers (process.roles=controller) are not supported");
    }
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
